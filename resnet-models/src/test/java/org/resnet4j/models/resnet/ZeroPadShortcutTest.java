package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The option A shortcut computes subsampling plus zero channels, exactly. */
class ZeroPadShortcutTest {

    @Test
    void stride2_keepsEverySecondCell_andAppendsZeroChannels() {
        Node in = Input.of(4, 4, 2);
        Model model = Model.of("a", in, ZeroPadShortcut.of(3, 2).named("shortcut").apply(in));
        float[] data = new float[32];
        for (int i = 0; i < data.length; i++) {
            data[i] = i + 0.25f;
        }
        ReferenceOps ops = new ReferenceOps();

        try (Tensor x = ops.upload(HostTensor.of(Shape.of(1, 4, 4, 2), data));
                Tensor y = model.forward(ops, java.util.Map.of(), List.of(x)).get(0)) {
            HostTensor out = ops.download(y);

            assertThat(out.shape()).isEqualTo(Shape.of(1, 2, 2, 3));
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 2; w++) {
                    for (int c = 0; c < 2; c++) {
                        assertThat(out.get(0, h, w, c)).isEqualTo(data[((2 * h) * 4 + 2 * w) * 2 + c]);
                    }
                    assertThat(out.get(0, h, w, 2)).isZero();
                }
            }
        }
        assertThat(model.parameterCount()).isZero();
    }
}
