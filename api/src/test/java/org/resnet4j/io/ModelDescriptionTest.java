package org.resnet4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.AveragePooling2D;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerTypes;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.ops.Padding;

class ModelDescriptionTest {

    /** A small residual network that uses every built-in layer type, some layers left to automatic names. */
    static Model everyLayerType() {
        Node in = Input.of(12, 12, 3);
        Node x = ZeroPadding2D.of(1, 0, 2, 1).apply(in);
        x = Conv2D.of(4, 3).withStrides(2).named("stem").apply(x);
        x = BatchNormalization.of().withEpsilon(1e-5).apply(x);
        x = ReLU.of().apply(x);
        Node y = Conv2D.of(4, 3).withPadding(Padding.SAME).withoutBias().apply(x);
        y = Activation.of("relu").apply(y);
        x = Add.of().apply(x, y);
        x = MaxPooling2D.of(2).withPadding(Padding.SAME).apply(x);
        Node avg = AveragePooling2D.of(2, 1).apply(x);
        Node flat = Flatten.of().apply(avg);
        Node gap = GlobalAveragePooling2D.of().apply(x);
        Node fc = Dense.of(5).apply(Dropout.of(0.5).apply(gap));
        Node probs = Softmax.of().named("probs").apply(fc);
        Node side = Dense.of(2).withoutBias().apply(flat);
        return Model.of("every_layer", List.of(in), List.of(probs, side));
    }

    private static void assertSameModel(Model rebuilt, Model original) {
        assertThat(rebuilt.name()).isEqualTo(original.name());
        assertThat(rebuilt.layers()).extracting(Layer::name)
                .containsExactlyElementsOf(original.layers().stream().map(Layer::name).toList());
        assertThat(rebuilt.summary()).isEqualTo(original.summary());
        assertThat(rebuilt.parameters().names()).containsExactlyElementsOf(original.parameters().names());
        for (String p : original.parameters().names()) {
            assertThat(rebuilt.parameters().spec(p)).as(p).isEqualTo(original.parameters().spec(p));
        }
        assertThat(ModelDescription.toJson(rebuilt)).isEqualTo(ModelDescription.toJson(original));
    }

    @Test
    void everyLayerType_roundTripsThroughJson() {
        Model original = everyLayerType();

        Model rebuilt = ModelDescription.fromJson(ModelDescription.toJson(original), LayerTypes.builtIn());

        assertSameModel(rebuilt, original);
        assertThat(rebuilt.outputs()).hasSize(2);
    }

    @Test
    void prettyJson_readsBackToTheSameModel() {
        Model original = everyLayerType();
        String pretty = JsonWriter.writePretty(ModelDescription.of(original));

        assertThat(pretty.lines().count()).isGreaterThan(10);
        assertSameModel(ModelDescription.fromJson(pretty, LayerTypes.builtIn()), original);
    }

    /** The text for a three-layer model, written out by hand from the documented format. */
    @Test
    void tinyModel_descriptionEqualsTheHandWrittenText() {
        Node in = Input.of(8, 8, 3);
        Node conv = Conv2D.of(4, 3).withPadding(Padding.SAME).named("conv").apply(in);
        Model model = Model.of("tiny", in, Add.of().named("add").apply(conv, conv));

        String expected = "{\"name\":\"tiny\",\"layers\":["
                + "{\"class_name\":\"InputLayer\",\"name\":\"input_1\",\"config\":{\"shape\":[8,8,3]},"
                + "\"inbound_nodes\":[]},"
                + "{\"class_name\":\"Conv2D\",\"name\":\"conv\",\"config\":{\"filters\":4,\"kernel_size\":[3,3],"
                + "\"strides\":[1,1],\"padding\":\"same\",\"use_bias\":true},\"inbound_nodes\":[[[\"input_1\",0]]]},"
                + "{\"class_name\":\"Add\",\"name\":\"add\",\"config\":{},"
                + "\"inbound_nodes\":[[[\"conv\",0],[\"conv\",0]]]}],"
                + "\"inputs\":[[\"input_1\",0]],\"outputs\":[[\"add\",0]]}";
        assertThat(ModelDescription.toJson(model)).isEqualTo(expected);
    }

    /**
     * A layer applied twice (its second application listed in the description before a layer created earlier) and
     * two inputs: node references carry the application index, and the rebuilt model has the same layer order,
     * parameter order and summary.
     */
    @Test
    void sharedLayerAndTwoInputs_roundTrip() {
        Node a = Input.named("a", 6);
        Node b = Input.named("b", 6);
        Dense shared = Dense.of(6).named("shared");
        Node sa = shared.apply(a);
        Node other = Dense.of(6).named("other").apply(b);
        Node sb = shared.apply(other);
        Model original = Model.of("siamese", List.of(a, b), List.of(Add.of().named("sum").apply(sa, sb)));

        String json = ModelDescription.toJson(original);
        assertThat(json).contains("\"inbound_nodes\":[[[\"a\",0]],[[\"other\",0]]]");
        assertThat(json).contains("[\"shared\",0],[\"shared\",1]");

        assertSameModel(ModelDescription.fromJson(json, LayerTypes.builtIn()), original);
    }

    @Test
    void inputNoOutputDependsOn_isKept() {
        Node used = Input.named("used", 3);
        Node unused = Input.named("unused", 2);
        Model original = Model.of("two_inputs", List.of(used, unused), List.of(Dense.of(1).apply(used)));

        Model rebuilt = ModelDescription.fromJson(ModelDescription.toJson(original), LayerTypes.builtIn());

        assertThat(rebuilt.inputs()).extracting(n -> n.layer().name()).containsExactly("used", "unused");
        assertThat(ModelDescription.toJson(rebuilt)).isEqualTo(ModelDescription.toJson(original));
    }

    private static String tiny(String layersJson) {
        return "{\"name\":\"m\",\"layers\":[{\"class_name\":\"InputLayer\",\"name\":\"in\",\"config\":{\"shape\":[4]},"
                + "\"inbound_nodes\":[]}" + layersJson + "],\"inputs\":[[\"in\",0]],\"outputs\":[[\"out\",0]]}";
    }

    @Test
    void unknownLayerType_namesLayerAndType() {
        String json = tiny(",{\"class_name\":\"Conv3D\",\"name\":\"out\",\"config\":{},\"inbound_nodes\":[[[\"in\",0]]]}");
        assertThatThrownBy(() -> ModelDescription.fromJson(json, LayerTypes.builtIn()))
                .hasMessageContaining("Layer \"out\" has unknown type \"Conv3D\"");
    }

    @Test
    void referenceToUnknownLayerOrNode_isNamed() {
        String unknown = tiny(",{\"class_name\":\"ReLU\",\"name\":\"out\",\"config\":{},"
                + "\"inbound_nodes\":[[[\"missing\",0]]]}");
        assertThatThrownBy(() -> ModelDescription.fromJson(unknown, LayerTypes.builtIn()))
                .hasMessage("Layer \"out\" refers to layer \"missing\", which the description does not define");
        String badIndex = tiny(",{\"class_name\":\"ReLU\",\"name\":\"out\",\"config\":{},"
                + "\"inbound_nodes\":[[[\"in\",1]]]}");
        assertThatThrownBy(() -> ModelDescription.fromJson(badIndex, LayerTypes.builtIn()))
                .hasMessage("Layer \"out\" refers to node 1 of layer \"in\", which is applied 1 time");
    }

    @Test
    void cycle_isReportedInsteadOfLooping() {
        String json = tiny(",{\"class_name\":\"Add\",\"name\":\"out\",\"config\":{},"
                + "\"inbound_nodes\":[[[\"in\",0],[\"loop\",0]]]},"
                + "{\"class_name\":\"ReLU\",\"name\":\"loop\",\"config\":{},\"inbound_nodes\":[[[\"out\",0]]]}");
        assertThatThrownBy(() -> ModelDescription.fromJson(json, LayerTypes.builtIn()))
                .hasMessageContaining("Layer \"out\" (application 0) can never be computed")
                .hasMessageContaining("cycle");
    }

    @Test
    void malformedStructure_namesWhatIsWrong() {
        assertThatThrownBy(() -> ModelDescription.fromJson("[]", LayerTypes.builtIn()))
                .hasMessage("The model description expects a JSON object. Received: []");
        assertThatThrownBy(() -> ModelDescription.fromJson("{\"name\":\"m\",\"layers\":[],\"inputs\":[]}",
                LayerTypes.builtIn())).hasMessageContaining("missing [outputs]");
        assertThatThrownBy(() -> ModelDescription.fromJson(tiny(",{\"class_name\":\"ReLU\",\"name\":\"out\","
                + "\"config\":{},\"inbound_nodes\":[[[\"in\",0]]],\"trainable\":true}"), LayerTypes.builtIn()))
                .hasMessageContaining("Layer \"out\" expects the keys").hasMessageContaining("unknown [trainable]");
        assertThatThrownBy(() -> ModelDescription.fromJson(tiny(",{\"class_name\":\"ReLU\",\"name\":\"in\","
                + "\"config\":{},\"inbound_nodes\":[[[\"in\",0]]]}"), LayerTypes.builtIn()))
                .hasMessageContaining("two layers named \"in\"");
        assertThatThrownBy(() -> ModelDescription.fromJson(tiny(",{\"class_name\":\"ReLU\",\"name\":\"out\","
                + "\"config\":{},\"inbound_nodes\":[[\"in\",0]]}"), LayerTypes.builtIn()))
                .hasMessageContaining("Layer \"out\" expects a node reference [layer name, node index]. "
                        + "Received: \"in\"");
    }

    @Test
    void shapeThatDoesNotFit_isReportedByTheLayer() {
        String json = tiny(",{\"class_name\":\"Conv2D\",\"name\":\"out\",\"config\":{\"filters\":1,"
                + "\"kernel_size\":[1,1],\"strides\":[1,1],\"padding\":\"valid\",\"use_bias\":true},"
                + "\"inbound_nodes\":[[[\"in\",0]]]}");
        assertThatThrownBy(() -> ModelDescription.fromJson(json, LayerTypes.builtIn()))
                .hasMessageContaining("out expects input of rank 3 per sample").hasMessageContaining("shape=[4]");
    }

    @Test
    void differences_nameEveryChangedLayerSettingAndConnection() {
        Model left = everyLayerType();
        Node in = Input.of(12, 12, 3);
        Node x = ZeroPadding2D.of(1, 0, 2, 1).apply(in);
        x = Conv2D.of(8, 3).withStrides(2).named("stem").apply(x);
        Model right = Model.of("other", in, Dense.of(3).named("probs").apply(Flatten.of().apply(x)));

        List<String> diff = ModelDescription.differences(ModelDescription.of(left), ModelDescription.of(right),
                "file", "model");

        assertThat(diff).contains(
                "layer \"stem\" (Conv2D): \"filters\" is 4 in the file, 8 in the model",
                "layer \"probs\" is a Softmax in the file, a Dense in the model",
                "layer \"batch_normalization\" (BatchNormalization) is in the file only",
                "layer \"flatten\" (Flatten) takes [[[\"average_pooling2d\",0]]] in the file, [[[\"stem\",0]]] in "
                        + "the model",
                "the model outputs are [[\"probs\",0],[\"dense_1\",0]] in the file, [[\"probs\",0]] in the model");
        assertThat(ModelDescription.differences(ModelDescription.of(left), ModelDescription.of(everyLayerType()),
                "file", "model")).as("a second model built the same way").isEmpty();
    }

    @Test
    void modelNamesAreNotADifference() {
        Node in = Input.of(2);
        Map<String, Object> a = ModelDescription.of(Model.of("a", in, Dense.of(1).named("d").apply(in)));
        Node in2 = Input.of(2);
        Map<String, Object> b = ModelDescription.of(Model.of("b", in2, Dense.of(1).named("d").apply(in2)));
        assertThat(ModelDescription.differences(a, b, "file", "model")).isEqualTo(new ArrayList<String>());
    }

    @Test
    void build_settingsWhoseShapeOverflowsAnInt_isAnIllegalArgumentNamingTheLayer() {
        Node in = Input.of(2, 2, 1);
        Node x = Conv2D.of(2, 1).named("conv").apply(in);
        Model model = Model.of("m", in, Flatten.of().named("flat").apply(x));
        String json = ModelDescription.toJson(model).replaceFirst("\"filters\"\\s*:\\s*2", "\"filters\": 2147483647");
        assertThat(json).contains("2147483647");

        assertThatThrownBy(() -> ModelDescription.fromJson(json, LayerTypes.builtIn()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer \"flat\" (Flatten) expects inputs for which its output has at most 2147483647 "
                        + "values. Received: inputs of shape [[2, 2, 2147483647]] (check the settings of the layers "
                        + "before it, such as \"filters\")");
    }
}
