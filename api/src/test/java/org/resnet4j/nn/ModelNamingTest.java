package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layers without a name get Keras' automatic names when their model is built. */
class ModelNamingTest {

    @Test
    void typeNames_areKerasClassNames() {
        List<Layer> layers = List.of(Conv2D.of(1, 1), BatchNormalization.of(), ReLU.of(), Activation.of("relu"),
                Add.of(), MaxPooling2D.of(2), AveragePooling2D.of(2), GlobalAveragePooling2D.of(), ZeroPadding2D.of(1),
                Flatten.of(), Dense.of(1), Dropout.of(0.1), Softmax.of());
        assertThat(layers).extracting(Layer::typeName).containsExactly("Conv2D", "BatchNormalization", "ReLU",
                "Activation", "Add", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "ZeroPadding2D",
                "Flatten", "Dense", "Dropout", "Softmax");
        assertThat(layers).extracting(Layer::baseName).containsExactly("conv2d", "batch_normalization", "re_lu",
                "activation", "add", "max_pooling2d", "average_pooling2d", "global_average_pooling2d",
                "zero_padding2d", "flatten", "dense", "dropout", "softmax");
    }

    @Test
    void autoNames_countFromZeroWithoutSuffix_inputsFromOne() {
        Node x = Input.of(8, 8, 3);
        Node a = Conv2D.of(4, 3).apply(x);
        Node b = ReLU.of().apply(a);
        Node c = Conv2D.of(4, 3).apply(b);
        Model m = Model.of("m", x, c);
        assertThat(m.layers()).extracting(Layer::name).containsExactly("input_1", "conv2d", "re_lu", "conv2d_1");
    }

    @Test
    void autoNames_skipNamesGivenExplicitly() {
        Node x = Input.of(4);
        Node a = Dense.of(4).apply(x);
        Node b = Dense.of(4).named("dense_1").apply(a);
        Node c = Dense.of(4).apply(b);
        Model m = Model.of("m", x, c);
        assertThat(m.layers()).extracting(Layer::name).containsExactly("input_1", "dense", "dense_1", "dense_2");
    }
}
