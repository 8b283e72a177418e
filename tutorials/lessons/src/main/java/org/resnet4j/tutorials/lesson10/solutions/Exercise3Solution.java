package org.resnet4j.tutorials.lesson10.solutions;

import org.resnet4j.data.Dataset;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.Trainer;

/**
 * Exercise 3: how far BatchNorm's moving mean has come after a few training steps. Keras updates it as
 * {@code moving = momentum * moving + (1 - momentum) * batchMean} with momentum 0.99, starting from 0; on images
 * that are {@code value} everywhere it is {@code value * (1 - momentum^steps)} after {@code steps} steps. The
 * solution trains a one-BatchNorm network and reads the moving mean back, then counts the steps to 90%.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /**
     * The moving mean of a BatchNorm with {@code momentum} after {@code steps} training steps on images that are
     * {@code value} everywhere, measured on {@code backend}.
     */
    public static double movingMeanAfter(Backend backend, double momentum, int steps, float value) {
        Node in = Input.of(2, 2, 1);
        Node normalised = BatchNormalization.of().withMomentum(momentum).named("bn").apply(in);
        Node out = Softmax.of().apply(Dense.of(2).apply(GlobalAveragePooling2D.of().apply(normalised)));
        Model model = Model.of("one_batch_norm", in, out);
        int batch = 4;
        float[] images = new float[steps * batch * 4];
        java.util.Arrays.fill(images, value);
        int[] labels = new int[steps * batch];
        Dataset data = Dataset.of("constant", Shape.of(2, 2, 1), images, labels, 2);
        try (Trainer trainer = Trainer.compile(model, backend, CategoricalCrossentropy.of(), Adam.of(),
                Accuracy.of())) {
            trainer.fit(data, FitOptions.of().withBatchSize(batch).withShuffle(false));
        }
        return model.parameters().get("bn/moving_mean").data()[0];
    }

    /** The number of steps after which the moving statistics have covered {@code fraction} of the way. */
    public static int stepsToReach(double momentum, double fraction) {
        return (int) Math.ceil(Math.log(1 - fraction) / Math.log(momentum));
    }
}
