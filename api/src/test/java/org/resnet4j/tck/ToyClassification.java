package org.resnet4j.tck;

import java.util.List;
import java.util.Random;
import org.resnet4j.data.Dataset;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;

/**
 * A learnable toy problem for training tests: 4x4x1 images of 3 classes, class {@code c} being a bright row
 * {@code c} (value 1) over Gaussian noise (standard deviation 0.3), and a small classifier for it with a
 * convolution, batch norm, dropout and a softmax output (the seed's head), so that training and inference modes
 * differ.
 */
public final class ToyClassification {
    /** The number of classes. */
    public static final int CLASSES = 3;
    /** The sample shape. */
    public static final Shape SAMPLE = Shape.of(4, 4, 1);

    private ToyClassification() {
    }

    /** The classifier, initialised from {@code seed}: conv 3x3 (4 filters), BN, ReLU, flatten, dropout, dense, softmax. */
    public static Model model(long seed) {
        Node x = Input.named("pixels", 4, 4, 1);
        Node y = Conv2D.of(4, 3).withPadding(Padding.SAME).named("conv").apply(x);
        y = BatchNormalization.of().withMomentum(0.9).named("bn").apply(y);
        y = ReLU.of().named("relu").apply(y);
        y = Flatten.of().named("flatten").apply(y);
        y = Dropout.of(0.2).named("dropout").apply(y);
        y = Dense.of(CLASSES).named("dense").apply(y);
        y = Softmax.of().named("predictions").apply(y);
        return Model.of("toy", List.of(x), List.of(y)).initialize(seed);
    }

    /** {@code count} samples with labels cycling through the classes, noise drawn from {@code seed}. */
    public static Dataset dataset(String name, int count, long seed) {
        Random random = new Random(seed);
        int size = SAMPLE.size();
        float[] images = new float[count * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(CLASSES);
            for (int j = 0; j < size; j++) {
                int row = j / 4;
                images[i * size + j] = (row == labels[i] ? 1f : 0f) + (float) (0.3 * random.nextGaussian());
            }
        }
        return Dataset.of(name, SAMPLE, images, labels, CLASSES);
    }
}
