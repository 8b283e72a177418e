package org.resnet4j.models.resnet;

/** What a network puts after its last stage. */
public enum Head {
    /** Nothing: the output is the last stage's feature map (Keras' {@code include_top=False}). */
    FEATURES,
    /** Global average pool and a dense layer: logits, as torchvision's {@code fc} returns them. */
    LOGITS,
    /** Global average pool, a dense layer and a softmax: probabilities, as keras.applications returns them. */
    SOFTMAX
}
