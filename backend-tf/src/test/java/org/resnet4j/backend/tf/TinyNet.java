package org.resnet4j.backend.tf;

import java.util.List;
import org.resnet4j.nn.Initializer;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Shape;

/** A small residual network over 8x8x3 images using every primitive, built from {@link OpLayer}s. */
final class TinyNet {
    private TinyNet() {
    }

    static Model build() {
        Node x = Input.of(8, 8, 3);
        Node pad = new OpLayer("pad", 1, s -> Shape.of(10, 10, 3), List.of(),
                (ops, in, w) -> ops.zeroPad(in.get(0), Padding.symmetric(1))).apply(x);
        Node conv = new OpLayer("conv", 1, s -> Shape.of(5, 5, 4),
                List.of(ParameterSpec.trainable("kernel", Shape.of(3, 3, 3, 4), Initializer.HE_NORMAL),
                        ParameterSpec.trainable("bias", Shape.of(4), Initializer.GLOROT_UNIFORM)),
                (ops, in, w) -> ops.conv2d(in.get(0), w.get("kernel"), w.get("bias"),
                        Conv2dOptions.of(2, Padding.explicit(0, 1, 0, 1)))).apply(pad);
        Node bn = new OpLayer("bn", 1, s -> s.get(0),
                List.of(ParameterSpec.trainable("gamma", Shape.of(4), Initializer.GLOROT_UNIFORM),
                        ParameterSpec.trainable("beta", Shape.of(4), Initializer.GLOROT_UNIFORM),
                        ParameterSpec.nonTrainable("moving_mean", Shape.of(4), Initializer.GLOROT_UNIFORM),
                        ParameterSpec.nonTrainable("moving_variance", Shape.of(4), Initializer.ONES)),
                (ops, in, w) -> ops.batchNorm(in.get(0), w.get("gamma"), w.get("beta"), w.get("moving_mean"),
                        w.get("moving_variance"), 1.001e-5f)).apply(conv);
        Node relu = new OpLayer("relu", 1, s -> s.get(0), List.of(), (ops, in, w) -> ops.relu(in.get(0))).apply(bn);
        Node conv2 = new OpLayer("conv2", 1, s -> Shape.of(5, 5, 4),
                List.of(ParameterSpec.trainable("kernel", Shape.of(3, 3, 4, 4), Initializer.HE_NORMAL)),
                (ops, in, w) -> ops.conv2d(in.get(0), w.get("kernel"), null, Conv2dOptions.of(1, Padding.SAME)))
                .apply(relu);
        Node add = new OpLayer("add", 2, s -> s.get(0), List.of(), (ops, in, w) -> ops.add(in.get(0), in.get(1)))
                .apply(conv2, relu);
        Node max = new OpLayer("max", 1, s -> Shape.of(3, 3, 4), List.of(),
                (ops, in, w) -> ops.maxPool(in.get(0), PoolOptions.of(3, 2, Padding.symmetric(1)))).apply(add);
        Node avg = new OpLayer("avg", 1, s -> Shape.of(3, 3, 4), List.of(),
                (ops, in, w) -> ops.avgPool(in.get(0), PoolOptions.of(2, 1, Padding.explicit(1, 0, 1, 0))))
                .apply(max);
        Node gap = new OpLayer("gap", 1, s -> Shape.of(4), List.of(), (ops, in, w) -> ops.globalAvgPool(in.get(0)))
                .apply(avg);
        Node flat = new OpLayer("flat", 1, s -> Shape.of(36), List.of(),
                (ops, in, w) -> ops.reshape(in.get(0), Shape.of(in.get(0).shape().dim(0), 36))).apply(avg);
        Node dense = new OpLayer("dense", 1, s -> Shape.of(5),
                List.of(ParameterSpec.trainable("kernel", Shape.of(36, 5), Initializer.GLOROT_UNIFORM),
                        ParameterSpec.trainable("bias", Shape.of(5), Initializer.GLOROT_UNIFORM)),
                (ops, in, w) -> ops.dense(ops.dropout(in.get(0), 0.5f), w.get("kernel"), w.get("bias"))).apply(flat);
        Node softmax = new OpLayer("softmax", 1, s -> s.get(0), List.of(), (ops, in, w) -> ops.softmax(in.get(0)))
                .apply(dense);
        return Model.of("tiny", List.of(x), List.of(softmax, gap));
    }
}
