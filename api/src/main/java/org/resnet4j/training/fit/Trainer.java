package org.resnet4j.training.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.resnet4j.data.Augmentation;
import org.resnet4j.data.Batch;
import org.resnet4j.data.Dataset;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Metric;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TapeTrainingStep;
import org.resnet4j.training.TrainingState;
import org.resnet4j.training.TrainingStep;

/**
 * Keras' compiled model: a model bound to a backend, a loss, an optimizer and metrics, with {@link #fit} and
 * {@link #evaluate}. The weights are uploaded once, at {@link #compile}, and stay on the backend; the model's
 * {@code ParameterStore} receives the trained values at the end of {@code fit} and before every checkpoint (or on
 * {@link #syncModel()}).
 *
 * <pre>{@code
 * try (Trainer trainer = Trainer.compile(model, backend, CategoricalCrossentropy.of(), Adam.of(), Accuracy.of())) {
 *     History history = trainer.fit(train, FitOptions.of().withBatchSize(128).withEpochs(10)
 *             .withValidationSplit(0.1));
 *     Evaluation test = trainer.evaluate(testSet, 128);
 * }
 * }</pre>
 *
 * <p>Reproducible: the training samples of epoch {@code e} are shuffled with a seed derived from (seed, e), and step
 * {@code i} (counted over the whole run, resumed runs included) draws its dropout masks from (seed, i), so the same
 * seed, initial weights and backend give the same history and weights, and a run resumed from a checkpoint taken
 * after epoch k continues exactly as the uninterrupted run.
 */
public final class Trainer implements AutoCloseable {
    private final Model model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Metric> metrics;
    private final TrainingStep step;
    private long iterations;
    private long seed = FitOptions.DEFAULT_SEED;
    private int epochsCompleted;
    private boolean stopRequested;

    private Trainer(Model model, Loss loss, Optimizer optimizer, List<Metric> metrics, TrainingStep step) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.metrics = metrics;
        this.step = step;
        this.iterations = optimizer.iterations();
    }

    /**
     * Binds {@code model} to {@code backend}: uses the backend's own training step when it has one
     * ({@link Backend#trainingStep}), the generic tape step otherwise, and uploads the model's parameters. Throws
     * {@link org.resnet4j.ops.TrainingNotSupportedException} when the backend cannot train.
     */
    public static Trainer compile(Model model, Backend backend, Loss loss, Optimizer optimizer, Metric... metrics) {
        checkModel(model);
        TrainingStep step = backend.trainingStep(model, loss, optimizer)
                .orElseGet(() -> TapeTrainingStep.on(backend.ops(), model, loss, optimizer));
        return new Trainer(model, loss, optimizer, checkMetrics(metrics), step);
    }

    /** As {@link #compile(Model, Backend, Loss, Optimizer, Metric...)} with the generic step on {@code ops}. */
    public static Trainer compile(Model model, Ops ops, Loss loss, Optimizer optimizer, Metric... metrics) {
        checkModel(model);
        return new Trainer(model, loss, optimizer, checkMetrics(metrics),
                TapeTrainingStep.on(ops, model, loss, optimizer));
    }

    private static void checkModel(Model model) {
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw new IllegalArgumentException("Trainer expects a model with one input and one output. Received: model \""
                    + model.name() + "\" with " + model.inputs().size() + " inputs and " + model.outputs().size()
                    + " outputs");
        }
        Shape out = model.outputs().get(0).shape();
        if (out.rank() != 1) {
            throw new IllegalArgumentException("Trainer expects a model whose output is one row of class scores per "
                    + "sample. Received: model \"" + model.name() + "\" with output shape " + out
                    + " (without the batch dimension)");
        }
    }

    private static List<Metric> checkMetrics(Metric... metrics) {
        List<String> names = new ArrayList<>();
        for (Metric m : metrics) {
            if (names.contains(m.name()) || m.name().equals("loss")) {
                throw new IllegalArgumentException("Trainer expects metrics with distinct names other than \"loss\"."
                        + " Received: " + names + " and " + m.name());
            }
            names.add(m.name());
        }
        return List.of(metrics);
    }

    /**
     * Trains on {@code data} as {@code options} say and returns the history of the epochs run. The model's
     * {@code ParameterStore} holds the trained weights afterwards.
     *
     * @throws IllegalArgumentException when the data set's samples do not fit the model's input, a label is not a
     *                                  class of the model's output, or the validation split leaves no training data
     */
    public History fit(Dataset data, FitOptions options) {
        checkData("fit", data);
        if (data.size() == 0) {
            // checked before the split, which has its own wording for a split that leaves one side empty
            throw new IllegalArgumentException("Trainer.fit expects at least one training sample. Received: dataset \""
                    + data.name() + "\" with " + data.size() + " samples and validationSplit "
                    + options.validationSplit());
        }
        Dataset train = data;
        Dataset validation = options.validationData();
        if (options.validationSplit() > 0) {
            Dataset.Split split = data.split(options.validationSplit());
            train = split.training();
            validation = split.validation();
        }
        if (validation != null) {
            checkData("fit (validation data)", validation);
            if (validation.size() == 0) {
                validation = null;
            }
        }
        seed = options.seed();
        stopRequested = false;
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        callbacks.addAll(options.callbacks());
        int batchSize = options.batchSize();
        TrainingPlan plan = new TrainingPlan(options.initialEpoch(), options.epochs(), batchSize,
                train.batchCount(batchSize), train.size(), validation == null ? 0 : validation.size());
        callbacks.forEach(c -> c.onTrainBegin(this, plan));
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !stopRequested; epoch++) {
            long start = System.nanoTime();
            for (Callback c : callbacks) {
                c.onEpochBegin(this, epoch);
            }
            Map<String, Double> logs = trainEpoch(train, options, plan, epoch, callbacks);
            if (validation != null) {
                Evaluation v = evaluate(validation, batchSize);
                logs.put("val_loss", v.loss());
                v.metrics().forEach((name, value) -> logs.put("val_" + name, value));
            }
            epochsCompleted = epoch + 1;
            EpochLogs epochLogs = new EpochLogs(epoch, logs, optimizer.learningRate(),
                    (System.nanoTime() - start) / 1e9);
            for (Callback c : callbacks) {
                c.onEpochEnd(this, epochLogs);
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(this, history);
        }
        syncModel();
        return history;
    }

    private Map<String, Double> trainEpoch(Dataset train, FitOptions options, TrainingPlan plan, int epoch,
            List<Callback> callbacks) {
        Random order = options.shuffle() ? new Random(Seeds.derive(seed, Seeds.SHUFFLE, epoch)) : null;
        Augmentation augmentation = options.augmentation();
        Random augmentRandom = new Random(Seeds.derive(seed, Seeds.AUGMENTATION, epoch));
        Shape sampleShape = train.sampleShape();
        int sampleSize = sampleShape.size();
        double lossSum = 0;
        double[] metricSums = new double[metrics.size()];
        int seen = 0;
        int index = 0;
        for (Batch batch : train.batches(options.batchSize(), order, null)) {
            if (augmentation != null) {
                float[] images = batch.images().data(); // the batch's own fresh array: changed in place
                for (int i = 0; i < batch.size(); i++) {
                    augmentation.apply(images, i * sampleSize, sampleShape, augmentRandom);
                }
            }
            for (Callback c : callbacks) {
                c.onBatchBegin(this, epoch, index, iterations);
            }
            StepResult result = step.step(batch.images(), batch.labels(),
                    Seeds.derive(seed, Seeds.DROPOUT, iterations));
            iterations++;
            seen += batch.size();
            lossSum += result.loss() * batch.size();
            Map<String, Double> running = new LinkedHashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                metricSums[m] += metrics.get(m).sum(result.predictions(), batch.labels());
                running.put(metrics.get(m).name(), metricSums[m] / seen);
            }
            BatchProgress progress = new BatchProgress(epoch, index, plan.batchesPerEpoch(), iterations, seen,
                    train.size(), lossSum / seen, running);
            for (Callback c : callbacks) {
                c.onBatchEnd(this, progress);
            }
            index++;
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / seen);
        for (int m = 0; m < metrics.size(); m++) {
            logs.put(metrics.get(m).name(), metricSums[m] / seen);
        }
        return logs;
    }

    /**
     * The loss and metrics of the current weights on {@code data}, in inference mode (BatchNormalization with its
     * moving statistics, no dropout), averaged over the samples, in batches of {@code batchSize}.
     */
    public Evaluation evaluate(Dataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Trainer.evaluate expects a batch size >= 1. Received: " + batchSize);
        }
        checkData("evaluate", data);
        double lossSum = 0;
        double[] metricSums = new double[metrics.size()];
        for (Batch batch : data.batches(batchSize)) {
            HostTensor predictions = step.predict(batch.images());
            lossSum += loss.mean(predictions, batch.labels()) * batch.size();
            for (int m = 0; m < metrics.size(); m++) {
                metricSums[m] += metrics.get(m).sum(predictions, batch.labels());
            }
        }
        int n = Math.max(data.size(), 1);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int m = 0; m < metrics.size(); m++) {
            values.put(metrics.get(m).name(), metricSums[m] / n);
        }
        return new Evaluation(data.size() == 0 ? Double.NaN : lossSum / n, values, data.size());
    }

    private void checkData(String call, Dataset data) {
        Node input = model.inputs().get(0);
        Shape expected = input.shape();
        if (!data.sampleShape().equals(expected)) {
            throw new IllegalArgumentException("Trainer." + call + " expects samples of shape " + expected
                    + " (input \"" + input.layer().name() + "\" of model \"" + model.name() + "\"). Received: dataset \""
                    + data.name() + "\" with samples of shape " + data.sampleShape());
        }
        Node output = model.outputs().get(0);
        int classes = output.shape().dim(0);
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("Trainer." + call + " expects labels in [0, " + classes
                        + ") (the classes of output \"" + output.layer().name() + "\" of model \"" + model.name()
                        + "\"). Received: label " + labels[i] + " at sample " + i + " of dataset \"" + data.name()
                        + "\"");
            }
        }
    }

    /** Asks {@link #fit} to stop after the current epoch (Keras' {@code model.stop_training = True}). */
    public void stopTraining() {
        stopRequested = true;
    }

    /** Whether {@link #stopTraining()} was called during the current or last fit. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Copies the weights on the backend into the model's {@code ParameterStore}. */
    public void syncModel() {
        step.weights().forEach((name, value) -> model.parameters().set(name, value));
    }

    /** Every parameter as it is on the backend now (downloaded). */
    public Map<String, HostTensor> weights() {
        return step.weights();
    }

    /** Replaces parameters on the backend (for example the best weights kept by early stopping). */
    public void setWeights(Map<String, HostTensor> weights) {
        step.setWeights(weights);
    }

    /**
     * The state a checkpoint stores to resume after {@code epochsCompleted} epochs: the optimizer's settings and
     * state, the step count and the seed of the current run.
     */
    public TrainingState trainingState(int completed) {
        return new TrainingState(completed, iterations, seed, optimizer.config(), step.optimizerState());
    }

    /** The state after the epochs completed so far. */
    public TrainingState trainingState() {
        return trainingState(epochsCompleted);
    }

    /**
     * Resumes from {@code state}: the optimizer's learning rate and state and the step count. The weights come with
     * the model (load the checkpoint's model, then compile). Resume with
     * {@code options.withInitialEpoch(state.epoch()).withSeed(state.seed())}.
     */
    public void restore(TrainingState state) {
        Object name = state.optimizer().get("name");
        if (!optimizer.name().equals(name)) {
            throw new IllegalArgumentException("Trainer.restore expects the state of a " + optimizer.name()
                    + " optimizer (the one compiled). Received: the state of " + name);
        }
        Object rate = state.optimizer().get("learning_rate");
        if (rate instanceof Number n) {
            optimizer.setLearningRate(n.doubleValue());
        }
        step.loadOptimizerState(state.optimizerState());
        iterations = state.iterations();
        epochsCompleted = state.epoch();
        seed = state.seed();
    }

    /** Optimizer steps taken so far (restored ones included). */
    public long iterations() {
        return iterations;
    }

    public Model model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** Frees the weights and optimizer state on the backend; the model keeps its last synchronised weights. */
    @Override
    public void close() {
        step.close();
    }
}
