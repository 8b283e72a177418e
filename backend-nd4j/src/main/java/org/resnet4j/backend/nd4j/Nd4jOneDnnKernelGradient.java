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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;

/**
 * The convolution's kernel gradient by oneDNN's own backward-weights primitive, called directly through JavaCPP's
 * oneDNN preset ({@link Nd4jOneDnnRuntime}, oneDNN 3.11; libnd4j embeds an older oneDNN but has no op for the kernel
 * gradient alone: its {@code conv2d_bp} computes both gradients and copies every activation into a blocked layout
 * first). oneDNN writes the gradient in the kernel layout it computes fastest in, into a buffer the caller lends
 * ({@link Nd4jKernels#allocate}), and a reorder primitive turns that into the HWIO array asked for. On the seed network's 3x3 convolutions at batch 128 this took 26 ms at 28x28x64 and
 * 20 ms at 14x14x128, where the matrix products that computed it before took about 50 and 37 (docs/backend-nd4j.md).
 *
 * <p>The input and the output gradient are read in the layout oneDNN prefers for them ({@link Layout#PREFERRED},
 * the default): where that is not NHWC, each is reordered into it first, into a buffer the caller lends
 * ({@link Nd4jKernels#allocate}). On an AVX2 CPU oneDNN 3.6's {@code jit:avx2} kernel took 101.6 ms at 4x4x512
 * (batch 128) on its blocked layout where it took 131.5 on NHWC, and 71.9 against 86.0 at 14x14x128, the reorders
 * 1 to 4 ms (docs/training.md). Inputs with fewer than {@value #FEWEST_CHANNELS_FOR_PREFERRED} channels stay NHWC:
 * a blocked layout pads their channels to a whole block (the 1-channel stem took 18 ms against 3.6).
 * {@code -Dresnet4j.nd4j.onednnKernelGradient.layout=nhwc} reads both NHWC always ({@link Layout#NHWC}).
 *
 * <p>Primitives are created on the first call of each shape and kept for the life of the JVM (at most
 * {@value #MAX_KEPT} shapes; beyond that a shape's primitives are created and destroyed per call). Calls are
 * serialised on the runtime's one stream. When the preset cannot load, or
 * {@code -Dresnet4j.nd4j.onednnKernelGradient=false}, {@link #available()} is {@code null} and the caller computes
 * the gradient with matrix products.
 */
final class Nd4jOneDnnKernelGradient {
    /** The system property that turns this off ({@code false}); on by default. */
    static final String PROPERTY = "resnet4j.nd4j.onednnKernelGradient";
    /** The system property that picks the layout the input and the output gradient are read in ({@link Layout}). */
    static final String LAYOUT_PROPERTY = "resnet4j.nd4j.onednnKernelGradient.layout";
    /** Inputs with fewer channels are read NHWC whatever the {@link Layout}. */
    static final int FEWEST_CHANNELS_FOR_PREFERRED = 8;
    private static final int MAX_KEPT = 256;

    /** The layout the input and the output gradient are read in. */
    enum Layout {
        /** The layout oneDNN prefers for the shape (a blocked one on AVX2), reordered into where it is not NHWC. */
        PREFERRED,
        /** NHWC, as they lie. */
        NHWC;

        /** The layout {@code -D}{@value #LAYOUT_PROPERTY} names: {@code preferred} (also when unset) or {@code nhwc}. */
        static Layout of(String setting) {
            return Nd4jSettings.choice(LAYOUT_PROPERTY, setting, PREFERRED);
        }
    }

    private final Nd4jOneDnnRuntime runtime;
    private final Layout layout;
    private final Nd4jKeptPrimitives<Nd4jOneDnnConvolutionShapes, Primitives> kept = new Nd4jKeptPrimitives<>(MAX_KEPT, Primitives::destroy);

    /** Kernel gradients on {@code runtime}, reading the input and the output gradient in {@code layout}. */
    Nd4jOneDnnKernelGradient(Nd4jOneDnnRuntime runtime, Layout layout) {
        this.runtime = runtime;
        this.layout = layout;
    }

    /** The process's instance, or {@code null} when it is turned off or oneDNN 3.11 cannot load. */
    static Nd4jOneDnnKernelGradient available() {
        return Loaded.INSTANCE;
    }

    /** Made on first use, once (the JVM initialises a nested class when it is first read). */
    private static final class Loaded {
        static final Nd4jOneDnnKernelGradient INSTANCE = Nd4jOneDnnRuntime.unlessTurnedOff(PROPERTY,
                runtime -> new Nd4jOneDnnKernelGradient(runtime, Layout.of(System.getProperty(LAYOUT_PROPERTY))));
    }

    /**
     * Writes the kernel gradient of the convolution of {@code x} (NHWC) with a kernel of {@code dw}'s shape (HWIO),
     * {@code o}'s strides and the explicit padding {@code p}, whose output gradient is {@code dy} (NHWC), into
     * {@code dw} (a dense c-ordered array). Reordered copies of {@code x} and {@code dy}, where the layout asks for
     * them, are made in buffers from {@code buffers} and given back to it. Returns {@code false}, computing nothing,
     * when oneDNN has no primitive for this shape.
     */
    boolean compute(INDArray x, INDArray dy, INDArray dw, Conv2dOptions o, Padding.Explicit p, Nd4jKernels buffers) {
        if (stridedOneByOne(dw, o)) {
            return false;
        }
        Nd4jOneDnnConvolutionShapes key = Nd4jOneDnnConvolutionShapes.of(x, dw, dy, o, p);
        Primitives primitives = kept.take(key, k -> Primitives.create(runtime, k, layout));
        if (primitives == null) {
            return false;
        }
        INDArray input = contiguous(x);
        INDArray gradient = contiguous(dy);
        INDArray inputCopy = primitives.input.borrow(buffers);
        INDArray gradientCopy = primitives.outputGradient.borrow(buffers);
        INDArray blocked = buffers.allocate(primitives.blockedFloats);
        try {
            primitives.run(runtime, input, inputCopy, gradient, gradientCopy, blocked, dw);
        } finally {
            buffers.release(blocked);
            kept.release(key, primitives);
            primitives.input.giveBack(buffers, inputCopy);
            primitives.outputGradient.giveBack(buffers, gradientCopy);
            if (input != x) {
                input.close();
            }
            if (gradient != dy) {
                gradient.close();
            }
        }
        return true;
    }

    /**
     * Whether the kernel is 1x1 at a stride above 1, which oneDNN's backward-weights primitive is not trusted
     * with: on this machine's AVX-512 kernels oneDNN 3.6's corrupted the process's memory for fewer than 16 input
     * channels on an even-sized input (SIGSEGV later, inside oneDNN or libc: 2x16x16x4 to 8 output channels at stride 2, and
     * with 3 and 8 input channels), while 16 and 64 channels, an odd size, and 60 random other shapes were clean
     * (docs/backend-nd4j.md). These shortcut convolutions are a few per network, so all of them go to the matrix
     * products.
     */
    static boolean stridedOneByOne(INDArray kernel, Conv2dOptions o) {
        return kernel.size(0) == 1 && kernel.size(1) == 1 && (o.strideHeight() > 1 || o.strideWidth() > 1);
    }

    /**
     * How the primitive reads one NHWC argument: as it lies (no reorder), or through a reorder primitive into a
     * borrowed buffer of {@code floats} floats in the layout the primitive reads.
     */
    private static final class Operand {
        private final dnnl_memory plain;
        private final dnnl_primitive reorder;
        private final dnnl_memory reordered;
        private final long floats;
        private final dnnl_exec_arg_t reorderArgs = new dnnl_exec_arg_t(2);

        private Operand(dnnl_memory plain, dnnl_primitive reorder, dnnl_memory reordered, long floats) {
            this.plain = plain;
            this.reorder = reorder;
            this.reordered = reordered;
            this.floats = floats;
            if (reorder != null) {
                reorderArgs.position(0).arg(dnnl.DNNL_ARG_FROM).memory(plain);
                reorderArgs.position(1).arg(dnnl.DNNL_ARG_TO).memory(reordered);
                reorderArgs.position(0);
            }
        }

        /** An operand read in {@code nhwc}'s layout, or reordered into {@code chosen}'s where the two differ. */
        static Operand of(Nd4jOneDnnRuntime runtime, dnnl_memory_desc nhwc, dnnl_memory_desc chosen) {
            if (dnnl.dnnl_memory_desc_equal(nhwc, chosen) != 0) {
                return new Operand(runtime.memory(nhwc), null, null, 0);
            }
            dnnl_primitive reorder = runtime.reorder(nhwc, chosen);
            return new Operand(runtime.memory(nhwc), reorder, runtime.memory(chosen),
                    Nd4jOneDnnRuntime.floats(chosen));
        }

        /** A buffer for the reordered copy, or {@code null} when the argument is read as it lies. */
        INDArray borrow(Nd4jKernels buffers) {
            return reorder == null ? null : buffers.allocate(floats);
        }

        void giveBack(Nd4jKernels buffers, INDArray copy) {
            if (copy != null) {
                buffers.release(copy);
            }
        }

        /** Points the operand at {@code array} (and {@code copy}), reorders where needed; the memory to read. */
        dnnl_memory prepare(Nd4jOneDnnRuntime runtime, INDArray array, INDArray copy) {
            point(plain, array);
            if (reorder == null) {
                return plain;
            }
            point(reordered, copy);
            runtime.execute(reorder, 2, reorderArgs);
            return reordered;
        }

        void destroy() {
            dnnl.dnnl_memory_destroy(plain);
            if (reorder != null) {
                dnnl.dnnl_primitive_destroy(reorder);
                dnnl.dnnl_memory_destroy(reordered);
            }
        }
    }

    /**
     * One shape's backward-weights primitive, how it reads the input and the output gradient, the reorder from
     * oneDNN's kernel layout to HWIO, and the floats the gradient takes in oneDNN's layout.
     */
    private static final class Primitives {
        private final dnnl_primitive backward;
        private final Operand input;
        private final Operand outputGradient;
        private final dnnl_primitive reorder;
        private final long blockedFloats;
        private final dnnl_memory blockedGradient;
        private final dnnl_memory kernelGradient;
        private final dnnl_exec_arg_t backwardArgs = new dnnl_exec_arg_t(3);
        private final dnnl_exec_arg_t reorderArgs = new dnnl_exec_arg_t(2);

        private Primitives(dnnl_primitive backward, Operand input, Operand outputGradient, dnnl_primitive reorder,
                long blockedFloats, dnnl_memory blockedGradient, dnnl_memory kernelGradient) {
            this.backward = backward;
            this.input = input;
            this.outputGradient = outputGradient;
            this.reorder = reorder;
            this.blockedFloats = blockedFloats;
            this.blockedGradient = blockedGradient;
            this.kernelGradient = kernelGradient;
            reorderArgs.position(0).arg(dnnl.DNNL_ARG_FROM).memory(blockedGradient);
            reorderArgs.position(1).arg(dnnl.DNNL_ARG_TO).memory(kernelGradient);
            reorderArgs.position(0);
        }

        /** The primitives for {@code key}, or {@code null} when oneDNN refuses the shape. */
        static Primitives create(Nd4jOneDnnRuntime runtime, Nd4jOneDnnConvolutionShapes key, Layout layout) {
            boolean preferred = layout == Layout.PREFERRED && key.inputDims()[1] >= FEWEST_CHANNELS_FOR_PREFERRED;
            dnnl_memory_desc src = descriptor(key.inputDims(), dnnl.dnnl_nhwc);
            dnnl_memory_desc dst = descriptor(key.outputDims(), dnnl.dnnl_nhwc);
            dnnl_memory_desc srcAsked = descriptor(key.inputDims(), preferred ? dnnl.dnnl_format_tag_any : dnnl.dnnl_nhwc);
            dnnl_memory_desc dstAsked = descriptor(key.outputDims(), preferred ? dnnl.dnnl_format_tag_any : dnnl.dnnl_nhwc);
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
                        dnnl.dnnl_forward_training, dnnl.dnnl_convolution_direct, srcAsked, anyKernel, null, dstAsked,
                        strides, dilation, before, after, null) != dnnl.dnnl_success
                        || dnnl.dnnl_convolution_backward_weights_primitive_desc_create(backward, runtime.engine(),
                                dnnl.dnnl_convolution_direct, srcAsked, anyKernel, null, dstAsked, strides, dilation,
                                before, after, forward, null) != dnnl.dnnl_success) {
                    return null;
                }
                dnnl_memory_desc chosen = dnnl.dnnl_primitive_desc_query_md(backward,
                        dnnl.dnnl_query_diff_weights_md, 0);
                dnnl_primitive backwardPrimitive = new dnnl_primitive();
                check(dnnl.dnnl_primitive_create(backwardPrimitive, backward), "dnnl_primitive_create");
                dnnl_primitive reorderPrimitive = runtime.reorder(chosen, hwio);
                long floats = Nd4jOneDnnRuntime.floats(chosen);
                Operand input = Operand.of(runtime, src,
                        dnnl.dnnl_primitive_desc_query_md(backward, dnnl.dnnl_query_src_md, 0));
                Operand outputGradient = Operand.of(runtime, dst,
                        dnnl.dnnl_primitive_desc_query_md(backward, dnnl.dnnl_query_diff_dst_md, 0));
                return new Primitives(backwardPrimitive, input, outputGradient, reorderPrimitive, floats,
                        runtime.memory(chosen), runtime.memory(hwio));
            } finally {
                dnnl.dnnl_primitive_desc_destroy(forward);
                dnnl.dnnl_primitive_desc_destroy(backward);
                dnnl.dnnl_memory_desc_destroy(src);
                dnnl.dnnl_memory_desc_destroy(dst);
                dnnl.dnnl_memory_desc_destroy(srcAsked);
                dnnl.dnnl_memory_desc_destroy(dstAsked);
                dnnl.dnnl_memory_desc_destroy(hwio);
                dnnl.dnnl_memory_desc_destroy(anyKernel);
            }
        }

        /**
         * Points the memories at the arrays, reorders the input and the output gradient where needed (into
         * {@code xCopy} and {@code dyCopy}), runs the backward primitive into {@code blocked}
         * ({@link #blockedFloats} floats), then the reorder from there into {@code dw}.
         */
        void run(Nd4jOneDnnRuntime runtime, INDArray x, INDArray xCopy, INDArray dy, INDArray dyCopy,
                INDArray blocked, INDArray dw) {
            // the memories are this shape's, and two callers of one shape would point them at their own arrays
            synchronized (this) {
                backwardArgs.position(0).arg(dnnl.DNNL_ARG_SRC).memory(input.prepare(runtime, x, xCopy));
                backwardArgs.position(1).arg(dnnl.DNNL_ARG_DIFF_DST)
                        .memory(outputGradient.prepare(runtime, dy, dyCopy));
                backwardArgs.position(2).arg(dnnl.DNNL_ARG_DIFF_WEIGHTS).memory(blockedGradient);
                backwardArgs.position(0);
                point(blockedGradient, blocked);
                point(kernelGradient, dw);
                runtime.execute(backward, 3, backwardArgs);
                runtime.execute(reorder, 2, reorderArgs);
            }
            // oneDNN holds only the raw addresses: the arrays must stay reachable until it is done
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(xCopy);
            Reference.reachabilityFence(dy);
            Reference.reachabilityFence(dyCopy);
            Reference.reachabilityFence(blocked);
            Reference.reachabilityFence(dw);
        }

        void destroy() {
            dnnl.dnnl_primitive_destroy(backward);
            dnnl.dnnl_primitive_destroy(reorder);
            input.destroy();
            outputGradient.destroy();
            dnnl.dnnl_memory_destroy(blockedGradient);
            dnnl.dnnl_memory_destroy(kernelGradient);
        }
    }
}
