package org.resnet4j.tutorials.lesson03.solutions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson03.ResNet18Lesson;
import org.resnet4j.tutorials.lesson03.StageLog;

/**
 * Exercise 2: feed ResNet-18 an image of another size. Which shapes change, and does the parameter count? The
 * convolutions slide over whatever size they get and the global average pool turns any map into 512 numbers,
 * so the same weights work on every size large enough; only the feature maps change.
 */
public final class Exercise2Solution {
    /** The layers whose output closes each stage, in order. */
    public static final List<String> STAGE_ENDS = List.of("conv1_relu", "pool1_pool", "conv2_block2_out",
            "conv3_block2_out", "conv4_block2_out", "conv5_block2_out", "avg_pool");

    private Exercise2Solution() {
    }

    /** What ResNet-18 looks like on a {@code size x size} image. */
    public record Sized(Map<String, Shape> stageShapes, long trainableParameters) {
    }

    /** Builds the lesson's ResNet-18 for {@code size} and reads the shape at the end of every stage. */
    public static Sized resnet18(int size) {
        Model model = ResNet18Lesson.build(size, StageLog.silent());
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (String layer : STAGE_ENDS) {
            Node end = model.nodes().stream().filter(n -> n.layer().name().equals(layer)).findFirst().orElseThrow();
            shapes.put(layer, end.shape());
        }
        return new Sized(shapes, model.trainableParameterCount());
    }
}
