package org.resnet4j.tutorials.lesson10;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.resnet4j.Backends;
import org.resnet4j.data.Dataset;
import org.resnet4j.data.DatasetLoader;
import org.resnet4j.data.KnownDataset;
import org.resnet4j.models.resnet.MnistResNet;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.fit.Evaluation;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.Trainer;

/**
 * Lesson 10: trains the seed post's MNIST "ResNet-18" ({@link MnistResNet}, preset {@code mnist-resnet18}) the way
 * the post does: categorical cross-entropy, Adam and accuracy, batch 128, the last 10% of the training images held
 * out for validation, then an evaluation on the test set. By default on Fashion-MNIST, 2,000 training images, one
 * epoch and 1,000 test images; {@code --full} runs the whole recipe (60,000 images, 10 epochs, all 10,000 test
 * images). Options: see {@link SeedRunOptions#parse}.
 */
public final class SeedTrainingLesson {
    private SeedTrainingLesson() {
    }

    /** Runs the lesson with the options {@link SeedRunOptions#parse} reads. */
    public static void main(String[] args) throws IOException {
        SeedRunOptions options = SeedRunOptions.parse(args);
        long start = System.nanoTime();
        Dataset[] data = loadData(options);
        Dataset train = data[0];
        Dataset test = data[1];
        Shape shape = train.sampleShape();
        Model model = MnistResNet.resnet18(shape.dim(0), shape.dim(1), shape.dim(2), MnistResNet.MNIST_CLASSES);
        describeNetwork(model);

        try (Backend backend = options.backend() == null ? Backends.get() : Backends.get(options.backend());
             Trainer trainer = compile(model, backend)) {
            ProgressLines progress = new ProgressLines(System.out, 15);
            long fitStart = System.nanoTime();
            fit(trainer, train, options, progress);
            long fitEnd = System.nanoTime();
            System.out.println();

            System.out.println("== 5. evaluate: the test set, in inference mode");
            Evaluation result = trainer.evaluate(test, options.batchSize());
            long end = System.nanoTime();
            System.out.printf(Locale.ROOT, "test loss %.4f, test accuracy %.4f (%d images, %.1f s)%n",
                    result.loss(), result.metric("accuracy"), result.samples(), (end - fitEnd) / 1e9);
            System.out.println();

            System.out.println("== 6. Time");
            System.out.printf(Locale.ROOT, "whole run %.1f s: fit %.1f s (%.2f s per training step of %d images on"
                    + " %s), evaluate %.1f s%n", (end - start) / 1e9, (fitEnd - fitStart) / 1e9,
                    progress.secondsPerStep(), options.batchSize(), backend.name(), (end - fitEnd) / 1e9);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    /** Section 1: finds the files, reads both sets and keeps the first images of each as the options say. */
    static Dataset[] loadData(SeedRunOptions options) throws IOException {
        KnownDataset set = KnownDataset.byId(options.data());
        DatasetLoader loader = DatasetLoader.standard().withDataDir(options.dataDir())
                .withLog(line -> System.out.println("  " + line));
        Path folder = loader.locate(set);
        // Read from the folder just found, so the loader does not search (and log) again for each set.
        DatasetLoader found = loader.withDataDir(folder);
        Dataset fullTrain = found.train(set);
        Dataset fullTest = found.test(set);
        System.out.println("== 1. The data: " + set.id() + " from " + folder);
        System.out.printf(Locale.ROOT, "training set %,d images of %s, test set %,d; pixels scaled to [0, 1] "
                + "(x / 255), as the seed does%n", fullTrain.size(), fullTrain.sampleShape(), fullTest.size());
        Dataset train = fullTrain.limit(options.trainLimit());
        Dataset test = fullTest.limit(options.testLimit());
        System.out.printf(Locale.ROOT, "this run uses the first %,d training images and the first %,d test "
                + "images%s%n", train.size(), test.size(), train.size() == fullTrain.size()
                        && test.size() == fullTest.size() ? "" : " (--full: all of them)");
        System.out.println();
        return new Dataset[] {train, test};
    }

    // ---------------------------------------------------------------------------------------------------------
    /** Section 2: what the seed's code builds, counted from the model's graph. */
    static void describeNetwork(Model model) {
        System.out.println("== 2. The seed's network (preset mnist-resnet18, MnistResNet.resnet18)");
        int convolutions = 0;
        int adds = 0;
        long biases = 0;
        List<String> noShortcut = new ArrayList<>();
        BatchNormalization firstBn = null;
        for (Node node : model.nodes()) {
            if (node.layer() instanceof Conv2D conv) {
                convolutions++;
                if (conv.useBias()) {
                    biases += conv.filters();
                }
                int in = node.inputs().get(0).shape().dim(2);
                if (in != conv.filters()) {
                    noShortcut.add(String.format(Locale.ROOT, "%s (%d -> %d channels, stride %d)",
                            conv.name(), in, conv.filters(), conv.strideHeight()));
                }
            } else if (node.layer() instanceof Add) {
                adds++;
            } else if (node.layer() instanceof BatchNormalization bn && firstBn == null) {
                firstBn = bn;
            }
        }
        System.out.printf(Locale.ROOT, "%,d parameters, %,d trainable; %d convolutions and 1 dense layer%n",
                model.parameterCount(), model.trainableParameterCount(), convolutions);
        System.out.println(adds + " additions, every one with an identity shortcut; the convolutions that change the "
                + "width have no path around them:");
        noShortcut.forEach(line -> System.out.println("  " + line));
        System.out.printf(Locale.ROOT, "every convolution has a bias (%,d in all) that the BatchNorm after it "
                + "cancels%n", biases);
        System.out.printf(Locale.ROOT, "BatchNormalization: Keras' defaults, momentum %s and epsilon %s%n",
                Float.toString((float) firstBn.momentum()), Float.toString((float) firstBn.epsilon()));
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------------------
    /** Section 3: Keras' compile, as a Trainer. */
    static Trainer compile(Model model, Backend backend) {
        System.out.println("== 3. compile: categorical cross-entropy, Adam, accuracy");
        System.out.println("Keras: model.compile with loss \"categorical_crossentropy\", optimizer \"adam\", metric "
                + "\"accuracy\"");
        System.out.println("Java:  Trainer.compile(model, backend, CategoricalCrossentropy.of(), Adam.of(), "
                + "Accuracy.of())");
        Adam adam = Adam.of();
        Trainer trainer = Trainer.compile(model, backend, CategoricalCrossentropy.of(), adam, Accuracy.of());
        System.out.println("on " + backend.name() + "; Adam with Keras' defaults: " + settings(adam.config()));
        System.out.println();
        return trainer;
    }

    /** An optimizer's settings with its float32 values printed as floats (0.001, not 0.0010000000474974513). */
    static String settings(Map<String, Object> config) {
        StringBuilder sb = new StringBuilder();
        config.forEach((key, value) -> {
            if (!key.equals("name")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(key).append(' ')
                        .append(value instanceof Double d ? Float.toString(d.floatValue()) : value);
            }
        });
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    /** Section 4: Keras' fit, with the seed's batch size and validation split. */
    static void fit(Trainer trainer, Dataset train, SeedRunOptions options, ProgressLines progress) {
        System.out.printf(Locale.ROOT, "== 4. fit: batch %d, %d epoch%s, validation split %.1f%n",
                options.batchSize(), options.epochs(), options.epochs() == 1 ? "" : "s",
                SeedRunOptions.SEED_VALIDATION_SPLIT);
        System.out.printf(Locale.ROOT, "Keras: model.fit with batch_size=%d, epochs=%d, validation_split=%.1f%n",
                options.batchSize(), options.epochs(), SeedRunOptions.SEED_VALIDATION_SPLIT);
        System.out.printf(Locale.ROOT, "Java:  trainer.fit(train, FitOptions.of().withBatchSize(%d).withEpochs(%d)"
                + ".withValidationSplit(%.1f))%n", options.batchSize(), options.epochs(),
                SeedRunOptions.SEED_VALIDATION_SPLIT);
        Dataset.Split split = train.split(SeedRunOptions.SEED_VALIDATION_SPLIT);
        System.out.printf(Locale.ROOT, "training on the first %,d images, validating on the last %,d (held out "
                + "before shuffling), %d steps per epoch%n", split.training().size(), split.validation().size(),
                split.training().batchCount(options.batchSize()));
        trainer.fit(train, FitOptions.of().withBatchSize(options.batchSize()).withEpochs(options.epochs())
                .withValidationSplit(SeedRunOptions.SEED_VALIDATION_SPLIT).withSeed(options.seed())
                .withCallbacks(progress));
    }
}
