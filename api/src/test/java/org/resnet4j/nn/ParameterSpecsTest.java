package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** Parameter names, shapes and initializers follow Keras; counts are worked out by hand in the comments. */
class ParameterSpecsTest {

    private static long count(List<ParameterSpec> specs) {
        return specs.stream().mapToLong(s -> s.shape().sizeAsLong()).sum();
    }

    @Test
    void conv2d_kernelIsHwio_heNormal_withZeroBias() {
        List<ParameterSpec> specs = Conv2D.of(64, 7).parameterSpecs(List.of(Shape.of(224, 224, 3)));
        assertThat(specs).containsExactly(
                ParameterSpec.trainable("kernel", Shape.of(7, 7, 3, 64), Initializer.HE_NORMAL),
                ParameterSpec.trainable("bias", Shape.of(64), Initializer.ZEROS));
        // 7 * 7 * 3 * 64 + 64
        assertThat(count(specs)).isEqualTo(9472);
    }

    @Test
    void conv2d_withoutBias_hasOnlyTheKernel() {
        List<ParameterSpec> specs = Conv2D.of(64, 3).withoutBias().parameterSpecs(List.of(Shape.of(56, 56, 64)));
        assertThat(specs).extracting(ParameterSpec::name).containsExactly("kernel");
        assertThat(count(specs)).isEqualTo(3 * 3 * 64 * 64);
    }

    @Test
    void batchNormalization_hasTwoTrainableAndTwoMovingVectors() {
        List<ParameterSpec> specs = BatchNormalization.of().parameterSpecs(List.of(Shape.of(112, 112, 64)));
        assertThat(specs).containsExactly(
                ParameterSpec.trainable("gamma", Shape.of(64), Initializer.ONES),
                ParameterSpec.trainable("beta", Shape.of(64), Initializer.ZEROS),
                ParameterSpec.nonTrainable("moving_mean", Shape.of(64), Initializer.ZEROS),
                ParameterSpec.nonTrainable("moving_variance", Shape.of(64), Initializer.ONES));
        Node x = Input.of(8, 8, 64);
        Model m = Model.of("bn", x, BatchNormalization.of().apply(x));
        assertThat(m.parameterCount()).isEqualTo(256);
        assertThat(m.nonTrainableParameterCount()).isEqualTo(128);
        assertThat(m.trainableParameterCount()).isEqualTo(128);
    }

    @Test
    void dense_kernelIsInByOut_glorotUniform() {
        List<ParameterSpec> specs = Dense.of(1000).parameterSpecs(List.of(Shape.of(512)));
        assertThat(specs).containsExactly(
                ParameterSpec.trainable("kernel", Shape.of(512, 1000), Initializer.GLOROT_UNIFORM),
                ParameterSpec.trainable("bias", Shape.of(1000), Initializer.ZEROS));
        // 512 * 1000 + 1000
        assertThat(count(specs)).isEqualTo(513_000);
        assertThat(Dense.of(1000).withoutBias().parameterSpecs(List.of(Shape.of(512)))).hasSize(1);
    }

    @Test
    void layersWithoutWeights_declareNone() {
        List<Shape> image = List.of(Shape.of(8, 8, 4));
        for (Layer l : List.of(ReLU.of(), Activation.of("relu"), MaxPooling2D.of(2), AveragePooling2D.of(2),
                GlobalAveragePooling2D.of(), ZeroPadding2D.of(1), Flatten.of(), Dropout.of(0.5), Softmax.of())) {
            assertThat(l.parameterSpecs(image)).as(l.typeName()).isEmpty();
        }
    }

    @Test
    void model_parameterFullNames_areLayerSlashShortName() {
        Node x = Input.of(8, 8, 3);
        Node y = Conv2D.of(4, 3).withoutBias().named("conv1_conv").apply(x);
        y = BatchNormalization.of().named("conv1_bn").apply(y);
        Model m = Model.of("stem", x, y);
        assertThat(m.parameters().names()).containsExactly("conv1_conv/kernel", "conv1_bn/gamma", "conv1_bn/beta",
                "conv1_bn/moving_mean", "conv1_bn/moving_variance");
        assertThat(m.parameters().get("conv1_bn/moving_variance").data()).containsOnly(1f);
    }
}
