package org.resnet4j.backend.nd4j;

import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.check;
import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.descriptor;
import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.point;

import java.lang.ref.Reference;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.spi.CpuFacts;

/**
 * The forward convolution by oneDNN 3.11's own primitive, called directly ({@link Nd4jOneDnnRuntime}), for a
 * compiled model ({@link Nd4jPackedConvolutions}): the kernel read in the blocked layout the primitive chose, reordered once
 * by the caller that keeps it ({@link Primitives#pack}), where libnd4j's {@code conv2d} reorders it on every call;
 * optionally the output's own contents added (a residual) and a ReLU applied in the same pass (post-ops), where
 * libnd4j needs a pass for each.
 *
 * <p>Which of oneDNN's kernels ({@link Kernels}): where its first choice is a brgemm kernel, the next
 * implementation it offers (its older JIT kernels, {@code jit:avx2}, {@code jit_1x1:avx512_core}, ...) is made too,
 * both are timed on the shape ({@link Nd4jFasterOfTwo}, on scratch arrays, when the shape is first used) and the
 * faster is kept. Neither wins everywhere: on a Zen 3 (AVX2) that shows its caches, ResNet-50's 3x3 convolutions ran
 * faster on brgemm (batch 8: 222 against 332 ms a pass) and its 1x1 convolutions on the JIT kernels (257 against
 * 283 ms; at batch 1 33 against 38, with oneDNN 3.6). On a machine that hides its cache sizes
 * ({@link CpuFacts#hidesAmdCacheTopology()}) oneDNN 3.6 blocked its brgemm kernels for 1-byte caches and its JIT
 * kernels ran 2.5-4 times faster per layer; oneDNN 3.11's brgemm kernels run 2.5-4.8 times as fast as 3.6's there
 * (370-450 GFLOP/s per layer on two Zen 5 cores, docs/performance.md), and the timing still decides.
 */
final class Nd4jOneDnnConvolution {
    /** The system property that turns this off ({@code false}); on by default. */
    static final String PROPERTY = "resnet4j.nd4j.onednnConvolution";
    /** The system property that picks oneDNN's kernels ({@link Kernels}). */
    static final String KERNELS_PROPERTY = "resnet4j.nd4j.onednnConvolution.kernels";
    private static final int MAX_KEPT = 256;
    /** Timed runs of each candidate ({@link Nd4jFasterOfTwo}). */
    private static final int TRIAL_ROUNDS = 3;

    /** Which of oneDNN's implementations a convolution runs. */
    enum Kernels {
        /** The faster, timed, of oneDNN's first choice and the next one after its brgemm kernels (the default). */
        FASTEST,
        /** oneDNN's first choice. */
        FIRST,
        /** The next implementation after oneDNN's brgemm kernels (its first choice when that is no brgemm one). */
        JIT;

        /** The kernels {@code -D}{@value #KERNELS_PROPERTY} names: {@code fastest} (also when unset), {@code first}, {@code jit}. */
        static Kernels of(String setting) {
            return Nd4jSettings.choice(KERNELS_PROPERTY, setting, FASTEST);
        }
    }

    private final Nd4jOneDnnRuntime runtime;
    private final Kernels kernels;
    private final Nd4jKeptPrimitives<Key, Primitives> kept = new Nd4jKeptPrimitives<>(MAX_KEPT, Primitives::destroy);

    /** Convolutions on {@code runtime}, on the {@code kernels} asked for. */
    Nd4jOneDnnConvolution(Nd4jOneDnnRuntime runtime, Kernels kernels) {
        this.runtime = runtime;
        this.kernels = kernels;
    }

    /**
     * Whether the primitives that are not timed ({@link Nd4jOneDnnInputGradient}) pass over oneDNN's brgemm kernels:
     * only for {@code -D}{@value #KERNELS_PROPERTY}{@code =jit}. Until 2026-12-08 they did by default where the CPU
     * hides its cache sizes, for oneDNN 3.6 sized its brgemm kernels for 1-byte caches there; oneDNN 3.11 does not,
     * and its brgemm input gradients took 440 ms of the seed's training step there against 510-550 for the JIT ones
     * (docs/training.md).
     */
    static boolean passOverBrgemm(String setting) {
        return Kernels.of(setting) == Kernels.JIT;
    }

    /** {@link #passOverBrgemm} for this JVM's {@code -D}{@value #KERNELS_PROPERTY}. */
    static boolean passOverBrgemmHere() {
        return passOverBrgemm(System.getProperty(KERNELS_PROPERTY));
    }

    /** The process's instance, or {@code null} when it is turned off or oneDNN 3.11 cannot load. */
    static Nd4jOneDnnConvolution available() {
        return Loaded.INSTANCE;
    }

    private static final class Loaded {
        static final Nd4jOneDnnConvolution INSTANCE = Nd4jOneDnnRuntime.unlessTurnedOff(PROPERTY,
                runtime -> new Nd4jOneDnnConvolution(runtime, Kernels.of(System.getProperty(KERNELS_PROPERTY))));
    }

    /**
     * The primitives of the convolution of {@code shapes}, with a bias or not, the output's own contents added
     * ({@code sum}) or not, a ReLU after that or not; {@code null} when oneDNN has no primitive for it. Kept for the
     * life of the JVM (at most {@value #MAX_KEPT} keys); hand them to {@link #release} after the call, which destroys
     * those that are not kept.
     */
    Primitives primitives(Nd4jOneDnnConvolutionShapes shapes, boolean bias, boolean sum, boolean relu) {
        return kept.take(new Key(shapes, bias, sum, relu), k -> Primitives.create(runtime, k, kernels));
    }

    /** Done with {@code primitives} from {@link #primitives}. */
    void release(Primitives primitives) {
        kept.release(primitives.key, primitives);
    }

    /** The primitives' key: the shapes and the post-ops. */
    private record Key(Nd4jOneDnnConvolutionShapes shapes, boolean bias, boolean sum, boolean relu) {
    }

    /** One shape's convolution primitive and the reorder of an HWIO kernel into the layout it reads. */
    static final class Primitives {
        private final Key key;
        private final dnnl_primitive convolution;
        private final dnnl_primitive reorder;
        private final dnnl_memory_desc packedLayout;
        private final long packedFloats;
        private final String implementation;
        private final dnnl_memory input;
        private final dnnl_memory packedKernel;
        private final dnnl_memory bias;
        private final dnnl_memory output;
        private final dnnl_memory plainKernel;
        private final dnnl_memory packedTarget;
        private final dnnl_exec_arg_t args = new dnnl_exec_arg_t(4);
        private final dnnl_exec_arg_t reorderArgs = new dnnl_exec_arg_t(2);
        private final int argCount;

        private Primitives(Key key, dnnl_primitive convolution, dnnl_primitive reorder,
                dnnl_memory_desc packedLayout, long packedFloats, String implementation, dnnl_memory input,
                dnnl_memory packedKernel, dnnl_memory bias, dnnl_memory output, dnnl_memory plainKernel,
                dnnl_memory packedTarget) {
            this.key = key;
            this.convolution = convolution;
            this.reorder = reorder;
            this.packedLayout = packedLayout;
            this.packedFloats = packedFloats;
            this.implementation = implementation;
            this.input = input;
            this.packedKernel = packedKernel;
            this.bias = bias;
            this.output = output;
            this.plainKernel = plainKernel;
            this.packedTarget = packedTarget;
            int i = 0;
            args.position(i++).arg(dnnl.DNNL_ARG_SRC).memory(input);
            args.position(i++).arg(dnnl.DNNL_ARG_WEIGHTS).memory(packedKernel);
            if (bias != null) {
                args.position(i++).arg(dnnl.DNNL_ARG_BIAS).memory(bias);
            }
            args.position(i++).arg(dnnl.DNNL_ARG_DST).memory(output);
            args.position(0);
            argCount = i;
            reorderArgs.position(0).arg(dnnl.DNNL_ARG_FROM).memory(plainKernel);
            reorderArgs.position(1).arg(dnnl.DNNL_ARG_TO).memory(packedTarget);
            reorderArgs.position(0);
        }

        /**
         * The primitives for {@code key} on the {@code kernels} asked for, or {@code null} when oneDNN has no
         * primitive for it.
         */
        static Primitives create(Nd4jOneDnnRuntime runtime, Key key, Kernels kernels) {
            Primitives first = build(runtime, key, false);
            if (first == null || kernels == Kernels.FIRST || !first.implementation.startsWith("brg")) {
                return first;
            }
            Primitives next = build(runtime, key, true);
            if (next == null) {
                return first;
            }
            Primitives chosen = kernels == Kernels.JIT ? next : fasterOf(runtime, first, next);
            (chosen == first ? next : first).destroy();
            return chosen;
        }

        /** The faster of two primitives of one key, each timed on the same scratch arrays. */
        private static Primitives fasterOf(Nd4jOneDnnRuntime runtime, Primitives a, Primitives b) {
            Nd4jOneDnnConvolutionShapes shapes = a.key.shapes();
            INDArray x = Nd4j.zeros(DataType.FLOAT, Nd4jOneDnnConvolutionShapes.elements(shapes.inputDims()));
            INDArray packed = Nd4j.zeros(DataType.FLOAT, Math.max(a.packedFloats, b.packedFloats));
            INDArray bias = a.bias == null ? null : Nd4j.zeros(DataType.FLOAT, shapes.kernel().get(3));
            INDArray out = Nd4j.zeros(DataType.FLOAT, Nd4jOneDnnConvolutionShapes.elements(shapes.outputDims()));
            try {
                return Nd4jFasterOfTwo.faster(a, b, p -> {
                    long start = System.nanoTime();
                    p.run(runtime, x, packed, bias, out);
                    return System.nanoTime() - start;
                }, TRIAL_ROUNDS);
            } finally {
                x.close();
                packed.close();
                if (bias != null) {
                    bias.close();
                }
                out.close();
            }
        }

        /**
         * The primitives for {@code key} on oneDNN's first choice, or on the next implementation after its brgemm
         * kernels where {@code passOverBrgemm}; {@code null} when oneDNN has no primitive for the key or, passing
         * over, only its reference loops are left (far slower than any of its other kernels).
         */
        private static Primitives build(Nd4jOneDnnRuntime runtime, Key key, boolean passOverBrgemm) {
            Nd4jOneDnnConvolutionShapes shapes = key.shapes();
            dnnl_memory_desc src = descriptor(shapes.inputDims(), dnnl.dnnl_nhwc);
            dnnl_memory_desc dst = descriptor(shapes.outputDims(), dnnl.dnnl_nhwc);
            dnnl_memory_desc hwio = descriptor(shapes.kernelDims(), dnnl.dnnl_hwio);
            dnnl_memory_desc anyKernel = descriptor(shapes.kernelDims(), dnnl.dnnl_format_tag_any);
            dnnl_memory_desc biasDesc = key.bias() ? descriptor(new long[] {shapes.kernel().get(3)}, dnnl.dnnl_a)
                    : null;
            dnnl_primitive_attr attr = new dnnl_primitive_attr();
            dnnl_post_ops postOps = new dnnl_post_ops();
            dnnl_primitive_desc forward = new dnnl_primitive_desc();
            try {
                check(dnnl.dnnl_primitive_attr_create(attr), "dnnl_primitive_attr_create");
                check(dnnl.dnnl_post_ops_create(postOps), "dnnl_post_ops_create");
                if (key.sum()) {
                    check(dnnl.dnnl_post_ops_append_sum(postOps, 1f, 0, dnnl.dnnl_data_type_undef),
                            "dnnl_post_ops_append_sum");
                }
                if (key.relu()) {
                    check(dnnl.dnnl_post_ops_append_eltwise(postOps, dnnl.dnnl_eltwise_relu, 0f, 0f),
                            "dnnl_post_ops_append_eltwise");
                }
                check(dnnl.dnnl_primitive_attr_set_post_ops(attr, postOps), "dnnl_primitive_attr_set_post_ops");
                long[] strides = shapes.strides();
                long[] before = shapes.paddingBefore();
                long[] after = shapes.paddingAfter();
                if (dnnl.dnnl_convolution_forward_primitive_desc_create(forward, runtime.engine(),
                        dnnl.dnnl_forward_inference, dnnl.dnnl_convolution_direct, src, anyKernel, biasDesc, dst,
                        strides, new long[] {0, 0}, before, after, attr) != dnnl.dnnl_success) {
                    return null;
                }
                String implementation = implementationAfterPassingOver(forward, passOverBrgemm);
                if (passOverBrgemm && implementation.startsWith("ref")) {
                    return null;
                }
                dnnl_memory_desc chosen = dnnl.dnnl_primitive_desc_query_md(forward, dnnl.dnnl_query_weights_md, 0);
                dnnl_primitive convolutionPrimitive = new dnnl_primitive();
                check(dnnl.dnnl_primitive_create(convolutionPrimitive, forward), "dnnl_primitive_create");
                dnnl_primitive reorderPrimitive = runtime.reorder(hwio, chosen);
                long floats = Nd4jOneDnnRuntime.floats(chosen);
                // the primitive descriptor owns the descriptor it answers with and is destroyed below
                dnnl_memory_desc layout = new dnnl_memory_desc();
                check(dnnl.dnnl_memory_desc_clone(layout, chosen), "dnnl_memory_desc_clone");
                return new Primitives(key, convolutionPrimitive, reorderPrimitive, layout, floats, implementation,
                        runtime.memory(src), runtime.memory(chosen), biasDesc == null ? null : runtime.memory(biasDesc),
                        runtime.memory(dst), runtime.memory(hwio), runtime.memory(chosen));
            } finally {
                dnnl.dnnl_primitive_desc_destroy(forward);
                dnnl.dnnl_primitive_attr_destroy(attr);
                dnnl.dnnl_post_ops_destroy(postOps);
                dnnl.dnnl_memory_desc_destroy(src);
                dnnl.dnnl_memory_desc_destroy(dst);
                dnnl.dnnl_memory_desc_destroy(hwio);
                dnnl.dnnl_memory_desc_destroy(anyKernel);
                if (biasDesc != null) {
                    dnnl.dnnl_memory_desc_destroy(biasDesc);
                }
            }
        }

        /**
         * Whether this primitive reads its kernel in {@code layout} (one from {@link #copyOfLayout}; usually so for
         * the primitives of one kernel at several batch sizes).
         */
        boolean readsKernelIn(dnnl_memory_desc layout) {
            return dnnl.dnnl_memory_desc_equal(packedLayout, layout) != 0;
        }

        /** A copy of the layout this primitive reads its kernel in, which the caller destroys. */
        dnnl_memory_desc copyOfLayout() {
            dnnl_memory_desc copy = new dnnl_memory_desc();
            check(dnnl.dnnl_memory_desc_clone(copy, packedLayout), "dnnl_memory_desc_clone");
            return copy;
        }

        /** Floats a kernel takes in the layout the convolution reads ({@link #pack}'s target). */
        long packedFloats() {
            return packedFloats;
        }

        /** oneDNN's name of the kernel it runs, e.g. {@code jit:avx512_core}. */
        String implementation() {
            return implementation;
        }

        /** Reorders the HWIO kernel {@code w} into {@code packed} ({@link #packedFloats} floats). */
        void pack(Nd4jOneDnnRuntime runtime, INDArray w, INDArray packed) {
            synchronized (this) {
                point(plainKernel, w);
                point(packedTarget, packed);
                runtime.execute(reorder, 2, reorderArgs);
            }
            Reference.reachabilityFence(w);
            Reference.reachabilityFence(packed);
        }

        /**
         * {@code out = conv(x, packed) + b}, plus {@code out}'s own contents where the key asked for a sum, then
         * the ReLU where it asked for one.
         */
        void run(Nd4jOneDnnRuntime runtime, INDArray x, INDArray packed, INDArray b, INDArray out) {
            synchronized (this) {
                point(input, x);
                point(packedKernel, packed);
                if (bias != null) {
                    point(bias, b);
                }
                point(output, out);
                runtime.execute(convolution, argCount, args);
            }
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(packed);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(out);
        }

        void destroy() {
            dnnl.dnnl_primitive_destroy(convolution);
            dnnl.dnnl_primitive_destroy(reorder);
            dnnl.dnnl_memory_desc_destroy(packedLayout);
            dnnl.dnnl_memory_destroy(input);
            dnnl.dnnl_memory_destroy(packedKernel);
            if (bias != null) {
                dnnl.dnnl_memory_destroy(bias);
            }
            dnnl.dnnl_memory_destroy(output);
            dnnl.dnnl_memory_destroy(plainKernel);
            dnnl.dnnl_memory_destroy(packedTarget);
        }
    }

    /**
     * The name of the implementation {@code desc} stands for (e.g. {@code jit:avx2}), after moving it past oneDNN's
     * brgemm kernels to the next implementation it offers where {@code passOverBrgemm}; a name starting with
     * {@code ref} means only the reference loops are left.
     */
    static String implementationAfterPassingOver(dnnl_primitive_desc desc, boolean passOverBrgemm) {
        String implementation = Nd4jOneDnnRuntime.implementation(desc);
        while (passOverBrgemm && implementation.startsWith("brg")
                && dnnl.dnnl_primitive_desc_next_impl(desc) == dnnl.dnnl_success) {
            implementation = Nd4jOneDnnRuntime.implementation(desc);
        }
        return implementation;
    }

    Nd4jOneDnnRuntime runtime() {
        return runtime;
    }
}
