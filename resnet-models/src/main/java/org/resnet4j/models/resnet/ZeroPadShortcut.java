package org.resnet4j.models.resnet;

import java.util.List;
import java.util.Map;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerConfig;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The paper's option A shortcut (section 3.3 and 4.2): keep every {@code stride}-th row and column of the
 * input and append zero channels up to {@code outChannels}. It has no parameters.
 *
 * <p>{@link Ops} has no channel-padding primitive, so this layer computes exactly that function as a 1x1
 * convolution with stride {@code stride} whose constant kernel is the identity on the first {@code in}
 * channels and zero on the rest. The result is exact (each output is one input times 1.0 plus zeros), but it
 * spends {@code in * out} multiply-adds per output cell where a dedicated primitive would spend none; a
 * {@code padChannels} op in {@code Ops} would remove that cost.
 */
public final class ZeroPadShortcut extends Layer {
    private final int outChannels;
    private final int stride;

    private ZeroPadShortcut(String name, int outChannels, int stride) {
        super(name);
        if (outChannels < 1 || stride < 1) {
            throw new IllegalArgumentException("ZeroPadShortcut expects outChannels >= 1 and stride >= 1. Received: "
                    + outChannels + ", " + stride);
        }
        this.outChannels = outChannels;
        this.stride = stride;
    }

    /** A shortcut to {@code outChannels} channels, subsampling by {@code stride}. */
    public static ZeroPadShortcut of(int outChannels, int stride) {
        return new ZeroPadShortcut(null, outChannels, stride);
    }

    /** The same shortcut under another name. */
    public ZeroPadShortcut named(String name) {
        return new ZeroPadShortcut(name, outChannels, stride);
    }

    /** Rebuilds the shortcut {@code config} describes: settings {@code out_channels} and {@code stride}. */
    public static ZeroPadShortcut fromConfig(LayerConfig config) {
        return new ZeroPadShortcut(config.layerName(), config.integer("out_channels"), config.integer("stride"));
    }

    /** {@code out_channels}, {@code stride}. */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("out_channels", outChannels, "stride", stride);
    }

    /** Channels of the output. */
    public int outChannels() {
        return outChannels;
    }

    /** Subsampling step on both axes. */
    public int stride() {
        return stride;
    }

    @Override
    public String typeName() {
        return "ZeroPadShortcut";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        if (in.rank() != 3) {
            throw shapeError("a per-sample feature map [h, w, c]", in);
        }
        if (in.dim(2) > outChannels) {
            throw shapeError("at most " + outChannels + " input channels", in);
        }
        return Shape.of(WindowGeometry.outputSize(in.dim(0), 1, stride, 0, 0),
                WindowGeometry.outputSize(in.dim(1), 1, stride, 0, 0), outChannels);
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        Tensor x = inputs.get(0);
        int in = x.shape().dim(3);
        HostTensor kernel = HostTensor.zeros(Shape.of(1, 1, in, outChannels));
        for (int c = 0; c < in; c++) {
            kernel.set(1f, 0, 0, c, c);
        }
        try (Tensor k = ops.upload(kernel)) {
            return ops.conv2d(x, k, null, Conv2dOptions.of(stride, Padding.VALID));
        }
    }
}
