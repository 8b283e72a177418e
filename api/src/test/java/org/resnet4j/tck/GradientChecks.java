package org.resnet4j.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Finite-difference checks of every backward primitive, in float64: the forward op runs on {@link Float64Ops}, the
 * gradient comes from the {@link GradientOps} under test (which must take and return {@link Float64Tensor}s), and
 * each gradient must match central differences of {@code sum(r * forward(x))} for a random {@code r}. Inputs avoid
 * the points where a derivative does not exist: ReLU inputs stay away from 0, pooling inputs have no ties, clipped
 * probabilities stay far from the clip bounds.
 */
public final class GradientChecks {
    /** One named check; {@code run} throws an {@link AssertionError} when the gradient is wrong. */
    public record Check(String name, Consumer<GradientOps> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Float64Ops FORWARD = new Float64Ops();

    private GradientChecks() {
    }

    /** Every check, named as a specification. */
    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        conv(checks, "conv2dBackward_3x3_stride1_valid", Shape.of(2, 5, 5, 3), 3, 3, 4, 1, Padding.VALID);
        conv(checks, "conv2dBackward_3x3_stride1_same", Shape.of(1, 5, 4, 2), 3, 3, 3, 1, Padding.SAME);
        conv(checks, "conv2dBackward_3x3_stride2_same_evenInput_extraRowBottom", Shape.of(2, 6, 6, 2), 3, 3, 3, 2,
                Padding.SAME);
        conv(checks, "conv2dBackward_3x3_stride2_explicitAsymmetric", Shape.of(1, 7, 6, 2), 3, 3, 2, 2,
                Padding.explicit(1, 2, 0, 1));
        conv(checks, "conv2dBackward_1x1_stride2_valid", Shape.of(2, 5, 5, 3), 1, 1, 4, 2, Padding.VALID);
        conv(checks, "conv2dBackward_7x7_stride2_symmetric3", Shape.of(1, 9, 8, 3), 7, 7, 2, 2, Padding.symmetric(3));
        conv(checks, "conv2dBackward_2x3_stride1_same_evenKernel", Shape.of(1, 4, 5, 2), 2, 3, 2, 1, Padding.SAME);
        checks.add(new Check("denseBackward_inputKernelAndBias", GradientChecks::dense));
        checks.add(new Check("batchNormBackward_image_inputGammaBeta",
                g -> batchNorm(g, Shape.of(2, 3, 3, 4), "batchNormBackward image")));
        checks.add(new Check("batchNormBackward_rank2_inputGammaBeta",
                g -> batchNorm(g, Shape.of(6, 3), "batchNormBackward rank 2")));
        checks.add(new Check("reluBackward_awayFromZero", GradientChecks::relu));
        pool(checks, "3x3_stride2_same_evenInput", Shape.of(2, 6, 6, 2), PoolOptions.of(3, 2, Padding.SAME));
        pool(checks, "3x3_stride2_symmetric1", Shape.of(1, 7, 7, 2), PoolOptions.of(3, 2, Padding.symmetric(1)));
        pool(checks, "2x2_stride2_valid_oddInput", Shape.of(1, 5, 5, 3), PoolOptions.of(2, 2, Padding.VALID));
        pool(checks, "3x3_stride1_same_overlapping", Shape.of(1, 4, 5, 2), PoolOptions.of(3, 1, Padding.SAME));
        checks.add(new Check("globalAvgPoolBackward", GradientChecks::globalAvgPool));
        checks.add(new Check("zeroPadBackward_asymmetric", GradientChecks::zeroPad));
        checks.add(new Check("softmaxBackward", GradientChecks::softmax));
        checks.add(new Check("multiply_firstArgument", GradientChecks::multiply));
        checks.add(new Check("softmaxCrossEntropy_oneHotTargets", g -> softmaxCrossEntropy(g, false)));
        checks.add(new Check("softmaxCrossEntropy_softTargets", g -> softmaxCrossEntropy(g, true)));
        checks.add(new Check("categoricalCrossEntropy_unnormalisedProbabilities",
                g -> categoricalCrossEntropy(g, false)));
        checks.add(new Check("categoricalCrossEntropy_clippedCellsPassNoGradient",
                g -> categoricalCrossEntropy(g, true)));
        return List.copyOf(checks);
    }

    private static void conv(List<Check> checks, String name, Shape in, int kh, int kw, int cout, int stride,
            Padding padding) {
        checks.add(new Check(name, g -> {
            Conv2dOptions options = Conv2dOptions.of(stride, padding);
            Float64Tensor x = Float64Tensor.gaussian(in, 1, 1.0);
            Float64Tensor k = Float64Tensor.gaussian(Shape.of(kh, kw, in.dim(3), cout), 2, 0.5);
            Float64Tensor b = Float64Tensor.gaussian(Shape.of(cout), 3, 0.5);
            Float64Tensor r = weights(FORWARD.conv2d(x, k, b, options), 4);
            Conv2dGradients grads = g.conv2dBackward(r, x, k, options, true);
            FiniteDifferences.assertMatches(name + " input", grads.input(),
                    FiniteDifferences.gradient(x, () -> FiniteDifferences.project(FORWARD.conv2d(x, k, b, options), r)));
            FiniteDifferences.assertMatches(name + " kernel", grads.kernel(),
                    FiniteDifferences.gradient(k, () -> FiniteDifferences.project(FORWARD.conv2d(x, k, b, options), r)));
            FiniteDifferences.assertMatches(name + " bias", g.biasBackward(r),
                    FiniteDifferences.gradient(b, () -> FiniteDifferences.project(FORWARD.conv2d(x, k, b, options), r)));
            if (g.conv2dBackward(r, x, k, options, false).input() != null) {
                throw new AssertionError(name + ": an input gradient was computed although none was asked for");
            }
        }));
    }

    private static void dense(GradientOps g) {
        Float64Tensor x = Float64Tensor.gaussian(Shape.of(3, 5), 5, 1.0);
        Float64Tensor k = Float64Tensor.gaussian(Shape.of(5, 4), 6, 0.5);
        Float64Tensor b = Float64Tensor.gaussian(Shape.of(4), 7, 0.5);
        Float64Tensor r = weights(FORWARD.dense(x, k, b), 8);
        DenseGradients grads = g.denseBackward(r, x, k);
        FiniteDifferences.assertMatches("denseBackward input", grads.input(),
                FiniteDifferences.gradient(x, () -> FiniteDifferences.project(FORWARD.dense(x, k, b), r)));
        FiniteDifferences.assertMatches("denseBackward kernel", grads.kernel(),
                FiniteDifferences.gradient(k, () -> FiniteDifferences.project(FORWARD.dense(x, k, b), r)));
        FiniteDifferences.assertMatches("dense biasBackward", g.biasBackward(r),
                FiniteDifferences.gradient(b, () -> FiniteDifferences.project(FORWARD.dense(x, k, b), r)));
    }

    private static void batchNorm(GradientOps g, Shape shape, String what) {
        int c = shape.dim(-1);
        // Offset and scaled so that the batch statistics are far from 0 and 1 and really matter.
        Float64Tensor x = shifted(Float64Tensor.gaussian(shape, 9, 2.0), 1.5);
        Float64Tensor gamma = shifted(Float64Tensor.gaussian(Shape.of(c), 10, 0.3), 1.0);
        Float64Tensor beta = Float64Tensor.gaussian(Shape.of(c), 11, 0.5);
        float epsilon = 1e-3f;
        java.util.function.Supplier<Tensor> forward = () -> FORWARD.batchNormTraining(x, gamma, beta,
                Float64Tensor.zeros(Shape.of(c)), Float64Tensor.zeros(Shape.of(c)), epsilon, 0.99f).output();
        Float64Tensor r = weights(forward.get(), 12);
        var stats = FORWARD.batchNormTraining(x, gamma, beta, Float64Tensor.zeros(Shape.of(c)),
                Float64Tensor.zeros(Shape.of(c)), epsilon, 0.99f);
        BatchNormGradients grads = g.batchNormBackward(r, x, gamma, stats.mean(), stats.variance(), epsilon);
        FiniteDifferences.assertMatches(what + " input", grads.input(),
                FiniteDifferences.gradient(x, () -> FiniteDifferences.project(forward.get(), r)));
        FiniteDifferences.assertMatches(what + " gamma", grads.gamma(),
                FiniteDifferences.gradient(gamma, () -> FiniteDifferences.project(forward.get(), r)));
        FiniteDifferences.assertMatches(what + " beta", grads.beta(),
                FiniteDifferences.gradient(beta, () -> FiniteDifferences.project(forward.get(), r)));
    }

    private static void relu(GradientOps g) {
        Float64Tensor x = Float64Tensor.gaussian(Shape.of(2, 3, 3, 2), 13, 1.0);
        for (int i = 0; i < x.values().length; i++) {
            x.values()[i] += Math.signum(x.values()[i]) * 0.1; // no value within 0.1 of the kink
        }
        Tensor y = FORWARD.relu(x);
        Float64Tensor r = weights(y, 14);
        FiniteDifferences.assertMatches("reluBackward", g.reluBackward(r, y),
                FiniteDifferences.gradient(x, () -> FiniteDifferences.project(FORWARD.relu(x), r)));
    }

    private static void pool(List<Check> checks, String name, Shape in, PoolOptions options) {
        checks.add(new Check("maxPoolBackward_" + name, g -> {
            Float64Tensor x = distinct(in, 15);
            Float64Tensor r = weights(FORWARD.maxPool(x, options), 16);
            FiniteDifferences.assertMatches("maxPoolBackward " + name, g.maxPoolBackward(r, x, options),
                    FiniteDifferences.gradient(x, () -> FiniteDifferences.project(FORWARD.maxPool(x, options), r)));
        }));
        checks.add(new Check("avgPoolBackward_" + name, g -> {
            Float64Tensor x = Float64Tensor.gaussian(in, 17, 1.0);
            Float64Tensor r = weights(FORWARD.avgPool(x, options), 18);
            FiniteDifferences.assertMatches("avgPoolBackward " + name, g.avgPoolBackward(r, in, options),
                    FiniteDifferences.gradient(x, () -> FiniteDifferences.project(FORWARD.avgPool(x, options), r)));
        }));
    }

    private static void globalAvgPool(GradientOps g) {
        Shape in = Shape.of(2, 3, 4, 5);
        Float64Tensor x = Float64Tensor.gaussian(in, 19, 1.0);
        Float64Tensor r = weights(FORWARD.globalAvgPool(x), 20);
        FiniteDifferences.assertMatches("globalAvgPoolBackward", g.globalAvgPoolBackward(r, in),
                FiniteDifferences.gradient(x, () -> FiniteDifferences.project(FORWARD.globalAvgPool(x), r)));
    }

    private static void zeroPad(GradientOps g) {
        Padding.Explicit padding = Padding.explicit(1, 2, 0, 3);
        Float64Tensor x = Float64Tensor.gaussian(Shape.of(2, 3, 2, 2), 21, 1.0);
        Float64Tensor r = weights(FORWARD.zeroPad(x, padding), 22);
        FiniteDifferences.assertMatches("zeroPadBackward", g.zeroPadBackward(r, padding),
                FiniteDifferences.gradient(x, () -> FiniteDifferences.project(FORWARD.zeroPad(x, padding), r)));
    }

    private static void softmax(GradientOps g) {
        Float64Tensor z = Float64Tensor.gaussian(Shape.of(3, 5), 23, 2.0);
        Tensor y = FORWARD.softmax(z);
        Float64Tensor r = weights(y, 24);
        FiniteDifferences.assertMatches("softmaxBackward", g.softmaxBackward(r, y),
                FiniteDifferences.gradient(z, () -> FiniteDifferences.project(FORWARD.softmax(z), r)));
    }

    private static void multiply(GradientOps g) {
        Float64Tensor a = Float64Tensor.gaussian(Shape.of(2, 3, 4), 25, 1.0);
        Float64Tensor b = Float64Tensor.gaussian(Shape.of(2, 3, 4), 26, 1.0);
        Float64Tensor r = weights(a, 27);
        // d(sum(r * a * b))/da = r * b: the op applied to the output gradient and the other argument.
        FiniteDifferences.assertMatches("multiply", g.multiply(r, b),
                FiniteDifferences.gradient(a, () -> FiniteDifferences.project(FORWARD.multiply(a, b), r)));
    }

    private static void softmaxCrossEntropy(GradientOps g, boolean soft) {
        Float64Tensor z = Float64Tensor.gaussian(Shape.of(3, 5), 28, 2.0);
        Float64Tensor t = soft ? distributions(Shape.of(3, 5), 29) : oneHot(new int[] {1, 4, 0}, 5);
        LossAndGradient lg = g.softmaxCrossEntropy(z, t);
        FiniteDifferences.assertMatches("softmaxCrossEntropy " + (soft ? "soft" : "one-hot"), lg.gradient(),
                FiniteDifferences.gradient(z, () -> scalar(FORWARD.softmaxCrossEntropy(z, t).loss())));
    }

    private static void categoricalCrossEntropy(GradientOps g, boolean clipped) {
        Float64Tensor p = distributions(Shape.of(3, 4), 30);
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < 4; j++) {
                p.values()[b * 4 + j] *= 0.5 + b; // rows that do not sum to 1: Keras divides by the sum
            }
        }
        float epsilon = 1e-7f;
        if (clipped) {
            // With epsilon 0.05, row 0's first cell (below) and row 1's first cell (above 0.95) are clipped.
            epsilon = 0.05f;
            double[] v = p.values();
            v[0] = 0.004;
            v[1] = 0.3;
            v[2] = 0.2;
            v[3] = 0.5;
            v[4] = 0.97;
            v[5] = 0.01;
            v[6] = 0.01;
            v[7] = 0.01;
        }
        Float64Tensor t = distributions(Shape.of(3, 4), 31);
        float eps = epsilon;
        LossAndGradient lg = g.categoricalCrossEntropy(p, t, eps);
        FiniteDifferences.assertMatches("categoricalCrossEntropy" + (clipped ? " clipped" : ""), lg.gradient(),
                FiniteDifferences.gradient(p, () -> scalar(FORWARD.categoricalCrossEntropy(p, t, eps).loss())));
    }

    /** Random weights {@code r} of the output's shape: the output gradient the checks feed in. */
    private static Float64Tensor weights(Tensor output, long seed) {
        return Float64Tensor.gaussian(output.shape(), seed, 1.0);
    }

    private static Float64Tensor shifted(Float64Tensor t, double by) {
        for (int i = 0; i < t.values().length; i++) {
            t.values()[i] += by;
        }
        return t;
    }

    /** Values {@code 0.01 * k} for distinct {@code k} in a random order: no ties, none within a step of another. */
    private static Float64Tensor distinct(Shape shape, long seed) {
        int n = shape.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i - n / 2);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.01 * order.get(i);
        }
        return Float64Tensor.of(shape, v);
    }

    /** Rows of positive values summing to 1. */
    private static Float64Tensor distributions(Shape shape, long seed) {
        Random rng = new Random(seed);
        int classes = shape.dim(1);
        double[] v = new double[shape.size()];
        for (int b = 0; b < shape.dim(0); b++) {
            double sum = 0.0;
            for (int j = 0; j < classes; j++) {
                v[b * classes + j] = 0.1 + rng.nextDouble();
                sum += v[b * classes + j];
            }
            for (int j = 0; j < classes; j++) {
                v[b * classes + j] /= sum;
            }
        }
        return Float64Tensor.of(shape, v);
    }

    static Float64Tensor oneHot(int[] labels, int classes) {
        double[] v = new double[labels.length * classes];
        for (int b = 0; b < labels.length; b++) {
            v[b * classes + labels[b]] = 1.0;
        }
        return Float64Tensor.of(Shape.of(labels.length, classes), v);
    }

    private static double scalar(Tensor t) {
        return ((Float64Tensor) t).values()[0];
    }
}
