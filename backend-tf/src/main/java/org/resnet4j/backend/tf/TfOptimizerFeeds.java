package org.resnet4j.backend.tf;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.training.Adam;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Sgd;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The optimizer's per-step scalars as placeholders of a training graph, fed on every run: the learning rate (so
 * that {@link Optimizer#setLearningRate} between steps takes effect), the decoupled weight decay's rate
 * {@code lr * decay}, and Adam's {@code beta1^t}, {@code beta2^t} and epsilon (which depends on the step in the
 * PyTorch form). Each value is computed on the JVM exactly as the eager update computes its constant, so the graph
 * and the eager tape step with the same float32 numbers.
 */
record TfOptimizerFeeds(Operand<TFloat32> learningRate, Operand<TFloat32> decayRate, Operand<TFloat32> beta1Power,
        Operand<TFloat32> beta2Power, Operand<TFloat32> epsilon) {

    /** The five placeholders, on {@code tf}'s graph. */
    static TfOptimizerFeeds create(org.tensorflow.op.Ops tf) {
        return new TfOptimizerFeeds(scalar(tf, "learning_rate"), scalar(tf, "decay_rate"), scalar(tf, "beta1_power"),
                scalar(tf, "beta2_power"), scalar(tf, "epsilon"));
    }

    /**
     * Feeds the values of step {@code step} (1-based) of {@code optimizer} (an {@link Adam} or a {@link Sgd}) to
     * {@code runner}; returns the tensors fed, which the caller closes after the run.
     */
    List<TFloat32> feed(Session.Runner runner, Optimizer optimizer, long step) {
        float rate;
        float decay;
        float beta1Power = 1f;
        float beta2Power = 1f;
        float eps = 1f;
        if (optimizer instanceof Adam adam) {
            AdamUpdate u = adam.settings(step);
            rate = u.learningRate();
            decay = (float) ((double) u.learningRate() * u.weightDecay());
            beta1Power = (float) Math.pow(u.beta1(), u.step());
            beta2Power = (float) Math.pow(u.beta2(), u.step());
            eps = u.epsilon();
        } else {
            SgdUpdate u = ((Sgd) optimizer).settings();
            rate = u.learningRate();
            decay = (float) ((double) u.learningRate() * u.weightDecay());
        }
        List<TFloat32> fed = new ArrayList<>();
        feed(runner, learningRate, rate, fed);
        feed(runner, decayRate, decay, fed);
        feed(runner, this.beta1Power, beta1Power, fed);
        feed(runner, this.beta2Power, beta2Power, fed);
        feed(runner, epsilon, eps, fed);
        return fed;
    }

    private static void feed(Session.Runner runner, Operand<TFloat32> placeholder, float value, List<TFloat32> fed) {
        TFloat32 t = TFloat32.scalarOf(value);
        fed.add(t);
        runner.feed(placeholder, t);
    }

    private static Operand<TFloat32> scalar(org.tensorflow.op.Ops tf, String name) {
        return tf.withName(name).placeholder(TFloat32.class,
                org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
    }
}
