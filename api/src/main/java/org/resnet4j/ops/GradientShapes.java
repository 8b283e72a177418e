package org.resnet4j.ops;

import org.resnet4j.tensor.Shape;

/**
 * The shape rules of the backward primitives ({@link GradientOps}), declared once so that every backend and the
 * reference reject the same arguments with the same message: {@code OP expects WHAT. Received: shape=[...]}.
 * Each method returns normally when the shapes fit and throws an {@link IllegalArgumentException} otherwise.
 */
public final class GradientShapes {
    private GradientShapes() {
    }

    /** {@link GradientOps#conv2dBackward}: the output gradient must have the shape the forward output had. */
    public static void conv2dBackward(Shape outputGradient, Shape input, Shape kernel, Conv2dOptions options) {
        String op = "conv2dBackward";
        requireRank(op, "input", input, 4, "[n, h, w, cin]");
        requireRank(op, "kernel", kernel, 4, "[kh, kw, cin, cout]");
        if (kernel.dim(2) != input.dim(3)) {
            throw new IllegalArgumentException(op + " expects a kernel with " + input.dim(3) + " input channels (the"
                    + " input's last dimension). Received: input shape=" + input + ", kernel shape=" + kernel);
        }
        int[] hw = windowOutput(op, input, kernel.dim(0), kernel.dim(1), options.strideHeight(),
                options.strideWidth(), options.padding());
        Shape forward = Shape.of(input.dim(0), hw[0], hw[1], kernel.dim(3));
        requireShape(op, "outputGradient", outputGradient, forward, "the conv2d output for input " + input
                + ", kernel " + kernel + ", strides " + options.strideHeight() + "x" + options.strideWidth() + ", "
                + options.padding());
    }

    /** {@link GradientOps#biasBackward}: any rank of at least 1; returns the bias shape {@code [c]}. */
    public static Shape biasBackward(Shape outputGradient) {
        if (outputGradient.rank() < 1) {
            throw new IllegalArgumentException("biasBackward expects outputGradient of rank at least 1 (channels "
                    + "last). Received: shape=" + outputGradient);
        }
        return Shape.of(outputGradient.dim(-1));
    }

    /** {@link GradientOps#denseBackward}. */
    public static void denseBackward(Shape outputGradient, Shape input, Shape kernel) {
        String op = "denseBackward";
        requireRank(op, "input", input, 2, "[n, in]");
        requireRank(op, "kernel", kernel, 2, "[in, out]");
        if (kernel.dim(0) != input.dim(1)) {
            throw new IllegalArgumentException(op + " expects a kernel of shape [" + input.dim(1) + ", units] for"
                    + " input " + input + ". Received: kernel shape=" + kernel);
        }
        requireShape(op, "outputGradient", outputGradient, Shape.of(input.dim(0), kernel.dim(1)),
                "the dense output for input " + input + " and kernel " + kernel);
    }

    /** {@link GradientOps#batchNormTraining}: channels last, every vector {@code [c]}. */
    public static void batchNormTraining(Shape input, Shape gamma, Shape beta, Shape movingMean,
            Shape movingVariance) {
        String op = "batchNormTraining";
        Shape channels = channels(op, input);
        requireShape(op, "gamma", gamma, channels, "one per channel");
        requireShape(op, "beta", beta, channels, "one per channel");
        requireShape(op, "movingMean", movingMean, channels, "one per channel");
        requireShape(op, "movingVariance", movingVariance, channels, "one per channel");
    }

    /** {@link GradientOps#batchNormBackward}. */
    public static void batchNormBackward(Shape outputGradient, Shape input, Shape gamma, Shape batchMean,
            Shape batchVariance) {
        String op = "batchNormBackward";
        Shape channels = channels(op, input);
        requireShape(op, "outputGradient", outputGradient, input, "the input's");
        requireShape(op, "gamma", gamma, channels, "one per channel");
        requireShape(op, "batchMean", batchMean, channels, "one per channel");
        requireShape(op, "batchVariance", batchVariance, channels, "one per channel");
    }

    /**
     * Two arguments of one shape: {@link GradientOps#reluBackward}, {@link GradientOps#softmaxBackward} (rank 2
     * checked by the caller's forward rule) and {@link GradientOps#multiply}.
     */
    public static void sameShape(String op, String firstName, Shape first, String secondName, Shape second) {
        if (!first.equals(second)) {
            throw new IllegalArgumentException(op + " expects " + secondName + " of the shape of " + firstName + " "
                    + first + ". Received: shape=" + second);
        }
    }

    /** {@link GradientOps#softmaxBackward}: rank 2 {@code [n, classes]}, both arguments of one shape. */
    public static void softmaxBackward(Shape outputGradient, Shape output) {
        requireRank("softmaxBackward", "output", output, 2, "[n, classes]");
        sameShape("softmaxBackward", "output", output, "outputGradient", outputGradient);
    }

    /** {@link GradientOps#maxPoolBackward} and {@link GradientOps#avgPoolBackward}. */
    public static void poolBackward(String op, Shape outputGradient, Shape input, PoolOptions options) {
        requireRank(op, "input", input, 4, "[n, h, w, c]");
        int[] hw = windowOutput(op, input, options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), options.padding());
        requireShape(op, "outputGradient", outputGradient, Shape.of(input.dim(0), hw[0], hw[1], input.dim(3)),
                "the pooled output for input " + input + ", pool " + options.poolHeight() + "x"
                        + options.poolWidth() + ", strides " + options.strideHeight() + "x" + options.strideWidth()
                        + ", " + options.padding());
    }

    /** {@link GradientOps#globalAvgPoolBackward}: {@code [n, c]} for an input {@code [n, h, w, c]}. */
    public static void globalAvgPoolBackward(Shape outputGradient, Shape input) {
        String op = "globalAvgPoolBackward";
        requireRank(op, "inputShape", input, 4, "[n, h, w, c]");
        requireShape(op, "outputGradient", outputGradient, Shape.of(input.dim(0), input.dim(3)),
                "[n, c] of input " + input);
    }

    /** {@link GradientOps#zeroPadBackward}: returns the shape of the unpadded input. */
    public static Shape zeroPadBackward(Shape outputGradient, Padding.Explicit padding) {
        String op = "zeroPadBackward";
        requireRank(op, "outputGradient", outputGradient, 4, "[n, h, w, c]");
        int h = outputGradient.dim(1) - padding.top() - padding.bottom();
        int w = outputGradient.dim(2) - padding.left() - padding.right();
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(op + " expects outputGradient larger than the padding " + padding
                    + ". Received: shape=" + outputGradient);
        }
        return Shape.of(outputGradient.dim(0), h, w, outputGradient.dim(3));
    }

    /** {@link GradientOps#softmaxCrossEntropy} and {@link GradientOps#categoricalCrossEntropy}. */
    public static void crossEntropy(String op, String predictionsName, Shape predictions, Shape targets) {
        requireRank(op, predictionsName, predictions, 2, "[n, classes]");
        requireShape(op, "targets", targets, predictions, "the " + predictionsName + "' shape");
    }

    /** {@link GradientOps#applySgd} and {@link GradientOps#applyAdam}: every state tensor of the parameter's shape. */
    public static void optimizerUpdate(String op, Shape parameter, Shape gradient, Shape... state) {
        sameShape(op, "parameter", parameter, "gradient", gradient);
        for (Shape s : state) {
            sameShape(op, "parameter", parameter, "state", s);
        }
    }

    private static Shape channels(String op, Shape input) {
        if (input.rank() < 2) {
            throw new IllegalArgumentException(op + " expects input of rank at least 2 (batch first, channels last)."
                    + " Received: shape=" + input);
        }
        return Shape.of(input.dim(-1));
    }

    private static int[] windowOutput(String op, Shape input, int kh, int kw, int sh, int sw, Padding padding) {
        Padding.Explicit pad = padding.resolve(input.dim(1), input.dim(2), kh, kw, sh, sw);
        int oh = WindowGeometry.outputSize(input.dim(1), kh, sh, pad.top(), pad.bottom());
        int ow = WindowGeometry.outputSize(input.dim(2), kw, sw, pad.left(), pad.right());
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(op + " expects a window of " + kh + "x" + kw + " that fits input "
                    + input + " with " + padding + ". Received: an output of " + oh + "x" + ow);
        }
        return new int[] {oh, ow};
    }

    private static void requireRank(String op, String argument, Shape shape, int rank, String layout) {
        if (shape.rank() != rank) {
            throw new IllegalArgumentException(op + " expects " + argument + " of rank " + rank + " " + layout
                    + ". Received: shape=" + shape);
        }
    }

    private static void requireShape(String op, String argument, Shape shape, Shape expected, String why) {
        if (!shape.equals(expected)) {
            throw new IllegalArgumentException(op + " expects " + argument + " of shape " + expected + " (" + why
                    + "). Received: shape=" + shape);
        }
    }
}
