package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The compiled model's plan overwrites a tensor in place only when nothing reads it later: checked on a graph
 * built to tempt it (a ReLU whose input is read again, an Add of a node with itself, a ReLU of a model output),
 * both in the plan and in the numbers, against the unplanned model on the reference ops.
 */
class Nd4jExecutionPlanTest implements BackendUnderTest {
    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }

    private static Model tempting() {
        Node x = Input.of(6, 6, 2);
        Node conv = Conv2D.of(3, 1).named("conv").apply(x);
        Node once = ReLU.of().named("relu_of_conv").apply(conv); // conv has no other reader: in place
        Node twice = Activation.of("relu").named("relu_read_again").apply(once); // once is read by the Add too
        Node sum = Add.of().named("add_first_free").apply(twice, once); // twice dies here: in place
        Node doubled = Add.of().named("add_self").apply(sum, sum); // one tensor twice: never in place
        Node out = ReLU.of().named("relu_output").apply(doubled); // doubled dies: in place, and is the output
        Node afterOut = ReLU.of().named("relu_of_output").apply(out); // out is a model output: not in place
        Model model = Model.of("tempting", List.of(x), List.of(out, afterOut));
        Random r = new Random(5);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) r.nextGaussian();
            }
        }
        return model;
    }

    @Test
    void plan_overwritesOnlyTensorsThatNobodyReadsLater() {
        Model model = tempting();
        Map<String, Tensor> noWeights = new LinkedHashMap<>();
        model.parameters().names().forEach(n -> noWeights.put(n, null));

        Map<String, Nd4jExecutionPlan.Kind> kinds = new LinkedHashMap<>();
        Nd4jExecutionPlan.of(model, noWeights).steps()
                .forEach(s -> kinds.put(s.node().layer().name(), s.kind()));

        assertThat(kinds).containsExactly(
                Map.entry("conv", Nd4jExecutionPlan.Kind.LAYER),
                Map.entry("relu_of_conv", Nd4jExecutionPlan.Kind.RELU_IN_PLACE),
                Map.entry("relu_read_again", Nd4jExecutionPlan.Kind.LAYER),
                Map.entry("add_first_free", Nd4jExecutionPlan.Kind.ADD_IN_PLACE),
                Map.entry("add_self", Nd4jExecutionPlan.Kind.LAYER),
                Map.entry("relu_output", Nd4jExecutionPlan.Kind.RELU_IN_PLACE),
                Map.entry("relu_of_output", Nd4jExecutionPlan.Kind.LAYER));
    }

    @Test
    void compiled_temptingGraph_matchesTheReferenceOps() {
        Model model = tempting();
        Random r = new Random(8);
        float[] d = new float[2 * 6 * 6 * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        HostTensor x = HostTensor.of(Shape.of(2, 6, 6, 2), d);
        try (CompiledModel expected = new ReferenceBackend().compile(model);
             CompiledModel actual = backend().compile(model)) {
            List<HostTensor> want = expected.predictAll(x);
            for (int call = 0; call < 2; call++) {
                List<HostTensor> got = actual.predictAll(x);
                TensorComparison.assertClose("relu_output, call " + call, got.get(0), want.get(0));
                TensorComparison.assertClose("relu_of_output, call " + call, got.get(1), want.get(1));
            }
        }
    }
}
