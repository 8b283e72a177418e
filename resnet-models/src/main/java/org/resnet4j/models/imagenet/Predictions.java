package org.resnet4j.models.imagenet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.resnet4j.tensor.HostTensor;

/** Turns a classifier's output into the top-k ImageNet classes, like Keras' {@code decode_predictions}. */
public final class Predictions {
    private Predictions() {
    }

    /**
     * The {@code k} most probable classes of every row of {@code probabilities} (shape {@code [batch, 1000]}), most
     * probable first. Equal probabilities are ordered by higher class index first, which is what Keras' reversed
     * {@code argsort} gives with a stable sort.
     */
    public static List<List<Prediction>> decodePredictions(HostTensor probabilities, int k) {
        if (probabilities.shape().rank() != 2 || probabilities.shape().dim(1) != ImageNetClasses.COUNT) {
            throw new IllegalArgumentException("decodePredictions expects a batch of predictions of shape [batch, "
                    + ImageNetClasses.COUNT + "]. Received: shape=" + probabilities.shape());
        }
        int batch = probabilities.shape().dim(0);
        List<List<Prediction>> result = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[] row = new float[ImageNetClasses.COUNT];
            System.arraycopy(probabilities.data(), b * ImageNetClasses.COUNT, row, 0, row.length);
            result.add(top(row, k));
        }
        return result;
    }

    /** The {@code k} most probable classes of one prediction of 1000 probabilities, most probable first. */
    public static List<Prediction> top(float[] probabilities, int k) {
        if (probabilities.length != ImageNetClasses.COUNT) {
            throw new IllegalArgumentException("decodePredictions expects " + ImageNetClasses.COUNT
                    + " probabilities. Received: " + probabilities.length);
        }
        if (k < 1 || k > ImageNetClasses.COUNT) {
            throw new IllegalArgumentException("k must be in [1, " + ImageNetClasses.COUNT + "]. Received: " + k);
        }
        Comparator<Integer> byProbability = Comparator.comparingDouble(i -> probabilities[i]);
        return IntStream.range(0, probabilities.length).boxed()
                .sorted(byProbability.thenComparingInt(i -> i).reversed())
                .limit(k)
                .map(i -> new Prediction(i, ImageNetClasses.wnid(i), ImageNetClasses.name(i), probabilities[i]))
                .toList();
    }
}
