package org.resnet4j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The plans of small models, written out by hand from the planner's rules: what is folded, fused and written in
 * place, how the values are numbered, and when each one dies.
 */
class OpPlannerTest {

    private static OpPlan plan(OpPlanner planner, int... inputShape) {
        return planner.plan(List.of(Shape.of(inputShape)));
    }

    @Test
    void residualBlock_forInference_foldsBatchNorms_fusesRelus_andAddsInPlace() {
        OpPlan plan = plan(OpPlanner.forInference(PlanTestModels.residualBlock()), 2, 8, 8, 4);

        assertThat(plan.toString()).isEqualTo("""
                inputs [#0[2, 8, 8, 4]]
                0: CONV2D+relu [#0[2, 8, 8, 4]] (conv1/kernel, conv1/bias) -> #1[2, 8, 8, 4]
                1: CONV2D [#1[2, 8, 8, 4]] (conv2/kernel, conv2/bias) -> #2[2, 8, 8, 4]
                2: ADD+relu in place [#2[2, 8, 8, 4], #0[2, 8, 8, 4]] -> #2[2, 8, 8, 4]
                outputs [#2[2, 8, 8, 4]]
                """);
    }

    @Test
    void residualBlock_unfolded_fusesTheReluIntoTheBatchNorm() {
        OpPlan plan = plan(OpPlanner.of(PlanTestModels.residualBlock()), 1, 8, 8, 4);

        assertThat(plan.toString()).isEqualTo("""
                inputs [#0[1, 8, 8, 4]]
                0: CONV2D [#0[1, 8, 8, 4]] (conv1/kernel, -) -> #1[1, 8, 8, 4]
                1: BATCH_NORM+relu [#1[1, 8, 8, 4]] (bn1/gamma, bn1/beta, bn1/moving_mean, bn1/moving_variance) \
                -> #2[1, 8, 8, 4]
                2: CONV2D [#2[1, 8, 8, 4]] (conv2/kernel, -) -> #3[1, 8, 8, 4]
                3: BATCH_NORM [#3[1, 8, 8, 4]] (bn2/gamma, bn2/beta, bn2/moving_mean, bn2/moving_variance) \
                -> #4[1, 8, 8, 4]
                4: ADD+relu in place [#4[1, 8, 8, 4], #0[1, 8, 8, 4]] -> #4[1, 8, 8, 4]
                outputs [#4[1, 8, 8, 4]]
                """);
        assertThat(plan.steps().get(1).epsilon()).isEqualTo(1e-3f);
    }

    @Test
    void temptingGraph_writesInPlace_onlyWhereNothingReadsTheInputLater() {
        OpPlan plan = plan(OpPlanner.of(ContractModels.inPlaceTemptingNet()), 2, 6, 6, 2);

        // relu_read_again keeps its input (conv is read twice more); the first Add overwrites relu_read_again's
        // result, which dies there; add_self reads one value twice, so it writes a new one, with relu_output
        // fused into it; add_to_output reads a model output, which must stay intact.
        assertThat(plan.toString()).isEqualTo("""
                inputs [#0[2, 6, 6, 2]]
                0: CONV2D [#0[2, 6, 6, 2]] (conv/kernel, conv/bias) -> #1[2, 6, 6, 3]
                1: RELU [#1[2, 6, 6, 3]] -> #2[2, 6, 6, 3]
                2: ADD in place [#2[2, 6, 6, 3], #1[2, 6, 6, 3]] -> #2[2, 6, 6, 3]
                3: ADD+relu [#2[2, 6, 6, 3], #2[2, 6, 6, 3]] -> #3[2, 6, 6, 3]
                4: ADD [#3[2, 6, 6, 3], #1[2, 6, 6, 3]] -> #4[2, 6, 6, 3]
                outputs [#3[2, 6, 6, 3], #4[2, 6, 6, 3]]
                """);
    }

    @Test
    void reshapeAndDropout_areNoSteps_theirReaderSeesTheSameValueWithTheNewShape() {
        OpPlan plan = plan(OpPlanner.of(PlanTestModels.flatHead()), 2, 3, 3, 4);

        // The ReLU reads a model input, which belongs to the caller: it writes a new value.
        assertThat(plan.toString()).isEqualTo("""
                inputs [#0[2, 3, 3, 4]]
                0: RELU [#0[2, 3, 3, 4]] -> #1[2, 3, 3, 4]
                1: DENSE [#1[2, 36]] (dense/kernel, dense/bias) -> #2[2, 5]
                2: SOFTMAX [#2[2, 5]] -> #3[2, 5]
                outputs [#3[2, 5]]
                """);
        assertThat(plan.valueShape(1)).isEqualTo(Shape.of(2, 3, 3, 4));
    }

    @Test
    void threeWaySum_accumulatesInTheFirstBranch() {
        OpPlan plan = plan(OpPlanner.of(PlanTestModels.threeWaySum()), 1, 5, 5, 2);

        assertThat(plan.toString()).isEqualTo("""
                inputs [#0[1, 5, 5, 2]]
                0: CONV2D [#0[1, 5, 5, 2]] (a/kernel, a/bias) -> #1[1, 5, 5, 3]
                1: CONV2D [#0[1, 5, 5, 2]] (b/kernel, b/bias) -> #2[1, 5, 5, 3]
                2: CONV2D [#0[1, 5, 5, 2]] (c/kernel, -) -> #3[1, 5, 5, 3]
                3: ADD in place [#1[1, 5, 5, 3], #2[1, 5, 5, 3]] -> #1[1, 5, 5, 3]
                4: ADD+relu in place [#1[1, 5, 5, 3], #3[1, 5, 5, 3]] -> #1[1, 5, 5, 3]
                outputs [#1[1, 5, 5, 3]]
                """);
    }

    @Test
    void threeWaySum_liveness_spansFromWriterToLastReader_andNeverReleasesInputsOrOutputs() {
        PlanLiveness live = plan(OpPlanner.of(PlanTestModels.threeWaySum()), 1, 5, 5, 2).liveness();

        // From the plan above: #0 is read up to step 2, #1 is the output (read after step 4, "step 5"),
        // #2 is last read by step 3 and #3 by step 4.
        assertThat(new int[] {live.firstStep(0), live.firstStep(1), live.firstStep(2), live.firstStep(3)})
                .containsExactly(0, 0, 1, 2);
        assertThat(new int[] {live.lastStep(0), live.lastStep(1), live.lastStep(2), live.lastStep(3)})
                .containsExactly(2, 5, 3, 4);
        List<List<Integer>> released = new ArrayList<>();
        for (int step = 0; step < 5; step++) {
            released.add(live.releasedAfter(step));
        }
        assertThat(released).containsExactly(List.of(), List.of(), List.of(), List.of(2), List.of(3));
    }

    @Test
    void plan_isReusedForTheSameShapes_andTracedAgainOnceEnoughOtherShapesWereUsed() {
        OpPlanner planner = OpPlanner.of(PlanTestModels.flatHead());
        OpPlan batchOne = plan(planner, 1, 3, 3, 4);
        assertThat(plan(planner, 1, 3, 3, 4)).isSameAs(batchOne);

        OpPlan batchThree = plan(planner, 3, 3, 3, 4);
        assertThat(batchThree.steps().get(1).input(0).shape()).isEqualTo(Shape.of(3, 36));

        for (int batch = 10; batch < 10 + OpPlanner.CACHED_PLANS; batch++) {
            plan(planner, batch, 3, 3, 4);
        }
        OpPlan again = plan(planner, 1, 3, 3, 4);
        assertThat(again).isNotSameAs(batchOne);
        assertThat(again.toString()).isEqualTo(batchOne.toString());
    }

    @Test
    void stepOptions_ofAnotherOp_areRefusedWithTheOpsThatHaveThem() {
        PlanStep relu = plan(OpPlanner.of(PlanTestModels.flatHead()), 1, 3, 3, 4).steps().get(0);

        assertThatThrownBy(relu::conv2dOptions).isInstanceOf(IllegalStateException.class)
                .hasMessage("A RELU step has no Conv2dOptions; only [CONV2D] steps have one");
    }

    @Test
    void aConstantALayerUploads_isAWeightOfTheStep_withOneNameInEveryPlan() {
        OpPlanner planner = OpPlanner.of(PlanTestModels.constantKernel());
        OpPlan batchOne = plan(planner, 1, 5, 5, 2);
        OpPlan batchTwo = plan(planner, 2, 5, 5, 2);

        assertThat(batchOne.toString()).isEqualTo("""
                inputs [#0[1, 5, 5, 2]]
                0: CONV2D [#0[1, 5, 5, 2]] (conv/kernel, conv/bias) -> #1[1, 5, 5, 3]
                1: CONV2D+relu [#1[1, 5, 5, 3]] (constant#0, -) -> #2[1, 5, 5, 2]
                outputs [#2[1, 5, 5, 2]]
                """);
        assertThat(batchTwo.steps().get(1).weight(0).name()).isEqualTo("constant#0");
        // The kernel FixedKernelLayer builds for 3 input channels: in[i] * (i + 1 - c), HWIO.
        HostTensor constant = planner.weight("constant#0");
        assertThat(constant.shape()).isEqualTo(Shape.of(1, 1, 3, 2));
        assertThat(constant.data()).containsExactly(1, 0, 2, 1, 3, 2);
        assertThat(planner.weight("conv/bias")).isSameAs(planner.model().parameters().get("conv/bias"));
    }

    /** A layer that adds a constant it uploads: the constant would be an operand, not a weight. */
    private static final class AddingConstantLayer extends Layer {
        AddingConstantLayer() {
            super("adds_ones");
        }

        @Override
        public String typeName() {
            return "AddingConstant";
        }

        @Override
        public Shape outputShape(List<Shape> inputShapes) {
            return inputShapes.get(0);
        }

        @Override
        public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
            try (Tensor ones = ops.upload(HostTensor.filled(inputs.get(0).shape(), 1f))) {
                return ops.add(inputs.get(0), ones);
            }
        }
    }

    @Test
    void aConstantAsAnOperand_isRefused_namingTheOpAndTheConstant() {
        Node x = Input.of(2);
        Model model = Model.of("adds_ones", x, new AddingConstantLayer().apply(x));

        assertThatThrownBy(() -> plan(OpPlanner.of(model), 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add expected a value computed by the model as its input while the model is planned,"
                        + " received: the weight constant#0[1, 2]");
    }
}
