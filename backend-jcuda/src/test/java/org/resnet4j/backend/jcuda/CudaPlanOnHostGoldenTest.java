package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnet4j.nn.Model;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;

/**
 * compile()'s plan (the api's OpPlanner: BN folded, ReLU fused, Adds in place; activations packed into one arena
 * by liveness) executed on the CPU by {@link HostPlanExecutor}, against torchvision's outputs: the shared golden
 * fixtures, each run on the model the models module builds for it ({@link TorchvisionFixtures.Case#model()}).
 * Needs no GPU: it proves the plan and the arena are right, the GPU tests (the contract and the models module's
 * {@code CudaGoldenTest}) prove the kernels are.
 */
class CudaPlanOnHostGoldenTest {

    @Test
    void stemPlan_matchesTorchvision() {
        // conv+BN+ReLU fold into one launch, then the max pool.
        assertPlanMatchesTorchvision("stem", 2);
    }

    @Test
    void tinyResNet18Plan_matchesTorchvision() {
        // stem conv, max pool, 8 blocks of 2 convs + add, 3 projection convs, global pool, fc.
        assertPlanMatchesTorchvision("tiny_resnet18", 2 + 8 * 3 + 3 + 2);
    }

    @Test
    void tinyResNet50Plan_matchesTorchvision() {
        // stem conv, max pool, 16 bottlenecks of 3 convs + add, 4 projection convs, global pool, fc.
        assertPlanMatchesTorchvision("tiny_resnet50", 2 + 16 * 4 + 4 + 2);
    }

    /** Each block alone: its convs (BN folded, ReLU fused), a projection conv if it has one, and the add. */
    @ParameterizedTest(name = "{0}: {1} launches")
    @CsvSource({"block_a, 3", "block_b, 4", "block_b_odd, 4", "block_c, 4", "block_d, 5", "block_d_v1, 5",
            "block_d_stride1, 5"})
    void blockPlan_matchesTorchvision(String fixture, int launches) {
        assertPlanMatchesTorchvision(fixture, launches);
    }

    private static void assertPlanMatchesTorchvision(String fixture, int expectedLaunches) {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load(fixture);
        Model model = c.model();
        HostTensor input = c.input();

        OpPlanner planner = OpPlanner.forInference(model);
        OpPlan plan = planner.plan(List.of(input.shape()));
        assertThat(plan.steps()).as(fixture + " launches").hasSize(expectedLaunches);
        CudaBufferPlanner.Plan placement = CudaBufferPlanner.plan(CudaBufferPlanner.requests(plan));

        HostTensor actual = new HostPlanExecutor(plan, placement, planner::weight)
                .run(List.of(input)).get(0);

        // The fixtures' README bound for float32 implementations against PyTorch's float64 results.
        TensorComparison.assertClose(fixture + " plan on the host", actual, c.output(), 1e-4);
    }
}
