package org.resnet4j.tck;

import java.util.Random;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Runs an {@link OpCall} the way a user would (upload, op, download, close) and makes seeded random inputs. */
public final class OpRunner {
    private OpRunner() {
    }

    /** Uploads {@code inputs} (nulls stay null), applies {@code call}, downloads the result, closes every handle. */
    public static HostTensor run(Ops ops, OpCall call, HostTensor... inputs) {
        Tensor[] uploaded = new Tensor[inputs.length];
        try {
            for (int i = 0; i < inputs.length; i++) {
                uploaded[i] = inputs[i] == null ? null : ops.upload(inputs[i]);
            }
            try (Tensor result = call.apply(ops, uploaded)) {
                return ops.download(result);
            }
        } finally {
            for (Tensor t : uploaded) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    /** Runs {@code call} on {@code ops} and on {@link ReferenceOps} and asserts the results match. */
    public static void assertMatchesReference(Ops ops, String what, OpCall call, HostTensor... inputs) {
        HostTensor expected = run(new ReferenceOps(), call, inputs);
        HostTensor actual = run(ops, call, inputs);
        TensorComparison.assertClose(what, actual, expected);
    }

    /** Standard normal values scaled by {@code scale}, from {@code random}. */
    public static HostTensor gaussian(Random random, double scale, int... dims) {
        Shape shape = Shape.of(dims);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * scale);
        }
        return HostTensor.of(shape, data);
    }

    /** Uniform values in {@code [low, high)}, from {@code random}. */
    public static HostTensor uniform(Random random, double low, double high, int... dims) {
        Shape shape = Shape.of(dims);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return HostTensor.of(shape, data);
    }
}
