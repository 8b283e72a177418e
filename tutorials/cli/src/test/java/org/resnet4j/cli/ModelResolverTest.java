package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.tensor.Shape;

/** The model names users type, their variants and input sizes, and the errors for everything else. */
class ModelResolverTest {
    @Test
    void resnetN_isTorchvisionsByDefault_withLogits() {
        Model m = ModelResolver.resolve("resnet34", null, null);

        assertThat(m.name()).isEqualTo("resnet34");
        assertThat(m.inputs().get(0).shape()).isEqualTo(Shape.of(224, 224, 3));
        assertThat(m.outputs().get(0).layer()).isNotInstanceOf(Softmax.class);
    }

    @Test
    void kerasVariant_hasZeroPaddingLayers_andASoftmaxHead() {
        Model m = ModelResolver.resolve("resnet50", ModelVariant.KERAS, 96);

        assertThat(m.layers()).anyMatch(l -> l instanceof ZeroPadding2D);
        assertThat(m.outputs().get(0).layer()).isInstanceOf(Softmax.class);
        assertThat(m.inputs().get(0).shape()).isEqualTo(Shape.of(96, 96, 3));
    }

    @Test
    void blogVariant_andBlogName_buildTheSameNetwork() {
        Model byVariant = ModelResolver.resolve("resnet18", ModelVariant.BLOG, 64);
        Model byName = ModelResolver.resolve("blog-resnet18", null, 64);

        assertThat(byVariant.summary()).isEqualTo(byName.summary());
        assertThat(byName.inputs().get(0).shape()).isEqualTo(Shape.of(64, 64, 3));
    }

    @Test
    void kerasSeedVariant_isTheOriginalKerasResNet50_only() {
        Model m = ModelResolver.resolve("resnet50", ModelVariant.parse("Keras-Seed"), null);

        // docs/weights.md: the unpadded 3x3/2 max pool of the original Keras ResNet50 leaves 55x55.
        Node pool = m.nodes().stream().filter(n -> n.layer().name().equals("pool1_pool")).findFirst().orElseThrow();
        assertThat(pool.shape()).isEqualTo(Shape.of(55, 55, 64));
        assertThat(m.outputs().get(0).layer()).isInstanceOf(Softmax.class);
        assertThatThrownBy(() -> ModelResolver.resolve("resnet18", ModelVariant.KERAS_SEED, null))
                .isInstanceOf(UsageException.class).hasMessageContaining("resnet50");
        assertThatThrownBy(() -> ModelResolver.resolve("resnet50", ModelVariant.KERAS_SEED, 112))
                .isInstanceOf(UsageException.class).hasMessageContaining("224");
    }

    @Test
    void cifarNames_chooseTheShortcutOption_andTakeOnly32x32() {
        assertThat(ModelResolver.resolve("cifar-resnet20", null, null).name()).isEqualTo("cifar_resnet20_a");
        assertThat(ModelResolver.resolve("CIFAR-ResNet20-b", null, 32).name()).isEqualTo("cifar_resnet20_b");
        assertThatThrownBy(() -> ModelResolver.resolve("cifar-resnet20", null, 64))
                .isInstanceOf(UsageException.class).hasMessageContaining("32x32").hasMessageContaining("64");
        assertThat(ModelResolver.hasFixedInput("cifar-resnet110")).isTrue();
        assertThat(ModelResolver.hasFixedInput("resnet18")).isFalse();
    }

    @Test
    void mnistResnet18_isTheSeedsMnistNetwork_andTakesOnly28x28x1() {
        Model m = ModelResolver.resolve("MNIST-ResNet18", null, null);

        assertThat(m.name()).isEqualTo("mnist_resnet18");
        assertThat(m.inputs().get(0).shape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(ModelResolver.resolve("mnist-resnet18", null, 28).summary()).isEqualTo(m.summary());
        assertThat(ModelResolver.hasFixedInput("mnist-resnet18")).isTrue();
        assertThatThrownBy(() -> ModelResolver.resolve("mnist-resnet18", null, 32))
                .isInstanceOf(UsageException.class).hasMessageContaining("28x28x1").hasMessageContaining("32");
        assertThatThrownBy(() -> ModelResolver.resolve("mnist-resnet18", ModelVariant.KERAS, null))
                .isInstanceOf(UsageException.class).hasMessageContaining("--variant").hasMessageContaining("MNIST");
        assertThat(ModelResolver.validNames()).contains("mnist-resnet18");
    }

    @Test
    void variant_appliesOnlyToResnetN() {
        assertThatThrownBy(() -> ModelResolver.resolve("cifar-resnet20", ModelVariant.KERAS, null))
                .isInstanceOf(UsageException.class).hasMessageContaining("--variant");
        assertThatThrownBy(() -> ModelResolver.resolve("blog-resnet18", ModelVariant.TORCHVISION, null))
                .isInstanceOf(UsageException.class).hasMessageContaining("blog");
    }

    @Test
    void unknownNamesAndDepths_listTheValidNames() {
        for (String name : new String[] {"resnet19", "resnet", "vgg16", "cifar-resnet21", "blog-resnet20", "",
            "resnet99999999999"}) {
            assertThatThrownBy(() -> ModelResolver.resolve(name, null, null)).as(name)
                    .isInstanceOf(UsageException.class).hasMessageContaining(ModelResolver.validNames());
        }
    }

    @Test
    void nonPositiveInput_isAUsageError() {
        assertThatThrownBy(() -> ModelResolver.resolve("resnet18", null, 0))
                .isInstanceOf(UsageException.class).hasMessageContaining("Received: 0");
    }
}
