package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** A batch: one label per image, and its one-hot labels. */
class BatchTest {
    @Test
    void batch_labelCountNotImageCount_isRejected() {
        HostTensor images = HostTensor.zeros(Shape.of(2, 1, 1, 1));
        assertThatThrownBy(() -> new Batch(images, new int[] {0, 1, 1}, 2))
                .hasMessage("Batch expects one label per image. Received: 3 labels for images of shape [2, 1, 1, 1]");
    }

    @Test
    void oneHot_putsAOneAtEachLabel() {
        Batch batch = new Batch(HostTensor.zeros(Shape.of(3, 1, 1, 1)), new int[] {2, 0, 1}, 3);
        HostTensor oneHot = batch.oneHot();
        assertThat(oneHot.shape()).isEqualTo(Shape.of(3, 3));
        assertThat(oneHot.data()).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
        assertThat(batch.size()).isEqualTo(3);
    }
}
