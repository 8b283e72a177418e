package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** Composing augmentations: in order, on one sample, drawing from one Random. */
class AugmentationTest {
    @Test
    void andThen_appliesBothInOrder_withTheSameRandom() {
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ScriptedRandom random = new ScriptedRandom(1, 2, 0.0);
        new RandomCrop(1).andThen(new HorizontalFlip()).apply(image, 0, Shape.of(3, 3, 1), random);
        // Crop: out(y, x) = in(y, x + 1) -> 2 3 0 / 5 6 0 / 8 9 0; then the flip mirrors each row.
        assertThat(image).containsExactly(0, 3, 2, 0, 6, 5, 0, 9, 8);
        assertThat(random.calls).containsExactly("nextInt(3)", "nextInt(3)", "nextDouble()");
    }

    @Test
    void andThen_sameSeed_sameBatches() {
        Shape shape = Shape.of(8, 8, 3);
        float[] images = new float[4 * shape.size()];
        for (int i = 0; i < images.length; i++) {
            images[i] = i;
        }
        Dataset data = Dataset.of("a", shape, images, new int[4], 1);
        Augmentation recipe = new RandomCrop(2).andThen(new HorizontalFlip());
        float[] first = data.batches(4, new Random(3), recipe).iterator().next().images().data();
        float[] second = data.batches(4, new Random(3), recipe).iterator().next().images().data();
        float[] other = data.batches(4, new Random(4), recipe).iterator().next().images().data();
        assertThat(first).containsExactly(second);
        assertThat(first).isNotEqualTo(other);
    }
}
