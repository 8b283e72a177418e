package org.resnet4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.resnet4j.data.Augmentation;
import org.resnet4j.data.Dataset;
import org.resnet4j.data.HorizontalFlip;
import org.resnet4j.data.KnownDataset;
import org.resnet4j.data.Normalization;
import org.resnet4j.data.RandomCrop;
import org.resnet4j.models.io.TrainingCheckpoint;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Optimizers;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.StepDecay;
import org.resnet4j.training.TrainingState;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.Evaluation;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.LearningRateScheduler;
import org.resnet4j.training.fit.ModelCheckpoint;
import org.resnet4j.training.fit.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resnet4j train}: the seed's recipe as a command. Trains a model on a known data set with {@link Trainer#fit}
 * (categorical cross-entropy on the softmax output, accuracy), shows a progress bar and a line per epoch, saves a
 * resumable checkpoint after every epoch, draws the curves beside it, and ends with the test set's loss and accuracy.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on mnist, fashion-mnist or cifar10 (default: the seed's recipe, Adam 1e-3, "
                + "batch 128, 10 epochs, validation split 0.1), saving a resumable checkpoint after every epoch, "
                + "the curves as FILE-curves.png and the history as FILE-history.csv, then evaluate on the test set."})
public final class TrainCommand implements Callable<Integer> {
    /** The seed's batch size. */
    static final int DEFAULT_BATCH_SIZE = 128;
    /** The seed's epochs. */
    static final int DEFAULT_EPOCHS = 10;
    /** Keras' default learning rate of Adam, the seed's optimizer. */
    static final double DEFAULT_ADAM_RATE = 1e-3;
    /** Keras' default learning rate of SGD. */
    static final double DEFAULT_SGD_RATE = 0.01;
    /** What each of --lr-drops multiplies the learning rate by (the paper divides by 10). */
    static final double LEARNING_RATE_DROP = 0.1;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "mnist-resnet18 (the seed's network) or cifar-resnet20, -32, -44, -56, -110, -1202 (add -b "
                    + "for projection shortcuts). Required unless --resume gives it.")
    String modelName;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--epochs", paramLabel = "N",
            description = "The epoch count to reach (default: " + DEFAULT_EPOCHS + "); a resumed run goes on from "
                    + "its checkpoint's epoch to N.")
    int epochs = DEFAULT_EPOCHS;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (default: "
            + DEFAULT_BATCH_SIZE + ").")
    int batchSize = DEFAULT_BATCH_SIZE;

    @Option(names = "--learning-rate", paramLabel = "X",
            description = "The learning rate (default: 0.001 for adam, 0.01 for sgd; with --resume, the saved one).")
    Double learningRate;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "The optimizer (default: adam).")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "X", description = "SGD's momentum (default: 0).")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "X",
            description = "Decoupled weight decay, w -= lr * X * w before each step (default: 0).")
    Double weightDecay;

    @Option(names = "--lr-drops", split = ",", paramLabel = "STEP[,STEP...]",
            description = "Divides the learning rate by 10 at each of these steps, counted over the whole run "
                    + "(the paper's CIFAR recipe: 32000,48000). With --resume, also give the first run's "
                    + "--learning-rate: the rate the schedule starts from.")
    long[] learningRateDrops;

    @Option(names = "--validation-split", paramLabel = "X",
            description = "The last fraction of the training images held out for validation, as Keras (default: "
                    + "0.1; 0 for none).")
    double validationSplit = 0.1;

    @Option(names = "--limit-train", paramLabel = "N",
            description = "Use only the first N training images (before the validation split).")
    Integer limitTrain;

    @Option(names = "--augment",
            description = "Random crop with zero padding (4 pixels on cifar10, 2 on the MNIST sets) and, on cifar10, "
                    + "a horizontal flip.")
    boolean augment;

    @Option(names = "--seed", paramLabel = "S",
            description = "The seed of the shuffling and augmentation (default: 42; with --resume, the saved one).")
    Long seed;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "A backend that trains: tf or nd4j (default: the one `resnet4j backends` chooses).")
    String backend;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue from a checkpoint that train saved: its weights, optimizer state, epoch and "
                    + "seed (may be the --save file).")
    Path resume;

    @Option(names = "--save", required = true, paramLabel = "FILE",
            description = "Where the checkpoint goes after every epoch (replaced atomically), e.g. run.safetensors.")
    Path save;

    private final List<Callback> extraCallbacks;

    /** The command as picocli builds it. */
    public TrainCommand() {
        this(List.of());
    }

    /** For tests: {@code callbacks} run after the command's own (one may fail to stop a run part-way). */
    TrainCommand(List<Callback> callbacks) {
        this.extraCallbacks = List.copyOf(callbacks);
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        KnownDataset set = dataOptions.dataset();
        Path saveFile = save.toAbsolutePath();
        checkSaveFolder(saveFile);
        Path historyFile = sibling(saveFile, "-history.csv");
        Path curvesFile = sibling(saveFile, "-curves.png");

        // Everything that can be refused is refused before the first step: the checkpoint, the model, the data.
        TrainingState state = null;
        Model model;
        if (resume != null) {
            TrainingCheckpoint checkpoint = TrainingCheckpoint.load(readable(resume, "--resume"));
            model = checkpoint.model();
            state = checkpoint.state().orElse(null);
            checkResumedModel(model, set);
        } else {
            model = TrainableModels.build(modelName, set);
        }
        int initialEpoch = state == null ? 0 : state.epoch();
        if (initialEpoch >= epochs) {
            throw new UsageException("--epochs is the epoch count to reach, and " + resume + " has completed "
                    + initialEpoch + " epochs already. Received: --epochs " + epochs);
        }
        Dataset train = dataOptions.train(limitTrain);
        Dataset test = dataOptions.test();
        checkImages(model, train, "the model to train");
        checkImages(model, test, "the model to train");
        RunHistory history = state == null ? new RunHistory() : earlierHistory(initialEpoch);

        Optimizer chosen = state == null ? newOptimizer() : Optimizers.fromConfig(state.optimizer());
        long runSeed = state == null ? (seed == null ? FitOptions.DEFAULT_SEED : seed) : state.seed();
        try (Backend b = BackendChoice.open(backend);
             Trainer trainer = Trainer.compile(model, b, CategoricalCrossentropy.of(), chosen, Accuracy.of())) {
            if (state != null) {
                trainer.restore(state);
                if (learningRate != null) {
                    trainer.optimizer().setLearningRate(learningRate);
                }
            }
            Dataset.Split split = train.split(validationSplit);
            System.out.printf(Locale.ROOT, "Training %s on %s with %s: %d images, %d for validation; %s "
                            + "learning rate %s, batch %d, epochs %d to %d of %d, seed %d%s%n", model.name(),
                    set.id(), b.name(), split.training().size(), split.validation().size(), chosen.name(),
                    fraction(trainer.optimizer().learningRate()), batchSize, initialEpoch + 1, epochs, epochs, runSeed,
                    augment ? ", augmented" : "");
            List<Callback> callbacks = new ArrayList<>();
            callbacks.add(ModelCheckpoint.to(saveFile, TrainingCheckpoint.writer()));
            callbacks.add(new TrainingProgress(new TrainingProgressBar(System.err, System.console() != null,
                    TrainingProgressBar.DEFAULT_LOG_INTERVAL, System::nanoTime), System.out, history, historyFile,
                    curvesFile, model.name() + " on " + set.id()));
            if (learningRateDrops != null) {
                // the schedule starts from the first run's rate: given again on resume, the optimizer's otherwise
                double initialRate = learningRate != null ? learningRate : trainer.optimizer().learningRate();
                callbacks.add(LearningRateScheduler.perIteration(
                        StepDecay.of(initialRate, LEARNING_RATE_DROP, learningRateDrops)));
            }
            callbacks.addAll(extraCallbacks);
            FitOptions options = FitOptions.of().withBatchSize(batchSize).withEpochs(epochs)
                    .withInitialEpoch(initialEpoch).withValidationSplit(validationSplit).withSeed(runSeed)
                    .withAugmentation(augment ? augmentation(set) : null)
                    .withCallbacks(callbacks.toArray(Callback[]::new));
            trainer.fit(train, options);
            System.out.println("Saved " + save + " (after epoch " + epochs + "), curves " + curvesFile.getFileName()
                    + ", history " + historyFile.getFileName());
            Evaluation result = trainer.evaluate(test, batchSize);
            System.out.println(EvaluateCommand.resultLine(result));
        }
        return ExitCodes.OK;
    }

    private void checkOptions() {
        dataOptions.check();
        if (resume == null && modelName == null) {
            throw new UsageException("train expects --model (or --resume FILE). Valid models: "
                    + TrainableModels.VALID_NAMES);
        }
        if (epochs < 1) {
            throw new UsageException("--epochs expects a count >= 1. Received: " + epochs);
        }
        if (batchSize < 1) {
            throw new UsageException("--batch-size expects a count >= 1. Received: " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new UsageException("--validation-split expects a fraction in [0, 1). Received: " + validationSplit);
        }
        DataOptions.checkLimit("--limit-train", limitTrain);
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new UsageException("--learning-rate expects a number > 0. Received: " + learningRate);
        }
        if (momentum != null && !(momentum >= 0 && momentum < 1)) {
            throw new UsageException("--momentum expects a number in [0, 1). Received: " + momentum);
        }
        if (weightDecay != null && !(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new UsageException("--weight-decay expects a number >= 0. Received: " + weightDecay);
        }
        if (learningRateDrops != null) {
            for (int i = 0; i < learningRateDrops.length; i++) {
                if (learningRateDrops[i] < 1 || (i > 0 && learningRateDrops[i] <= learningRateDrops[i - 1])) {
                    throw new UsageException("--lr-drops expects ascending step numbers of 1 or more. Received: "
                            + Arrays.toString(learningRateDrops));
                }
            }
            if (resume != null && learningRate == null) {
                throw new UsageException("--lr-drops with --resume expects --learning-rate, the rate the schedule "
                        + "started from in the first run (the checkpoint holds the rate reached, not the start)");
            }
        }
        if (resume != null) {
            // The checkpoint holds these; a different value would silently not be the run being resumed.
            List<String> fixed = new ArrayList<>();
            if (optimizer != null) {
                fixed.add("--optimizer");
            }
            if (momentum != null) {
                fixed.add("--momentum");
            }
            if (weightDecay != null) {
                fixed.add("--weight-decay");
            }
            if (seed != null) {
                fixed.add("--seed");
            }
            if (!fixed.isEmpty()) {
                throw new UsageException("--resume takes the optimizer and the seed from the checkpoint; only "
                        + "--learning-rate may change them. Received: " + String.join(", ", fixed));
            }
            return;
        }
        String name = optimizerName();
        if (!name.equals("adam") && !name.equals("sgd")) {
            throw new UsageException("--optimizer expects adam or sgd. Received: " + optimizer);
        }
        if (momentum != null && !name.equals("sgd")) {
            throw new UsageException("--momentum applies to --optimizer sgd only. Received: --optimizer " + name
                    + " --momentum " + momentum);
        }
    }

    private String optimizerName() {
        return optimizer == null ? "adam" : optimizer.strip().toLowerCase(Locale.ROOT);
    }

    private Optimizer newOptimizer() {
        double decay = weightDecay == null ? 0 : weightDecay;
        if (optimizerName().equals("sgd")) {
            Sgd sgd = Sgd.of(learningRate == null ? DEFAULT_SGD_RATE : learningRate).withWeightDecay(decay);
            return momentum == null || momentum == 0 ? sgd : sgd.withMomentum(momentum);
        }
        return Adam.of().withLearningRate(learningRate == null ? DEFAULT_ADAM_RATE : learningRate)
                .withWeightDecay(decay);
    }

    private static Augmentation augmentation(KnownDataset set) {
        if (set == KnownDataset.CIFAR10) {
            // torchvision crops before it normalises, so it pads with black: the normalised value of 0.
            Normalization normalization = DataOptions.normalization(set);
            return new RandomCrop(4, normalization.normalisedZero()).andThen(new HorizontalFlip());
        }
        // A mirrored digit (or shoe) is another picture: the MNIST sets get the crop only.
        return new RandomCrop(2);
    }

    /** A model loaded from --resume must be the --model asked for (if any) and suit the data set's images. */
    private void checkResumedModel(Model loaded, KnownDataset set) {
        if (modelName != null) {
            Model wanted = TrainableModels.build(modelName, set);
            if (!wanted.name().equals(loaded.name())) {
                throw new UsageException("--resume " + resume + " holds model \"" + loaded.name() + "\", not the "
                        + "--model " + modelName + " (\"" + wanted.name() + "\"). Leave --model out to resume it");
            }
        }
    }

    /**
     * Refuses images of another shape than the model's input before any step: one line with both shapes, rather than
     * a backend's error from deep inside the first convolution.
     */
    static void checkImages(Model model, Dataset data, String what) {
        var input = model.inputs().get(0).shape();
        if (!data.sampleShape().equals(input)) {
            throw new IllegalStateException(data.name() + " has images of " + data.sampleShape() + ", which "
                    + what + " (\"" + model.name() + "\") does not take: it expects images of " + input);
        }
    }

    private void checkSaveFolder(Path saveFile) {
        Path folder = saveFile.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalStateException("Cannot write --save " + save + ": no such folder " + folder);
        }
        if (Files.isDirectory(saveFile)) {
            throw new IllegalStateException("Cannot write --save " + save + ": it is a folder");
        }
    }

    private static Path readable(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Cannot read " + option + " " + file + ": no such file");
        }
        return file;
    }

    /** The epochs 1..{@code completed} recorded beside the --resume file; none (and a note) if there is no record. */
    private RunHistory earlierHistory(int completed) {
        Path file = sibling(resume.toAbsolutePath(), "-history.csv");
        try {
            return RunHistory.parse(Files.readString(file, StandardCharsets.UTF_8), completed);
        } catch (NoSuchFileException e) {
            System.err.println("resnet4j: No history " + file + " beside --resume; the curves start at epoch "
                    + (completed + 1));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("resnet4j: Cannot read the history " + file + " (" + e.getMessage() + "); the curves "
                    + "start at epoch " + (completed + 1));
        }
        return new RunHistory();
    }

    /** {@code run.safetensors} with {@code -curves.png}: {@code run-curves.png}, in the same folder. */
    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + suffix);
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(?=e|$)", "");
    }
}
