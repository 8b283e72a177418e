package org.resnet4j.backend.tf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Optimizers;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.SparseCategoricalCrossentropy;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TrainingStep;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * tf's own {@link TrainingStep}: the whole step (forward in training mode, loss, backward, optimizer update) traced
 * once per batch size into one TensorFlow graph and replayed by one session, instead of an eager op-by-op tape.
 * It gives the results of {@link org.resnet4j.training.TapeTrainingStep} on tf (within float32 rounding):
 * parameters, moving statistics and optimizer slots are resource variables that stay in the session
 * ({@link TfStepVariables}); each step feeds the images, the one-hot targets, the dropout masks the tape would draw
 * from the step's seed ({@link TfDropoutMasks}) and the optimizer's scalars of this step ({@link TfOptimizerFeeds}:
 * the learning rate as the optimizer has it now, Adam's bias corrections). A smaller last batch gets a trace of its
 * own over the same variables; {@link #predict} runs an inference graph over them (moving statistics, no dropout).
 *
 * <p>Covered: {@link CategoricalCrossentropy} (on probabilities or logits) and {@link SparseCategoricalCrossentropy};
 * {@link Adam} and {@link Sgd} (momentum, Nesterov, weight decay); one input, one output. {@link #of} answers empty
 * for anything else, and for {@code -Dresnet4j.tf.compiledStep=false}, so that fit uses the tape.
 *
 * <p>The step count (Adam's {@code t}) lives here, in {@link #optimizerState()}'s {@code iterations}; the
 * {@code Optimizer} object given is only read (its learning rate and settings, each step), so its own
 * {@code iterations()} and {@code state()} do not move.
 */
final class TfTrainingStep implements TrainingStep {
    /** {@code -Dresnet4j.tf.compiledStep=false} makes tf train on the eager tape instead. */
    static final String PROPERTY = "resnet4j.tf.compiledStep";

    private final Model model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<String> slotNames;
    private final Graph graph;
    private final org.tensorflow.op.Ops tf;
    private final TfStepVariables variables;
    private final TfOptimizerFeeds feeds;
    private final Session session;
    private final Map<Integer, TfStepTrace> traces = new HashMap<>();
    private final Map<String, Op> assigns = new HashMap<>();
    private final Map<String, Operand<TFloat32>> assignValues = new HashMap<>();
    private TfTensor predictImages;
    private Operand<TFloat32> predictOutput;
    private long steps;
    private boolean closed;
    /** The step whose TensorFlow timings are printed ({@link TfStepStats}), or 0. */
    private final long tracedStep = TfStepStats.tracedStep();

    private TfTrainingStep(Model model, Loss loss, Optimizer optimizer, List<String> slotNames) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.slotNames = slotNames;
        graph = new Graph();
        try {
            tf = org.tensorflow.op.Ops.create(graph);
            variables = new TfStepVariables(tf, model, slotNames);
            feeds = TfOptimizerFeeds.create(tf);
            session = new Session(graph, TfSettings.trainingConfig());
            Session.Runner init = session.runner();
            variables.initializers().forEach(init::addTarget);
            if (!variables.initializers().isEmpty()) {
                init.run().close();
            }
            setWeights(model.parameters().asMap());
            if (optimizer.iterations() > 0) {
                loadOptimizerState(optimizer.state());
            }
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /**
     * The compiled step for {@code model}, {@code loss} and {@code optimizer} when this class covers them (see the
     * class comment), empty otherwise; uploads the model's parameters now.
     */
    static Optional<TrainingStep> of(Model model, Loss loss, Optimizer optimizer) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return Optional.empty();
        }
        boolean coveredLoss = loss instanceof CategoricalCrossentropy || loss instanceof SparseCategoricalCrossentropy;
        List<String> slots;
        if (optimizer instanceof Adam) {
            slots = List.of("momentum", "velocity");
        } else if (optimizer instanceof Sgd sgd) {
            slots = sgd.settings().momentum() == 0f ? List.of() : List.of("momentum");
        } else {
            return Optional.empty();
        }
        if (!coveredLoss || model.inputs().size() != 1 || model.outputs().size() != 1
                || model.outputs().get(0).shape().rank() != 1) {
            return Optional.empty();
        }
        return Optional.of(new TfTrainingStep(model, loss, optimizer, slots));
    }

    @Override
    public synchronized StepResult step(HostTensor images, int[] labels, long dropoutSeed) {
        requireOpen();
        Shape sample = model.inputs().get(0).shape();
        int batch = labels.length;
        if (!images.shape().equals(sample.withBatch(batch))) {
            throw new IllegalArgumentException("TrainingStep.step expects images of shape " + sample.withBatch(batch)
                    + " (one per label). Received: " + images.shape());
        }
        int classes = model.outputs().get(0).shape().dim(0);
        HostTensor oneHot = oneHot(loss.targets(labels, classes), labels, classes); // the loss checks the labels
        TfStepTrace trace = traces.computeIfAbsent(batch, n -> new TfStepTrace(tf, model, loss,
                Optimizers.fromConfig(optimizer.config()), n, variables, feeds));
        List<TFloat32> fed = new ArrayList<>();
        try {
            TFloat32 x = TfHostTensors.tensor(images);
            fed.add(x);
            TFloat32 t = TfHostTensors.tensor(oneHot);
            fed.add(t);
            Session.Runner runner = session.runner();
            fed.addAll(trace.prepare(runner, x, t, dropoutSeed));
            fed.addAll(feeds.feed(runner, optimizer, steps + 1));
            boolean traced = tracedStep == steps + 1;
            if (traced) {
                runner.setOptions(TfStepStats.fullTrace());
            }
            try (Result result = traced ? runner.runAndFetchMetadata() : runner.run()) {
                steps++;
                if (traced) {
                    result.getMetadata().ifPresent(m -> TfStepStats.print(m, steps, batch, System.err));
                }
                float value = ((TFloat32) result.get(0)).getFloat();
                return new StepResult(value, TfHostTensors.host((TFloat32) result.get(1)));
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    @Override
    public synchronized HostTensor predict(HostTensor images) {
        requireOpen();
        if (predictOutput == null) {
            TfOps ops = new TfOps(tf, false);
            Map<String, Tensor> weights = new LinkedHashMap<>();
            variables.weights().forEach((name, v) -> weights.put(name, ops.variableTensor(v.handle(), v.shape())));
            predictImages = ops.placeholder("predict_images", model.inputs().get(0).shape());
            predictOutput = ((TfTensor) model.forward(ops, weights, List.of(predictImages)).get(0)).operand();
        }
        try (TFloat32 x = TfHostTensors.tensor(images);
                Result result = session.runner().feed(predictImages.operand(), x).fetch(predictOutput).run()) {
            return TfHostTensors.host((TFloat32) result.get(0));
        }
    }

    @Override
    public synchronized Map<String, HostTensor> weights() {
        requireOpen();
        return read(variables.weights());
    }

    @Override
    public synchronized void setWeights(Map<String, HostTensor> values) {
        requireOpen();
        for (Map.Entry<String, HostTensor> e : values.entrySet()) {
            String name = e.getKey();
            if (!variables.weights().containsKey(name)) {
                throw new IllegalArgumentException("TrainingStep.setWeights expects parameters of model \""
                        + model.name() + "\". Received: " + name);
            }
            if (!model.parameters().shape(name).equals(e.getValue().shape())) {
                throw new IllegalArgumentException("TrainingStep.setWeights expects " + name + " of shape "
                        + model.parameters().shape(name) + ". Received: " + e.getValue().shape());
            }
        }
        assign(values, variables.weights());
    }

    @Override
    public synchronized Map<String, HostTensor> optimizerState() {
        requireOpen();
        Map<String, HostTensor> state = new LinkedHashMap<>();
        state.put(Optimizer.ITERATIONS, HostTensor.of(Shape.of(), new float[] {steps}));
        if (steps > 0) {
            state.putAll(read(variables.slots()));
        }
        return state;
    }

    @Override
    public synchronized void loadOptimizerState(Map<String, HostTensor> state) {
        requireOpen();
        HostTensor count = state.get(Optimizer.ITERATIONS);
        if (count == null || count.size() != 1) {
            throw new IllegalArgumentException(optimizer.name() + " expects a scalar \"" + Optimizer.ITERATIONS
                    + "\" in its state. Received: " + state.keySet());
        }
        Map<String, HostTensor> slots = new LinkedHashMap<>();
        variables.slots().forEach((name, v) -> slots.put(name, HostTensor.zeros(v.shape())));
        for (Map.Entry<String, HostTensor> e : state.entrySet()) {
            if (e.getKey().equals(Optimizer.ITERATIONS)) {
                continue;
            }
            TfStepVariables.Variable v = variables.slots().get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException(optimizer.name() + " expects state named " + Optimizer.ITERATIONS
                        + " or SLOT/PARAMETER with SLOT in " + slotNames + " and PARAMETER a trainable parameter of"
                        + " model \"" + model.name() + "\". Received: " + e.getKey());
            }
            if (!v.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException(optimizer.name() + " expects state " + e.getKey() + " of shape "
                        + v.shape() + ". Received: " + e.getValue().shape());
            }
            slots.put(e.getKey(), e.getValue());
        }
        assign(slots, variables.slots());
        steps = (long) count.data()[0];
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.close();
        graph.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The TensorFlow training step is closed");
        }
    }

    /** Writes each of {@code values} into the variable of the same name, in one run. */
    private void assign(Map<String, HostTensor> values, Map<String, TfStepVariables.Variable> targets) {
        if (values.isEmpty()) {
            return;
        }
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            for (Map.Entry<String, HostTensor> e : values.entrySet()) {
                TfStepVariables.Variable v = targets.get(e.getKey());
                Op write = assigns.computeIfAbsent(e.getKey(), name -> {
                    Operand<TFloat32> value = tf.withName("assign_" + assigns.size()).placeholder(TFloat32.class,
                            org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(
                                    TfStepVariables.dims(v.shape()))));
                    assignValues.put(name, value);
                    return tf.assignVariableOp(v.handle(), value);
                });
                TFloat32 t = TfHostTensors.tensor(e.getValue());
                fed.add(t);
                runner.feed(assignValues.get(e.getKey()), t).addTarget(write);
            }
            runner.run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private Map<String, HostTensor> read(Map<String, TfStepVariables.Variable> source) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        if (source.isEmpty()) {
            return out;
        }
        Session.Runner runner = session.runner();
        source.values().forEach(v -> runner.fetch(v.read()));
        try (Result result = runner.run()) {
            int i = 0;
            for (String name : source.keySet()) {
                out.put(name, TfHostTensors.host((TFloat32) result.get(i++)));
            }
        }
        return out;
    }

    /** One-hot rows for the labels: {@code targets} itself when the loss's targets already are. */
    private static HostTensor oneHot(HostTensor targets, int[] labels, int classes) {
        if (targets.shape().equals(Shape.of(labels.length, classes))) {
            return targets;
        }
        float[] rows = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            rows[i * classes + labels[i]] = 1f;
        }
        return HostTensor.of(Shape.of(labels.length, classes), rows);
    }
}
