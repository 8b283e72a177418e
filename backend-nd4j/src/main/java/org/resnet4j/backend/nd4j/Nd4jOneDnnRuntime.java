package org.resnet4j.backend.nd4j;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN 3.11 through JavaCPP's preset, for the convolutions ({@link Nd4jOneDnnConvolution}) and the backward
 * primitives libnd4j has no fast op for ({@link Nd4jOneDnnKernelGradient}, {@link Nd4jOneDnnInputGradient},
 * {@link Nd4jOneDnnBatchNorm}): the process's one CPU engine and one stream, and
 * the small helpers every caller needs. libnd4j embeds an older oneDNN of its own; this one is a separate library
 * that runs on the same OpenMP threads. When the preset cannot load, {@link #get()} is {@code null} and says why once;
 * the callers then compute with libnd4j's ops.
 */
final class Nd4jOneDnnRuntime {
    private final dnnl_engine engine;
    private final dnnl_stream stream;

    private Nd4jOneDnnRuntime(dnnl_engine engine, dnnl_stream stream) {
        this.engine = engine;
        this.stream = stream;
    }

    /** The process's runtime, or {@code null} when the preset cannot load (said once, on standard error). */
    static Nd4jOneDnnRuntime get() {
        return Loaded.RUNTIME;
    }

    /**
     * The user of the runtime that {@code make} builds, for a use that {@code -D<property>=false} turns off:
     * {@code null} when it is turned off or the preset cannot load.
     */
    static <T> T unlessTurnedOff(String property, java.util.function.Function<Nd4jOneDnnRuntime, T> make) {
        Nd4jOneDnnRuntime runtime = "false".equalsIgnoreCase(System.getProperty(property, "true").trim()) ? null
                : get();
        return runtime == null ? null : make.apply(runtime);
    }

    /** Loads the runtime on first use, once (the JVM initialises a nested class when it is first read). */
    private static final class Loaded {
        static final Nd4jOneDnnRuntime RUNTIME = load();
    }

    private static Nd4jOneDnnRuntime load() {
        try {
            dnnl_engine engine = new dnnl_engine();
            check(dnnl.dnnl_engine_create(engine, dnnl.dnnl_cpu, 0), "dnnl_engine_create");
            dnnl_stream stream = new dnnl_stream();
            check(dnnl.dnnl_stream_create(stream, engine, dnnl.dnnl_stream_default_flags), "dnnl_stream_create");
            return new Nd4jOneDnnRuntime(engine, stream);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("resnet4j nd4j: oneDNN 3.11 is not available (" + e + "); convolutions, their"
                    + " gradients and batch norms are computed with libnd4j's ops instead");
            return null;
        }
    }

    /** The CPU engine that primitives and memories are created on. */
    dnnl_engine engine() {
        return engine;
    }

    /**
     * Runs {@code primitive} with {@code count} arguments and waits for it. Calls are serialised: there is one
     * stream, and a oneDNN stream takes one caller at a time.
     */
    void execute(dnnl_primitive primitive, int count, dnnl_exec_arg_t args) {
        synchronized (stream) {
            check(dnnl.dnnl_primitive_execute(primitive, stream, count, args), "dnnl_primitive_execute");
            check(dnnl.dnnl_stream_wait(stream), "dnnl_stream_wait");
        }
    }

    /** A float32 memory descriptor of logical {@code dims} in the layout {@code tag}. */
    static dnnl_memory_desc descriptor(long[] dims, int tag) {
        dnnl_memory_desc desc = new dnnl_memory_desc();
        check(dnnl.dnnl_memory_desc_create_with_tag(desc, dims.length, dims, dnnl.dnnl_f32, tag),
                "dnnl_memory_desc_create_with_tag");
        return desc;
    }

    /** A primitive that reorders a memory of {@code from}'s layout into one of {@code to}'s, on this engine. */
    dnnl_primitive reorder(dnnl_memory_desc from, dnnl_memory_desc to) {
        dnnl_primitive_desc desc = new dnnl_primitive_desc();
        try {
            check(dnnl.dnnl_reorder_primitive_desc_create(desc, from, engine, to, engine, null),
                    "dnnl_reorder_primitive_desc_create");
            dnnl_primitive reorder = new dnnl_primitive();
            check(dnnl.dnnl_primitive_create(reorder, desc), "dnnl_primitive_create");
            return reorder;
        } finally {
            dnnl.dnnl_primitive_desc_destroy(desc);
        }
    }

    /** The floats a memory of {@code desc} takes (its bytes, rounded up to whole floats). */
    static long floats(dnnl_memory_desc desc) {
        return (dnnl.dnnl_memory_desc_get_size(desc) + Float.BYTES - 1) / Float.BYTES;
    }

    /** A memory object of {@code desc} without data: each call points it at an array ({@link #point}). */
    dnnl_memory memory(dnnl_memory_desc desc) {
        dnnl_memory memory = new dnnl_memory();
        check(dnnl.dnnl_memory_create(memory, desc, engine, null), "dnnl_memory_create");
        return memory;
    }

    /** A memory object of {@code desc} on {@code buffer}'s data for good. */
    dnnl_memory memory(dnnl_memory_desc desc, INDArray buffer) {
        dnnl_memory memory = new dnnl_memory();
        check(dnnl.dnnl_memory_create(memory, desc, engine, buffer.data().addressPointer()), "dnnl_memory_create");
        return memory;
    }

    /**
     * Points {@code memory} at {@code array}'s data (dense, c-ordered: {@link #contiguous}). The caller keeps the
     * array reachable until the primitive has run: oneDNN holds only the raw address, and ND4J frees an array's
     * buffer when the array is collected.
     */
    static void point(dnnl_memory memory, INDArray array) {
        // the buffer's own pointer: a new Pointer made from it would share its deallocator, and collecting that
        // could free the array's memory while the array is in use
        check(dnnl.dnnl_memory_set_data_handle(memory, array.data().addressPointer()), "dnnl_memory_set_data_handle");
    }

    /**
     * {@code a} if its elements lie c-ordered and dense from the start of its data buffer, else a copy that does
     * (which the caller closes). A view's {@code data()} is a buffer that already starts at the view's offset, so
     * most views qualify as they are.
     */
    static INDArray contiguous(INDArray a) {
        return dense(a) ? a : a.dup('c');
    }

    /**
     * Whether {@code a}'s elements lie c-ordered and dense from the start of its data buffer. The strides of axes of
     * size 1 do not matter (ND4J gives a 1x1 kernel {@code [1,1,64,256]} the strides {@code [16384,16384,256,1]}, which
     * its own default-strides check refuses).
     */
    static boolean dense(INDArray a) {
        if (a.offset() != a.data().offset()) {
            return false;
        }
        long expected = 1;
        for (int axis = a.rank() - 1; axis >= 0; axis--) {
            if (a.size(axis) != 1 && a.stride(axis) != expected) {
                return false;
            }
            expected *= a.size(axis);
        }
        return true;
    }

    /** oneDNN's name of the implementation {@code desc} stands for, e.g. {@code jit:avx2}. */
    static String implementation(dnnl_primitive_desc desc) {
        PointerPointer<?> name = new PointerPointer<>(1);
        check(dnnl.dnnl_primitive_desc_query(desc, dnnl.dnnl_query_impl_info_str, 0, name),
                "dnnl_primitive_desc_query");
        return name.getString(0);
    }

    /** Throws when a oneDNN call did not succeed, naming the call. */
    static void check(int status, String call) {
        if (status != dnnl.dnnl_success) {
            throw new IllegalStateException("oneDNN's " + call + " failed with status " + status);
        }
    }
}
