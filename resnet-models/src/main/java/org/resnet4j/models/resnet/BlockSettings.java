package org.resnet4j.models.resnet;

/**
 * The choices every convolution of a network shares: padding style, where a bottleneck puts its stride,
 * whether convolutions have a bias, and BatchNorm's epsilon.
 */
public record BlockSettings(PaddingStyle padding, StridePlacement stridePlacement, boolean convBias, double bnEpsilon) {

    /** torchvision: symmetric padding, stride on the 3x3, no conv bias, epsilon 1e-5. */
    public static BlockSettings torchvision() {
        return new BlockSettings(PaddingStyle.TORCHVISION, StridePlacement.MIDDLE_3X3, false, 1e-5);
    }

    /** keras.applications: its padding, stride on the first 1x1, conv bias, epsilon 1.001e-5. */
    public static BlockSettings kerasApplications() {
        return new BlockSettings(PaddingStyle.KERAS_APPLICATIONS, StridePlacement.FIRST_1X1, true, 1.001e-5);
    }

    public BlockSettings {
        if (padding == null || stridePlacement == null) {
            throw new IllegalArgumentException("BlockSettings expects a padding style and a stride placement. Received: "
                    + padding + ", " + stridePlacement);
        }
        if (!(bnEpsilon > 0)) {
            throw new IllegalArgumentException("BlockSettings expects a positive BatchNorm epsilon. Received: " + bnEpsilon);
        }
    }

    /** A copy with another padding style. */
    public BlockSettings withPadding(PaddingStyle style) {
        return new BlockSettings(style, stridePlacement, convBias, bnEpsilon);
    }

    /** A copy with another stride placement. */
    public BlockSettings withStridePlacement(StridePlacement placement) {
        return new BlockSettings(padding, placement, convBias, bnEpsilon);
    }

    /** A copy with or without conv bias. */
    public BlockSettings withConvBias(boolean bias) {
        return new BlockSettings(padding, stridePlacement, bias, bnEpsilon);
    }

    /** A copy with another BatchNorm epsilon. */
    public BlockSettings withBnEpsilon(double epsilon) {
        return new BlockSettings(padding, stridePlacement, convBias, epsilon);
    }
}
