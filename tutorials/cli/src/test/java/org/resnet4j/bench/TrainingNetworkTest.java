package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Softmax;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** The networks of the training benchmark: issue #15's inputs, classes and batches, logits out, seeded batches. */
class TrainingNetworkTest {

    @Test
    void resnet50_isTorchvisionsAt224x224x3_1000Logits_batch8() {
        TrainingNetwork n = TrainingNetwork.named("resnet50");
        Model model = n.model();
        assertThat(model.inputs().get(0).shape()).isEqualTo(Shape.of(224, 224, 3));
        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(1000));
        assertThat(model.outputs().get(0).layer()).isInstanceOf(Dense.class);
        assertThat(n.defaultBatch()).isEqualTo(8);
        assertThat(n.inputShape(8)).isEqualTo(Shape.of(8, 224, 224, 3));
    }

    @Test
    void mnistResNet18_isTheSeedsNetworkWithoutItsSoftmax_sameParameters_10Logits_batch128() {
        Model seed = ResNets.mnistResNet18();
        assertThat(seed.outputs().get(0).layer()).isInstanceOf(Softmax.class);

        TrainingNetwork n = TrainingNetwork.named("mnist-resnet18");
        Model model = n.model();
        assertThat(model.inputs().get(0).shape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(10));
        assertThat(model.outputs().get(0).layer()).isInstanceOf(Dense.class);
        // The seed network's documented count (MnistResNet): the softmax has no parameters, so nothing is lost.
        assertThat(model.parameterCount()).isEqualTo(14_111_754L).isEqualTo(seed.parameterCount());
        assertThat(model.layers()).hasSize(seed.layers().size() - 1);
        assertThat(n.defaultBatch()).isEqualTo(128);
    }

    @Test
    void withoutFinalSoftmax_leavesAModelThatEndsInLogitsAsItIs() {
        Model logits = ResNets.torchvision(18);
        assertThat(TrainingNetwork.withoutFinalSoftmax(logits)).isSameAs(logits);
    }

    @Test
    void images_areSeeded_standardNormal_inTheNetworksShape() {
        HostTensor a = TrainingNetwork.MNIST_RESNET18.images(4);
        HostTensor b = TrainingNetwork.MNIST_RESNET18.images(4);
        assertThat(a.shape()).isEqualTo(Shape.of(4, 28, 28, 1));
        assertThat(a.data()).containsExactly(b.data());
        double mean = 0;
        double square = 0;
        for (float v : a.data()) {
            mean += v;
            square += v * v;
        }
        mean /= a.size();
        double variance = square / a.size() - mean * mean;
        // 3,136 standard normal draws: the mean is within 0.1 and the variance within 0.15 of 0 and 1 (> 5 sigma).
        assertThat(mean).isBetween(-0.1, 0.1);
        assertThat(variance).isBetween(0.85, 1.15);
    }

    @Test
    void labels_areSeeded_andCoverTheClasses() {
        int[] labels = TrainingNetwork.MNIST_RESNET18.labels(128);
        assertThat(labels).containsExactly(TrainingNetwork.MNIST_RESNET18.labels(128));
        assertThat(Arrays.stream(labels).boxed().toList()).allMatch(l -> l >= 0 && l < 10);
        // 128 uniform draws over 10 classes miss one with probability below 10 * 0.9^128 = 1.4e-5.
        assertThat(Arrays.stream(labels).distinct().count()).isEqualTo(10);
        assertThat(Arrays.stream(TrainingNetwork.RESNET50.labels(8)).boxed().toList())
                .allMatch(l -> l >= 0 && l < 1000);
    }

    @Test
    void named_unknownNetwork_listsTheKnownOnes() {
        assertThatThrownBy(() -> TrainingNetwork.named("resnet18"))
                .hasMessage("TrainingStepBenchmark expects a network among [resnet50, mnist-resnet18]."
                        + " Received: \"resnet18\"");
    }
}
