package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Batch normalisation in training, both ways the backend computes it, against the float64 oracle: by oneDNN 3.11's
 * primitives ({@link Nd4jOneDnnBatchNorm}, the default, through the ops) and by the closed form in libnd4j's ops
 * that stands in where oneDNN 3.11 is not available. Ranks 4 (described to oneDNN as NHWC) and 2 (as rows), channel
 * counts that are not a multiple of a vector, and activations whose mean is large against their spread.
 */
class Nd4jBatchNormPathsTest {
    private static final Nd4jOps OPS = (Nd4jOps) new Nd4jBackend().ops();
    private static final ReferenceOps REFERENCE = new ReferenceOps();
    private static final float EPSILON = 1e-3f;

    static Object[][] cases() {
        return new Object[][] {
            // name, shape, mean of the activations
            {"NHWC, 7 channels", new int[] {2, 5, 3, 7}, 0.0},
            {"NHWC, 64 channels", new int[] {3, 4, 4, 64}, 0.5},
            {"rows, as after a dense layer", new int[] {6, 5}, 0.0},
            {"rank 3", new int[] {2, 9, 17}, -1.0},
            {"a mean 50 times the spread", new int[] {2, 3, 3, 16}, 50.0},
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothWays_matchTheOracle(String name, int[] dims, double offset) {
        assertThat(Nd4jOneDnnBatchNorm.available()).as("oneDNN's preset loads on linux-x86_64").isNotNull();
        Random random = new Random(name.hashCode());
        int c = dims[dims.length - 1];
        HostTensor x = gaussian(random, offset, dims);
        HostTensor dy = gaussian(random, 0.0, dims);
        HostTensor gamma = gaussian(random, 1.0, c);
        HostTensor beta = gaussian(random, 0.0, c);
        Expected expected = expected(x, dy, gamma, beta);

        try (Tensor xOn = OPS.upload(x); Tensor dyOn = OPS.upload(dy); Tensor gOn = OPS.upload(gamma);
                Tensor bOn = OPS.upload(beta); Tensor mm = OPS.upload(HostTensor.zeros(Shape.of(c)));
                Tensor mv = OPS.upload(HostTensor.zeros(Shape.of(c)))) {
            BatchNormTraining forward = OPS.batchNormTraining(xOn, gOn, bOn, mm, mv, EPSILON, 0.9f);
            BatchNormGradients backward = OPS.batchNormBackward(dyOn, xOn, gOn, forward.mean(), forward.variance(),
                    EPSILON);
            expected.check(name + " by oneDNN", OPS.download(forward.output()), OPS.download(forward.mean()),
                    OPS.download(forward.variance()), OPS.download(backward.input()), OPS.download(backward.gamma()),
                    OPS.download(backward.beta()));

            INDArray xa = Nd4jKernels.array(xOn, name);
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, xa.shape(), 'c');
            INDArray mean = Nd4j.createUninitialized(DataType.FLOAT, c);
            INDArray variance = Nd4j.createUninitialized(DataType.FLOAT, c);
            OPS.closedFormBatchNorm(xa, Nd4jKernels.array(gOn, name), Nd4jKernels.array(bOn, name), EPSILON, out, mean,
                    variance);
            INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, xa.shape(), 'c');
            INDArray dGamma = Nd4j.createUninitialized(DataType.FLOAT, c);
            INDArray dBeta = Nd4j.createUninitialized(DataType.FLOAT, c);
            OPS.closedFormBatchNormBackward(Nd4jKernels.array(dyOn, name), xa, Nd4jKernels.array(gOn, name), mean,
                    variance, EPSILON, dx, dGamma, dBeta);
            expected.check(name + " in closed form", host(out), host(mean), host(variance), host(dx), host(dGamma),
                    host(dBeta));
        }
    }

    @Test
    void oneDnn_onAViewIntoALargerArray_isTheResultOfItsCopy() {
        Random random = new Random(11);
        HostTensor batch = gaussian(random, 0.3, 5, 3, 3, 8);
        HostTensor gradients = gaussian(random, 0.0, 5, 3, 3, 8);
        HostTensor gamma = gaussian(random, 1.0, 8);
        HostTensor beta = gaussian(random, 0.0, 8);
        try (Tensor batchOn = OPS.upload(batch); Tensor gradientsOn = OPS.upload(gradients);
                Tensor gOn = OPS.upload(gamma); Tensor bOn = OPS.upload(beta);
                Tensor mm = OPS.upload(HostTensor.zeros(Shape.of(8)));
                Tensor mv = OPS.upload(HostTensor.zeros(Shape.of(8)))) {
            // images 2 and 3 of each: views that start inside their buffers
            INDArray x = images2and3(Nd4jKernels.array(batchOn, "test"));
            INDArray dy = images2and3(Nd4jKernels.array(gradientsOn, "test"));
            assertThat(x.offset()).isPositive();
            try (Tensor xView = new Nd4jTensor(x); Tensor dyView = new Nd4jTensor(dy);
                    Tensor xCopy = new Nd4jTensor(x.dup('c')); Tensor dyCopy = new Nd4jTensor(dy.dup('c'))) {
                BatchNormTraining fromView = OPS.batchNormTraining(xView, gOn, bOn, mm, mv, EPSILON, 0.9f);
                BatchNormTraining fromCopy = OPS.batchNormTraining(xCopy, gOn, bOn, mm, mv, EPSILON, 0.9f);
                assertThat(OPS.download(fromView.output()).data()).containsExactly(
                        OPS.download(fromCopy.output()).data());
                BatchNormGradients gradientFromView = OPS.batchNormBackward(dyView, xView, gOn, fromView.mean(),
                        fromView.variance(), EPSILON);
                BatchNormGradients gradientFromCopy = OPS.batchNormBackward(dyCopy, xCopy, gOn, fromCopy.mean(),
                        fromCopy.variance(), EPSILON);
                assertThat(OPS.download(gradientFromView.input()).data()).containsExactly(
                        OPS.download(gradientFromCopy.input()).data());
                assertThat(OPS.download(gradientFromView.gamma()).data()).containsExactly(
                        OPS.download(gradientFromCopy.gamma()).data());
            }
        }
    }

    private static INDArray images2and3(INDArray a) {
        return a.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** The oracle's output, batch statistics and gradients. */
    private static Expected expected(HostTensor x, HostTensor dy, HostTensor gamma, HostTensor beta) {
        ReferenceGradients oracle = new ReferenceGradients();
        int c = gamma.shape().dim(0);
        try (Tensor xr = REFERENCE.upload(x); Tensor dyr = REFERENCE.upload(dy); Tensor gr = REFERENCE.upload(gamma);
                Tensor br = REFERENCE.upload(beta); Tensor mm = REFERENCE.upload(HostTensor.zeros(Shape.of(c)));
                Tensor mv = REFERENCE.upload(HostTensor.zeros(Shape.of(c)))) {
            BatchNormTraining forward = oracle.batchNormTraining(xr, gr, br, mm, mv, EPSILON, 0.9f);
            BatchNormGradients backward = oracle.batchNormBackward(dyr, xr, gr, forward.mean(), forward.variance(),
                    EPSILON);
            return new Expected(REFERENCE.download(forward.output()), REFERENCE.download(forward.mean()),
                    REFERENCE.download(forward.variance()), REFERENCE.download(backward.input()),
                    REFERENCE.download(backward.gamma()), REFERENCE.download(backward.beta()));
        }
    }

    private record Expected(HostTensor output, HostTensor mean, HostTensor variance, HostTensor dx, HostTensor dGamma,
            HostTensor dBeta) {
        void check(String what, HostTensor out, HostTensor m, HostTensor v, HostTensor gx, HostTensor gGamma,
                HostTensor gBeta) {
            TensorComparison.assertClose(what + ": output", out, output);
            TensorComparison.assertClose(what + ": batch mean", m, mean);
            TensorComparison.assertClose(what + ": batch variance (biased)", v, variance);
            TensorComparison.assertClose(what + ": input gradient", gx, dx);
            TensorComparison.assertClose(what + ": gamma gradient", gGamma, dGamma);
            TensorComparison.assertClose(what + ": beta gradient", gBeta, dBeta);
        }
    }

    private static HostTensor host(INDArray a) {
        long[] shape = a.shape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        return HostTensor.of(Shape.of(dims), a.dup('c').reshape(a.length()).toFloatVector());
    }

    private static HostTensor gaussian(Random random, double offset, int... dims) {
        Shape shape = Shape.of(dims);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (offset + random.nextGaussian());
        }
        return HostTensor.of(shape, data);
    }
}
