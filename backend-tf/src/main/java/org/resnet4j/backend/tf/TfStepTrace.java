package org.resnet4j.backend.tf;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * One training step for batches of one size, traced into the step's graph: the {@link GradientTape} over graph-mode
 * {@link TfOps} records the forward pass in training mode, {@link Loss#compute} and the backward pass, then an
 * {@link Optimizer} of the same settings adds its updates; the graph thus holds exactly the raw ops an eager tape
 * step calls. Parameters and optimizer slots are the step's {@link TfStepVariables}; the images, the one-hot
 * targets, the dropout masks and the optimizer's per-step scalars are placeholders.
 *
 * <p>What each upload of the trace becomes: a dropout mask, a placeholder ({@link TfDropoutMasks}); the loss's
 * targets {@code [batch, classes]}, a placeholder; an optimizer slot, the slot's variable; anything else (the
 * gradient's seed, zeros, a layer's constant), a constant.
 */
final class TfStepTrace {
    private final int batch;
    private final Operand<TFloat32> images;
    /** The targets' placeholder; kept as an operand: the tape owns, and closes, the tensor it uploaded. */
    private Operand<TFloat32> targets;
    private final TfDropoutMasks masks;
    private final Operand<TFloat32> loss;
    private final Operand<TFloat32> predictions;
    private final List<Op> writes;

    /**
     * Traces the step of {@code model} for {@code batch} images; {@code optimizer} is a fresh optimizer of the step's
     * settings (its own iteration count and slots are not used: the slots are {@code variables}' and the step's
     * scalars come from {@code feeds}).
     */
    TfStepTrace(org.tensorflow.op.Ops tf, Model model, Loss lossFunction, Optimizer optimizer, int batch,
            TfStepVariables variables, TfOptimizerFeeds feeds) {
        this.batch = batch;
        TfOps ops = new TfOps(tf, false);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> trainable = new LinkedHashMap<>();
        variables.weights().forEach((name, v) -> weights.put(name, ops.variableTensor(v.handle(), v.shape())));
        variables.trainable().forEach(name -> trainable.put(name, weights.get(name)));
        TfTensor input = ops.placeholder("images_" + batch, model.inputs().get(0).shape().withBatch(batch), false);
        images = input.operand();
        int classes = model.outputs().get(0).shape().dim(-1);
        Shape targetShape = Shape.of(batch, classes);
        masks = new TfDropoutMasks(ops, "dropout_mask_" + batch + "_");
        List<Operand<TFloat32>> captured = new ArrayList<>();
        try (GradientTape tape = GradientTape.on(ops, capturingLoss(ops, captured))) {
            ops.interceptUploads(host -> {
                TfTensor mask = masks.placeholderFor(host);
                return mask != null ? mask : ops.constantTensor(host);
            });
            Tensor output = model.forward(masks.watching(tape), weights, List.of(input)).get(0);
            ops.interceptUploads(host -> {
                if (targets == null && host.shape().equals(targetShape)) {
                    TfTensor placeholder = ops.placeholder("targets_" + batch, targetShape, false);
                    targets = placeholder.operand();
                    return placeholder;
                }
                return ops.constantTensor(host);
            });
            Tensor value = lossFunction.compute(tape, output, lossFunction.targets(new int[batch], classes));
            if (targets == null || captured.size() != 2) {
                throw new IllegalStateException("TfTrainingStep expects the loss " + lossFunction.name()
                        + " to upload one-hot targets " + targetShape + " and compute one cross-entropy."
                        + " Received: targets " + (targets != null) + ", " + captured.size() / 2 + " cross-entropies");
            }
            predictions = captured.get(0);
            loss = captured.get(1);
            ops.interceptUploads(null);
            Map<String, Tensor> gradients = tape.gradient(value, trainable);
            ops.updates().stepAfter(tf.identity(loss), feeds);
            Iterator<Map.Entry<String, TfStepVariables.Variable>> slots = variables.slots().entrySet().iterator();
            ops.interceptUploads(host -> {
                if (!slots.hasNext()) {
                    throw new IllegalStateException("TfTrainingStep: optimizer " + optimizer.name()
                            + " created more state than " + variables.slots().keySet());
                }
                Map.Entry<String, TfStepVariables.Variable> slot = slots.next();
                if (!slot.getValue().shape().equals(host.shape())) {
                    throw new IllegalStateException("TfTrainingStep expects optimizer state " + slot.getKey()
                            + " of shape " + slot.getValue().shape() + ". Received: " + host.shape());
                }
                return ops.variableTensor(slot.getValue().handle(), slot.getValue().shape());
            });
            optimizer.apply(ops, ops, trainable, gradients);
            if (slots.hasNext()) {
                throw new IllegalStateException("TfTrainingStep: optimizer " + optimizer.name()
                        + " did not create its state " + slots.next().getKey());
            }
        } finally {
            ops.interceptUploads(null);
        }
        writes = ops.updates().writes();
    }

    int batch() {
        return batch;
    }

    /**
     * Adds this step to {@code runner}: feeds the images, one-hot targets and dropout masks of seed {@code dropoutSeed},
     * fetches the loss then the predictions, and runs every write. Returns the tensors fed, for the caller to close.
     */
    List<TFloat32> prepare(Session.Runner runner, TFloat32 batchImages, TFloat32 oneHotTargets, long dropoutSeed) {
        runner.feed(images, batchImages).feed(targets, oneHotTargets).fetch(loss)
                .fetch(predictions);
        writes.forEach(runner::addTarget);
        return masks.feed(runner, dropoutSeed);
    }

    /** {@code ops} as {@link GradientOps}, keeping the predictions and the loss of each cross-entropy it computes. */
    private static GradientOps capturingLoss(TfOps ops, List<Operand<TFloat32>> captured) {
        return (GradientOps) Proxy.newProxyInstance(GradientOps.class.getClassLoader(),
                new Class<?>[] {GradientOps.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(ops, args);
                        if (result instanceof LossAndGradient r) {
                            captured.add(((TfTensor) args[0]).operand());
                            captured.add(((TfTensor) r.loss()).operand());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
