package org.resnet4j.ops;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The primitives a backend implements: enough for every ResNet of the paper and of the seed tutorials, and no
 * more. Layouts are fixed at this interface whatever a backend uses inside: images NHWC, convolution kernels
 * HWIO {@code [kh, kw, in, out]}, dense kernels {@code [in, out]}. All tensors are float32.
 *
 * <p>An implementation may be eager (each call computes) or symbolic (each call adds a node to a graph that
 * is run later); callers must not assume either. Arguments are never closed by an op; every result is a new
 * handle the caller owns and closes, even when it shares storage with an argument.
 *
 * <p>Implementations reject bad arguments with the {@link IllegalArgumentException} of the op's shape rule
 * ({@link ConvolutionShapes}, {@link PoolingShapes}, {@link NormalizationShapes}, {@link ElementwiseShapes},
 * {@link MatrixShapes}, {@link LayoutShapes}), called before computing, so that every backend words each error the
 * same; the contract kit pins the messages. Layers check shapes before they call, so this is a second line of
 * defence.
 */
public interface Ops {

    /** Copies host data into a backend tensor (for a symbolic backend: a constant). */
    Tensor upload(HostTensor host);

    /** Copies a backend tensor back to the JVM heap (for a symbolic backend: only valid on evaluated tensors). */
    HostTensor download(Tensor tensor);

    /**
     * 2-D convolution, dilation 1, no groups.
     *
     * @param input  {@code [n, h, w, cin]}
     * @param kernel {@code [kh, kw, cin, cout]}
     * @param bias   {@code [cout]}, or {@code null} for none
     * @return {@code [n, oh, ow, cout]} with {@code oh} from {@link WindowGeometry#outputSize}
     */
    Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options);

    /**
     * Batch normalisation in inference mode, per channel (last axis):
     * {@code gamma * (x - mean) / sqrt(variance + epsilon) + beta}. All four vectors are {@code [c]}.
     */
    Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon);

    /** {@code max(x, 0)} elementwise, any shape. */
    Tensor relu(Tensor input);

    /** Elementwise sum of two tensors of the same shape (no broadcasting). */
    Tensor add(Tensor a, Tensor b);

    /** Max pooling over NHWC; padded cells are negative infinity. */
    Tensor maxPool(Tensor input, PoolOptions options);

    /** Average pooling over NHWC; the divisor counts only the cells inside the input. */
    Tensor avgPool(Tensor input, PoolOptions options);

    /** Mean over height and width: {@code [n, h, w, c] -> [n, c]}. */
    Tensor globalAvgPool(Tensor input);

    /** Zero padding of height and width: {@code [n, h, w, c] -> [n, h + top + bottom, w + left + right, c]}. */
    Tensor zeroPad(Tensor input, Padding.Explicit padding);

    /** The same elements in row-major order with another shape of the same size. */
    Tensor reshape(Tensor input, Shape shape);

    /**
     * Fully connected layer: {@code input x kernel + bias}.
     *
     * @param input  {@code [n, in]}
     * @param kernel {@code [in, out]}
     * @param bias   {@code [out]}, or {@code null} for none
     */
    Tensor dense(Tensor input, Tensor kernel, Tensor bias);

    /** Softmax over the last axis of a rank-2 tensor {@code [n, classes]}, numerically stable. */
    Tensor softmax(Tensor input);

    /**
     * Dropout at inference: the identity. It is an op rather than nothing so that a backend that traces a graph
     * sees the layer, and so that training can give it a meaning later without changing layers.
     */
    Tensor dropout(Tensor input, float rate);
}
