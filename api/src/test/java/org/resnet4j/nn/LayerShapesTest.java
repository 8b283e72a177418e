package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;

/** Output shapes inferred when layers are applied; expected sizes are worked out by hand in the comments. */
class LayerShapesTest {

    private static Shape applied(Layer layer, int... inputDims) {
        return layer.apply(Input.of(inputDims)).shape();
    }

    @Test
    void conv2d_valid_shrinksByKernelMinusOne() {
        // 32 - 3 + 1 = 30
        assertThat(applied(Conv2D.of(16, 3), 32, 32, 3)).isEqualTo(Shape.of(30, 30, 16));
    }

    @Test
    void conv2d_same_stride1_keepsSize() {
        assertThat(applied(Conv2D.of(8, 3).withPadding(Padding.SAME), 32, 20, 3)).isEqualTo(Shape.of(32, 20, 8));
    }

    @Test
    void conv2d_same_stride2_givesCeilOfHalf_onEvenAndOddSizes() {
        // ceil(224 / 2) = 112, ceil(7 / 2) = 4
        assertThat(applied(Conv2D.of(64, 7).withStrides(2).withPadding(Padding.SAME), 224, 224, 3))
                .isEqualTo(Shape.of(112, 112, 64));
        assertThat(applied(Conv2D.of(4, 3).withStrides(2).withPadding(Padding.SAME), 7, 7, 2))
                .isEqualTo(Shape.of(4, 4, 4));
    }

    @Test
    void conv2d_valid_stride2_floorsOnEvenAndOddSizes() {
        // floor((7 - 3) / 2) + 1 = 3; floor((8 - 3) / 2) + 1 = 3
        assertThat(applied(Conv2D.of(4, 3).withStrides(2), 7, 8, 2)).isEqualTo(Shape.of(3, 3, 4));
    }

    @Test
    void conv2d_explicitPadding_torchvisionStem() {
        // floor((224 + 3 + 3 - 7) / 2) + 1 = 112
        assertThat(applied(Conv2D.of(64, 7).withStrides(2).withPadding(Padding.symmetric(3)), 224, 224, 3))
                .isEqualTo(Shape.of(112, 112, 64));
    }

    @Test
    void conv2d_asymmetricExplicitPadding_andRectangularKernel() {
        // height: 5 + 1 + 0 - 3 + 1 = 4; width: 5 + 2 + 0 - 1 + 1 = 7
        assertThat(applied(Conv2D.of(2, 3, 1).withPadding(Padding.explicit(1, 0, 2, 0)), 5, 5, 1))
                .isEqualTo(Shape.of(4, 7, 2));
    }

    @Test
    void conv2d_differentStridesPerAxis() {
        // height floor((9 - 1) / 2) + 1 = 5; width 9 with stride 1
        assertThat(applied(Conv2D.of(3, 1).withStrides(2, 1), 9, 9, 3)).isEqualTo(Shape.of(5, 9, 3));
    }

    @Test
    void maxPooling2d_3x3_stride2_same_and_valid() {
        // SAME: ceil(112 / 2) = 56; VALID: floor((112 - 3) / 2) + 1 = 55
        assertThat(applied(MaxPooling2D.of(3, 2).withPadding(Padding.SAME), 112, 112, 64))
                .isEqualTo(Shape.of(56, 56, 64));
        assertThat(applied(MaxPooling2D.of(3, 2), 112, 112, 64)).isEqualTo(Shape.of(55, 55, 64));
    }

    @Test
    void maxPooling2d_defaultStrideIsThePoolSize_onOddSize() {
        // floor((7 - 2) / 2) + 1 = 3
        assertThat(applied(MaxPooling2D.of(2), 7, 7, 5)).isEqualTo(Shape.of(3, 3, 5));
        assertThat(MaxPooling2D.of(2).options().strideHeight()).isEqualTo(2);
        assertThat(MaxPooling2D.of(2).options().padding()).isEqualTo(Padding.VALID);
    }

    @Test
    void averagePooling2d_halvesRectangularInput() {
        assertThat(applied(AveragePooling2D.of(2), 8, 6, 5)).isEqualTo(Shape.of(4, 3, 5));
        assertThat(applied(AveragePooling2D.of(3, 1).withPadding(Padding.SAME), 5, 4, 2)).isEqualTo(Shape.of(5, 4, 2));
    }

    @Test
    void globalAveragePooling2d_keepsChannels() {
        assertThat(applied(GlobalAveragePooling2D.of(), 7, 7, 512)).isEqualTo(Shape.of(512));
    }

    @Test
    void zeroPadding2d_symmetricAndPerSide() {
        assertThat(applied(ZeroPadding2D.of(3), 224, 224, 3)).isEqualTo(Shape.of(230, 230, 3));
        // 5 + 1 + 2 = 8 rows, 5 + 3 + 4 = 12 columns
        assertThat(applied(ZeroPadding2D.of(1, 2, 3, 4), 5, 5, 2)).isEqualTo(Shape.of(8, 12, 2));
        assertThat(ZeroPadding2D.of(1, 2, 3, 4).padding()).isEqualTo(Padding.explicit(1, 2, 3, 4));
    }

    @Test
    void flatten_multipliesDimensions() {
        assertThat(applied(Flatten.of(), 7, 7, 2)).isEqualTo(Shape.of(98));
        assertThat(applied(Flatten.of(), 512)).isEqualTo(Shape.of(512));
    }

    @Test
    void dense_mapsVectorToUnits() {
        assertThat(applied(Dense.of(1000), 512)).isEqualTo(Shape.of(1000));
    }

    @Test
    void shapePreservingLayers_returnTheirInputShape() {
        assertThat(applied(BatchNormalization.of(), 56, 56, 64)).isEqualTo(Shape.of(56, 56, 64));
        assertThat(applied(ReLU.of(), 3, 4, 5)).isEqualTo(Shape.of(3, 4, 5));
        assertThat(applied(Activation.of("relu"), 3, 4, 5)).isEqualTo(Shape.of(3, 4, 5));
        assertThat(applied(Activation.of("linear"), 10)).isEqualTo(Shape.of(10));
        assertThat(applied(Activation.of("softmax"), 10)).isEqualTo(Shape.of(10));
        assertThat(applied(Dropout.of(0.5), 1000)).isEqualTo(Shape.of(1000));
        assertThat(applied(Softmax.of(), 1000)).isEqualTo(Shape.of(1000));
    }

    @Test
    void add_ofThreeEqualShapes_keepsTheShape() {
        Node a = Input.of(4, 4, 8);
        Node b = ReLU.of().apply(a);
        Node c = ReLU.of().apply(a);
        assertThat(Add.of().apply(a, b, c).shape()).isEqualTo(Shape.of(4, 4, 8));
    }

    @Test
    void configuration_isKeptByCopies_andFactoriesGiveKerasDefaults() {
        Conv2D conv = Conv2D.of(64, 7, 5).named("conv1").withStrides(2, 3).withPadding(Padding.SAME).withoutBias();
        assertThat(conv.name()).isEqualTo("conv1");
        assertThat(conv.filters()).isEqualTo(64);
        assertThat(conv.kernelHeight()).isEqualTo(7);
        assertThat(conv.kernelWidth()).isEqualTo(5);
        assertThat(conv.strideHeight()).isEqualTo(2);
        assertThat(conv.strideWidth()).isEqualTo(3);
        assertThat(conv.padding()).isEqualTo(Padding.SAME);
        assertThat(conv.useBias()).isFalse();
        Conv2D plain = Conv2D.of(8, 3);
        assertThat(plain.strideHeight()).isEqualTo(1);
        assertThat(plain.padding()).isEqualTo(Padding.VALID);
        assertThat(plain.useBias()).isTrue();
        assertThat(BatchNormalization.of().epsilon()).isEqualTo(1e-3);
        assertThat(BatchNormalization.of().named("bn").withEpsilon(1.001e-5).name()).isEqualTo("bn");
        assertThat(Dense.of(10).useBias()).isTrue();
        assertThat(Dense.of(10).withoutBias().units()).isEqualTo(10);
        assertThat(Dropout.of(0.25).rate()).isEqualTo(0.25);
        assertThat(Activation.of("ReLU").function()).isEqualTo("relu");
        assertThat(MaxPooling2D.of(3, 2).named("pool").withPadding(Padding.SAME).name()).isEqualTo("pool");
    }
}
