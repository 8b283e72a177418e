package org.resnet4j.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * The generic {@link TrainingStep}: each step records the forward pass and the loss on a fresh
 * {@link GradientTape} over the backend's ops, takes the gradients of the trainable weights and lets the
 * {@link Optimizer} update them in place. Works on every backend whose ops implement {@link GradientOps}.
 */
public final class TapeTrainingStep implements TrainingStep {
    private final Model model;
    private final Ops ops;
    private final GradientOps gradientOps;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final Map<String, Tensor> trainable = new LinkedHashMap<>();
    private final PrimitiveProfile profile;

    private TapeTrainingStep(Model model, Ops ops, GradientOps gradientOps, Loss loss, Optimizer optimizer) {
        this.model = model;
        this.profile = PrimitiveProfile.requested();
        this.ops = profile == null ? ops : profile.timed(ops, Ops.class);
        this.gradientOps = profile == null ? gradientOps : profile.timed(gradientOps, GradientOps.class);
        this.loss = loss;
        this.optimizer = optimizer;
        setWeights(model.parameters().asMap());
    }

    /**
     * A step on {@code ops}, which must implement {@link GradientOps} (otherwise a
     * {@link org.resnet4j.ops.TrainingNotSupportedException} says training is not supported); uploads the model's
     * parameters now.
     */
    public static TapeTrainingStep on(Ops ops, Model model, Loss loss, Optimizer optimizer) {
        return new TapeTrainingStep(model, ops, GradientOps.require(ops), loss, optimizer);
    }

    /** As {@link #on(Ops, Model, Loss, Optimizer)}, with the backward primitives given separately. */
    public static TapeTrainingStep on(Ops ops, GradientOps gradientOps, Model model, Loss loss, Optimizer optimizer) {
        return new TapeTrainingStep(model, ops, gradientOps, loss, optimizer);
    }

    /**
     * {@inheritDoc} With {@code -Dresnet4j.stepProfile=FROM-TO} the backend's primitives are timed and a table of
     * their times per step over steps {@code FROM} to {@code TO} is printed after step {@code TO}
     * ({@link PrimitiveProfile}).
     */
    @Override
    public StepResult step(HostTensor images, int[] labels, long dropoutSeed) {
        if (profile != null) {
            profile.stepStarted();
        }
        StepResult result = taken(images, labels, dropoutSeed);
        if (profile != null) {
            profile.stepEnded();
        }
        return result;
    }

    private StepResult taken(HostTensor images, int[] labels, long dropoutSeed) {
        try (Tensor x = ops.upload(images); GradientTape tape = GradientTape.on(ops, gradientOps, dropoutSeed)) {
            Tensor predictions = model.forward(tape, weights, List.of(x)).get(0);
            HostTensor targets = loss.targets(labels, predictions.shape().dim(predictions.shape().rank() - 1));
            Tensor value = loss.compute(tape, predictions, targets);
            double lossValue = tape.download(value).data()[0];
            HostTensor output = tape.download(predictions);
            Map<String, Tensor> gradients = tape.gradient(value, trainable);
            try {
                optimizer.apply(ops, gradientOps, trainable, gradients);
            } finally {
                gradients.values().forEach(Tensor::close);
            }
            return new StepResult(lossValue, output);
        }
    }

    @Override
    public HostTensor predict(HostTensor images) {
        try (Tensor x = ops.upload(images)) {
            List<Tensor> outputs = model.forward(ops, weights, List.of(x));
            try {
                return ops.download(outputs.get(0));
            } finally {
                outputs.forEach(Tensor::close);
            }
        }
    }

    @Override
    public Map<String, HostTensor> weights() {
        Map<String, HostTensor> result = new LinkedHashMap<>();
        weights.forEach((name, tensor) -> result.put(name, ops.download(tensor)));
        return result;
    }

    @Override
    public void setWeights(Map<String, HostTensor> values) {
        for (Map.Entry<String, HostTensor> e : values.entrySet()) {
            String name = e.getKey();
            if (!model.parameters().names().contains(name)) {
                throw new IllegalArgumentException("TrainingStep.setWeights expects parameters of model \""
                        + model.name() + "\". Received: " + name);
            }
            if (!model.parameters().shape(name).equals(e.getValue().shape())) {
                throw new IllegalArgumentException("TrainingStep.setWeights expects " + name + " of shape "
                        + model.parameters().shape(name) + ". Received: " + e.getValue().shape());
            }
            Tensor uploaded = ops.upload(e.getValue());
            Tensor old = weights.put(name, uploaded);
            if (old != null) {
                old.close();
            }
            if (model.parameters().spec(name).trainable()) {
                trainable.put(name, uploaded);
            }
        }
    }

    @Override
    public Map<String, HostTensor> optimizerState() {
        return optimizer.state();
    }

    @Override
    public void loadOptimizerState(Map<String, HostTensor> state) {
        optimizer.loadState(ops, state);
    }

    @Override
    public void close() {
        weights.values().forEach(Tensor::close);
        weights.clear();
        trainable.clear();
        optimizer.close();
    }
}
