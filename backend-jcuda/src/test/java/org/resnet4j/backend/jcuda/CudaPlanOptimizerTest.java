package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/** Traces small graphs without a GPU and checks the rewrites and the buffer plan that compile() would use. */
class CudaPlanOptimizerTest {
    private final Random random = new Random(11);
    private final CudaTraceOps ops = new CudaTraceOps();

    private Tensor weight(String name, int... dims) {
        return ops.constant(name, OpRunner.gaussian(random, 1.0, dims));
    }

    private Tensor convBn(String name, Tensor x, int cin, int cout) {
        Tensor y = ops.conv2d(x, weight(name + "/kernel", 3, 3, cin, cout), null, Conv2dOptions.of(1, Padding.SAME));
        HostTensor variance = HostTensor.filled(org.resnet4j.tensor.Shape.of(cout), 0.5f);
        return ops.batchNorm(y, weight(name + "_bn/gamma", cout), weight(name + "_bn/beta", cout),
                weight(name + "_bn/moving_mean", cout), ops.constant(name + "_bn/moving_variance", variance), 1e-5f);
    }

    private static Set<CudaTraceValue> outputs(Tensor... ts) {
        Set<CudaTraceValue> s = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : ts) {
            s.add(((CudaTraceTensor) t).value);
        }
        return s;
    }

    @Test
    void residualBlock_foldsBatchNormsAndFusesRelus_intoThreeLaunches() {
        CudaTraceTensor x = ops.input(org.resnet4j.tensor.Shape.of(2, 8, 8, 4));
        Tensor a = ops.relu(convBn("conv1", x, 4, 4));
        Tensor b = convBn("conv2", a, 4, 4);
        Tensor out = ops.relu(ops.add(b, x));
        assertThat(ops.steps()).hasSize(7);

        List<CudaTraceStep> steps = CudaPlanOptimizer.optimise(ops.steps(), outputs(out));

        assertThat(steps).extracting(s -> s.op).containsExactly(CudaTraceStep.Op.CONV2D, CudaTraceStep.Op.CONV2D,
                CudaTraceStep.Op.ADD);
        assertThat(steps).extracting(s -> s.relu).containsExactly(true, false, true);
        assertThat(steps.get(0).constants.get(1).key).isEqualTo("folded(conv1/kernel, conv1_bn/gamma)/bias");
        assertThat(steps.get(2).output).isSameAs(((CudaTraceTensor) out).value);
    }

    @Test
    void residualBlock_plan_keepsTheShortcutApartFromEveryValueAliveWithIt() {
        CudaTraceTensor x = ops.input(org.resnet4j.tensor.Shape.of(1, 4, 4, 8));
        Tensor a = ops.relu(convBn("conv1", x, 8, 8));
        Tensor b = convBn("conv2", a, 8, 8);
        Tensor out = ops.relu(ops.add(b, x));
        Set<CudaTraceValue> outs = outputs(out);
        List<CudaTraceStep> steps = CudaPlanOptimizer.optimise(ops.steps(), outs);
        CudaPlanLiveness live = new CudaPlanLiveness(steps, List.of(x.value), outs);
        CudaBufferPlanner.Plan plan = CudaBufferPlanner.plan(live.requests);

        // x, a, b and out are 4*4*8 floats = 512 bytes each; x lives until the add, so at the add x, b and out
        // are alive: 3 * 512 bytes is the minimum, and a reuses out's bytes.
        assertThat(live.values).hasSize(4);
        assertThat(plan.arenaBytes()).isEqualTo(3 * 512);
        assertThat(plan.arenaBytes()).isEqualTo(CudaBufferPlanner.lowerBound(live.requests));
    }

    @Test
    void batchNormAfterAConvolutionThatIsAlsoAnOutput_isNotFolded() {
        CudaTraceTensor x = ops.input(org.resnet4j.tensor.Shape.of(1, 4, 4, 2));
        Tensor conv = ops.conv2d(x, weight("c/kernel", 1, 1, 2, 2), null, Conv2dOptions.of(1, Padding.VALID));
        Tensor bn = ops.batchNorm(conv, weight("g", 2), weight("b", 2), weight("m", 2),
                ops.constant("v", HostTensor.filled(org.resnet4j.tensor.Shape.of(2), 1f)), 1e-3f);
        List<CudaTraceStep> steps = CudaPlanOptimizer.optimise(ops.steps(), outputs(conv, bn));
        assertThat(steps).extracting(s -> s.op).containsExactly(CudaTraceStep.Op.CONV2D,
                CudaTraceStep.Op.BATCH_NORM);
    }

    @Test
    void reluOfAValueReadTwice_staysASeparateLaunch() {
        CudaTraceTensor x = ops.input(org.resnet4j.tensor.Shape.of(1, 4));
        Tensor d = ops.dense(x, weight("d/kernel", 4, 3), weight("d/bias", 3));
        Tensor r = ops.relu(d);
        Tensor s = ops.add(d, r);
        List<CudaTraceStep> steps = CudaPlanOptimizer.optimise(ops.steps(), outputs(s));
        assertThat(steps).extracting(st -> st.op).containsExactly(CudaTraceStep.Op.DENSE, CudaTraceStep.Op.RELU,
                CudaTraceStep.Op.ADD);
        assertThat(steps).extracting(st -> st.relu).containsOnly(false);
    }

    @Test
    void reshape_sharesItsValue_soItCostsNoLaunchAndNoMemory() {
        CudaTraceTensor x = ops.input(org.resnet4j.tensor.Shape.of(2, 3, 3, 4));
        Tensor flat = ops.reshape(ops.relu(x), org.resnet4j.tensor.Shape.of(2, 36));
        Tensor y = ops.softmax(flat);
        Set<CudaTraceValue> outs = outputs(y);
        List<CudaTraceStep> steps = CudaPlanOptimizer.optimise(ops.steps(), outs);
        assertThat(steps).extracting(st -> st.op).containsExactly(CudaTraceStep.Op.RELU, CudaTraceStep.Op.SOFTMAX);
        assertThat(new CudaPlanLiveness(steps, List.of(x.value), outs).values).hasSize(3);
    }
}
