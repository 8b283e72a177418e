package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.Shape;

/** The seed blog's Keras ResNet-18, checked against the summary the blog printed. */
class BlogResNetTest {
    private static Model resnet18;

    @org.junit.jupiter.api.BeforeAll
    static void buildOnce() {
        resnet18 = ResNets.blogResNet18();
    }

    @Test
    void resnet18_totals_matchTheBlogsPrintout() {
        Model model = resnet18;

        assertThat(model.parameterCount()).isEqualTo(11_708_328L);
        assertThat(model.trainableParameterCount()).isEqualTo(11_698_600L);
        assertThat(model.nonTrainableParameterCount()).isEqualTo(9_728L);
    }

    @Test
    void resnet18_summary_isTheBlogsPrintoutLineForLine() throws java.io.IOException {
        String printout;
        try (var in = BlogResNetTest.class.getResourceAsStream("/org/resnet4j/nn/keras-resnet18-blog-summary.txt")) {
            assertThat(in).as("the blog's printout, shipped in the api test-jar").isNotNull();
            printout = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // Only the first line differs: the blog's model is called "model", this one "blog_resnet18".
        String ours = resnet18.summary();

        assertThat(ours).contains("Total params: 11,708,328", "Non-trainable params: 9,728");
        assertThat(withoutFirstLine(ours).strip()).isEqualTo(withoutFirstLine(printout).strip());
    }

    private static String withoutFirstLine(String text) {
        return text.substring(text.indexOf('\n') + 1);
    }

    @Test
    void resnet18_keepsKerasAutomaticNames_andTheBlogsShapes() {
        Model model = resnet18;

        assertThat(model.layer("conv2d").outputShape(java.util.List.of(Shape.of(224, 224, 3))))
                .isEqualTo(Shape.of(224, 224, 64));
        Node conv3 = node(model, "conv2d_3");
        assertThat(conv3.inputs().get(0).layer().name()).isEqualTo("max_pooling2d");
        assertThat(conv3.shape()).isEqualTo(Shape.of(56, 56, 64));
        assertThat(node(model, "add_7").shape()).isEqualTo(Shape.of(7, 7, 512));
        assertThat(model.layer("dropout")).isNotNull();
        assertThat(model.outputs().get(0).layer().name()).isEqualTo("softmax");
    }

    @Test
    void everyAdd_takesReluOutputs_orAnEarlierAdd() {
        Model model = resnet18;

        for (Node n : model.nodes()) {
            if (n.layer() instanceof Add) {
                assertThat(n.inputs()).allSatisfy(in -> assertThat(in.layer().name())
                        .matches("activation(_\\d+)?|add(_\\d+)?|max_pooling2d"));
            }
        }
    }

    @Test
    void deeperBlogNetworks_haveThePapersBlockCounts() {
        assertThat(addCount(BlogResNet.build(34, 8, 64))).isEqualTo(3 + 4 + 6 + 3);
        assertThat(addCount(BlogResNet.build(50, 8, 64))).isEqualTo(3 + 4 + 6 + 3);
    }

    private static long addCount(Model model) {
        return model.layers().stream().filter(l -> l instanceof Add).count();
    }

    private static Node node(Model model, String name) {
        return model.nodes().stream().filter(n -> n.layer().name().equals(name)).findFirst().orElseThrow();
    }
}
