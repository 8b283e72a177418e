package org.resnet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The optimizers' bookkeeping: defaults, state names, checkpoints that resume exactly, and errors. */
class OptimizersTest {
    private final ReferenceOps ops = new ReferenceOps();
    private final ReferenceGradients gradients = new ReferenceGradients();

    private Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("dense/kernel", ops.upload(HostTensor.of(Shape.of(2, 2), new float[] {1, -1, 0.5f, 2})));
        p.put("dense/bias", ops.upload(HostTensor.of(Shape.of(2), new float[] {0.1f, -0.3f})));
        return p;
    }

    private Map<String, Tensor> gradientsOfStep(int step) {
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("dense/kernel", ops.upload(HostTensor.of(Shape.of(2, 2), new float[] {0.3f * step, -0.2f, 0.05f, 1})));
        g.put("dense/bias", ops.upload(HostTensor.of(Shape.of(2), new float[] {-0.4f, 0.01f * step})));
        return g;
    }

    private static float[] values(Tensor t) {
        return ((HostTensor) t).data();
    }

    @Test
    void adam_defaultsAreKeras() {
        AdamUpdate first = Adam.of().settings(1);
        assertThat(first).isEqualTo(new AdamUpdate(1e-3f, 0.9f, 0.999f, 1e-7f, 1, 0f));
    }

    @Test
    void adam_pyTorchEpsilon_isTheKerasEpsilonScaledBySqrtOfOneMinusBeta2PowerT() {
        Adam adam = Adam.of().withEpsilon(1e-8).withPyTorchEpsilon();
        assertThat(adam.settings(1).epsilon()).isCloseTo((float) (1e-8 * Math.sqrt(1 - 0.999f)), within(1e-15f));
        assertThat(adam.settings(3).epsilon())
                .isCloseTo((float) (1e-8 * Math.sqrt(1 - Math.pow(0.999f, 3))), within(1e-15f));
    }

    @Test
    void state_namesTheIterationsAndEachSlotOfEachParameter() {
        Adam adam = Adam.of();
        adam.apply(ops, gradients, parameters(), gradientsOfStep(1));
        assertThat(adam.state().keySet()).containsExactly("iterations", "momentum/dense/kernel",
                "velocity/dense/kernel", "momentum/dense/bias", "velocity/dense/bias");
        assertThat(adam.state().get("iterations").data()).containsExactly(1f);
        // After one step the first moment is (1 - beta_1) * g.
        assertThat(adam.state().get("momentum/dense/bias").data()).containsExactly(new float[] {-0.04f, 0.001f},
                within(1e-7f));
        Sgd sgd = Sgd.of(0.1).withMomentum(0.9);
        sgd.apply(ops, gradients, parameters(), gradientsOfStep(1));
        assertThat(sgd.state().keySet()).containsExactly("iterations", "momentum/dense/kernel", "momentum/dense/bias");
        assertThat(Sgd.of(0.1).state().keySet()).containsExactly("iterations");
    }

    @Test
    void loadState_resumesExactlyWhereTheSavedOptimizerWas() {
        Map<String, Tensor> straight = parameters();
        Adam uninterrupted = Adam.of().withLearningRate(0.01);
        for (int step = 1; step <= 3; step++) {
            uninterrupted.apply(ops, gradients, straight, gradientsOfStep(step));
        }
        Map<String, Tensor> resumed = parameters();
        Adam before = Adam.of().withLearningRate(0.01);
        before.apply(ops, gradients, resumed, gradientsOfStep(1));
        Adam after = Adam.of().withLearningRate(0.01);
        after.loadState(ops, before.state());
        assertThat(after.iterations()).isEqualTo(1);
        after.apply(ops, gradients, resumed, gradientsOfStep(2));
        after.apply(ops, gradients, resumed, gradientsOfStep(3));
        assertThat(values(resumed.get("dense/kernel"))).containsExactly(values(straight.get("dense/kernel")));
        assertThat(values(resumed.get("dense/bias"))).containsExactly(values(straight.get("dense/bias")));
    }

    @Test
    void sgdWithMomentum_movesEachParameterAsKerasDoes() {
        Map<String, Tensor> p = parameters();
        Sgd sgd = Sgd.of(0.1).withMomentum(0.9);
        sgd.apply(ops, gradients, p, gradientsOfStep(1));
        sgd.apply(ops, gradients, p, gradientsOfStep(2));
        // bias[0]: gradients -0.4 twice from 0.1: v = 0.04, w = 0.14; v = 0.9 * 0.04 + 0.04 = 0.076, w = 0.216.
        assertThat(values(p.get("dense/bias"))[0]).isCloseTo(0.216f, within(1e-6f));
        assertThat(sgd.iterations()).isEqualTo(2);
    }

    @Test
    void missingGradient_andBadState_areClearErrors() {
        Map<String, Tensor> g = gradientsOfStep(1);
        g.remove("dense/bias");
        assertThatThrownBy(() -> Adam.of().apply(ops, gradients, parameters(), g))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("adam expects a gradient for every parameter. Received: none for dense/bias");
        assertThatThrownBy(() -> Adam.of().loadState(ops, Map.of("iterations", HostTensor.zeros(Shape.of()),
                "moment/dense/bias", HostTensor.zeros(Shape.of(2)))))
                .hasMessage("adam expects state named iterations or SLOT/PARAMETER with SLOT in [momentum, velocity]."
                        + " Received: moment/dense/bias");
        assertThatThrownBy(() -> Adam.of().loadState(ops, Map.of()))
                .hasMessage("adam expects a scalar \"iterations\" in its state. Received: []");
        assertThatThrownBy(() -> Sgd.of(0.1).withNesterov())
                .hasMessage("SGD expects a positive momentum with Nesterov. Received: 0.0");
    }
}
