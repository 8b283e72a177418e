package org.resnet4j.backend.nd4j;

import static org.resnet4j.backend.nd4j.Nd4jOneDnnRuntime.dense;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;

/**
 * A compiled model's convolutions on oneDNN 3.11 ({@link Nd4jOneDnnConvolution}): each kernel reordered once into
 * the layout its primitive reads and kept with the model (its weights do not change), the ReLU after a
 * convolution and the residual addition before it computed by the convolution itself. Used by the
 * {@link Nd4jPlanExecutor}; {@link #create} gives {@code null} where oneDNN 3.11 is not available or
 * {@code -Dresnet4j.nd4j.onednnConvolution=false}, and the executor then runs libnd4j's {@code conv2d}.
 */
final class Nd4jPackedConvolutions implements AutoCloseable {
    private final Nd4jOneDnnConvolution convolution;
    /** Each weight's packed copies, one per layout its primitives read (batch sizes mostly share one). */
    private final Map<String, List<Packed>> packed = new ConcurrentHashMap<>();
    private final LongAdder residualSums = new LongAdder();

    /** Convolutions on {@code convolution}'s primitives (tests choose its kernels). */
    Nd4jPackedConvolutions(Nd4jOneDnnConvolution convolution) {
        this.convolution = convolution;
    }

    /** Convolutions for one compiled model, or {@code null} when oneDNN 3.11's are not to be used. */
    static Nd4jPackedConvolutions create() {
        Nd4jOneDnnConvolution convolution = Nd4jOneDnnConvolution.available();
        return convolution == null ? null : new Nd4jPackedConvolutions(convolution);
    }

    /** A kernel packed in {@code layout} (this model's own copy of the descriptor). */
    private record Packed(dnnl_memory_desc layout, INDArray kernel) {
    }

    /**
     * Writes the convolution of {@code x} (NHWC) with the kernel {@code w} (HWIO, named {@code weightName}) and the
     * bias {@code b} (or {@code null}) into {@code out}, adding {@code out}'s own contents first where
     * {@code addToOutput}, then its ReLU where {@code relu}. Returns {@code false}, computing nothing, when an
     * array is not dense in c order or oneDNN has no primitive for the shape.
     */
    boolean convolve(INDArray x, String weightName, INDArray w, INDArray b, Conv2dOptions options, INDArray out,
            boolean addToOutput, boolean relu) {
        if (!dense(x) || !dense(out) || !dense(w) || (b != null && !dense(b))) {
            return false;
        }
        Padding.Explicit padding = ConvolutionShapes.padding(shape(x), shape(w), options);
        Nd4jOneDnnConvolution.Primitives primitives = convolution.primitives(
                Nd4jOneDnnConvolutionShapes.of(x, w, out, options, padding), b != null, addToOutput, relu);
        if (primitives == null) {
            return false;
        }
        try {
            primitives.run(convolution.runtime(), x, packedKernel(weightName, w, primitives), b, out);
        } finally {
            convolution.release(primitives);
        }
        if (addToOutput) {
            residualSums.increment();
        }
        return true;
    }

    /** {@code w} packed for {@code primitives}: the copy made for an earlier call in the same layout, else a new one. */
    private INDArray packedKernel(String weightName, INDArray w, Nd4jOneDnnConvolution.Primitives primitives) {
        List<Packed> copies = packed.computeIfAbsent(weightName, k -> new CopyOnWriteArrayList<>());
        synchronized (copies) {
            for (Packed copy : copies) {
                if (primitives.readsKernelIn(copy.layout())) {
                    return copy.kernel();
                }
            }
            INDArray kernel = Nd4j.createUninitialized(DataType.FLOAT, new long[] {primitives.packedFloats()}, 'c');
            primitives.pack(convolution.runtime(), w, kernel);
            copies.add(new Packed(primitives.copyOfLayout(), kernel));
            return kernel;
        }
    }

    /** How many packed kernels this model keeps (for tests). */
    int packedKernels() {
        return packed.values().stream().mapToInt(List::size).sum();
    }

    /** How many convolutions so far added their result to a residual in the same pass (for tests). */
    long residualSums() {
        return residualSums.sum();
    }

    private static Shape shape(INDArray a) {
        return Nd4jTensor.shapeOf(a.shape());
    }

    /** Frees the packed kernels (the primitives are the process's and stay). */
    @Override
    public void close() {
        for (List<Packed> copies : packed.values()) {
            for (Packed copy : copies) {
                copy.kernel().close();
                dnnl.dnnl_memory_desc_destroy(copy.layout());
            }
        }
        packed.clear();
    }
}
