package org.resnet4j.backend.nd4j;

import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.check;
import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.descriptor;
import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.point;

import java.lang.ref.Reference;
import java.util.List;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation in training, forward and backward, by oneDNN 3.11's own primitives ({@link Nd4jOneDnnRuntime}):
 * the forward pass computes the batch mean, the biased variance and the output in two passes over the activations,
 * the backward pass the input, scale and shift gradients in two more. The closed form on libnd4j's ops
 * ({@link Nd4jGradients}) takes five and eight passes and many op calls: on the seed network's shapes at batch 128
 * it took 7.3 and 14.9 ms at 28x28x64 where these took 1.2 and 1.6 (docs/training.md, "Speed").
 *
 * <p>Channels are last. A 4-D input is described to oneDNN as NHWC; any other rank as rows {@code [m, c]}, which is
 * the same normalisation (every axis but the channels is reduced). Primitives are created on the first call of each
 * shape and epsilon and kept for the life of the JVM (at most {@value #MAX_KEPT}; beyond that they are created and
 * destroyed per call). When oneDNN 3.11 cannot load, or {@code -Dresnet4j.nd4j.onednnBatchNorm=false},
 * {@link #available()} is {@code null} and the caller uses the closed form.
 */
final class Nd4jOneDnnBatchNorm {
    /** The system property that turns this off ({@code false}); on by default. */
    static final String PROPERTY = "resnet4j.nd4j.onednnBatchNorm";
    private static final int MAX_KEPT = 256;

    private final Nd4jOneDnnRuntime runtime;
    private final Nd4jKeptPrimitives<Key, Primitives> kept = new Nd4jKeptPrimitives<>(MAX_KEPT, Primitives::destroy);

    private Nd4jOneDnnBatchNorm(Nd4jOneDnnRuntime runtime) {
        this.runtime = runtime;
    }

    /** The process's instance, or {@code null} when it is turned off or oneDNN 3.11 cannot load. */
    static Nd4jOneDnnBatchNorm available() {
        return Loaded.INSTANCE;
    }

    /** Made on first use, once (the JVM initialises a nested class when it is first read). */
    private static final class Loaded {
        static final Nd4jOneDnnBatchNorm INSTANCE = Nd4jOneDnnRuntime.unlessTurnedOff(PROPERTY, Nd4jOneDnnBatchNorm::new);
    }

    /**
     * Normalises {@code x} with its batch statistics: writes {@code out = gamma * (x - mean) / sqrt(variance +
     * epsilon) + beta} and the batch {@code mean} and biased {@code variance} per channel. Every array is dense and
     * c-ordered; {@code out} has {@code x}'s shape, the others {@code [c]}.
     */
    void forward(INDArray x, INDArray gamma, INDArray beta, float epsilon, INDArray out, INDArray mean,
            INDArray variance) {
        Key key = Key.of(x.shape(), epsilon);
        Primitives primitives = kept.take(key, k -> Primitives.create(runtime, k));
        try {
            primitives.forward(runtime, x, gamma, beta, out, mean, variance);
        } finally {
            kept.release(key, primitives);
        }
    }

    /**
     * The gradients of {@link #forward} for the output gradient {@code dy}, given the batch statistics it wrote:
     * {@code dx} (of {@code x}'s shape), {@code dGamma} and {@code dBeta} ({@code [c]}). Every array is dense and
     * c-ordered.
     */
    void backward(INDArray dy, INDArray x, INDArray gamma, INDArray mean, INDArray variance, float epsilon,
            INDArray dx, INDArray dGamma, INDArray dBeta) {
        Key key = Key.of(x.shape(), epsilon);
        Primitives primitives = kept.take(key, k -> Primitives.create(runtime, k));
        try {
            primitives.backward(runtime, dy, x, gamma, mean, variance, dx, dGamma, dBeta);
        } finally {
            kept.release(key, primitives);
        }
    }

    /** The activations' logical dimensions as oneDNN orders them (N, C, H, W or M, C), and epsilon's bits. */
    private record Key(List<Long> dims, int epsilonBits) {
        static Key of(long[] shape, float epsilon) {
            long channels = shape[shape.length - 1];
            if (shape.length == 4) {
                return new Key(List.of(shape[0], channels, shape[1], shape[2]), Float.floatToIntBits(epsilon));
            }
            return new Key(List.of(rows(shape), channels), Float.floatToIntBits(epsilon));
        }

        private static long rows(long[] shape) {
            long rows = 1;
            for (int i = 0; i < shape.length - 1; i++) {
                rows *= shape[i];
            }
            return rows;
        }

        long[] dimensions() {
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        int layout() {
            return dims.size() == 4 ? dnnl.dnnl_nhwc : dnnl.dnnl_ab;
        }

        long channels() {
            return dims.get(1);
        }
    }

    /** One shape's forward and backward primitives and the memory objects each call points at its arrays. */
    private static final class Primitives {
        private final dnnl_primitive forward;
        private final dnnl_primitive backward;
        private final dnnl_memory input;
        private final dnnl_memory output;
        private final dnnl_memory outputGradient;
        private final dnnl_memory inputGradient;
        private final dnnl_memory mean;
        private final dnnl_memory variance;
        private final dnnl_memory scale;
        private final dnnl_memory shift;
        private final dnnl_memory scaleGradient;
        private final dnnl_memory shiftGradient;
        private final dnnl_exec_arg_t forwardArgs = new dnnl_exec_arg_t(6);
        private final dnnl_exec_arg_t backwardArgs = new dnnl_exec_arg_t(8);

        private Primitives(dnnl_primitive forward, dnnl_primitive backward, Nd4jOneDnnRuntime runtime,
                dnnl_memory_desc data, dnnl_memory_desc channels) {
            this.forward = forward;
            this.backward = backward;
            input = runtime.memory(data);
            output = runtime.memory(data);
            outputGradient = runtime.memory(data);
            inputGradient = runtime.memory(data);
            mean = runtime.memory(channels);
            variance = runtime.memory(channels);
            scale = runtime.memory(channels);
            shift = runtime.memory(channels);
            scaleGradient = runtime.memory(channels);
            shiftGradient = runtime.memory(channels);
            arguments(forwardArgs, new int[] {dnnl.DNNL_ARG_SRC, dnnl.DNNL_ARG_DST, dnnl.DNNL_ARG_MEAN,
                dnnl.DNNL_ARG_VARIANCE, dnnl.DNNL_ARG_SCALE, dnnl.DNNL_ARG_SHIFT},
                    input, output, mean, variance, scale, shift);
            arguments(backwardArgs, new int[] {dnnl.DNNL_ARG_SRC, dnnl.DNNL_ARG_DIFF_DST, dnnl.DNNL_ARG_MEAN,
                dnnl.DNNL_ARG_VARIANCE, dnnl.DNNL_ARG_SCALE, dnnl.DNNL_ARG_DIFF_SRC, dnnl.DNNL_ARG_DIFF_SCALE,
                dnnl.DNNL_ARG_DIFF_SHIFT},
                    input, outputGradient, mean, variance, scale, inputGradient, scaleGradient, shiftGradient);
        }

        private static void arguments(dnnl_exec_arg_t args, int[] kinds, dnnl_memory... memories) {
            for (int i = 0; i < kinds.length; i++) {
                args.position(i).arg(kinds[i]).memory(memories[i]);
            }
            args.position(0);
        }

        static Primitives create(Nd4jOneDnnRuntime runtime, Key key) {
            dnnl_memory_desc data = descriptor(key.dimensions(), key.layout());
            dnnl_memory_desc channels = descriptor(new long[] {key.channels()}, dnnl.dnnl_a);
            dnnl_primitive_desc forwardDesc = new dnnl_primitive_desc();
            dnnl_primitive_desc backwardDesc = new dnnl_primitive_desc();
            float epsilon = Float.intBitsToFloat(key.epsilonBits());
            int flags = dnnl.dnnl_use_scale | dnnl.dnnl_use_shift;
            try {
                check(dnnl.dnnl_batch_normalization_forward_primitive_desc_create(forwardDesc, runtime.engine(),
                        dnnl.dnnl_forward_training, data, data, epsilon, flags, null),
                        "dnnl_batch_normalization_forward_primitive_desc_create");
                check(dnnl.dnnl_batch_normalization_backward_primitive_desc_create(backwardDesc, runtime.engine(),
                        dnnl.dnnl_backward, data, data, data, epsilon, flags, forwardDesc, null),
                        "dnnl_batch_normalization_backward_primitive_desc_create");
                dnnl_primitive forward = new dnnl_primitive();
                check(dnnl.dnnl_primitive_create(forward, forwardDesc), "dnnl_primitive_create");
                dnnl_primitive backward = new dnnl_primitive();
                check(dnnl.dnnl_primitive_create(backward, backwardDesc), "dnnl_primitive_create");
                return new Primitives(forward, backward, runtime, data, channels);
            } finally {
                dnnl.dnnl_primitive_desc_destroy(forwardDesc);
                dnnl.dnnl_primitive_desc_destroy(backwardDesc);
                dnnl.dnnl_memory_desc_destroy(data);
                dnnl.dnnl_memory_desc_destroy(channels);
            }
        }

        void forward(Nd4jOneDnnRuntime runtime, INDArray x, INDArray gamma, INDArray beta, INDArray out,
                INDArray batchMean, INDArray batchVariance) {
            // the memories are this shape's, and two callers of one shape would point them at their own arrays
            synchronized (this) {
                point(input, x);
                point(scale, gamma);
                point(shift, beta);
                point(output, out);
                point(mean, batchMean);
                point(variance, batchVariance);
                runtime.execute(forward, 6, forwardArgs);
            }
            // oneDNN holds only the raw addresses: the arrays must stay reachable until it is done
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(gamma);
            Reference.reachabilityFence(beta);
            Reference.reachabilityFence(out);
            Reference.reachabilityFence(batchMean);
            Reference.reachabilityFence(batchVariance);
        }

        void backward(Nd4jOneDnnRuntime runtime, INDArray dy, INDArray x, INDArray gamma, INDArray batchMean,
                INDArray batchVariance, INDArray dx, INDArray dGamma, INDArray dBeta) {
            synchronized (this) {
                point(input, x);
                point(outputGradient, dy);
                point(mean, batchMean);
                point(variance, batchVariance);
                point(scale, gamma);
                point(inputGradient, dx);
                point(scaleGradient, dGamma);
                point(shiftGradient, dBeta);
                runtime.execute(backward, 8, backwardArgs);
            }
            Reference.reachabilityFence(dy);
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(gamma);
            Reference.reachabilityFence(batchMean);
            Reference.reachabilityFence(batchVariance);
            Reference.reachabilityFence(dx);
            Reference.reachabilityFence(dGamma);
            Reference.reachabilityFence(dBeta);
        }

        void destroy() {
            dnnl.dnnl_primitive_destroy(forward);
            dnnl.dnnl_primitive_destroy(backward);
            for (dnnl_memory m : new dnnl_memory[] {input, output, outputGradient, inputGradient, mean, variance,
                scale, shift, scaleGradient, shiftGradient}) {
                dnnl.dnnl_memory_destroy(m);
            }
        }
    }
}
