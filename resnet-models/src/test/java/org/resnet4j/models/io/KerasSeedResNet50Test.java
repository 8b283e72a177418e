package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.AveragePooling2D;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The seed tutorial's {@code ResNet50()} + {@code model.load_weights("resnet50_weights_tf_dim_ordering_tf_kernels.h5")}
 * (shared/seeds/004_28bb3e75fbb02a54.txt, section 3.3) as one call: the architecture is checked layer by layer against
 * that code, the parameter counts against a count made here from the layer formulas, and the loading against two test
 * files with the original file's names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KerasSeedResNet50Test {
    private static final String DIR = "/org/resnet4j/models/io/";
    /** Seed code: stage, blocks, filters1 (the bottleneck width; filters3 is four times it). */
    private static final int[][] STAGES = {{2, 3, 64}, {3, 4, 128}, {4, 6, 256}, {5, 3, 512}};

    @TempDir
    Path tmp;

    /** Built and loaded once (ResNet-50 has 25.6 million parameters); the tests below only read it. */
    private Model model;

    @BeforeAll
    void loadTheFullShapeFileWithTheOriginalNames(@TempDir Path setUpDir) throws IOException {
        model = KerasH5Weights.loadSeedResNet50(resource(setUpDir, "resnet50_seed_constant.h5"));
    }

    private Path resource(String name) throws IOException {
        return resource(tmp, name);
    }

    private Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(DIR + name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            Files.copy(in, p);
        }
        return p;
    }

    private Node node(String layerName) {
        return model.nodes().stream().filter(n -> n.layer().name().equals(layerName)).findFirst().orElseThrow();
    }

    @Test
    void stem_isZeroPadding3_then7x7Stride2ValidConvWithBias_bnEpsilon1e3_then3x3Stride2ValidMaxPool() {
        assertThat(model.name()).isEqualTo("resnet50");
        assertThat(node("input_1").shape()).isEqualTo(Shape.of(224, 224, 3));
        assertThat(((ZeroPadding2D) model.layer("conv1_pad")).padding()).isEqualTo(Padding.symmetric(3));
        assertThat(node("conv1_pad").shape()).isEqualTo(Shape.of(230, 230, 3));
        Conv2D conv1 = (Conv2D) model.layer("conv1_conv");
        assertThat(List.of(conv1.filters(), conv1.kernelHeight(), conv1.kernelWidth(), conv1.strideHeight(),
                conv1.strideWidth())).containsExactly(64, 7, 7, 2, 2);
        assertThat(conv1.padding()).isEqualTo(Padding.VALID);
        assertThat(conv1.useBias()).isTrue();
        assertThat(node("conv1_conv").inputs().get(0).layer().name()).isEqualTo("conv1_pad");
        // floor((230 - 7) / 2) + 1 = 112; then floor((112 - 3) / 2) + 1 = 55 without any padding
        assertThat(node("conv1_conv").shape()).isEqualTo(Shape.of(112, 112, 64));
        assertThat(((MaxPooling2D) model.layer("pool1_pool")).options()).isEqualTo(PoolOptions.of(3, 2, Padding.VALID));
        assertThat(node("pool1_pool").inputs().get(0).layer().name()).isEqualTo("conv1_relu");
        assertThat(node("pool1_pool").shape()).isEqualTo(Shape.of(55, 55, 64));
    }

    @Test
    void everyConvolutionHasABias_andEveryBatchNormEpsilon1e3() {
        long convs = 0;
        long norms = 0;
        for (Layer layer : model.layers()) {
            if (layer instanceof Conv2D c) {
                assertThat(c.useBias()).as(c.name()).isTrue();
                convs++;
            } else if (layer instanceof BatchNormalization bn) {
                assertThat(bn.epsilon()).as(bn.name()).isEqualTo(1e-3);
                norms++;
            }
        }
        // conv1 + 16 blocks of three + 4 projection shortcuts; one BatchNormalization after each
        assertThat(convs).isEqualTo(1 + 16 * 3 + 4);
        assertThat(norms).isEqualTo(convs);
    }

    @Test
    void blocks_strideOnTheFirst1x1_sameOnThe3x3_andStageShapes() {
        int[] sizes = {55, 28, 14, 7};
        for (int s = 0; s < STAGES.length; s++) {
            int stage = STAGES[s][0];
            int width = STAGES[s][2];
            int stride = stage == 2 ? 1 : 2;
            String first = "conv" + stage + "_block1";
            assertConv(first + "_1_conv", width, 1, stride, Padding.VALID);
            assertConv(first + "_2_conv", width, 3, 1, Padding.SAME);
            assertConv(first + "_3_conv", 4 * width, 1, 1, Padding.VALID);
            assertConv(first + "_0_conv", 4 * width, 1, stride, Padding.VALID);
            for (int b = 2; b <= STAGES[s][1]; b++) {
                String block = "conv" + stage + "_block" + b;
                assertConv(block + "_1_conv", width, 1, 1, Padding.VALID);
                assertConv(block + "_2_conv", width, 3, 1, Padding.SAME);
                assertThat(model.layers()).extracting(Layer::name).doesNotContain(block + "_0_conv");
            }
            String last = "conv" + stage + "_block" + STAGES[s][1] + "_out";
            assertThat(node(last).shape()).as(last).isEqualTo(Shape.of(sizes[s], sizes[s], 4 * width));
        }
    }

    private void assertConv(String name, int filters, int kernel, int stride, Padding padding) {
        Conv2D c = (Conv2D) model.layer(name);
        assertThat(List.of(c.filters(), c.kernelHeight(), c.kernelWidth(), c.strideHeight(), c.strideWidth()))
                .as(name).containsExactly(filters, kernel, kernel, stride, stride);
        assertThat(c.padding()).as(name).isEqualTo(padding);
    }

    @Test
    void head_is7x7AveragePool_flatten_fc1000_softmax() {
        assertThat(((AveragePooling2D) model.layer("avg_pool")).options())
                .isEqualTo(PoolOptions.of(7, 7, Padding.VALID));
        assertThat(node("avg_pool").shape()).isEqualTo(Shape.of(1, 1, 2048));
        assertThat(model.layer("flatten")).isInstanceOf(Flatten.class);
        assertThat(node("flatten").shape()).isEqualTo(Shape.of(2048));
        Dense fc = (Dense) model.layer("predictions");
        assertThat(fc.units()).isEqualTo(1000);
        assertThat(fc.useBias()).isTrue();
        assertThat(model.layer("predictions_softmax")).isInstanceOf(Softmax.class);
        assertThat(model.outputs()).extracting(n -> n.layer().name()).containsExactly("predictions_softmax");
    }

    /**
     * The seed's Keras model has 177 layers: input, ZeroPadding2D, conv1, bn_conv1, Activation, MaxPooling2D (6);
     * four conv_blocks of 12 layers (four Conv2D, four BatchNormalization, two Activation, add, Activation); twelve
     * identity_blocks of 10 (three Conv2D, three BatchNormalization, two Activation, add, Activation);
     * AveragePooling2D, Flatten and fc1000 (3). Here the softmax Keras fuses into fc1000 is a layer of its own: 178.
     */
    @Test
    void layerCount_isTheSeedsPlusTheSeparateSoftmax() {
        assertThat(model.layers()).hasSize(6 + 4 * 12 + 12 * 10 + 3 + 1);
        assertThat(model.layers().stream().filter(l -> l instanceof Activation).count())
                .as("relu after conv1, two per block, one after each add").isEqualTo(1 + 16 * 3);
    }

    /**
     * Counted from the seed's code with the layer formulas: a k x k Conv2D from cin to cout has k*k*cin*cout weights
     * plus cout biases (Keras' default use_bias=True); a BatchNormalization over c channels has gamma and beta
     * (trainable) and moving mean and variance (not trainable); fc1000 has 2048*1000 + 1000. The result equals the
     * 25,636,712 / 25,583,592 / 53,120 Keras prints for its ResNet50: padding, pool and epsilon change numbers, not
     * the parameters.
     */
    @Test
    void parameterCounts_equalTheCountFromTheLayerFormulas() {
        long trainable = conv(7, 3, 64) + 2 * 64;
        long frozen = 2 * 64;
        int channels = 64;
        for (int[] stage : STAGES) {
            int width = stage[2];
            for (int b = 0; b < stage[1]; b++) {
                int in = b == 0 ? channels : 4 * width;
                trainable += conv(1, in, width) + conv(3, width, width) + conv(1, width, 4 * width);
                trainable += 2 * (width + width + 4 * width);
                frozen += 2 * (width + width + 4 * width);
                if (b == 0) {
                    trainable += conv(1, in, 4 * width) + 2 * 4 * width;
                    frozen += 2 * 4 * width;
                }
            }
            channels = 4 * width;
        }
        trainable += 2048L * 1000 + 1000;

        assertThat(trainable + frozen).isEqualTo(25_636_712L);
        assertThat(frozen).isEqualTo(53_120L);
        assertThat(model.parameterCount()).isEqualTo(trainable + frozen);
        assertThat(model.trainableParameterCount()).isEqualTo(trainable);
        assertThat(model.nonTrainableParameterCount()).isEqualTo(frozen);
    }

    private static long conv(int k, int cin, int cout) {
        return (long) k * k * cin * cout + cout;
    }

    /**
     * The name skeleton holds every tensor of the original file under its Caffe-style and Keras 1 names, but as one
     * float: loading must reach the shape check for all 320 tensors, with no tensor missing and none left over.
     */
    @Test
    void loadSeedResNet50_nameSkeleton_matchesEveryNameAndRefusesOnlyTheShapes() throws IOException {
        Path skeleton = resource("resnet50_caffe_names_skeleton.h5");
        float before = model.parameters().get("conv1_conv/kernel").data()[0];

        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> KerasH5Weights.loadInto(model, skeleton));

        assertThat(error).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("tensor conv1_conv/kernel has shape=[1] but the model expects shape=[7, 7, 3, 64]")
                .hasMessageContaining("tensor predictions/kernel has shape=[1] but the model expects shape=[2048, 1000]")
                .hasMessageNotContaining("missing tensor").hasMessageNotContaining("unexpected tensor");
        Matcher m = Pattern.compile("has shape=\\[1\\] but the model expects").matcher(error.getMessage());
        int count = 0;
        while (m.find()) {
            count++;
        }
        assertThat(count).isEqualTo(320);
        assertThat(model.parameters().get("conv1_conv/kernel").data()[0]).as("nothing loaded").isEqualTo(before);
    }

    /**
     * (Loaded in the set-up.) make_seed_resnet50_h5.py writes the whole original layout at the real shapes, each
     * tensor filled with its own constant; its text file says, independently of the Java name translation, where each
     * constant must land.
     */
    @Test
    void loadSeedResNet50_fullShapeFileWithOriginalNames_putsEveryTensorInItsPlace() throws IOException {
        List<String[]> expected = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream(DIR + "resnet50_seed_constant.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(l -> expected.add(l.split(" ")));
        }
        assertThat(expected).hasSize(320);

        Model loaded = model; // KerasH5Weights.loadSeedResNet50(resnet50_seed_constant.h5), see the set-up
        assertThat(loaded.parameters().names()).hasSize(320);
        long values = 0;
        for (String[] line : expected) {
            String name = line[0];
            int[] dims = java.util.Arrays.stream(line[1].split(",")).mapToInt(Integer::parseInt).toArray();
            float constant = Float.parseFloat(line[2]);
            HostTensor t = loaded.parameters().get(name);
            assertThat(t.shape()).as(name).isEqualTo(Shape.of(dims));
            for (float v : t.data()) {
                if (v != constant) {
                    assertThat(v).as(name).isEqualTo(constant);
                }
            }
            values += t.size();
        }
        assertThat(values).isEqualTo(25_636_712L);
    }
}
