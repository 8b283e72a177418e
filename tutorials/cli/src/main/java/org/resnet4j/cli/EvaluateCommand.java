package org.resnet4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.resnet4j.data.Dataset;
import org.resnet4j.models.io.ModelFiles;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Softmax;
import org.resnet4j.spi.Backend;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Loss;
import org.resnet4j.training.fit.Evaluation;
import org.resnet4j.training.fit.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resnet4j evaluate}: the test-set loss and accuracy of a saved model (a {@code train} checkpoint or any
 * ResNet4J model file), computed by {@link Trainer#evaluate} as {@code train}'s last line is, on the same normalised
 * images, so the two lines agree.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a saved model on the test set of mnist, fashion-mnist or cifar10: one line with "
                + "the number of images, the loss and the accuracy (a fraction)."})
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model-file", required = true, paramLabel = "FILE",
            description = "A ResNet4J model file, for example the checkpoint train --save wrote.")
    Path modelFile;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per forward pass (default: "
            + TrainCommand.DEFAULT_BATCH_SIZE + ").")
    int batchSize = TrainCommand.DEFAULT_BATCH_SIZE;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "A backend that trains: tf or nd4j (default: the one `resnet4j backends` chooses).")
    String backend;

    @Override
    public Integer call() throws IOException {
        dataOptions.check();
        if (batchSize < 1) {
            throw new UsageException("--batch-size expects a count >= 1. Received: " + batchSize);
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalStateException("Cannot read --model-file " + modelFile + ": no such file");
        }
        // ModelFiles.load reads a checkpoint as a plain model: the optimizer's tensors are skipped.
        Model model = ModelFiles.load(modelFile);
        Dataset test = dataOptions.test();
        TrainCommand.checkImages(model, test, "the model in " + modelFile);
        try (Backend b = BackendChoice.open(backend);
             Trainer trainer = Trainer.compile(model, b, lossOf(model), Adam.of(), Accuracy.of())) {
            System.out.println(resultLine(trainer.evaluate(test, batchSize)));
        }
        return ExitCodes.OK;
    }

    /**
     * Categorical cross-entropy on the model's output: on probabilities when it ends with a softmax (every model
     * {@code train} builds), on logits otherwise.
     */
    static Loss lossOf(Model model) {
        boolean softmax = model.outputs().get(0).layer() instanceof Softmax;
        return softmax ? CategoricalCrossentropy.of() : CategoricalCrossentropy.fromLogits();
    }

    /** {@code test: samples=10000 loss=0.2871 accuracy=0.9123}, the last line of train and the line of evaluate. */
    static String resultLine(Evaluation result) {
        return String.format(Locale.ROOT, "test: samples=%d %s", result.samples(), result);
    }
}
