package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** The horizontal flip: one draw per sample, whole pixels mirrored, rows kept. */
class HorizontalFlipTest {
    private static final Shape SHAPE = Shape.of(2, 3, 2);

    private static float[] image() {
        // Row 0: pixels (1, 10) (2, 20) (3, 30); row 1: (4, 40) (5, 50) (6, 60).
        return new float[] {1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60};
    }

    @Test
    void apply_drawBelowP_mirrorsEachRow() {
        float[] image = image();
        ScriptedRandom random = new ScriptedRandom(0.49);
        new HorizontalFlip().apply(image, 0, SHAPE, random);
        assertThat(image).containsExactly(3, 30, 2, 20, 1, 10, 6, 60, 5, 50, 4, 40);
        assertThat(random.calls).containsExactly("nextDouble()");
    }

    @Test
    void apply_drawAtOrAboveP_leavesTheImage() {
        float[] image = image();
        new HorizontalFlip().apply(image, 0, SHAPE, new ScriptedRandom(0.5));
        assertThat(image).containsExactly(image());
    }

    @Test
    void apply_evenWidth_swapsEveryColumn() {
        float[] image = {1, 2, 3, 4};
        new HorizontalFlip(1).apply(image, 0, Shape.of(1, 4, 1), new ScriptedRandom(0.99));
        assertThat(image).containsExactly(4, 3, 2, 1);
    }

    @Test
    void apply_probabilityZero_stillDrawsOnce_neverFlips() {
        float[] image = image();
        ScriptedRandom random = new ScriptedRandom(0.0);
        new HorizontalFlip(0).apply(image, 0, SHAPE, random);
        assertThat(image).containsExactly(image());
        assertThat(random.calls).containsExactly("nextDouble()");
    }

    @Test
    void apply_changesOnlyTheSampleAtTheOffset() {
        float[] batch = {9, 1, 2, 3, 8};
        new HorizontalFlip().apply(batch, 1, Shape.of(1, 3, 1), new ScriptedRandom(0.1));
        assertThat(batch).containsExactly(9, 3, 2, 1, 8);
    }

    @Test
    void constructor_probabilityOutsideZeroOne_isRejected() {
        assertThatThrownBy(() -> new HorizontalFlip(1.5))
                .hasMessage("HorizontalFlip expects a probability in [0, 1]. Received: 1.5");
        assertThatThrownBy(() -> new HorizontalFlip(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HorizontalFlip().probability()).isEqualTo(0.5);
    }
}
