package org.resnet4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.Adam;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.SparseCategoricalCrossentropy;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TapeTrainingStep;
import org.resnet4j.training.TrainingStep;

/**
 * The training-step benchmark of issue #15: one timed unit is one full training step (forward pass in training
 * mode, sparse categorical cross-entropy from logits, backward pass, Adam update with learning rate 1e-3) of
 * torchvision's ResNet-50 at 224x224, batch 8, or the seed's 28x28x1 ResNet-18 at batch 128 ({@code --network}), on
 * a seeded synthetic batch, through the backend's fastest path: the one {@code Trainer.fit} takes (the backend's
 * own {@code Backend.trainingStep} when it has one, the generic tape otherwise). A step includes what
 * {@code fit} pays per batch: the images' upload and the loss and predictions' download.
 *
 * <p>As {@link ResNetBenchmark}, each backend runs in a JVM of its own by default and the table can hold the
 * PyTorch peer's record lines ({@code bench/pytorch_train_step.py}) with a ratio column per reference engine.
 *
 * <pre>
 * TrainingStepBenchmark [--network resnet50|mnist-resnet18] [--backend NAME[,NAME...]] [--batch N] [--threads 2]
 *                       [--warmup 3] [--warmup-seconds 20] [--runs 5] [--in-process] [--records FILE]
 *                       [--reference ENGINE[,ENGINE...]] [--records-out FILE] [--engine NAME]
 * </pre>
 * {@code --engine} renames the records of a single backend, for a variant set through the environment (for
 * example {@code TF_ENABLE_ONEDNN_OPTS=0} with {@code --engine tf-no-onednn}).
 */
public final class TrainingStepBenchmark {
    /** The seed of the dropout masks (the networks have no dropout; the step asks for one). */
    static final long DROPOUT_SEED = 7L;

    /** Adam's learning rate, the Keras default the issue names. */
    static final double LEARNING_RATE = 1e-3;

    private TrainingStepBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the options. Exits with 2 on a bad option. */
    public static void main(String[] args) throws Exception {
        TrainingStepBenchmarkOptions options;
        try {
            options = TrainingStepBenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(TrainingStepBenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        List<BenchmarkRecord> records = new ArrayList<>(BackendRuns.joined(options.run(), options.network().id()));
        List<String> backends = BackendRuns.backends(options.run());
        if (BackendRuns.noChildJvmFor(TrainingStepBenchmark.class, options.run())) {
            options = TrainingStepBenchmarkOptions.parse(BackendRuns.inThisJvm(args));
        }
        BackendRuns.header(String.format("training step of %s, batch %d, Adam (lr %s), sparse categorical"
                + " cross-entropy from logits", options.network().description(), options.batch(), LEARNING_RATE),
                "steps", backends, options.run()).forEach(System.err::println);
        TrainingStepBenchmarkOptions chosen = options;
        records.addAll(options.named(BackendRuns.collect(TrainingStepBenchmark.class, backends, chosen.run(),
                backend -> List.of(runHere(backend, chosen, System.err)), chosen::childArguments)));
        BackendRuns.report(records, options.run());
    }

    /**
     * The training step {@code Trainer.fit} would use on {@code backend}: the backend's own when it has one, the
     * generic tape step otherwise. Uploads the model's parameters.
     */
    static TrainingStep fastestStep(Backend backend, Model model, Loss loss, Optimizer optimizer) {
        return backend.trainingStep(model, loss, optimizer)
                .orElseGet(() -> TapeTrainingStep.on(backend.ops(), model, loss, optimizer));
    }

    /** Benchmarks the training step on {@code backendName} in this JVM. */
    static BenchmarkRecord runHere(String backendName, TrainingStepBenchmarkOptions options, PrintStream log) {
        ThreadSettings.apply(options.run().threads());
        TrainingNetwork network = options.network();
        int batch = options.batch();
        HostTensor images = network.images(batch);
        int[] labels = network.labels(batch);
        Model model = network.model();
        try (Backend backend = Backends.get(backendName)) {
            long start = System.nanoTime();
            try (TrainingStep step = fastestStep(backend, model, SparseCategoricalCrossentropy.fromLogits(),
                    Adam.of().withLearningRate(LEARNING_RATE))) {
                log.printf("%s: %s ready in %.0f ms (parameters uploaded)%n", backendName,
                        step.getClass().getSimpleName(), (System.nanoTime() - start) / 1e6);
                StepLog steps = new StepLog();
                Runnable work = () -> {
                    long t = System.nanoTime();
                    StepResult result = step.step(images, labels, DROPOUT_SEED);
                    steps.add(result.loss(), (System.nanoTime() - t) / 1e6);
                };
                String label = backendName + " " + network.id() + " training step";
                BenchmarkResult result = new Benchmark().run(label, batch, options.run().plan(), work,
                        new ProgressBar(log, label + " batch " + batch));
                log.println(result.describe());
                log.println(steps.describe());
                return BenchmarkRecord.of(backendName, network.id(), result);
            }
        }
    }

    /**
     * The first step's time (tracing and graph optimisation on tf, first-touch allocations everywhere), which the
     * warm-up hides, and the loss of the first and last steps: on one batch repeated it should fall, a sign that
     * each timed step really trained.
     */
    private static final class StepLog {
        private double firstMs = Double.NaN;
        private double firstLoss = Double.NaN;
        private double lastLoss = Double.NaN;
        private int steps;

        void add(double loss, double ms) {
            if (steps == 0) {
                firstMs = ms;
                firstLoss = loss;
            }
            lastLoss = loss;
            steps++;
        }

        String describe() {
            return String.format("first step %.0f ms; loss %.4f at step 1, %.4f at step %d (the same batch every"
                    + " step)", firstMs, firstLoss, lastLoss, steps);
        }
    }
}
