package org.resnet4j.models.imagenet;

/** One guess of a classifier: class index, WordNet id, class name and probability (Keras' (wnid, name, p) triple). */
public record Prediction(int index, String wnid, String name, float probability) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %s %.4f", wnid, name, probability);
    }
}
