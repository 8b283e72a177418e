package org.resnet4j.tutorials.lesson07.solutions;

import java.util.List;
import org.resnet4j.models.imagenet.Prediction;
import org.resnet4j.models.imagenet.Predictions;

/**
 * Exercise 3: torchvision's ResNets end in {@code fc} and return logits, not probabilities. Turn 1000 logits into the
 * top-k ImageNet classes with their probabilities, without overflowing when a logit is large.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /** The {@code k} most probable classes of {@code logits} after a softmax. */
    public static List<Prediction> topFromLogits(float[] logits, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        // exp(z - max) is at most 1, so nothing overflows; the shift cancels in the division.
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] probabilities = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = (float) (e[i] / sum);
        }
        return Predictions.top(probabilities, k);
    }
}
