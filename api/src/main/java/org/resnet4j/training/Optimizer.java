package org.resnet4j.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * An optimizer written once over {@link GradientOps}' in-place updates, as Keras writes {@code update_step}: it
 * keeps, per parameter, the state tensors its rule needs (created as zeros on the backend at the first step) and an
 * iteration count. The state is exposed as named tensors ({@link #state}) so that a checkpoint holds it:
 * {@code iterations} (a scalar) and {@code SLOT/PARAMETER}, for example {@code momentum/conv1_conv/kernel}.
 *
 * <p>An optimizer belongs to the backend of its first {@link #apply}; {@link #close()} frees its state there.
 */
public abstract class Optimizer implements AutoCloseable {
    /** The name of the iteration count in {@link #state}. */
    public static final String ITERATIONS = "iterations";

    private final Map<String, Map<String, Tensor>> slots = new LinkedHashMap<>();
    private Ops ops;
    private long iterations;

    /** Keras' name of the optimizer, for messages: {@code "adam"}. */
    public abstract String name();

    /** The learning rate the next step uses. */
    public abstract double learningRate();

    /**
     * Sets the learning rate of the following steps (what a learning-rate schedule calls between steps); the state
     * is kept. Throws an {@link IllegalArgumentException} for a rate the optimizer refuses (not positive).
     */
    public abstract void setLearningRate(double rate);

    /**
     * The settings as Keras' {@code get_config} lists them, with {@code name} first: what a checkpoint stores so that
     * {@link Optimizers#fromConfig} rebuilds the same optimizer.
     */
    public abstract Map<String, Object> config();

    /** The names of the state tensors kept per parameter, for example {@code ["momentum", "velocity"]}. */
    protected abstract List<String> slotNames();

    /**
     * Updates {@code parameter} in place from {@code gradient}; {@code slots} holds this parameter's state by slot
     * name, and {@code step} is the 1-based number of this step.
     */
    protected abstract void update(GradientOps gradients, Tensor parameter, Tensor gradient, Map<String, Tensor> slots,
            long step);

    /**
     * One step: every parameter of {@code parameters} (backend tensors, updated in place) moves by its gradient of
     * the same name in {@code gradientsByName}.
     */
    public final void apply(Ops ops, GradientOps gradients, Map<String, Tensor> parameters,
            Map<String, Tensor> gradientsByName) {
        bind(ops);
        long step = iterations + 1;
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
            Tensor gradient = gradientsByName.get(p.getKey());
            if (gradient == null) {
                throw new IllegalArgumentException(name() + " expects a gradient for every parameter. Received: none for "
                        + p.getKey());
            }
            update(gradients, p.getValue(), gradient, slotsOf(p.getKey(), p.getValue().shape()), step);
        }
        iterations = step;
    }

    /** Steps taken so far. */
    public long iterations() {
        return iterations;
    }

    /** The state as named host tensors: {@code iterations} and {@code SLOT/PARAMETER} for each parameter seen. */
    public Map<String, HostTensor> state() {
        Map<String, HostTensor> state = new LinkedHashMap<>();
        state.put(ITERATIONS, HostTensor.of(Shape.of(), new float[] {iterations}));
        slots.forEach((parameter, bySlot) -> bySlot.forEach((slot, t) -> state.put(slot + "/" + parameter,
                ops.download(t))));
        return state;
    }

    /**
     * Replaces the state with {@code state} (as {@link #state} wrote it), uploaded to {@code ops}: training resumes
     * exactly where it was saved.
     */
    public void loadState(Ops targetOps, Map<String, HostTensor> state) {
        HostTensor count = state.get(ITERATIONS);
        if (count == null || count.size() != 1) {
            throw new IllegalArgumentException(name() + " expects a scalar \"" + ITERATIONS + "\" in its state."
                    + " Received: " + state.keySet());
        }
        close();
        bind(targetOps);
        for (Map.Entry<String, HostTensor> e : state.entrySet()) {
            if (e.getKey().equals(ITERATIONS)) {
                continue;
            }
            int slash = e.getKey().indexOf('/');
            String slot = slash < 0 ? "" : e.getKey().substring(0, slash);
            if (!slotNames().contains(slot)) {
                throw new IllegalArgumentException(name() + " expects state named " + ITERATIONS + " or SLOT/PARAMETER"
                        + " with SLOT in " + slotNames() + ". Received: " + e.getKey());
            }
            slots.computeIfAbsent(e.getKey().substring(slash + 1), k -> new LinkedHashMap<>())
                    .put(slot, ops.upload(e.getValue()));
        }
        iterations = (long) count.data()[0];
    }

    private void bind(Ops target) {
        if (ops != null && ops != target && !slots.isEmpty()) {
            throw new IllegalArgumentException(name() + " expects the ops its state lives on (" + ops
                    + "). Received: " + target + "; use loadState to move an optimizer to another backend");
        }
        ops = target;
    }

    private Map<String, Tensor> slotsOf(String parameter, Shape shape) {
        Map<String, Tensor> bySlot = slots.computeIfAbsent(parameter, k -> new LinkedHashMap<>());
        for (String slot : slotNames()) {
            bySlot.computeIfAbsent(slot, k -> ops.upload(HostTensor.zeros(shape)));
        }
        return bySlot;
    }

    /** Frees the state tensors; the next step starts from zeros (the iteration count is kept). */
    @Override
    public void close() {
        slots.values().forEach(bySlot -> bySlot.values().forEach(Tensor::close));
        slots.clear();
    }
}
