package org.resnet4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Plans run with poisoned memory ({@link PoisoningPlanRunner}) give what the unplanned model gives on the
 * reference ops: folding, fusion, in-place writes and liveness change how a model runs, never what it computes.
 */
class OpPlanExecutionTest {

    /** The model itself, batch norms unfolded, run layer by layer on the reference ops. */
    private static List<HostTensor> unplanned(Model model, HostTensor input) {
        ReferenceOps ops = new ReferenceOps();
        Map<String, Tensor> weights = new LinkedHashMap<>(model.parameters().asMap());
        List<HostTensor> outputs = new ArrayList<>();
        for (Tensor t : model.forward(ops, weights, List.of(input))) {
            outputs.add((HostTensor) t);
        }
        return outputs;
    }

    private static void assertPlannedMatchesUnplanned(Model model, int batch) {
        Shape sample = model.inputs().get(0).shape();
        int[] dims = sample.withBatch(batch).toArray();
        HostTensor input = OpRunner.gaussian(new Random(31), 1.0, dims);
        OpPlanner planner = OpPlanner.forInference(model);
        OpPlan plan = planner.plan(List.of(input.shape()));

        List<HostTensor> planned = new PoisoningPlanRunner(planner::weight).run(plan, List.of(input));

        List<HostTensor> expected = unplanned(model, input);
        assertThat(planned).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            TensorComparison.assertClose(model.name() + " output " + i + "\n" + plan, planned.get(i),
                    expected.get(i));
        }
    }

    @Test
    void contractNet_planned_matchesTheModel() {
        // Stem with folding and zero padding, a residual block, average pooling, a Flatten-Dense-Dropout head and
        // three outputs, one of them read by later steps too.
        assertPlannedMatchesUnplanned(ContractModels.smallResidualNet(), 3);
    }

    @Test
    void temptingGraph_planned_matchesTheModel() {
        assertPlannedMatchesUnplanned(ContractModels.inPlaceTemptingNet(), 2);
    }

    @Test
    void residualBlock_planned_matchesTheModel() {
        assertPlannedMatchesUnplanned(PlanTestModels.residualBlock(), 2);
    }

    @Test
    void threeWaySum_planned_matchesTheModel() {
        assertPlannedMatchesUnplanned(PlanTestModels.threeWaySum(), 1);
    }

    @Test
    void aConstantALayerUploads_planned_matchesTheModel() {
        assertPlannedMatchesUnplanned(PlanTestModels.constantKernel(), 2);
    }

    @Test
    void flatHead_planned_matchesTheModel() {
        assertPlannedMatchesUnplanned(PlanTestModels.flatHead(), 4);
    }
}
