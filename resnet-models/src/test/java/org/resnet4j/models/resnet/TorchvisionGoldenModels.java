package org.resnet4j.models.resnet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.resnet4j.models.io.TorchvisionImporter;
import org.resnet4j.models.io.TorchvisionNames;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tck.TorchvisionFixtures;

/**
 * The model of each torchvision golden case, built with this module's builders and torchvision's conventions, and
 * how torchvision's module names map onto its layers. The golden tests run these; {@code
 * TorchvisionFixtureModelsTest} checks that the copies stored next to the fixtures ({@link
 * TorchvisionFixtures.Case#model()}, for modules that cannot use these builders) are still what they build.
 */
final class TorchvisionGoldenModels {
    /** Every case of {@code fixtures/torchvision}. */
    static final List<String> CASES = List.of("block_a", "block_b", "block_b_odd", "block_c", "block_d", "block_d_v1",
            "block_d_stride1", "stem", "tiny_resnet18", "tiny_resnet50");

    /** The name of the layers of a block saved on its own, as in the first block of stage 2. */
    private static final String BLOCK = "conv2_block1";

    private TorchvisionGoldenModels() {
    }

    /** The model of {@code fixture}, with freshly initialised weights; its input size is the fixture's. */
    static Model build(TorchvisionFixtures.Case fixture) {
        Node in = Input.named("input_1", fixture.input().shape().withoutBatch().toArray());
        BlockSettings torchvision = BlockSettings.torchvision();
        return switch (fixture.name()) {
            case "block_a" -> Model.of("block_a", in, ResidualBlocks.a(torchvision, in, BLOCK));
            case "block_b" -> Model.of("block_b", in, ResidualBlocks.b(torchvision, in, 32, 2, BLOCK));
            case "block_b_odd" -> Model.of("block_b_odd", in, ResidualBlocks.b(torchvision, in, 16, 2, BLOCK));
            case "block_c" -> Model.of("block_c", in, ResidualBlocks.c(torchvision, in, 16, BLOCK));
            case "block_d" -> Model.of("block_d", in, ResidualBlocks.d(torchvision, in, 32, 2, BLOCK));
            case "block_d_v1" -> Model.of("block_d_v1", in, ResidualBlocks.d(
                    torchvision.withStridePlacement(StridePlacement.FIRST_1X1), in, 32, 2, BLOCK));
            case "block_d_stride1" -> Model.of("block_d_stride1", in, ResidualBlocks.d(torchvision, in, 16, 1, BLOCK));
            case "stem" -> Model.of("stem", in, ResNet.stem(torchvision, in, 8));
            case "tiny_resnet18" -> tinyNetwork(18);
            case "tiny_resnet50" -> tinyNetwork(50);
            default -> throw new IllegalArgumentException("No torchvision golden case \"" + fixture.name()
                    + "\"; expected one of " + CASES);
        };
    }

    /** The model of {@code fixture} with the fixture's weights, loaded by torchvision name. */
    static Model withWeights(TorchvisionFixtures.Case fixture) {
        Model model = build(fixture);
        TorchvisionImporter.load(model.parameters(), new LinkedHashMap<>(fixture.weights().floatTensors()),
                modules(fixture.name()));
        return model;
    }

    /** Maps the torchvision module names of {@code fixture}'s weights to the layers of {@link #build}'s model. */
    static UnaryOperator<String> modules(String fixture) {
        return switch (fixture) {
            case "tiny_resnet18", "tiny_resnet50" -> TorchvisionNames.network();
            // The stem fixture is torchvision's nn.Sequential(conv, bn, relu, maxpool): modules 0 to 3.
            case "stem" -> module -> switch (module) {
                case "0" -> "conv1_conv";
                case "1" -> "conv1_bn";
                default -> null;
            };
            default -> TorchvisionNames.block(BLOCK);
        };
    }

    private static Model tinyNetwork(int depth) {
        return ResNet.build(ResNets.torchvisionConfig(depth).withBaseWidth(8).withClasses(10).withInputSize(64, 64));
    }
}
