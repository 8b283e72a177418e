package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.resnet4j.io.JsonParser;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Padding;

/**
 * The seed post's MNIST network, checked layer by layer against the counts and shapes that
 * {@code src/test/python/seed_mnist_resnet18_counts.py} computed by Keras' rules and cross-checked in PyTorch.
 */
class MnistResNetTest {
    private static final String GOLDEN = "/org/resnet4j/models/resnet/seed_mnist_resnet18_counts.json";

    @Test
    void resnet18_totals_areTheKerasCountsOfTheSeedsCode() throws IOException {
        Map<String, Object> golden = golden("mnist");
        Model model = ResNets.mnistResNet18();

        assertThat(model.parameterCount()).isEqualTo(number(golden, "total_params")).isEqualTo(14_111_754L);
        assertThat(model.trainableParameterCount()).isEqualTo(number(golden, "trainable_params"));
        assertThat(model.nonTrainableParameterCount()).isEqualTo(number(golden, "non_trainable_params"))
                .isEqualTo(9_600L);
    }

    @Test
    void resnet18_everyKerasLayer_hasTheGoldensNameTypeShapeAndParameters() throws IOException {
        everyLayerMatches(MnistResNet.resnet18(), golden("mnist"));
    }

    @Test
    void resnet18ForCifar_everyKerasLayer_hasTheGoldensNameTypeShapeAndParameters() throws IOException {
        Map<String, Object> golden = golden("cifar10");
        Model model = MnistResNet.resnet18(32, 32, 3, 10);

        everyLayerMatches(model, golden);
        assertThat(model.parameterCount()).isEqualTo(number(golden, "total_params"));
        assertThat(model.nonTrainableParameterCount()).isEqualTo(number(golden, "non_trainable_params"));
    }

    @Test
    void resnet18_summary_printsEveryKerasRowAndTheTotals() throws IOException {
        Map<String, Object> golden = golden("mnist");
        String summary = ResNets.mnistResNet18().summary();
        List<String> rows = summary.lines().toList();

        assertThat(summary).contains(String.format("Total params: %,d", number(golden, "total_params")),
                String.format("Trainable params: %,d", number(golden, "trainable_params")),
                String.format("Non-trainable params: %,d", number(golden, "non_trainable_params")));
        for (Map<String, Object> layer : layers(golden)) {
            String name = (String) layer.get("name");
            String shape = "(None, " + dims(layer).stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ")";
            assertThat(rows).as("summary row of %s", name).anySatisfy(row -> assertThat(row)
                    .startsWith(name + " (").contains(shape)
                    .containsPattern("\\)\\]?\\s+" + number(layer, "params") + "\\s"));
        }
    }

    @Test
    void resnet18_hasTwentyConvolutions_andEightIdentityAdds_andNoProjection() throws IOException {
        Map<String, Object> golden = golden("mnist");
        Model model = MnistResNet.resnet18();

        List<Node> convs = nodesOf(model, Conv2D.class);
        List<Node> adds = nodesOf(model, Add.class);
        assertThat((long) convs.size()).isEqualTo(number(golden, "conv2d_layers")).isEqualTo(20L);
        assertThat((long) adds.size()).isEqualTo(number(golden, "add_layers")).isEqualTo(8L);
        for (Node add : adds) {
            // The seed's Add()([inputs, x]): the block input, unchanged, then the second BatchNorm.
            Node shortcut = add.inputs().get(0);
            assertThat(shortcut.layer().name()).matches("re_lu(_\\d+)?");
            assertThat(add.inputs().get(1).layer()).isInstanceOf(BatchNormalization.class);
            assertThat(shortcut.shape()).isEqualTo(add.shape());
        }
        for (Node conv : convs) {
            Conv2D layer = (Conv2D) conv.layer();
            assertThat(List.of(layer.kernelHeight(), layer.kernelWidth())).as(conv.layer().name()).containsExactly(3, 3);
            assertThat(layer.useBias()).as("bias of %s", conv.layer().name()).isTrue();
            assertThat(layer.padding()).as("padding of %s", conv.layer().name()).isEqualTo(Padding.SAME);
        }
    }

    @Test
    void resnet18_batchNorms_keepKerasDefaults_andTheSoftmaxIsTheOutput() {
        Model model = MnistResNet.resnet18();

        for (Node bn : nodesOf(model, BatchNormalization.class)) {
            BatchNormalization layer = (BatchNormalization) bn.layer();
            assertThat(layer.epsilon()).isEqualTo(1e-3);
            assertThat(layer.momentum()).isEqualTo(0.99);
        }
        Node output = model.outputs().get(0);
        assertThat(output.layer()).isInstanceOf(Softmax.class);
        assertThat(output.inputs().get(0).layer().name()).isEqualTo("dense");
    }

    private static void everyLayerMatches(Model model, Map<String, Object> golden) {
        List<String> named = new ArrayList<>();
        for (Map<String, Object> layer : layers(golden)) {
            String name = (String) layer.get("name");
            named.add(name);
            Node node = model.nodes().stream().filter(n -> n.layer().name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no layer named " + name + " in " + model.name()));
            List<ParameterSpec> specs = model.parameterSpecs(node);
            long params = specs.stream().mapToLong(s -> s.shape().sizeAsLong()).sum();
            long frozen = specs.stream().filter(s -> !s.trainable()).mapToLong(s -> s.shape().sizeAsLong()).sum();
            assertThat(node.layer().typeName()).as("type of %s", name).isEqualTo(layer.get("type"));
            assertThat(node.shape().toArray()).as("output shape of %s", name)
                    .containsExactly(dims(layer).stream().mapToInt(Integer::intValue).toArray());
            assertThat(params).as("parameters of %s", name).isEqualTo(number(layer, "params"));
            assertThat(frozen).as("non-trainable parameters of %s", name).isEqualTo(number(layer, "non_trainable"));
        }
        // Keras fuses the softmax into "dense"; here it is the one extra, parameter-free layer.
        assertThat(model.layers().stream().map(l -> l.name()).filter(n -> !named.contains(n)))
                .containsExactly("softmax");
    }

    private static List<Node> nodesOf(Model model, Class<?> type) {
        return model.nodes().stream().filter(n -> type.isInstance(n.layer())).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> golden(String key) throws IOException {
        try (InputStream in = MnistResNetTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN + " (written by seed_mnist_resnet18_counts.py)").isNotNull();
            Map<String, Object> all = (Map<String, Object>) JsonParser.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<String, Object>) all.get(key);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layers(Map<String, Object> golden) {
        return (List<Map<String, Object>>) golden.get("layers");
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> dims(Map<String, Object> layer) {
        return ((List<Long>) layer.get("output_shape")).stream().map(Long::intValue).toList();
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
