package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Adam;
import org.resnet4j.training.ForwardingTrainingStep;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.SparseCategoricalCrossentropy;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TapeTrainingStep;
import org.resnet4j.training.TrainingStep;

/** The benchmark times the step {@code Trainer.fit} would take: the backend's own when it has one, else the tape. */
class TrainingStepBenchmarkTest {

    private static Model tiny() {
        Node in = Input.of(4, 4, 2);
        Node x = GlobalAveragePooling2D.of().apply(in);
        return Model.of("tiny", in, Dense.of(3).apply(x));
    }

    @Test
    void fastestStep_withoutABackendStep_isTheTape_andTrains() {
        try (Backend backend = new ReferenceBackend("reference", new ReferenceTrainingOps());
                TrainingStep step = TrainingStepBenchmark.fastestStep(backend, tiny(),
                        SparseCategoricalCrossentropy.fromLogits(), Adam.of())) {
            assertThat(step).isInstanceOf(TapeTrainingStep.class);
            StepResult result = step.step(HostTensor.gaussian(Shape.of(2, 4, 4, 2), 1L), new int[] {0, 2}, 7L);
            assertThat(result.loss()).isFinite().isPositive();
            assertThat(result.predictions().shape()).isEqualTo(Shape.of(2, 3));
        }
    }

    @Test
    void fastestStep_withABackendStep_isTheBackends() {
        Backend reference = new ReferenceBackend("reference", new ReferenceTrainingOps());
        TrainingStep[] own = new TrainingStep[1];
        Backend withOwnStep = new Backend() {
            @Override
            public String name() {
                return "own-step";
            }

            @Override
            public Ops ops() {
                return reference.ops();
            }

            @Override
            public Set<Capability> capabilities() {
                return reference.capabilities();
            }

            @Override
            public CompiledModel compile(Model model) {
                return reference.compile(model);
            }

            @Override
            public Optional<TrainingStep> trainingStep(Model model, Loss loss, Optimizer optimizer) {
                own[0] = new ForwardingTrainingStep(TapeTrainingStep.on(reference.ops(), model, loss, optimizer)) {
                };
                return Optional.of(own[0]);
            }

            @Override
            public void close() {
                reference.close();
            }
        };
        try (withOwnStep; TrainingStep step = TrainingStepBenchmark.fastestStep(withOwnStep, tiny(),
                SparseCategoricalCrossentropy.fromLogits(), Adam.of())) {
            assertThat(step).isSameAs(own[0]).isNotInstanceOf(TapeTrainingStep.class);
        }
    }
}
