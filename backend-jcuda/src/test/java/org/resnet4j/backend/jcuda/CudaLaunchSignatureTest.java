package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.tensor.Shape;

/**
 * Every launch the Java side builds passes exactly the parameters, in count and type, that the kernel's PTX
 * declares: a mismatch would not fail on a GPU, it would silently read garbage.
 */
class CudaLaunchSignatureTest {
    private static final Pattern PARAM = Pattern.compile("\\.param \\.(u64|u32|s32|f32|s64)");

    private static List<String> ptxSignature(CudaKernel k) {
        String ptx = CudaPtx.text(k.module());
        int start = ptx.indexOf(".entry " + k.entry() + "(");
        String params = ptx.substring(start, ptx.indexOf(')', start));
        List<String> types = new ArrayList<>();
        Matcher m = PARAM.matcher(params);
        while (m.find()) {
            types.add(m.group(1).replace("s32", "u32").replace("s64", "u64"));
        }
        return types;
    }

    @Test
    void everyLaunchBuilder_matchesItsKernelsPtxParameters() {
        CUdeviceptr p = new CUdeviceptr();
        Shape in = Shape.of(2, 8, 8, 3);
        Shape k = Shape.of(3, 3, 3, 4);
        Shape out = Shape.of(2, 8, 8, 4);
        PoolOptions pool = PoolOptions.of(3, 2, Padding.SAME);
        Shape pooled = PoolingShapes.maxPool(in, pool);
        List<CudaLaunch> launches = List.of(
                CudaLaunches.conv2d(p, in, p, k, null, out, Conv2dOptions.of(1, Padding.SAME), true, p),
                CudaLaunches.dense(p, p, null, 2, 5, 3, false, p),
                CudaLaunches.batchNorm(p, in, p, p, p, p, 1e-3f, false, p),
                CudaLaunches.relu(p, 10, p),
                CudaLaunches.add(p, p, 10, true, p),
                CudaLaunches.pool(CudaKernel.MAX_POOL, p, in, pooled, pool, p),
                CudaLaunches.pool(CudaKernel.AVG_POOL, p, in, pooled, pool, p),
                CudaLaunches.globalAvgPool(p, in, p),
                CudaLaunches.zeroPad(p, in, Shape.of(2, 9, 10, 3), Padding.explicit(1, 0, 2, 0), p),
                CudaLaunches.softmax(p, 2, 10, p));
        Set<CudaKernel> covered = EnumSet.noneOf(CudaKernel.class);
        for (CudaLaunch l : launches) {
            assertThat(l.ptxTypes()).as(l.kernel().entry()).containsExactlyElementsOf(ptxSignature(l.kernel()));
            covered.add(l.kernel());
        }
        assertThat(covered).containsExactlyInAnyOrder(CudaKernel.values());
    }
}
