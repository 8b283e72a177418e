package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** The paper's random crop: zero padding, a window of the original size, two draws per sample. */
class RandomCropTest {
    private static final Shape THREE_BY_THREE = Shape.of(3, 3, 1);

    private static float[] oneToNine() {
        return new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
    }

    @Test
    void apply_drawsTopThenLeft_andShiftsTheWindow() {
        // padding 1: top draw 0 -> window starts 1 row above the image, left draw 2 -> 1 column right of it, so
        // out(y, x) = in(y - 1, x + 1), zero outside.
        float[] image = oneToNine();
        ScriptedRandom random = new ScriptedRandom(0, 2);
        new RandomCrop(1).apply(image, 0, THREE_BY_THREE, random);
        assertThat(image).containsExactly(0, 0, 0, 2, 3, 0, 5, 6, 0);
        assertThat(random.calls).containsExactly("nextInt(3)", "nextInt(3)");
    }

    @Test
    void apply_centredDraw_leavesTheImageAsItIs() {
        float[] image = oneToNine();
        new RandomCrop(4).apply(image, 0, THREE_BY_THREE, new ScriptedRandom(4, 4));
        assertThat(image).containsExactly(oneToNine());
    }

    @Test
    void apply_changesOnlyTheSampleAtTheOffset() {
        float[] batch = new float[2 + 9 + 2];
        System.arraycopy(oneToNine(), 0, batch, 2, 9);
        batch[0] = -1;
        batch[12] = -2;
        new RandomCrop(1).apply(batch, 2, THREE_BY_THREE, new ScriptedRandom(2, 0));
        // out(y, x) = in(y + 1, x - 1)
        assertThat(batch).containsExactly(-1, 0, 0, 4, 5, 0, 7, 8, 0, 0, 0, 0, -2);
    }

    @Test
    void apply_movesWholePixels_andFillsEachChannelWithItsValue() {
        Shape shape = Shape.of(2, 2, 2);
        float[] image = {1, 10, 2, 20, 3, 30, 4, 40};
        new RandomCrop(1, new float[] {-7, -8}).apply(image, 0, shape, new ScriptedRandom(1, 0));
        // out(y, x) = in(y, x - 1): column 0 is fill, column 1 is the old column 0.
        assertThat(image).containsExactly(-7, -8, 1, 10, -7, -8, 3, 30);
    }

    @Test
    void apply_sameSeed_sameCrop() {
        Shape shape = Shape.of(32, 32, 3);
        float[] a = new float[shape.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        float[] b = a.clone();
        new RandomCrop(4).apply(a, 0, shape, new Random(5));
        new RandomCrop(4).apply(b, 0, shape, new Random(5));
        assertThat(a).containsExactly(b);
    }

    @Test
    void apply_paperRecipeThroughBatches_everySampleIsItsSourceShifted() {
        Shape shape = Shape.of(32, 32, 3);
        int count = 5;
        float[] images = new float[count * shape.size()];
        for (int i = 0; i < images.length; i++) {
            images[i] = 1 + i % 251;
        }
        Dataset data = Dataset.of("c", shape, images, new int[count], 1);
        // The batches shuffle first with the same Random (Collections.shuffle draws the same), then crop each sample.
        Random expected = new Random(9);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        Collections.shuffle(order, expected);
        int visited = 0;
        for (Batch batch : data.batches(2, new Random(9), new RandomCrop(4))) {
            for (int s = 0; s < batch.size(); s++) {
                int base = order.get(visited++) * shape.size();
                int top = expected.nextInt(9) - 4;
                int left = expected.nextInt(9) - 4;
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        for (int c = 0; c < 3; c++) {
                            float got = batch.images().get(s, y, x, c);
                            int sy = y + top;
                            int sx = x + left;
                            boolean inside = sy >= 0 && sy < 32 && sx >= 0 && sx < 32;
                            assertThat(got).isEqualTo(inside ? 1 + (base + (sy * 32 + sx) * 3 + c) % 251 : 0f);
                        }
                    }
                }
            }
        }
        assertThat(visited).isEqualTo(count);
    }

    @Test
    void constructor_negativePadding_isRejected() {
        assertThatThrownBy(() -> new RandomCrop(-1)).hasMessage("RandomCrop expects a padding >= 0. Received: -1");
    }

    @Test
    void apply_fillOfAnotherChannelCount_isRejected() {
        assertThatThrownBy(() -> new RandomCrop(1, new float[] {0, 0}).apply(oneToNine(), 0, THREE_BY_THREE,
                new Random(1)))
                .hasMessage("RandomCrop expects one fill value per channel (1). Received: 2");
    }
}
