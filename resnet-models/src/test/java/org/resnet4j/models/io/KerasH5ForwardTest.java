package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/** Loads a Keras-h5 file with the original ResNet50's names and checks the forward pass against numpy's. */
class KerasH5ForwardTest {
    private static final String DIR = "/org/resnet4j/models/io/";

    @TempDir
    Path tmp;

    /** make_keras_forward.py's miniature of the seed's ResNet50, under keras.applications names. */
    private static Model miniatureSeedResNet() {
        Node input = Input.of(19, 19, 3);
        Node x = ZeroPadding2D.of(3).named("conv1_pad").apply(input);
        x = Conv2D.of(4, 7).withStrides(2).named("conv1_conv").apply(x);
        x = BatchNormalization.of().named("conv1_bn").apply(x);
        x = Activation.of("relu").named("conv1_relu").apply(x);
        x = MaxPooling2D.of(3, 2).named("pool1_pool").apply(x);
        Node y = Conv2D.of(2, 1).withStrides(2).named("conv2_block1_1_conv").apply(x);
        y = BatchNormalization.of().named("conv2_block1_1_bn").apply(y);
        y = Activation.of("relu").named("conv2_block1_1_relu").apply(y);
        y = Conv2D.of(2, 3).withPadding(Padding.SAME).named("conv2_block1_2_conv").apply(y);
        y = BatchNormalization.of().named("conv2_block1_2_bn").apply(y);
        y = Activation.of("relu").named("conv2_block1_2_relu").apply(y);
        y = Conv2D.of(8, 1).named("conv2_block1_3_conv").apply(y);
        y = BatchNormalization.of().named("conv2_block1_3_bn").apply(y);
        Node s = Conv2D.of(8, 1).withStrides(2).named("conv2_block1_0_conv").apply(x);
        s = BatchNormalization.of().named("conv2_block1_0_bn").apply(s);
        x = Add.of().named("conv2_block1_add").apply(y, s);
        x = Activation.of("relu").named("conv2_block1_out").apply(x);
        x = GlobalAveragePooling2D.of().named("avg_pool").apply(x);
        x = Dense.of(5).named("predictions").apply(x);
        x = Softmax.of().named("predictions_softmax").apply(x);
        return Model.of("tiny_seed_resnet", input, x);
    }

    @Test
    void load_originalResNet50NamesIntoMiniatureSeedArchitecture_reproducesNumpyForwardPass() throws IOException {
        Path file = tmp.resolve("tiny_seed_resnet.h5");
        try (InputStream in = getClass().getResourceAsStream(DIR + "tiny_seed_resnet.h5")) {
            Files.copy(in, file);
        }
        Map<String, HostTensor> io;
        try (InputStream in = getClass().getResourceAsStream(DIR + "tiny_seed_resnet_io.npz")) {
            io = Npz.read(in);
        }
        Model model = miniatureSeedResNet();
        KerasH5Weights.loadInto(model, file);

        ReferenceOps ops = new ReferenceOps();
        Map<String, Tensor> weights = new HashMap<>(model.parameters().asMap());
        List<Tensor> out = model.forward(ops, weights, List.of(io.get("input")));
        HostTensor probs = ops.download(out.get(0));

        HostTensor expected = io.get("output");
        assertThat(probs.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(probs.data()[i]).as("probability " + i)
                    .isCloseTo(expected.data()[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }
}
