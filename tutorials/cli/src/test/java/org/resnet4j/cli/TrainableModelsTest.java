package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.data.KnownDataset;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;

/** The models {@code train --model} builds, for each data set's images. */
class TrainableModelsTest {
    @Test
    void mnistResNet18_takesTheMnistSetsImages_andIsRebuiltFor32x32x3OnCifar10() {
        Model mnist = TrainableModels.build("mnist-resnet18", KnownDataset.FASHION_MNIST);
        Model cifar = TrainableModels.build("MNIST-ResNet18", KnownDataset.CIFAR10);

        assertThat(mnist.inputs().get(0).shape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(cifar.inputs().get(0).shape()).isEqualTo(Shape.of(32, 32, 3));
        assertThat(cifar.outputs().get(0).shape()).isEqualTo(Shape.of(10));
        // Only the stem's input channels change the count: 3 channels instead of 1, 64 filters of 3x3.
        assertThat(cifar.parameters().count() - mnist.parameters().count()).isEqualTo(2 * 64 * 3 * 3);
    }

    @Test
    void cifarResNets_withEitherShortcut_areBuiltByTheirPresetNames() {
        assertThat(TrainableModels.build("cifar-resnet20", KnownDataset.CIFAR10).name()).isEqualTo("cifar_resnet20_a");
        assertThat(TrainableModels.build("cifar-resnet32-b", KnownDataset.CIFAR10).name())
                .isEqualTo("cifar_resnet32_b");
    }

    @Test
    void otherNames_areUsageErrorsListingWhatTrainAccepts() {
        assertThatThrownBy(() -> TrainableModels.build("cifar-resnet21", KnownDataset.CIFAR10))
                .isInstanceOf(UsageException.class)
                .hasMessage("Unknown model \"cifar-resnet21\": no such depth. Valid models for train: "
                        + TrainableModels.VALID_NAMES);
        assertThatThrownBy(() -> TrainableModels.build("resnet18", KnownDataset.MNIST))
                .isInstanceOf(UsageException.class)
                .hasMessage("Unknown model \"resnet18\". Valid models for train: " + TrainableModels.VALID_NAMES);
    }
}
