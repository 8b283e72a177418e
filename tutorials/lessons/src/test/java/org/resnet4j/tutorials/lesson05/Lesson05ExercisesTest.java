package org.resnet4j.tutorials.lesson05;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson05.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson05.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson05.solutions.Exercise3Solution;

/** The solutions of lesson 5's exercises, against the paper's block structure and published parameter counts. */
class Lesson05ExercisesTest {

    @Test
    void exercise1_blogAdds_readActivations_paperAdds_readABatchNorm() {
        Map<String, List<String>> blog = Exercise1Solution.addInputTypes(ResNets.blogResNet18().summary());
        Map<String, List<String>> paper = Exercise1Solution.addInputTypes(ResNets.torchvision(18).summary());

        // ResNet-18: 4 stages of 2 blocks, one add per block, two inputs per add.
        assertThat(blog).hasSize(8).allSatisfy((add, types) -> assertThat(types).hasSize(2)
                .allMatch(t -> t.equals("Activation") || t.equals("Add")));
        // The paper's residual branch ends with a BatchNorm; so does a projection shortcut (blocks 1 of conv3..5_x).
        assertThat(paper).hasSize(8).allSatisfy((add, types) -> assertThat(types).hasSize(2)
                .anyMatch(t -> isBatchNorm(t)));
        assertThat(paper.values().stream().filter(types -> types.stream().allMatch(t -> isBatchNorm(t)))).hasSize(3);
        assertThat(paper.get("conv2_block1_add")).containsExactly("MaxPooling2D", "BatchNormali");
    }

    @Test
    void exercise2_blogResNet50_addsOnlyBiases_andMatchesKerasApplications() {
        // One bias per filter: conv1 (64), then per stage blocks * (w + w + 4w) + a 4w projection.
        long biases = 64 + (3 * 6L * 64 + 4 * 64) + (4 * 6L * 128 + 4 * 128) + (6 * 6L * 256 + 4 * 256)
                + (3 * 6L * 512 + 4 * 512);
        long torchvision50 = 25_557_032L;
        // keras.applications' ResNet50 summary: 25,583,592 trainable (v1, with conv biases, no blog departures).
        long kerasApplications50 = 25_583_592L;

        assertThat(torchvision50 + biases).isEqualTo(kerasApplications50);
        assertThat(Exercise2Solution.predictedTrainable()).isEqualTo(torchvision50 + biases);
        assertThat(Exercise2Solution.builtTrainable()).isEqualTo(torchvision50 + biases);
    }

    @Test
    void exercise3_repairedNetwork_hasTorchvisionsCount_andThePapersStructure() {
        Model repaired = Exercise3Solution.paperResNet18();
        // 4,800 BatchNorm channels (64 + 4 * 64 + 5 * 128 + 5 * 256 + 5 * 512), two moving values each.
        long nonTrainable = 2L * (64 + 4 * 64 + 5 * 128 + 5 * 256 + 5 * 512);

        assertThat(repaired.trainableParameterCount()).isEqualTo(11_689_512L);
        assertThat(repaired.nonTrainableParameterCount()).isEqualTo(nonTrainable);
        assertThat(repaired.nodes().get(1).shape()).isEqualTo(Shape.of(112, 112, 64));
        assertThat(repaired.outputs().get(0).shape()).isEqualTo(Shape.of(1000));
        assertThat(repaired.layers()).noneMatch(l -> l instanceof Dropout || l instanceof Flatten)
                .filteredOn(l -> l instanceof Conv2D).allMatch(l -> !((Conv2D) l).useBias()).hasSize(20);
        assertThat(repaired.layers()).filteredOn(l -> l instanceof Add).hasSize(8);
        assertThat(Exercise1Solution.addInputTypes(repaired.summary())).hasSize(8).allSatisfy((add, types) ->
                assertThat(types).anyMatch(t -> isBatchNorm(t)).noneMatch(t -> t.equals("Add")));
    }

    private static boolean isBatchNorm(String printedType) {
        // A summary cuts long cells: "BatchNormali", "BatchNor", "BatchNo" all stand for BatchNormalization.
        return printedType.length() >= 7 && "BatchNormalization".startsWith(printedType);
    }
}
