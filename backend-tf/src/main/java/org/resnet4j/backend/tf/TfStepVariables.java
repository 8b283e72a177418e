package org.resnet4j.backend.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The resource variables of a compiled training step, shared by every graph traced over them (one training trace
 * per batch size, the inference graph): the model's parameters (moving statistics included) by their names, and the
 * optimizer's slots by {@link org.resnet4j.training.Optimizer#state()}'s names ({@code momentum/conv1_conv/kernel}).
 * Each has one plain read, for downloading. The slots start at zero ({@link #initializers()}); the parameters are
 * assigned by the step.
 */
final class TfStepVariables {
    private static final AtomicLong NAMES = new AtomicLong();

    /** One resource variable: its handle, its ResNet4J shape and a read of its current value. */
    record Variable(Operand<? extends TType> handle, Shape shape, Operand<TFloat32> read) {
    }

    private final Map<String, Variable> weights = new LinkedHashMap<>();
    private final List<String> trainable = new ArrayList<>();
    private final Map<String, Variable> slots = new LinkedHashMap<>();
    private final List<Op> initializers = new ArrayList<>();

    /**
     * Declares a variable for every parameter of {@code model} and one per slot in {@code slotNames} for every
     * trainable parameter, in the order an {@code Optimizer} creates them (parameter by parameter, slot by slot).
     */
    TfStepVariables(org.tensorflow.op.Ops tf, Model model, List<String> slotNames) {
        for (String name : model.parameters().names()) {
            Shape shape = model.parameters().shape(name);
            weights.put(name, declare(tf, shape));
            if (model.parameters().spec(name).trainable()) {
                trainable.add(name);
            }
        }
        for (String parameter : trainable) {
            for (String slot : slotNames) {
                Variable v = declare(tf, weights.get(parameter).shape());
                slots.put(slot + "/" + parameter, v);
                long[] dims = dims(v.shape());
                initializers.add(tf.assignVariableOp(v.handle(), tf.zeros(tf.constant(dims), TFloat32.class)));
            }
        }
    }

    /** Every parameter, moving statistics included, by the model's names, in the model's order. */
    Map<String, Variable> weights() {
        return weights;
    }

    /** The names of the trainable parameters, in the model's order. */
    List<String> trainable() {
        return trainable;
    }

    /** The optimizer's slots by {@code SLOT/PARAMETER}, in the order the optimizer creates them. */
    Map<String, Variable> slots() {
        return slots;
    }

    /** What sets every slot to zero. */
    List<Op> initializers() {
        return initializers;
    }

    static long[] dims(Shape shape) {
        return java.util.Arrays.stream(shape.toArray()).asLongStream().toArray();
    }

    private static Variable declare(org.tensorflow.op.Ops tf, Shape shape) {
        VarHandleOp handle = tf.varHandleOp(TFloat32.class, org.tensorflow.ndarray.Shape.of(dims(shape)),
                VarHandleOp.sharedName("resnet4j_step_variable_" + NAMES.incrementAndGet()));
        return new Variable(handle, shape, tf.readVariableOp(handle, TFloat32.class));
    }
}
