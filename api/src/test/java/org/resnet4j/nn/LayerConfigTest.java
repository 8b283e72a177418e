package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Shape;

/** Every layer's settings ({@link Layer#config()}) rebuild the same layer through {@link LayerTypes#builtIn()}. */
class LayerConfigTest {

    /** One layer of every built-in type, each with settings that differ from the defaults, and an input shape. */
    private static Map<Layer, Shape> everyBuiltInLayer() {
        Map<Layer, Shape> layers = new LinkedHashMap<>();
        layers.put(Activation.of("softmax").named("act"), Shape.of(5));
        layers.put(Add.of().named("sum"), Shape.of(4, 4, 2));
        layers.put(AveragePooling2D.of(new PoolOptions(2, 3, 1, 2, Padding.SAME)).named("avg"), Shape.of(7, 7, 2));
        layers.put(BatchNormalization.of().withEpsilon(1.001e-5).withMomentum(0.9).named("bn"), Shape.of(4, 4, 3));
        layers.put(Conv2D.of(8, 3, 5).withStrides(2, 1).withPadding(Padding.explicit(1, 2, 0, 3)).withoutBias()
                .named("conv"), Shape.of(9, 9, 3));
        layers.put(Dense.of(7).withoutBias().named("fc"), Shape.of(6));
        layers.put(Dropout.of(0.25).named("drop"), Shape.of(6));
        layers.put(Flatten.of().named("flat"), Shape.of(2, 3, 4));
        layers.put(GlobalAveragePooling2D.of().named("gap"), Shape.of(3, 3, 4));
        layers.put(MaxPooling2D.of(3, 2).withPadding(Padding.explicit(1, 1, 0, 1)).named("max"), Shape.of(8, 8, 2));
        layers.put(ReLU.of().named("relu"), Shape.of(2, 2));
        layers.put(Softmax.of().named("soft"), Shape.of(10));
        layers.put(ZeroPadding2D.of(1, 2, 3, 4).named("pad"), Shape.of(5, 5, 1));
        return layers;
    }

    @Test
    void everyBuiltInType_isCoveredHere() {
        Set<String> covered = new TreeSet<>();
        everyBuiltInLayer().keySet().forEach(l -> covered.add(l.typeName()));
        assertThat(covered).isEqualTo(LayerTypes.builtIn().names());
    }

    @Test
    void everyBuiltInLayer_rebuiltFromItsConfig_hasSameTypeNameSettingsShapeAndParameters() {
        for (Map.Entry<Layer, Shape> e : everyBuiltInLayer().entrySet()) {
            Layer original = e.getKey();
            List<Shape> in = original.arity() < 0 ? List.of(e.getValue(), e.getValue()) : List.of(e.getValue());

            Layer rebuilt = LayerTypes.builtIn().create(new LayerConfig(original.name(), original.typeName(),
                    original.config()));

            assertThat(rebuilt.getClass()).as(original.name()).isEqualTo(original.getClass());
            assertThat(rebuilt.name()).isEqualTo(original.name());
            assertThat(rebuilt.config()).as(original.name()).isEqualTo(original.config());
            assertThat(rebuilt.outputShape(in)).as(original.name()).isEqualTo(original.outputShape(in));
            assertThat(rebuilt.parameterSpecs(in)).as(original.name()).isEqualTo(original.parameterSpecs(in));
        }
    }

    @Test
    void conv2dConfig_holdsKerasStyleSettings() {
        Conv2D conv = Conv2D.of(8, 3, 5).withStrides(2, 1).withPadding(Padding.explicit(1, 2, 0, 3)).withoutBias();

        assertThat(conv.config()).containsExactly(
                Map.entry("filters", 8),
                Map.entry("kernel_size", List.of(3, 5)),
                Map.entry("strides", List.of(2, 1)),
                Map.entry("padding", List.of(List.of(1, 2), List.of(0, 3))),
                Map.entry("use_bias", false));
        assertThat(Conv2D.of(1, 1).withPadding(Padding.SAME).config()).containsEntry("padding", "same");
        assertThat(Conv2D.of(1, 1).config()).containsEntry("padding", "valid");
    }

    @Test
    void rebuiltRectangularPool_keepsWindowStridesAndPadding() {
        PoolOptions options = new PoolOptions(2, 3, 1, 2, Padding.SAME);
        AveragePooling2D pool = AveragePooling2D.of(options).named("avg");

        Layer rebuilt = LayerTypes.builtIn().create(new LayerConfig("avg", "AveragePooling2D", pool.config()));

        assertThat(((AveragePooling2D) rebuilt).options()).isEqualTo(options);
    }

    @Test
    void input_configHoldsTheSampleShape_andRebuildsANamedInputNode() {
        Node in = Input.named("pixels", 32, 32, 3);
        assertThat(in.layer().config()).containsExactly(Map.entry("shape", List.of(32, 32, 3)));

        Node rebuilt = Input.fromConfig(new LayerConfig("pixels", Input.TYPE_NAME, in.layer().config()));

        assertThat(rebuilt.layer().name()).isEqualTo("pixels");
        assertThat(rebuilt.shape()).isEqualTo(Shape.of(32, 32, 3));
    }

    @Test
    void unknownType_namesTheLayerAndTheKnownTypes() {
        assertThatThrownBy(() -> LayerTypes.builtIn().create(new LayerConfig("c3", "Conv3D", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer \"c3\" has unknown type \"Conv3D\"")
                .hasMessageContaining("Conv2D").hasMessageContaining("InputLayer");
    }

    @Test
    void missingSetting_namesLayerSettingAndWhatWasGiven() {
        Map<String, Object> config = new LinkedHashMap<>(Conv2D.of(4, 3).config());
        config.remove("filters");
        assertThatThrownBy(() -> LayerTypes.builtIn().create(new LayerConfig("conv", "Conv2D", config)))
                .hasMessageContaining("Layer \"conv\" (Conv2D) expects setting \"filters\"")
                .hasMessageContaining("\"kernel_size\"");
    }

    @Test
    void wronglyTypedSetting_namesExpectedAndReceived() {
        Map<String, Object> config = new LinkedHashMap<>(Conv2D.of(4, 3).config());
        config.put("filters", "64");
        assertThatThrownBy(() -> LayerTypes.builtIn().create(new LayerConfig("conv", "Conv2D", config)))
                .hasMessage("Layer \"conv\" (Conv2D) setting \"filters\" expects an integer. Received: \"64\"");
        config.put("filters", 4L);
        config.put("padding", "full");
        assertThatThrownBy(() -> LayerTypes.builtIn().create(new LayerConfig("conv", "Conv2D", config)))
                .hasMessageContaining("setting \"padding\" expects \"valid\", \"same\" or [[top, bottom], [left, right]]")
                .hasMessageContaining("Received: \"full\"");
    }

    @Test
    void unknownSetting_isRefusedNotIgnored() {
        Map<String, Object> config = new LinkedHashMap<>(Conv2D.of(4, 3).config());
        config.put("dilation_rate", List.of(2, 2));
        assertThatThrownBy(() -> LayerTypes.builtIn().create(new LayerConfig("conv", "Conv2D", config)))
                .hasMessageContaining("Layer \"conv\" (Conv2D) has unknown setting [\"dilation_rate\"]");
    }

    @Test
    void valueTheLayerRefuses_isReportedWithTheLayerName() {
        Map<String, Object> config = new LinkedHashMap<>(Conv2D.of(4, 3).config());
        config.put("filters", 0L);
        assertThatThrownBy(() -> LayerTypes.builtIn().create(new LayerConfig("conv", "Conv2D", config)))
                .hasMessage("Layer \"conv\" (Conv2D): Conv2D filters must be at least 1. Received: 0");
    }

    @Test
    void with_addsACustomTypeWithoutChangingTheBuiltIns() {
        LayerTypes custom = LayerTypes.builtIn().with("Identity", c -> ReLU.fromConfig(c));

        assertThat(custom.knows("Identity")).isTrue();
        assertThat(LayerTypes.builtIn().knows("Identity")).isFalse();
        assertThatThrownBy(() -> custom.create(new LayerConfig("x", "Identity", Map.of())))
                .as("a factory must return a layer of its own type")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Identity");
    }
}
