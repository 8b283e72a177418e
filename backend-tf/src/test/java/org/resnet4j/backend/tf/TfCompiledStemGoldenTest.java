package org.resnet4j.backend.tf;


import org.junit.jupiter.api.Test;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;

/** The torchvision ResNet stem, built from the real layers and run through the compiled TensorFlow graph. */
class TfCompiledStemGoldenTest implements BackendUnderTest {
    @Override
    public BackendProvider provider() {
        return new TfBackendProvider();
    }

    @Test
    void compiledStem_matchesTorchvisionGolden() {
        TorchvisionFixtures.Case stem = TorchvisionFixtures.load("stem");
        HostTensor input = stem.input();
        HostTensor kernel = stem.convKernel("0.weight");
        Node x = Input.of(input.shape().withoutBatch().toArray());
        Node y = Conv2D.of(kernel.shape().dim(3), kernel.shape().dim(0)).withStrides(2)
                .withPadding(Padding.symmetric(3)).withoutBias().named("conv").apply(x);
        y = BatchNormalization.of().withEpsilon(1e-5).named("bn").apply(y);
        y = ReLU.of().named("relu").apply(y);
        y = MaxPooling2D.of(3, 2).withPadding(Padding.symmetric(1)).named("pool").apply(y);
        Model model = Model.of("stem", x, y);
        model.parameters().set("conv/kernel", kernel);
        model.parameters().set("bn/gamma", stem.weight("1.weight"));
        model.parameters().set("bn/beta", stem.weight("1.bias"));
        model.parameters().set("bn/moving_mean", stem.weight("1.running_mean"));
        model.parameters().set("bn/moving_variance", stem.weight("1.running_var"));
        try (CompiledModel compiled = backend().compile(model)) {
            TensorComparison.assertClose("compiled stem (torchvision golden)", compiled.predict(input), stem.output(),
                    1e-5);
        }
    }
}
