package org.resnet4j.tutorials.lesson11;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.resnet4j.Backends;
import org.resnet4j.data.Augmentation;
import org.resnet4j.data.Dataset;
import org.resnet4j.data.DatasetLoader;
import org.resnet4j.data.HorizontalFlip;
import org.resnet4j.data.KnownDataset;
import org.resnet4j.data.Normalization;
import org.resnet4j.data.RandomCrop;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.StepDecay;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.EpochLogs;
import org.resnet4j.training.fit.Evaluation;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.LearningRateScheduler;
import org.resnet4j.training.fit.Trainer;

/**
 * Lesson 11: the paper's CIFAR-10 recipe (section 4.2) for ResNet-20 with option A shortcuts: SGD with momentum 0.9
 * and weight decay 1e-4, learning rate 0.1 divided by 10 at 32k and 48k iterations, batch 128, 4-pixel padding with
 * a random crop and a horizontal flip, per-channel normalisation. By default it trains plain and residual networks
 * of two small depths side by side on a subset and prints their training-error curves (the paper's figure 6 in
 * miniature), then times a few steps of ResNet-20 to project the full recipe; {@code --full} runs the full recipe.
 * Options: see {@link CifarRunOptions#parse}.
 */
public final class CifarTrainingLesson {
    /** The paper's schedule: learning rate 0.1, divided by 10 at 32k and 48k iterations. */
    static final double INITIAL_RATE = 0.1;
    static final long FIRST_DROP = 32_000;
    static final long SECOND_DROP = 48_000;
    /** The paper stops at 64k iterations. */
    static final long PAPER_ITERATIONS = 64_000;

    private CifarTrainingLesson() {
    }

    /** Runs the lesson with the options {@link CifarRunOptions#parse} reads. */
    public static void main(String[] args) throws IOException {
        CifarRunOptions options = CifarRunOptions.parse(args);
        long start = System.nanoTime();
        Prepared data = prepareData(options);
        recipe(data.fullTrainingSize(), options.batchSize());
        try (Backend backend = options.backend() == null ? Backends.get() : Backends.get(options.backend())) {
            if (options.full()) {
                fullRecipe(backend, data, options);
            } else {
                sideBySide(backend, data, options);
                projectFullRecipe(backend, data, options);
            }
            System.out.printf(Locale.ROOT, "whole run %.1f s on %s%n", (System.nanoTime() - start) / 1e9,
                    backend.name());
        }
    }

    /** The normalised training images (all of them; a run takes the first ones it needs), test images, augmentation. */
    record Prepared(Dataset train, Dataset test, Augmentation augmentation, int fullTrainingSize) {
    }

    // ---------------------------------------------------------------------------------------------------------
    static Prepared prepareData(CifarRunOptions options) throws IOException {
        KnownDataset set = KnownDataset.CIFAR10;
        DatasetLoader loader = DatasetLoader.standard().withDataDir(options.dataDir())
                .withLog(line -> System.out.println("  " + line));
        Path folder = loader.locate(set);
        DatasetLoader found = loader.withDataDir(folder);
        Dataset train = found.train(set);
        Dataset test = found.test(set);
        int fullTrainingSize = train.size();
        if (!options.full()) {
            train = train.limit(options.trainLimit());
            test = test.limit(options.testLimit());
        }
        System.out.println("== 1. The data: cifar10 from " + folder);
        System.out.printf(Locale.ROOT, "this run: %,d training images of %s, %,d test images%s%n", train.size(),
                train.sampleShape(), test.size(), options.full() ? "" : " (the first ones; --full: all)");
        Normalization norm = Normalization.fit(train);
        System.out.println("per-channel normalisation (x - mean) / std, fitted on these training images:");
        System.out.println("  mean " + floats(norm.mean()) + "  std " + floats(norm.std()));
        System.out.println("  published for all 50,000: " + floats(Normalization.CIFAR10.mean()) + "  std "
                + floats(Normalization.CIFAR10.std()));
        Augmentation augmentation = new RandomCrop(4, norm.normalisedZero()).andThen(new HorizontalFlip());
        System.out.println("augmentation: pad 4 pixels (black), crop 32x32 at a random place, flip left-right with "
                + "probability 0.5");
        System.out.println();
        return new Prepared(norm.apply(train), norm.apply(test), augmentation, fullTrainingSize);
    }

    private static String floats(float[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", values[i]));
        }
        return sb.append(')').toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    /**
     * The paper's weight decay, 1e-4, is an L2 term added to the gradient, which momentum 0.9 then accumulates into
     * a ten times larger step; ResNet4J's decay is decoupled (applied once per step), so the same pull towards zero
     * is 1e-3 here (exercise 3 measures it).
     */
    static final double DECOUPLED_WEIGHT_DECAY = 1e-3;

    /** The paper's optimizer: SGD, momentum 0.9, its weight decay in decoupled form, learning rate 0.1. */
    static Sgd paperOptimizer() {
        return Sgd.of(INITIAL_RATE).withMomentum(0.9).withWeightDecay(DECOUPLED_WEIGHT_DECAY);
    }

    /** The paper's schedule, applied before every step from the number of steps taken. */
    static StepDecay paperSchedule() {
        return StepDecay.of(INITIAL_RATE, 0.1, FIRST_DROP, SECOND_DROP);
    }

    static void recipe(int trainingImages, int batchSize) {
        System.out.println("== 2. The paper's recipe");
        System.out.println("paper: SGD, momentum 0.9, weight decay 1e-4 (an L2 term in the gradient), batch 128");
        System.out.println("Java: Sgd.of(0.1).withMomentum(0.9).withWeightDecay(1e-3) (decoupled: the same pull), batch "
                + batchSize + ", FitOptions.withAugmentation(crop.andThen(flip))");
        System.out.println("      LearningRateScheduler.perIteration(StepDecay.of(0.1, 0.1, 32_000, 48_000))");
        StepDecay schedule = paperSchedule();
        long[][] ranges = {{0, FIRST_DROP - 1}, {FIRST_DROP, SECOND_DROP - 1}, {SECOND_DROP, PAPER_ITERATIONS - 1}};
        for (long[] range : ranges) {
            System.out.printf(Locale.ROOT, "  iterations %,6d .. %,6d: learning rate %s%n", range[0], range[1],
                    Float.toString((float) schedule.rate(range[0])));
        }
        int perEpoch = (trainingImages + batchSize - 1) / batchSize;
        long epochs = (PAPER_ITERATIONS + perEpoch - 1) / perEpoch;
        System.out.printf(Locale.ROOT, "all %,d training images in batches of %d: %d steps per epoch, so 64,000 "
                + "iterations take %d epochs%n", trainingImages, batchSize, perEpoch, epochs);
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------------------
    /** One network of the comparison, trained: its name, its curve, its test error and its time per step. */
    record Run(String name, long parameters, List<ErrorCurve.Point> curve, double testError, double secondsPerStep) {
    }

    static void sideBySide(Backend backend, Prepared data, CifarRunOptions options) {
        int[] depths = options.depths();
        int batches = data.train().batchCount(options.batchSize());
        int iterations = batches * options.epochs();
        int window = Math.max(1, iterations / 10);
        System.out.printf(Locale.ROOT, "== 3. Plain against residual (the paper's figure 6, small): depths %d and "
                + "%d%n", depths[0], depths[1]);
        System.out.printf(Locale.ROOT, "each network: the same %,d images in the same order with the same crops and"
                + " flips, %d epochs of %d steps = %d iterations%n", data.train().size(), options.epochs(), batches,
                iterations);
        List<Run> runs = new ArrayList<>();
        for (boolean residual : new boolean[] {false, true}) {
            for (int depth : depths) {
                Model model = residual ? ResNets.cifar(depth, CifarShortcut.A_ZERO_PAD) : PlainCifarNet.build(depth);
                String name = (residual ? "resnet-" : "plain-") + depth;
                runs.add(train(backend, model, name, data, options, window));
            }
        }
        System.out.printf("%-10s", "network");
        runs.forEach(run -> System.out.printf("%11s", run.name()));
        System.out.println();
        System.out.printf("%-10s", "params");
        runs.forEach(run -> System.out.printf(Locale.ROOT, "%,11d", run.parameters()));
        System.out.println();
        System.out.println("training error (%) over the last " + window + " iteration" + (window == 1 ? "" : "s")
                + ", augmented images, before each step's update:");
        System.out.printf("%-10s%n", "iteration");
        int points = runs.get(0).curve().size();
        for (int i = 0; i < points; i++) {
            System.out.printf(Locale.ROOT, "%9d ", runs.get(0).curve().get(i).iteration());
            for (Run run : runs) {
                System.out.printf(Locale.ROOT, "%11.1f", 100 * run.curve().get(i).error());
            }
            System.out.println();
        }
        System.out.printf("%-10s", "test (%)");
        runs.forEach(run -> System.out.printf(Locale.ROOT, "%11.1f", 100 * run.testError()));
        System.out.println();
        System.out.printf("%-10s", "s/step");
        runs.forEach(run -> System.out.printf(Locale.ROOT, "%11.2f", run.secondsPerStep()));
        System.out.println();
        System.out.println();
    }

    private static Run train(Backend backend, Model model, String name, Prepared data, CifarRunOptions options,
            int window) {
        ErrorCurve curve = new ErrorCurve(window);
        StepTimer timer = new StepTimer();
        try (Trainer trainer = Trainer.compile(model, backend, CategoricalCrossentropy.of(), paperOptimizer(),
                Accuracy.of())) {
            trainer.fit(data.train(), FitOptions.of().withBatchSize(options.batchSize()).withEpochs(options.epochs())
                    .withSeed(options.seed()).withAugmentation(data.augmentation())
                    .withCallbacks(LearningRateScheduler.perIteration(paperSchedule()), curve, timer));
            Evaluation test = trainer.evaluate(data.test(), options.batchSize());
            return new Run(name, model.trainableParameterCount(), curve.points(), 1 - test.metric("accuracy"),
                    timer.secondsPerStep());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    static void projectFullRecipe(Backend backend, Prepared data, CifarRunOptions options) {
        int steps = options.probeSteps();
        System.out.println("== 4. The full recipe on ResNet-20 (option A): how long it would take here");
        Model model = ResNets.cifar(20, CifarShortcut.A_ZERO_PAD);
        StepTimer timer = new StepTimer();
        Dataset probe = data.train().limit(steps * options.batchSize());
        try (Trainer trainer = Trainer.compile(model, backend, CategoricalCrossentropy.of(), paperOptimizer(),
                Accuracy.of())) {
            trainer.fit(probe, FitOptions.of().withBatchSize(options.batchSize()).withSeed(options.seed())
                    .withAugmentation(data.augmentation())
                    .withCallbacks(LearningRateScheduler.perIteration(paperSchedule()), timer));
        }
        double perStep = timer.secondsPerStep();
        double hours = perStep * PAPER_ITERATIONS / 3600;
        System.out.printf(Locale.ROOT, "%,d trainable parameters; %d steps of batch %d timed, %.3f s per step%s%n",
                model.trainableParameterCount(), timer.steps(), options.batchSize(), perStep,
                timer.steps() > 1 ? " (the first left out)" : "");
        System.out.printf(Locale.ROOT, "64,000 iterations x %.3f s = %.1f hours (%.1f days), plus the test set "
                + "after each epoch; run it with --full%n", perStep, hours, hours / 24);
        System.out.println();
    }

    static void fullRecipe(Backend backend, Prepared data, CifarRunOptions options) {
        int perEpoch = data.train().batchCount(options.batchSize());
        int epochs = (int) ((PAPER_ITERATIONS + perEpoch - 1) / perEpoch);
        System.out.println("== 3. The full recipe: ResNet-20 (option A), " + epochs + " epochs, the test set after "
                + "each");
        Model model = ResNets.cifar(20, CifarShortcut.A_ZERO_PAD);
        try (Trainer trainer = Trainer.compile(model, backend, CategoricalCrossentropy.of(), paperOptimizer(),
                Accuracy.of())) {
            trainer.fit(data.train(), FitOptions.of().withBatchSize(options.batchSize()).withEpochs(epochs)
                    .withSeed(options.seed()).withAugmentation(data.augmentation())
                    .withValidationData(data.test())
                    .withCallbacks(LearningRateScheduler.perIteration(paperSchedule()), new Callback() {
                        @Override
                        public void onEpochEnd(Trainer t, EpochLogs logs) {
                            System.out.printf(Locale.ROOT, "epoch %3d/%d  iterations %,6d  lr %s  training error "
                                    + "%.2f%%  test error %.2f%%  (%.0f s)%n", logs.epoch() + 1, epochs,
                                    t.iterations(), Float.toString((float) logs.learningRate()),
                                    100 * (1 - logs.get("accuracy")), 100 * (1 - logs.get("val_accuracy")),
                                    logs.seconds());
                        }
                    }));
        }
        System.out.println();
    }
}
