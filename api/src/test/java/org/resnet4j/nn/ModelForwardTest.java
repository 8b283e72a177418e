package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.RecordingOps.FakeTensor;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Model.forward calls the right primitives and releases exactly the intermediate tensors. */
class ModelForwardTest {
    private final RecordingOps ops = new RecordingOps();

    /** Every layer type once, with a three-way Add, ending in class probabilities. */
    private static Model everyLayer() {
        Node x = Input.of(8, 8, 3);
        Node stem = Conv2D.of(4, 3).withPadding(Padding.SAME).apply(x);
        stem = BatchNormalization.of().withEpsilon(1e-5).apply(stem);
        stem = ReLU.of().apply(stem);
        Node a = Activation.of("relu").apply(stem);
        Node b = Conv2D.of(4, 1).withoutBias().apply(stem);
        Node sum = Add.of().apply(stem, a, b);
        Node y = ZeroPadding2D.of(1).apply(sum);
        y = MaxPooling2D.of(2).apply(y);
        y = AveragePooling2D.of(3, 1).withPadding(Padding.SAME).apply(y);
        Node pooled = GlobalAveragePooling2D.of().apply(y);
        Node flat = Flatten.of().apply(y);
        y = Dense.of(5).apply(flat);
        y = Activation.of("linear").apply(y);
        y = Dropout.of(0.5).apply(y);
        y = Softmax.of().apply(y);
        Node z = Dense.of(2).withoutBias().apply(pooled);
        z = Activation.of("softmax").apply(z);
        return Model.of("every", List.of(x), List.of(y, z));
    }

    private Map<String, Tensor> fakeWeights(Model model) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : model.parameters().names()) {
            weights.put(name, new FakeTensor(name, model.parameters().shape(name)));
        }
        return weights;
    }

    @Test
    void forward_callsOnePrimitivePerLayer_inGraphOrder() {
        Model model = everyLayer();
        List<Tensor> out = model.forward(ops, fakeWeights(model), List.of(ops.tensor("x", 2, 8, 8, 3)));

        // 8x8x4 padded to 10x10, max-pooled by 2 to 5x5, so Flatten gives 5 * 5 * 4 = 100 per sample.
        assertThat(ops.calls).containsExactly("conv2d+bias", "batchNorm(eps=1.0E-5)", "relu", "relu", "conv2d",
                "add", "add", "zeroPad", "maxPool", "avgPool", "globalAvgPool", "reshape[2, 100]", "dense+bias",
                "reshape[2, 5]", "dropout(0.5)", "softmax", "dense", "softmax");
        assertThat(out).extracting(Tensor::shape).containsExactly(Shape.of(2, 5), Shape.of(2, 2));
    }

    @Test
    void forward_closesEveryIntermediateOnce_andNeverInputsWeightsOrOutputs() {
        Model model = everyLayer();
        Map<String, Tensor> weights = fakeWeights(model);
        FakeTensor input = ops.tensor("x", 2, 8, 8, 3);
        List<Tensor> out = model.forward(ops, weights, List.of(input));

        assertThat(input.closes).isZero();
        assertThat(weights.values()).allSatisfy(w -> assertThat(((FakeTensor) w).closes).as(w.toString()).isZero());
        List<FakeTensor> intermediates = new ArrayList<>(ops.made);
        intermediates.removeAll(out);
        assertThat(out).allSatisfy(t -> assertThat(((FakeTensor) t).closes).as(t.toString()).isZero());
        // The chained Add's partial sum is among them: the layer closes it, the model closes the rest.
        assertThat(intermediates).hasSize(ops.made.size() - 2)
                .allSatisfy(t -> assertThat(t.closes).as(t.toString()).isEqualTo(1));
    }

    @Test
    void forward_whenAnOpFails_closesWhatItMade_andRethrows() {
        Model model = everyLayer();
        Map<String, Tensor> weights = fakeWeights(model);
        FakeTensor input = ops.tensor("x", 2, 8, 8, 3);
        ops.failOn = "maxPool";

        assertThatThrownBy(() -> model.forward(ops, weights, List.of(input)))
                .hasMessageContaining("injected failure in maxPool");
        assertThat(ops.made).isNotEmpty().allSatisfy(t -> assertThat(t.closes).as(t.toString()).isEqualTo(1));
        assertThat(input.closes).isZero();
        assertThat(weights.values()).allSatisfy(w -> assertThat(((FakeTensor) w).closes).isZero());
    }

    @Test
    void forward_rejectsInputOfWrongShape_namingInputExpectedAndReceived() {
        Model model = everyLayer();
        assertThatThrownBy(() -> model.forward(ops, fakeWeights(model), List.of(ops.tensor("x", 2, 8, 8, 4))))
                .hasMessage("Model \"every\" input \"input_1\" expected shape [n, 8, 8, 3], received: [2, 8, 8, 4]");
        assertThatThrownBy(() -> model.forward(ops, fakeWeights(model), List.of(ops.tensor("x", 8, 8, 3))))
                .hasMessage("Model \"every\" input \"input_1\" expected shape [n, 8, 8, 3], received: [8, 8, 3]");
        assertThatThrownBy(() -> model.forward(ops, fakeWeights(model), List.of()))
                .hasMessage("Model \"every\" expected 1 input(s), received: 0");
        assertThat(ops.made).isEmpty();
    }

    @Test
    void forward_rejectsInputsOfDifferentBatchSizes_namingTheInputAndTheBatchItMustShare() {
        Node a = Input.of(4, 3);
        Node b = Input.of(4, 3);
        Model model = Model.of("pair", List.of(a, b), List.of(Add.of().apply(a, b)));
        List<Tensor> inputs = List.of(ops.tensor("a", 2, 4, 3), ops.tensor("b", 5, 4, 3));
        assertThatThrownBy(() -> model.forward(ops, Map.of(), inputs))
                .hasMessage("Model \"pair\" input \"input_2\" expected shape [2, 4, 3] (the batch size of input "
                        + "\"input_1\"), received: [5, 4, 3]");
        assertThat(ops.calls).isEmpty();
    }

    @Test
    void linearActivation_returnsANewHandle_soTheCallerMayCloseBoth() {
        FakeTensor x = ops.tensor("x", 2, 5);
        Tensor y = Activation.of("linear").forward(ops, List.of(x), name -> null);
        assertThat(y).isNotSameAs(x);
        assertThat(y.shape()).isEqualTo(x.shape());
        assertThat(x.closes).isZero();
    }

    @Test
    void softmax_onImages_runsOverChannels_andClosesItsReshapes() {
        FakeTensor x = ops.tensor("x", 2, 3, 3, 10);
        Tensor y = Softmax.of().forward(ops, List.of(x), name -> null);
        assertThat(ops.calls).containsExactly("reshape[18, 10]", "softmax", "reshape[2, 3, 3, 10]");
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 3, 10));
        assertThat(ops.made.subList(0, 2)).allSatisfy(t -> assertThat(t.closes).isEqualTo(1));
        assertThat(x.closes).isZero();
    }

    @Test
    void add_ofFourInputs_chainsThreeAdds_closingTheTwoPartialSums() {
        List<Tensor> in = List.of(ops.tensor("a", 1, 2), ops.tensor("b", 1, 2), ops.tensor("c", 1, 2),
                ops.tensor("d", 1, 2));
        Tensor sum = Add.of().forward(ops, in, name -> null);
        assertThat(ops.calls).containsExactly("add", "add", "add");
        assertThat(ops.made).extracting(t -> t.closes).containsExactly(1, 1, 0);
        assertThat(sum).isSameAs(ops.made.get(2));
    }
}
