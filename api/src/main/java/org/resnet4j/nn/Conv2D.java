package org.resnet4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A 2-D convolution over NHWC images, Keras' {@code Conv2D}: kernel {@code [kh, kw, in, filters]} (He-normal)
 * and an optional bias (zeros); strides 1 and {@code VALID} padding unless told otherwise.
 */
public final class Conv2D extends Layer {
    private final int filters;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int strideHeight;
    private final int strideWidth;
    private final Padding padding;
    private final boolean useBias;

    private Conv2D(String name, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
            Padding padding, boolean useBias) {
        super(name);
        Windows.requirePositive("Conv2D filters", filters);
        Windows.requirePositive("Conv2D kernel size", kernelHeight, kernelWidth);
        Windows.requirePositive("Conv2D strides", strideHeight, strideWidth);
        if (padding == null) {
            throw new IllegalArgumentException("Conv2D padding must not be null");
        }
        this.filters = filters;
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.strideHeight = strideHeight;
        this.strideWidth = strideWidth;
        this.padding = padding;
        this.useBias = useBias;
    }

    /** {@code filters} square kernels of {@code kernelSize}; strides 1, {@code VALID}, with bias. */
    public static Conv2D of(int filters, int kernelSize) {
        return of(filters, kernelSize, kernelSize);
    }

    /** {@code filters} kernels of {@code kernelHeight x kernelWidth}; strides 1, {@code VALID}, with bias. */
    public static Conv2D of(int filters, int kernelHeight, int kernelWidth) {
        return new Conv2D(null, filters, kernelHeight, kernelWidth, 1, 1, Padding.VALID, true);
    }

    /** The same layer with stride {@code stride} on both axes. */
    public Conv2D withStrides(int stride) {
        return withStrides(stride, stride);
    }

    /** The same layer with the given strides. */
    public Conv2D withStrides(int height, int width) {
        return new Conv2D(nameOrNull(), filters, kernelHeight, kernelWidth, height, width, padding, useBias);
    }

    /** The same layer with another padding. */
    public Conv2D withPadding(Padding newPadding) {
        return new Conv2D(nameOrNull(), filters, kernelHeight, kernelWidth, strideHeight, strideWidth, newPadding,
                useBias);
    }

    /** The same layer without bias (ResNet convolutions followed by BatchNormalization). */
    public Conv2D withoutBias() {
        return new Conv2D(nameOrNull(), filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding, false);
    }

    /** The same layer called {@code newName}. */
    public Conv2D named(String newName) {
        return new Conv2D(newName, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding, useBias);
    }

    public int filters() {
        return filters;
    }

    public int kernelHeight() {
        return kernelHeight;
    }

    public int kernelWidth() {
        return kernelWidth;
    }

    public int strideHeight() {
        return strideHeight;
    }

    public int strideWidth() {
        return strideWidth;
    }

    public Padding padding() {
        return padding;
    }

    public boolean useBias() {
        return useBias;
    }

    /** The options passed to {@link Ops#conv2d}. */
    public Conv2dOptions options() {
        return new Conv2dOptions(strideHeight, strideWidth, padding);
    }

    /**
     * Rebuilds the layer {@code config} describes: {@code filters}, {@code kernel_size}, {@code strides},
     * {@code padding}, {@code use_bias}.
     */
    public static Conv2D fromConfig(LayerConfig config) {
        int[] kernel = config.integers("kernel_size", 2);
        int[] strides = config.integers("strides", 2);
        return new Conv2D(config.layerName(), config.integer("filters"), kernel[0], kernel[1], strides[0], strides[1],
                config.padding("padding"), config.flag("use_bias"));
    }

    /**
     * {@code filters}, {@code kernel_size} and {@code strides} as {@code [height, width]}, {@code padding},
     * {@code use_bias}.
     */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("filters", filters, "kernel_size", LayerConfig.pair(kernelHeight, kernelWidth),
                "strides", LayerConfig.pair(strideHeight, strideWidth), "padding", LayerConfig.paddingValue(padding),
                "use_bias", useBias);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Windows.image(this, inputShapes);
        int[] hw = Windows.outputSize(this, in, kernelHeight, kernelWidth, strideHeight, strideWidth, padding);
        return Shape.of(hw[0], hw[1], filters);
    }

    @Override
    public List<ParameterSpec> parameterSpecs(List<Shape> inputShapes) {
        Shape in = Windows.image(this, inputShapes);
        List<ParameterSpec> specs = new ArrayList<>(2);
        specs.add(ParameterSpec.trainable("kernel", Shape.of(kernelHeight, kernelWidth, in.dim(2), filters),
                Initializer.HE_NORMAL));
        if (useBias) {
            specs.add(ParameterSpec.trainable("bias", Shape.of(filters), Initializer.ZEROS));
        }
        return List.copyOf(specs);
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        Tensor bias = useBias ? weights.get("bias") : null;
        return ops.conv2d(inputs.get(0), weights.get("kernel"), bias, options());
    }
}
