package org.resnet4j.models.resnet;

/** What a network puts after its last stage. */
public enum Head {
    /** Nothing: the output is the last stage's feature map (Keras' {@code include_top=False}). */
    FEATURES,
    /** Global average pool and a dense layer: logits, as torchvision's {@code fc} returns them. */
    LOGITS,
    /** Global average pool, a dense layer and a softmax: probabilities, as keras.applications returns them. */
    SOFTMAX,
    /**
     * The original Keras ResNet50's head, which the seed tutorial builds: {@code AveragePooling2D((7, 7))} named
     * {@code avg_pool}, {@code Flatten}, the dense layer and a softmax. On the 7x7 map of a 224x224 input it computes
     * what {@link #SOFTMAX} computes; on a larger map the 7x7 pool leaves several cells and the dense layer sees them
     * all, as in the original.
     */
    AVERAGE_POOL_7X7_FLATTEN_SOFTMAX
}
