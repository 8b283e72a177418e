package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** The part of compile() that needs no GPU: the api's plan of a model, its launches and its activation arena. */
class CudaCompileTraceTest {

    @Test
    void residualModel_plansSevenLaunches_withFoldedBatchNormsAndFusedRelus() {
        OpPlan plan = OpPlanner.forInference(CudaOnGpuTest.residualModel()).plan(List.of(Shape.of(2, 12, 12, 3)));

        assertThat(plan.steps()).extracting(s -> s.op() + (s.fusedRelu() ? "+relu" : "")).containsExactly(
                "CONV2D+relu", "CONV2D+relu", "CONV2D", "ADD+relu", "GLOBAL_AVG_POOL", "DENSE", "SOFTMAX");
        assertThat(plan.outputs().get(0).shape()).isEqualTo(Shape.of(2, 10));

        List<CudaBufferPlanner.Request> requests = CudaBufferPlanner.requests(plan);
        long unshared = 0;
        for (CudaBufferPlanner.Request r : requests) {
            unshared += CudaBufferPlanner.aligned(r.bytes());
        }
        assertThat(CudaBufferPlanner.plan(requests).arenaBytes())
                .isGreaterThanOrEqualTo(CudaBufferPlanner.lowerBound(requests)).isLessThan(unshared);
    }

    private static void assertHostRunMatchesReference(OpPlanner planner, Model model, HostTensor input) {
        OpPlan plan = planner.plan(List.of(input.shape()));
        CudaBufferPlanner.Plan placement = CudaBufferPlanner.plan(CudaBufferPlanner.requests(plan));

        List<HostTensor> actual = new HostPlanExecutor(plan, placement, planner::weight)
                .run(List.of(input));

        try (CompiledModel reference = new ReferenceBackend().compile(model)) {
            List<HostTensor> expected = reference.predictAll(input);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                TensorComparison.assertClose(model.name() + " output " + i + "\n" + plan, actual.get(i),
                        expected.get(i));
            }
        }
    }

    @Test
    void contractNet_planRunInItsArenaOnTheHost_matchesTheReferenceBackend() {
        // Folding, zero padding, SAME average pooling, a Flatten read as [n, features], dropout, softmax and three
        // outputs: every value at its planned offset, in-place Adds sharing their input's bytes.
        Model model = ContractModels.smallResidualNet();
        assertHostRunMatchesReference(OpPlanner.forInference(model), model,
                OpRunner.uniform(new Random(3), -1, 1, 2, 12, 10, 3));
    }

    @Test
    void inPlaceTemptingNet_planRunInItsArenaOnTheHost_matchesTheReferenceBackend() {
        // A ReLU of a value read again, an Add in place, an Add of a value with itself and an Add reading a model
        // output: a value overwritten or reused while still needed would change the results.
        Model model = ContractModels.inPlaceTemptingNet();
        assertHostRunMatchesReference(OpPlanner.forInference(model), model,
                OpRunner.gaussian(new Random(4), 1.0, 2, 6, 6, 2));
    }

    @Test
    void residualModel_unfolded_runsBatchNormLaunchesWithFusedRelus_andMatchesTheReferenceBackend() {
        // What compile() plans under -Dresnet4j.foldBatchNorm=false: the batch norms stay launches of their own and
        // take the ReLUs after them.
        Model model = CudaOnGpuTest.residualModel();
        OpPlanner unfolded = OpPlanner.of(model);
        assertThat(unfolded.plan(List.of(Shape.of(1, 12, 12, 3))).steps())
                .extracting(s -> s.op() + (s.fusedRelu() ? "+relu" : "")).containsExactly("CONV2D",
                        "BATCH_NORM+relu", "CONV2D", "BATCH_NORM+relu", "CONV2D", "BATCH_NORM", "ADD+relu",
                        "GLOBAL_AVG_POOL", "DENSE", "SOFTMAX");
        assertHostRunMatchesReference(unfolded, model, OpRunner.gaussian(new Random(5), 1.0, 1, 12, 12, 3));
    }
}
