package org.resnet4j.backend.nd4j;

import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.check;
import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.contiguous;
import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.descriptor;
import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.point;

import java.lang.ref.Reference;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;

/**
 * The convolution's input gradient by oneDNN's own backward-data primitive, called directly through JavaCPP's oneDNN
 * preset ({@link Nd4jOneDnnRuntime}, oneDNN 3.11). The HWIO kernel is reordered on each call into the layout the
 * primitive reads (the kernel changes with every training step), into a buffer the caller lends
 * ({@link Nd4jKernels#allocate}). At a stride above 1 this computes only the products that are not with zeros, where
 * the convolution of the output gradient spread out by the strides that {@link Nd4jGradients} falls back to computes
 * four times as many: on the seed network's three stride-2 convolutions at batch 128 (AVX2, caches visible) 33 to 38
 * ms a call where the spread convolution took 122 to 163 ms; at stride 1 53 ms at 7x7x256 and 54 ms at 14x14x128,
 * where libnd4j's convolution of the turned kernel took about 74 and 66 (docs/training.md).
 *
 * <p>Which layout the output and the input gradient are read and written in ({@link Layout}): where they lie, NHWC,
 * or the layout oneDNN prefers for the shape, the output gradient reordered into it first and the input gradient
 * out of it after, through two buffers the caller lends. Neither wins everywhere: on the Zen 5 machine (AVX-512) the
 * seed network's 4x4x512 input gradient at batch 128 took 50 ms on NHWC (brgemm) and 25 on oneDNN's blocked layout,
 * its 7x7x256 and 14x14x128 ones 18 and 17 on NHWC and 23-25 blocked (docs/training.md). So by default both are made
 * where they differ, timed on scratch arrays when the shape is first used ({@link Nd4jFasterOfTwo}), and the faster
 * is kept; {@code -Dresnet4j.nd4j.onednnInputGradient.layout=nhwc} or {@code =preferred} fixes one.
 *
 * <p>oneDNN's brgemm kernels are passed over only where {@code -Dresnet4j.nd4j.onednnConvolution.kernels} says
 * {@code jit} ({@link Nd4jOneDnnConvolution#passOverBrgemm}), and a shape for which it offers only its reference
 * loops is refused, so that the caller computes it as before. Primitives are created on the first call of each shape
 * and kept for the life of the JVM (at most {@value #MAX_KEPT} shapes). When the preset cannot load, or
 * {@code -Dresnet4j.nd4j.onednnInputGradient=false}, {@link #available()} is {@code null}.
 */
final class Nd4jOneDnnInputGradient {
    /** The system property that turns this off ({@code false}); on by default. */
    static final String PROPERTY = "resnet4j.nd4j.onednnInputGradient";
    /** The system property that picks the layout of the output and the input gradient ({@link Layout}). */
    static final String LAYOUT_PROPERTY = "resnet4j.nd4j.onednnInputGradient.layout";
    private static final int MAX_KEPT = 256;
    /** Timed runs of each candidate ({@link Nd4jFasterOfTwo}). */
    private static final int TRIAL_ROUNDS = 3;

    /** The layout the output and the input gradient are read and written in. */
    enum Layout {
        /** The faster, timed per shape, of the two below (the default). */
        FASTEST,
        /** NHWC, as they lie. */
        NHWC,
        /** The layout oneDNN prefers for the shape, reordered into and out of. */
        PREFERRED;

        /** The layout {@code -D}{@value #LAYOUT_PROPERTY} names: {@code fastest} (also when unset), {@code nhwc}, {@code preferred}. */
        static Layout of(String setting) {
            return Nd4jSettings.choice(LAYOUT_PROPERTY, setting, FASTEST);
        }
    }

    private final Nd4jOneDnnRuntime runtime;
    private final boolean passOverBrgemm;
    private final Layout layout;
    private final Nd4jKeptPrimitives<Nd4jOneDnnConvolutionShapes, Primitives> kept = new Nd4jKeptPrimitives<>(MAX_KEPT, Primitives::destroy);

    /** Input gradients on {@code runtime} in {@code layout}, passing over brgemm where {@code passOverBrgemm}. */
    Nd4jOneDnnInputGradient(Nd4jOneDnnRuntime runtime, boolean passOverBrgemm, Layout layout) {
        this.runtime = runtime;
        this.passOverBrgemm = passOverBrgemm;
        this.layout = layout;
    }

    /** The process's instance, or {@code null} when it is turned off or oneDNN 3.11 cannot load. */
    static Nd4jOneDnnInputGradient available() {
        return Loaded.INSTANCE;
    }

    /** Made on first use, once (the JVM initialises a nested class when it is first read). */
    private static final class Loaded {
        static final Nd4jOneDnnInputGradient INSTANCE = Nd4jOneDnnRuntime.unlessTurnedOff(PROPERTY,
                runtime -> new Nd4jOneDnnInputGradient(runtime, Nd4jOneDnnConvolution.passOverBrgemmHere(),
                        Layout.of(System.getProperty(LAYOUT_PROPERTY))));
    }

    /**
     * Writes the input gradient of the convolution of an input of {@code dx}'s shape (NHWC) with the kernel
     * {@code w} (HWIO), {@code o}'s strides and the explicit padding {@code p}, whose output gradient is {@code dy}
     * (NHWC), into {@code dx} (a dense c-ordered array); the buffers for the reordered kernel and, in a blocked
     * layout, the reordered gradients come from {@code buffers} and go back to it. Returns {@code false}, computing
     * nothing, when oneDNN has no fast primitive for this shape.
     */
    boolean compute(INDArray dy, INDArray w, INDArray dx, Conv2dOptions o, Padding.Explicit p, Nd4jKernels buffers) {
        Nd4jOneDnnConvolutionShapes key = Nd4jOneDnnConvolutionShapes.of(dx, w, dy, o, p);
        Primitives primitives = kept.take(key, this::create);
        if (primitives == null) {
            return false;
        }
        INDArray gradient = contiguous(dy);
        INDArray kernel = contiguous(w);
        INDArray packed = buffers.allocate(primitives.packedFloats);
        INDArray blockedDy = primitives.blocked() ? buffers.allocate(primitives.blockedOutputGradientFloats) : null;
        INDArray blockedDx = primitives.blocked() ? buffers.allocate(primitives.blockedInputGradientFloats) : null;
        try {
            primitives.run(runtime, gradient, kernel, packed, blockedDy, blockedDx, dx);
        } finally {
            buffers.release(packed);
            if (blockedDy != null) {
                buffers.release(blockedDy);
                buffers.release(blockedDx);
            }
            kept.release(key, primitives);
            if (gradient != dy) {
                gradient.close();
            }
            if (kernel != w) {
                kernel.close();
            }
        }
        return true;
    }

    /**
     * Whether the input gradient of this shape (the arguments as {@link #compute} takes them) goes through a blocked
     * layout; {@code false} also when oneDNN has no primitive for it. For tests.
     */
    boolean readsBlocked(INDArray dy, INDArray w, INDArray dx, Conv2dOptions o, Padding.Explicit p) {
        Nd4jOneDnnConvolutionShapes key = Nd4jOneDnnConvolutionShapes.of(dx, w, dy, o, p);
        Primitives primitives = kept.take(key, this::create);
        if (primitives == null) {
            return false;
        }
        kept.release(key, primitives);
        return primitives.blocked();
    }

    /** The primitives for {@code key} in this instance's {@link Layout}; {@code null} when oneDNN has none. */
    private Primitives create(Nd4jOneDnnConvolutionShapes key) {
        if (layout == Layout.PREFERRED) {
            return Primitives.create(runtime, key, passOverBrgemm, true);
        }
        Primitives nhwc = Primitives.create(runtime, key, passOverBrgemm, false);
        if (layout == Layout.NHWC) {
            return nhwc;
        }
        Primitives preferred = Primitives.create(runtime, key, passOverBrgemm, true);
        if (nhwc == null || preferred == null) {
            return nhwc == null ? preferred : nhwc;
        }
        if (!preferred.blocked()) {
            preferred.destroy();
            return nhwc;
        }
        Primitives chosen = fasterOf(key, nhwc, preferred);
        (chosen == nhwc ? preferred : nhwc).destroy();
        return chosen;
    }

    /** The faster of two primitives of one shape, each timed on the same scratch arrays. */
    private Primitives fasterOf(Nd4jOneDnnConvolutionShapes key, Primitives a, Primitives b) {
        INDArray dy = scratch(Nd4jOneDnnConvolutionShapes.elements(key.outputDims()));
        INDArray w = scratch(Nd4jOneDnnConvolutionShapes.elements(key.kernelDims()));
        INDArray packed = scratch(Math.max(a.packedFloats, b.packedFloats));
        INDArray blockedDy = scratch(b.blockedOutputGradientFloats);
        INDArray blockedDx = scratch(b.blockedInputGradientFloats);
        INDArray dx = scratch(Nd4jOneDnnConvolutionShapes.elements(key.inputDims()));
        try {
            return Nd4jFasterOfTwo.faster(a, b, candidate -> {
                long start = System.nanoTime();
                candidate.run(runtime, dy, w, packed, blockedDy, blockedDx, dx);
                return System.nanoTime() - start;
            }, TRIAL_ROUNDS);
        } finally {
            for (INDArray array : new INDArray[] {dy, w, packed, blockedDy, blockedDx, dx}) {
                array.close();
            }
        }
    }

    private static INDArray scratch(long floats) {
        return Nd4j.zeros(DataType.FLOAT, Math.max(floats, 1));
    }

    /**
     * One shape's backward-data primitive, the reorder of an HWIO kernel into the layout it reads, the floats that
     * layout takes, where the gradients are read and written in a blocked layout the reorders into and out of it,
     * and the memory objects whose data handles each call points at its arrays.
     */
    private static final class Primitives {
        private final dnnl_primitive backward;
        private final dnnl_primitive reorder;
        private final long packedFloats;
        /** NHWC output gradient into the primitive's layout, and its input gradient back to NHWC; null for NHWC. */
        private final dnnl_primitive toBlocked;
        private final dnnl_primitive fromBlocked;
        private final long blockedOutputGradientFloats;
        private final long blockedInputGradientFloats;
        private final dnnl_memory outputGradient;
        private final dnnl_memory plainKernel;
        private final dnnl_memory packedKernel;
        private final dnnl_memory inputGradient;
        private final dnnl_memory blockedOutputGradient;
        private final dnnl_memory blockedInputGradient;
        private final dnnl_exec_arg_t backwardArgs = new dnnl_exec_arg_t(3);
        private final dnnl_exec_arg_t reorderArgs = new dnnl_exec_arg_t(2);
        private final dnnl_exec_arg_t toBlockedArgs = new dnnl_exec_arg_t(2);
        private final dnnl_exec_arg_t fromBlockedArgs = new dnnl_exec_arg_t(2);

        private Primitives(Nd4jOneDnnRuntime runtime, dnnl_primitive backward, dnnl_primitive reorder,
                dnnl_memory_desc kernelLayout, dnnl_memory_desc nhwcOutputGradient, dnnl_memory_desc hwio,
                dnnl_memory_desc nhwcInputGradient, dnnl_memory_desc chosenOutputGradient,
                dnnl_memory_desc chosenInputGradient) {
            this.backward = backward;
            this.reorder = reorder;
            this.packedFloats = Nd4jOneDnnRuntime.floats(kernelLayout);
            this.outputGradient = runtime.memory(nhwcOutputGradient);
            this.plainKernel = runtime.memory(hwio);
            this.packedKernel = runtime.memory(kernelLayout);
            this.inputGradient = runtime.memory(nhwcInputGradient);
            boolean blocked = dnnl.dnnl_memory_desc_equal(chosenOutputGradient, nhwcOutputGradient) == 0
                    || dnnl.dnnl_memory_desc_equal(chosenInputGradient, nhwcInputGradient) == 0;
            this.toBlocked = blocked ? runtime.reorder(nhwcOutputGradient, chosenOutputGradient) : null;
            this.fromBlocked = blocked ? runtime.reorder(chosenInputGradient, nhwcInputGradient) : null;
            this.blockedOutputGradientFloats = blocked ? Nd4jOneDnnRuntime.floats(chosenOutputGradient) : 0;
            this.blockedInputGradientFloats = blocked ? Nd4jOneDnnRuntime.floats(chosenInputGradient) : 0;
            this.blockedOutputGradient = blocked ? runtime.memory(chosenOutputGradient) : null;
            this.blockedInputGradient = blocked ? runtime.memory(chosenInputGradient) : null;
            reorderArgs.position(0).arg(dnnl.DNNL_ARG_FROM).memory(plainKernel);
            reorderArgs.position(1).arg(dnnl.DNNL_ARG_TO).memory(packedKernel);
            reorderArgs.position(0);
            backwardArgs.position(0).arg(dnnl.DNNL_ARG_DIFF_DST).memory(blocked ? blockedOutputGradient
                    : outputGradient);
            backwardArgs.position(1).arg(dnnl.DNNL_ARG_WEIGHTS).memory(packedKernel);
            backwardArgs.position(2).arg(dnnl.DNNL_ARG_DIFF_SRC).memory(blocked ? blockedInputGradient
                    : inputGradient);
            backwardArgs.position(0);
            if (blocked) {
                toBlockedArgs.position(0).arg(dnnl.DNNL_ARG_FROM).memory(outputGradient);
                toBlockedArgs.position(1).arg(dnnl.DNNL_ARG_TO).memory(blockedOutputGradient);
                toBlockedArgs.position(0);
                fromBlockedArgs.position(0).arg(dnnl.DNNL_ARG_FROM).memory(blockedInputGradient);
                fromBlockedArgs.position(1).arg(dnnl.DNNL_ARG_TO).memory(inputGradient);
                fromBlockedArgs.position(0);
            }
        }

        /** Whether the gradients go through a blocked layout (two reorders and two lent buffers a call). */
        boolean blocked() {
            return toBlocked != null;
        }

        /**
         * The primitives for {@code key}, the gradients NHWC or, where {@code preferred}, in the layout oneDNN
         * picks; {@code null} when oneDNN refuses the shape or offers only its reference loops (once its brgemm
         * kernels are passed over, where {@code passOverBrgemm}).
         */
        static Primitives create(Nd4jOneDnnRuntime runtime, Nd4jOneDnnConvolutionShapes key, boolean passOverBrgemm,
                boolean preferred) {
            int tag = preferred ? dnnl.dnnl_format_tag_any : dnnl.dnnl_nhwc;
            dnnl_memory_desc src = descriptor(key.inputDims(), tag);
            dnnl_memory_desc dst = descriptor(key.outputDims(), tag);
            dnnl_memory_desc nhwcSrc = descriptor(key.inputDims(), dnnl.dnnl_nhwc);
            dnnl_memory_desc nhwcDst = descriptor(key.outputDims(), dnnl.dnnl_nhwc);
            dnnl_memory_desc hwio = descriptor(key.kernelDims(), dnnl.dnnl_hwio);
            dnnl_memory_desc anyKernel = descriptor(key.kernelDims(), dnnl.dnnl_format_tag_any);
            long[] strides = key.strides();
            long[] dilation = {0, 0};
            long[] before = key.paddingBefore();
            long[] after = key.paddingAfter();
            dnnl_primitive_desc forward = new dnnl_primitive_desc();
            dnnl_primitive_desc backward = new dnnl_primitive_desc();
            try {
                // the forward description is oneDNN's hint for the backward one
                if (dnnl.dnnl_convolution_forward_primitive_desc_create(forward, runtime.engine(),
                        dnnl.dnnl_forward_training, dnnl.dnnl_convolution_direct, src, anyKernel, null, dst, strides,
                        dilation, before, after, null) != dnnl.dnnl_success
                        || dnnl.dnnl_convolution_backward_data_primitive_desc_create(backward, runtime.engine(),
                                dnnl.dnnl_convolution_direct, src, anyKernel, dst, strides, dilation, before, after,
                                forward, null) != dnnl.dnnl_success
                        || Nd4jOneDnnConvolution.implementationAfterPassingOver(backward, passOverBrgemm)
                                .startsWith("ref")) {
                    return null;
                }
                dnnl_memory_desc kernelLayout = dnnl.dnnl_primitive_desc_query_md(backward,
                        dnnl.dnnl_query_weights_md, 0);
                dnnl_memory_desc chosenDst = dnnl.dnnl_primitive_desc_query_md(backward,
                        dnnl.dnnl_query_diff_dst_md, 0);
                dnnl_memory_desc chosenSrc = dnnl.dnnl_primitive_desc_query_md(backward,
                        dnnl.dnnl_query_diff_src_md, 0);
                dnnl_primitive backwardPrimitive = new dnnl_primitive();
                check(dnnl.dnnl_primitive_create(backwardPrimitive, backward), "dnnl_primitive_create");
                return new Primitives(runtime, backwardPrimitive, runtime.reorder(hwio, kernelLayout), kernelLayout,
                        nhwcDst, hwio, nhwcSrc, chosenDst, chosenSrc);
            } finally {
                // the primitive descriptor owns the descriptors it answers with; memories keep their own copies
                dnnl.dnnl_primitive_desc_destroy(forward);
                dnnl.dnnl_primitive_desc_destroy(backward);
                for (dnnl_memory_desc desc : new dnnl_memory_desc[] {src, dst, nhwcSrc, nhwcDst, hwio, anyKernel}) {
                    dnnl.dnnl_memory_desc_destroy(desc);
                }
            }
        }

        /**
         * Points the memories at the arrays, reorders the kernel into {@code packed} ({@link #packedFloats}
         * floats), and, where {@link #blocked}, {@code dy} into {@code blockedDy}; runs the backward primitive; and
         * where blocked reorders its result from {@code blockedDx} into {@code dx}. The blocked buffers are unused
         * (may be {@code null}) otherwise.
         */
        void run(Nd4jOneDnnRuntime runtime, INDArray dy, INDArray w, INDArray packed, INDArray blockedDy,
                INDArray blockedDx, INDArray dx) {
            // the memories are this shape's, and two callers of one shape would point them at their own arrays
            synchronized (this) {
                point(plainKernel, w);
                point(packedKernel, packed);
                point(outputGradient, dy);
                point(inputGradient, dx);
                if (blocked()) {
                    point(blockedOutputGradient, blockedDy);
                    point(blockedInputGradient, blockedDx);
                    runtime.execute(toBlocked, 2, toBlockedArgs);
                }
                runtime.execute(reorder, 2, reorderArgs);
                runtime.execute(backward, 3, backwardArgs);
                if (blocked()) {
                    runtime.execute(fromBlocked, 2, fromBlockedArgs);
                }
            }
            // oneDNN holds only the raw addresses: the arrays must stay reachable until it is done
            Reference.reachabilityFence(dy);
            Reference.reachabilityFence(w);
            Reference.reachabilityFence(packed);
            Reference.reachabilityFence(blockedDy);
            Reference.reachabilityFence(blockedDx);
            Reference.reachabilityFence(dx);
        }

        void destroy() {
            dnnl.dnnl_primitive_destroy(backward);
            dnnl.dnnl_primitive_destroy(reorder);
            dnnl.dnnl_memory_destroy(outputGradient);
            dnnl.dnnl_memory_destroy(plainKernel);
            dnnl.dnnl_memory_destroy(packedKernel);
            dnnl.dnnl_memory_destroy(inputGradient);
            if (blocked()) {
                dnnl.dnnl_primitive_destroy(toBlocked);
                dnnl.dnnl_primitive_destroy(fromBlocked);
                dnnl.dnnl_memory_destroy(blockedOutputGradient);
                dnnl.dnnl_memory_destroy(blockedInputGradient);
            }
        }
    }
}
