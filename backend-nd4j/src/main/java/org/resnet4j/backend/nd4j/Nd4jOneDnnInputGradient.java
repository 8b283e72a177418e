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
 * The convolution's input gradient by oneDNN's own backward-data primitive, called directly through JavaCPP's oneDNN
 * preset ({@link Nd4jOneDnnRuntime}, oneDNN 3.11). The output gradient is read and the input gradient written where
 * they lie, NHWC; the HWIO kernel is reordered on each call into the layout the primitive reads (the kernel changes
 * with every training step), into a buffer the caller lends ({@link Nd4jKernels#allocate}). At a stride above 1 this
 * computes only the products that are not with zeros, where the convolution of the output gradient spread out by
 * the strides that {@link Nd4jGradients} falls back to computes four times as many: on the seed network's three stride-2 convolutions at batch 128 (AVX2, caches visible) 33 to 38 ms
 * a call where the spread convolution took 122 to 163 ms; at stride 1 53 ms at 7x7x256 and 54 ms at 14x14x128, where
 * libnd4j's convolution of the turned kernel took about 74 and 66 (docs/training.md).
 *
 * <p>oneDNN's implementation is not timed as the forward convolutions' is ({@link Nd4jOneDnnConvolution}): its brgemm
 * kernels are passed over only where {@code -Dresnet4j.nd4j.onednnConvolution.kernels} says {@code jit}
 * ({@link Nd4jOneDnnConvolution#passOverBrgemm}), and a shape for which it offers only its reference
 * loops is refused, so that the caller computes it as before. Primitives are created on the first call of each shape
 * and kept for the life of the JVM (at most {@value #MAX_KEPT} shapes). When the preset cannot load, or
 * {@code -Dresnet4j.nd4j.onednnInputGradient=false}, {@link #available()} is {@code null}.
 */
final class Nd4jOneDnnInputGradient {
    /** The system property that turns this off ({@code false}); on by default. */
    static final String PROPERTY = "resnet4j.nd4j.onednnInputGradient";
    private static final int MAX_KEPT = 256;

    private final Nd4jOneDnnRuntime runtime;
    private final boolean passOverBrgemm;
    private final Nd4jKeptPrimitives<Nd4jOneDnnConvolutionShapes, Primitives> kept = new Nd4jKeptPrimitives<>(MAX_KEPT, Primitives::destroy);

    private Nd4jOneDnnInputGradient(Nd4jOneDnnRuntime runtime, boolean passOverBrgemm) {
        this.runtime = runtime;
        this.passOverBrgemm = passOverBrgemm;
    }

    /** The process's instance, or {@code null} when it is turned off or oneDNN 3.11 cannot load. */
    static Nd4jOneDnnInputGradient available() {
        return Loaded.INSTANCE;
    }

    /** Made on first use, once (the JVM initialises a nested class when it is first read). */
    private static final class Loaded {
        static final Nd4jOneDnnInputGradient INSTANCE = Nd4jOneDnnRuntime.unlessTurnedOff(PROPERTY,
                runtime -> new Nd4jOneDnnInputGradient(runtime, Nd4jOneDnnConvolution.passOverBrgemmHere()));
    }

    /**
     * Writes the input gradient of the convolution of an input of {@code dx}'s shape (NHWC) with the kernel
     * {@code w} (HWIO), {@code o}'s strides and the explicit padding {@code p}, whose output gradient is {@code dy}
     * (NHWC), into {@code dx} (a dense c-ordered array); the buffer for the reordered kernel comes from
     * {@code buffers} and goes back to it. Returns {@code false}, computing nothing, when oneDNN has no fast
     * primitive for this shape.
     */
    boolean compute(INDArray dy, INDArray w, INDArray dx, Conv2dOptions o, Padding.Explicit p, Nd4jKernels buffers) {
        Nd4jOneDnnConvolutionShapes key = Nd4jOneDnnConvolutionShapes.of(dx, w, dy, o, p);
        Primitives primitives = kept.take(key, k -> Primitives.create(runtime, k, passOverBrgemm));
        if (primitives == null) {
            return false;
        }
        INDArray gradient = contiguous(dy);
        INDArray kernel = contiguous(w);
        INDArray packed = buffers.allocate(primitives.packedFloats);
        try {
            primitives.run(runtime, gradient, kernel, packed, dx);
        } finally {
            buffers.release(packed);
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
     * One shape's backward-data primitive, the reorder of an HWIO kernel into the layout it reads, the floats that
     * layout takes, and the memory objects whose data handles each call points at its arrays.
     */
    private static final class Primitives {
        private final dnnl_primitive backward;
        private final dnnl_primitive reorder;
        private final long packedFloats;
        private final dnnl_memory outputGradient;
        private final dnnl_memory plainKernel;
        private final dnnl_memory packedKernel;
        private final dnnl_memory inputGradient;
        private final dnnl_exec_arg_t backwardArgs = new dnnl_exec_arg_t(3);
        private final dnnl_exec_arg_t reorderArgs = new dnnl_exec_arg_t(2);

        private Primitives(dnnl_primitive backward, dnnl_primitive reorder, long packedFloats,
                dnnl_memory outputGradient, dnnl_memory plainKernel, dnnl_memory packedKernel,
                dnnl_memory inputGradient) {
            this.backward = backward;
            this.reorder = reorder;
            this.packedFloats = packedFloats;
            this.outputGradient = outputGradient;
            this.plainKernel = plainKernel;
            this.packedKernel = packedKernel;
            this.inputGradient = inputGradient;
            reorderArgs.position(0).arg(dnnl.DNNL_ARG_FROM).memory(plainKernel);
            reorderArgs.position(1).arg(dnnl.DNNL_ARG_TO).memory(packedKernel);
            reorderArgs.position(0);
            backwardArgs.position(0).arg(dnnl.DNNL_ARG_DIFF_DST).memory(outputGradient);
            backwardArgs.position(1).arg(dnnl.DNNL_ARG_WEIGHTS).memory(packedKernel);
            backwardArgs.position(2).arg(dnnl.DNNL_ARG_DIFF_SRC).memory(inputGradient);
            backwardArgs.position(0);
        }

        /**
         * The primitives for {@code key}, or {@code null} when oneDNN refuses the shape or offers only its
         * reference loops (once its brgemm kernels are passed over, where {@code passOverBrgemm}).
         */
        static Primitives create(Nd4jOneDnnRuntime runtime, Nd4jOneDnnConvolutionShapes key,
                boolean passOverBrgemm) {
            dnnl_memory_desc src = descriptor(key.inputDims(), dnnl.dnnl_nhwc);
            dnnl_memory_desc dst = descriptor(key.outputDims(), dnnl.dnnl_nhwc);
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
                dnnl_memory_desc chosen = dnnl.dnnl_primitive_desc_query_md(backward, dnnl.dnnl_query_weights_md,
                        0);
                dnnl_primitive backwardPrimitive = new dnnl_primitive();
                check(dnnl.dnnl_primitive_create(backwardPrimitive, backward), "dnnl_primitive_create");
                dnnl_primitive reorderPrimitive = runtime.reorder(hwio, chosen);
                long floats = Nd4jOneDnnRuntime.floats(chosen);
                return new Primitives(backwardPrimitive, reorderPrimitive, floats, runtime.memory(dst),
                        runtime.memory(hwio), runtime.memory(chosen), runtime.memory(src));
            } finally {
                dnnl.dnnl_primitive_desc_destroy(forward);
                dnnl.dnnl_primitive_desc_destroy(backward);
                dnnl.dnnl_memory_desc_destroy(src);
                dnnl.dnnl_memory_desc_destroy(dst);
                dnnl.dnnl_memory_desc_destroy(hwio);
                dnnl.dnnl_memory_desc_destroy(anyKernel);
            }
        }

        /**
         * Points the memories at the arrays, reorders the kernel into {@code packed} ({@link #packedFloats}
         * floats), then runs the backward primitive.
         */
        void run(Nd4jOneDnnRuntime runtime, INDArray dy, INDArray w, INDArray packed, INDArray dx) {
            // the memories are this shape's, and two callers of one shape would point them at their own arrays
            synchronized (this) {
                point(plainKernel, w);
                point(packedKernel, packed);
                point(outputGradient, dy);
                point(inputGradient, dx);
                runtime.execute(reorder, 2, reorderArgs);
                runtime.execute(backward, 3, backwardArgs);
            }
            // oneDNN holds only the raw addresses: the arrays must stay reachable until it is done
            Reference.reachabilityFence(dy);
            Reference.reachabilityFence(w);
            Reference.reachabilityFence(packed);
            Reference.reachabilityFence(dx);
        }

        void destroy() {
            dnnl.dnnl_primitive_destroy(backward);
            dnnl.dnnl_primitive_destroy(reorder);
            dnnl.dnnl_memory_destroy(outputGradient);
            dnnl.dnnl_memory_destroy(plainKernel);
            dnnl.dnnl_memory_destroy(packedKernel);
            dnnl.dnnl_memory_destroy(inputGradient);
        }
    }
}
