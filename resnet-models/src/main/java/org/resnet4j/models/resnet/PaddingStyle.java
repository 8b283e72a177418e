package org.resnet4j.models.resnet;

/**
 * How convolutions and the stem's max pool pad their input. The three styles give the same shapes on even
 * input sizes but different numbers, because they put the border cells in different places.
 */
public enum PaddingStyle {
    /** Symmetric {@code k / 2} on every side (PyTorch's {@code padding=k//2}); the stem's max pool pads 1. */
    TORCHVISION,
    /** TensorFlow's {@code SAME} everywhere: the extra row or column goes bottom/right for stride 2. */
    KERAS_SAME,
    /**
     * keras.applications' ResNet: a {@code ZeroPadding2D(3)} then a {@code VALID} 7x7/2 stem convolution, a
     * {@code ZeroPadding2D(1)} then a {@code VALID} 3x3/2 max pool, and {@code SAME} for the 3x3 convolutions
     * inside the blocks.
     */
    KERAS_APPLICATIONS,
    /**
     * The original Keras ResNet50 that the seed tutorial loads weights into: a {@code ZeroPadding2D(3)} then a
     * {@code VALID} 7x7/2 stem convolution, and a {@code VALID} 3x3/2 max pool with no padding at all (112x112
     * becomes 55x55, then 28, 14 and 7), {@code SAME} for the 3x3 convolutions inside the blocks.
     */
    KERAS_SEED
}
