package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;

/**
 * compile()'s plan (the api's OpPlanner: BN folded, ReLU fused, Adds in place; activations packed into one arena
 * by liveness) executed on the CPU by {@link HostPlanExecutor}, against torchvision's outputs. Needs no GPU: it
 * proves the plan and the arena are right, the GPU tests prove the kernels are.
 */
class CudaPlanOnHostGoldenTest {

    private static double runPlan(Model model, String fixture, int expectedLaunches) throws Exception {
        TorchStyleResNet.load(model, TorchvisionFixtures.read(fixture + ".weights.safetensors").floatTensors());
        Map<String, HostTensor> io = TorchvisionFixtures.read(fixture + ".io.safetensors").floatTensors();
        HostTensor input = io.get("input");
        HostTensor expected = io.get("output");

        OpPlanner planner = OpPlanner.forInference(model);
        OpPlan plan = planner.plan(List.of(input.shape()));
        assertThat(plan.steps()).hasSize(expectedLaunches);
        CudaBufferPlanner.Plan placement = CudaBufferPlanner.plan(CudaBufferPlanner.requests(plan));

        HostTensor actual = new HostPlanExecutor(plan, placement, planner::weight)
                .run(List.of(input)).get(0);

        assertThat(actual.shape()).isEqualTo(expected.shape());
        return TensorComparison.relativeL2Error(actual, expected);
    }

    @Test
    void stemPlan_matchesTorchvision() throws Exception {
        // conv+BN+ReLU fold into one launch, then the max pool.
        assertThat(runPlan(TorchStyleResNet.stem(33, 8), "stem", 2)).isLessThan(1e-4);
    }

    @Test
    void tinyResNet18Plan_matchesTorchvision() throws Exception {
        // stem conv, max pool, 8 blocks of 2 convs + add, 3 projection convs, global pool, fc.
        Model m = TorchStyleResNet.build("tiny_resnet18", 64, false, new int[] {2, 2, 2, 2}, 8, 10);
        assertThat(runPlan(m, "tiny_resnet18", 2 + 8 * 3 + 3 + 2)).isLessThan(1e-4);
    }

    @Test
    void tinyResNet50Plan_matchesTorchvision() throws Exception {
        // stem conv, max pool, 16 bottlenecks of 3 convs + add, 4 projection convs, global pool, fc.
        Model m = TorchStyleResNet.build("tiny_resnet50", 64, true, new int[] {3, 4, 6, 3}, 8, 10);
        assertThat(runPlan(m, "tiny_resnet50", 2 + 16 * 4 + 4 + 2)).isLessThan(1e-4);
    }
}
