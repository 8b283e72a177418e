package org.resnet4j.backend.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A regression test for a native crash: TensorFlow 2.18's oneDNN convolution backward kernels (on by default on
 * x86-64) corrupted the native heap when their window grid did not cover the input, here a 1x1 stride-2
 * convolution of an even input (ResNet's projection shortcut); the JVM then aborted with "malloc(): unaligned tcache
 * chunk detected" a few hundred ops later. {@link TfGradients} now only hands them exactly covered inputs; before
 * that change this test crashed the test JVM.
 */
class TfGradientHeapTest {

    @Test
    void conv2dBackward_1x1Stride2_evenInput_repeated_keepsTheProcessAlive() {
        try (TfBackend backend = new TfBackend()) {
            TfOps ops = backend.ops();
            Conv2dOptions options = Conv2dOptions.of(2, Padding.VALID);
            for (int i = 0; i < 100; i++) {
                Tensor x = ops.upload(HostTensor.gaussian(Shape.of(2, 16, 16, 8), i));
                Tensor k = ops.upload(HostTensor.gaussian(Shape.of(1, 1, 8, 16), i + 1000));
                Tensor dy = ops.conv2d(x, k, null, options);
                Conv2dGradients g = ops.conv2dBackward(dy, x, k, options, true);
                assertEquals(Shape.of(2, 16, 16, 8), ops.download(g.input()).shape());
                assertEquals(Shape.of(1, 1, 8, 16), ops.download(g.kernel()).shape());
                System.gc(); // lets TensorFlow Java free the eager results of earlier iterations meanwhile
            }
        }
    }
}
