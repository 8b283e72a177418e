import java.util.Arrays;
import java.util.Random;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Times oneDNN's forward convolution alone, layer by layer, on whichever JavaCPP dnnl preset is on the class path:
 * ResNet-50's kinds of layer at batch 1 and 8 and the seed network's 3x3 layers at batch 128, NHWC data, the kernel in
 * the layout the primitive picks, bias and ReLU as a post-op (as the nd4j backend's compiled models call it). Prints
 * oneDNN's implementation, the median time and GFLOP/s of each layer, and the sums per batch size.
 *
 * <p>Not part of the build. With the checkout's preset (the fat jar carries it):
 * <pre>
 *   OMP_NUM_THREADS=2 java -cp tutorials/target/resnet4j.jar bench/OneDnnConvLayers.java [runs]
 * </pre>
 * Another release: put its {@code dnnl}, {@code dnnl:linux-x86_64}, {@code javacpp}, {@code javacpp:linux-x86_64},
 * {@code opencl} and {@code opencl:linux-x86_64} jars on {@code -cp} instead (docs/performance.md).
 */
public final class OneDnnConvLayers {
    /** {batch, input channels, input side, output channels, kernel side, stride}; padding keeps the side at stride 1. */
    private static final int[][] LAYERS = {
        {1, 3, 224, 64, 7, 2}, {1, 64, 56, 64, 3, 1}, {1, 64, 56, 256, 1, 1}, {1, 256, 56, 64, 1, 1},
        {1, 128, 28, 128, 3, 1}, {1, 512, 28, 128, 1, 1}, {1, 256, 14, 256, 3, 1}, {1, 1024, 14, 256, 1, 1},
        {1, 512, 7, 512, 3, 1}, {1, 2048, 7, 512, 1, 1},
        {8, 64, 56, 64, 3, 1}, {8, 64, 56, 256, 1, 1}, {8, 256, 56, 64, 1, 1}, {8, 128, 28, 128, 3, 1},
        {8, 512, 28, 128, 1, 1}, {8, 256, 14, 256, 3, 1}, {8, 1024, 14, 256, 1, 1}, {8, 512, 7, 512, 3, 1},
        {8, 2048, 7, 512, 1, 1},
        {128, 64, 28, 64, 3, 1}, {128, 128, 14, 128, 3, 1}, {128, 256, 7, 256, 3, 1}, {128, 512, 4, 512, 3, 1},
    };

    private OneDnnConvLayers() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        dnnl_engine engine = new dnnl_engine();
        check(dnnl.dnnl_engine_create(engine, dnnl.dnnl_cpu, 0), "dnnl_engine_create");
        dnnl_stream stream = new dnnl_stream();
        check(dnnl.dnnl_stream_create(stream, engine, dnnl.dnnl_stream_default_flags), "dnnl_stream_create");
        System.out.printf("oneDNN %d.%d.%d%n", dnnl.dnnl_version().major(), dnnl.dnnl_version().minor(),
                dnnl.dnnl_version().patch());
        double[] sums = new double[3];
        for (int[] layer : LAYERS) {
            // the large batch runs a tenth as often: each call takes 10-100 ms
            int layerRuns = layer[0] >= 128 ? Math.max(3, runs / 10) : runs;
            double ms = time(engine, stream, layer, layerRuns);
            sums[layer[0] == 1 ? 0 : layer[0] == 8 ? 1 : 2] += ms;
        }
        System.out.printf("sums of the medians: batch 1 %.2f ms, batch 8 %.2f ms, batch 128 %.2f ms%n", sums[0], sums[1],
                sums[2]);
    }

    /** Builds one layer's primitive, runs it {@code runs} times after three untimed runs, prints it, returns the median. */
    private static double time(dnnl_engine engine, dnnl_stream stream, int[] layer, int runs) {
        int n = layer[0];
        int c = layer[1];
        int side = layer[2];
        int oc = layer[3];
        int k = layer[4];
        int stride = layer[5];
        int pad = k / 2;
        int outSide = (side + 2 * pad - k) / stride + 1;
        dnnl_memory_desc src = descriptor(new long[] {n, c, side, side}, dnnl.dnnl_nhwc);
        dnnl_memory_desc dst = descriptor(new long[] {n, oc, outSide, outSide}, dnnl.dnnl_nhwc);
        dnnl_memory_desc anyWeights = descriptor(new long[] {oc, c, k, k}, dnnl.dnnl_format_tag_any);
        dnnl_memory_desc bias = descriptor(new long[] {oc}, dnnl.dnnl_a);
        dnnl_primitive_attr attr = new dnnl_primitive_attr();
        check(dnnl.dnnl_primitive_attr_create(attr), "dnnl_primitive_attr_create");
        dnnl_post_ops relu = new dnnl_post_ops();
        check(dnnl.dnnl_post_ops_create(relu), "dnnl_post_ops_create");
        check(dnnl.dnnl_post_ops_append_eltwise(relu, dnnl.dnnl_eltwise_relu, 0f, 0f), "dnnl_post_ops_append_eltwise");
        check(dnnl.dnnl_primitive_attr_set_post_ops(attr, relu), "dnnl_primitive_attr_set_post_ops");
        dnnl_primitive_desc desc = new dnnl_primitive_desc();
        check(dnnl.dnnl_convolution_forward_primitive_desc_create(desc, engine, dnnl.dnnl_forward_inference,
                dnnl.dnnl_convolution_direct, src, anyWeights, bias, dst, new long[] {stride, stride},
                new long[] {0, 0}, new long[] {pad, pad}, new long[] {pad, pad}, attr),
                "dnnl_convolution_forward_primitive_desc_create");
        PointerPointer<BytePointer> name = new PointerPointer<>(1);
        check(dnnl.dnnl_primitive_desc_query(desc, dnnl.dnnl_query_impl_info_str, 0, name), "dnnl_primitive_desc_query");
        dnnl_memory_desc weights = dnnl.dnnl_primitive_desc_query_md(desc, dnnl.dnnl_query_weights_md, 0);
        dnnl_primitive convolution = new dnnl_primitive();
        check(dnnl.dnnl_primitive_create(convolution, desc), "dnnl_primitive_create");
        Random random = new Random(1);
        FloatPointer x = filled(new FloatPointer((long) n * c * side * side), random, 1f);
        FloatPointer w = filled(new FloatPointer(dnnl.dnnl_memory_desc_get_size(weights) / Float.BYTES), random, 0.05f);
        FloatPointer b = filled(new FloatPointer(oc), random, 0.1f);
        FloatPointer y = new FloatPointer((long) n * oc * outSide * outSide);
        dnnl_exec_arg_t execArgs = new dnnl_exec_arg_t(4);
        execArgs.position(0).arg(dnnl.DNNL_ARG_SRC).memory(memory(src, engine, x));
        execArgs.position(1).arg(dnnl.DNNL_ARG_WEIGHTS).memory(memory(weights, engine, w));
        execArgs.position(2).arg(dnnl.DNNL_ARG_BIAS).memory(memory(bias, engine, b));
        execArgs.position(3).arg(dnnl.DNNL_ARG_DST).memory(memory(dst, engine, y));
        execArgs.position(0);
        long[] nanos = new long[runs];
        for (int i = -3; i < runs; i++) {
            long start = System.nanoTime();
            check(dnnl.dnnl_primitive_execute(convolution, stream, 4, execArgs), "dnnl_primitive_execute");
            check(dnnl.dnnl_stream_wait(stream), "dnnl_stream_wait");
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        double ms = nanos[runs / 2] / 1e6;
        double flops = 2.0 * n * oc * outSide * outSide * c * k * k;
        System.out.printf("%-28s %-26s %9.3f ms %6.0f GFLOP/s%n", Arrays.toString(layer), name.getString(0), ms,
                flops / (ms * 1e6));
        return ms;
    }

    private static FloatPointer filled(FloatPointer p, Random random, float scale) {
        for (long i = 0; i < p.capacity(); i++) {
            p.put(i, (float) random.nextGaussian() * scale);
        }
        return p;
    }

    private static dnnl_memory_desc descriptor(long[] dims, int tag) {
        dnnl_memory_desc desc = new dnnl_memory_desc();
        check(dnnl.dnnl_memory_desc_create_with_tag(desc, dims.length, dims, dnnl.dnnl_f32, tag),
                "dnnl_memory_desc_create_with_tag");
        return desc;
    }

    private static dnnl_memory memory(dnnl_memory_desc desc, dnnl_engine engine, FloatPointer data) {
        dnnl_memory memory = new dnnl_memory();
        check(dnnl.dnnl_memory_create(memory, desc, engine, data), "dnnl_memory_create");
        return memory;
    }

    private static void check(int status, String call) {
        if (status != dnnl.dnnl_success) {
            throw new IllegalStateException(call + " failed with oneDNN status " + status);
        }
    }
}
