package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The part of compile() that needs no GPU: tracing a model, optimising the steps and planning the arena. */
class CudaCompileTraceTest {

    @Test
    void residualModel_tracesToSevenLaunches_withFoldedBatchNormsAndFusedRelus() {
        Model model = CudaOnGpuTest.residualModel();
        CudaTraceOps trace = new CudaTraceOps();
        CudaTraceTensor x = trace.input(Shape.of(2, 12, 12, 3));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().asMap().forEach((name, value) -> weights.put(name, trace.constant(name, value)));
        List<Tensor> out = model.forward(trace, weights, List.of(x));
        Set<CudaTraceValue> outputs = Collections.newSetFromMap(new IdentityHashMap<>());
        outputs.add(((CudaTraceTensor) out.get(0)).value);

        List<CudaTraceStep> steps = CudaPlanOptimizer.optimise(trace.steps(), outputs);

        assertThat(steps).extracting(s -> s.op + (s.relu ? "+relu" : "")).containsExactly("CONV2D+relu",
                "CONV2D+relu", "CONV2D", "ADD+relu", "GLOBAL_AVG_POOL", "DENSE", "SOFTMAX");
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, 10));

        CudaPlanLiveness live = new CudaPlanLiveness(steps, List.of(x.value), outputs);
        CudaBufferPlanner.Plan plan = CudaBufferPlanner.plan(live.requests);
        long unshared = 0;
        for (CudaBufferPlanner.Request r : live.requests) {
            unshared += CudaBufferPlanner.aligned(r.bytes());
        }
        assertThat(plan.arenaBytes()).isGreaterThanOrEqualTo(CudaBufferPlanner.lowerBound(live.requests))
                .isLessThan(unshared);
    }
}
