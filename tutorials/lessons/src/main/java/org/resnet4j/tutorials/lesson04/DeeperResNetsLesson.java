package org.resnet4j.tutorials.lesson04;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.BlockType;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.models.resnet.StridePlacement;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.Shape;

/**
 * Lesson 4: the deeper ResNets from the paper's Table 1. Prints the blocks per stage of every depth, builds each
 * network with torchvision's conventions and compares its parameter count with torchvision's published one,
 * then builds ResNet-50 once more with the stride on the first 1x1 ("v1") to show what the stride placement
 * changes: the work, not the shapes of the blocks' outputs nor the parameters.
 */
public final class DeeperResNetsLesson {
    /** The depths of Table 1. */
    public static final List<Integer> DEPTHS = List.of(18, 34, 50, 101, 152);

    /** torchvision's published parameter counts ({@code sum(p.numel() for p in model.parameters())}). */
    public static final Map<Integer, Long> TORCHVISION_PARAMETERS = Map.of(18, 11_689_512L, 34, 21_797_672L,
            50, 25_557_032L, 101, 44_549_160L, 152, 60_192_808L);

    /** The paper's Table 1 "FLOPs" (multiply-adds) in units of 10^9, for the v1 networks. */
    public static final Map<Integer, Double> PAPER_GIGA_MULTIPLY_ADDS = Map.of(18, 1.8, 34, 3.6, 50, 3.8, 101, 7.6,
            152, 11.3);

    private DeeperResNetsLesson() {
    }

    /** Prints the lesson; takes no arguments. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        printTable1(out);
        out.println();
        Built built = printCountsAgainstTorchvision(out);
        out.println();
        printStridePlacement(out, built);
    }

    /** What the counts section keeps for the next one: ResNet-50 (v1.5) and every depth's multiply-adds. */
    private record Built(Model resnet50, Map<Integer, Long> multiplyAdds) {
    }

    /** Weighted layers of one block on the main path: two 3x3 convolutions, or 1x1, 3x3, 1x1. */
    public static int convolutionsPerBlock(BlockType type) {
        return type == BlockType.BASIC ? 2 : 3;
    }

    private static void printTable1(PrintStream out) {
        out.println("== Paper Table 1: blocks per stage");
        out.printf(Locale.ROOT, "%-6s %-11s %8s %8s %8s %8s   %s%n", "depth", "block", "conv2_x", "conv3_x", "conv4_x",
                "conv5_x", "stem conv + block convolutions + dense");
        for (int depth : DEPTHS) {
            ResNetConfig config = ResNetConfig.ofDepth(depth);
            List<Integer> blocks = config.stageBlocks();
            int total = blocks.stream().mapToInt(Integer::intValue).sum();
            int perBlock = convolutionsPerBlock(config.blockType());
            out.printf(Locale.ROOT, "%-6d %-11s %8d %8d %8d %8d   1 + %d x %d + 1 = %d%n", depth,
                    config.blockType().name().toLowerCase(Locale.ROOT), blocks.get(0), blocks.get(1), blocks.get(2),
                    blocks.get(3), perBlock, total, 1 + perBlock * total + 1);
        }
    }

    /** Builds every depth (torchvision, v1.5), one at a time, and prints its counts. */
    private static Built printCountsAgainstTorchvision(PrintStream out) {
        out.println("== ResNets.torchvision(depth) against torchvision's published parameter counts");
        out.printf(Locale.ROOT, "%-6s %12s %12s %6s %-15s %12s %11s%n", "depth", "trainable", "torchvision", "equal",
                "features", "GMACs (v1.5)", "paper (v1)");
        Model resnet50 = null;
        Map<Integer, Long> multiplyAdds = new LinkedHashMap<>();
        for (int depth : DEPTHS) {
            Model model = ResNets.torchvision(depth);
            long trainable = model.trainableParameterCount();
            long published = TORCHVISION_PARAMETERS.get(depth);
            multiplyAdds.put(depth, MacCounter.count(model));
            out.printf(Locale.ROOT, "%-6d %,12d %,12d %6s %-15s %12.2f %11.1f%n", depth, trainable, published,
                    trainable == published ? "yes" : "NO", node(model, "avg_pool").inputs().get(0).shape(),
                    multiplyAdds.get(depth) / 1e9, PAPER_GIGA_MULTIPLY_ADDS.get(depth));
            if (depth == 50) {
                resnet50 = model;
            }
        }
        return new Built(resnet50, multiplyAdds);
    }

    private static void printStridePlacement(PrintStream out, Built built) {
        Model v15 = built.resnet50();
        out.println("== v1 against v1.5: where ResNet-50's downsampling blocks put the stride");
        BlockSettings strideOnFirst1x1 = BlockSettings.torchvision().withStridePlacement(StridePlacement.FIRST_1X1);
        Model v1 = ResNet.build(ResNets.torchvisionConfig(50).withSettings(strideOnFirst1x1));
        Map<String, Long> macsV1 = MacCounter.byLayer(v1);
        Map<String, Long> macsV15 = MacCounter.byLayer(v15);

        String row = "%-21s %-16s %14s   %-16s %14s";
        out.println(String.format(Locale.ROOT, row, "layer", "v1: FIRST_1X1", "multiply-adds", "v1.5: MIDDLE_3X3",
                "multiply-adds").stripTrailing());
        for (String layer : List.of("conv3_block1_0_conv", "conv3_block1_1_conv", "conv3_block1_2_conv",
                "conv3_block1_3_conv", "conv3_block1_out")) {
            out.println(String.format(Locale.ROOT, row, layer, node(v1, layer).shape(), macs(macsV1, layer),
                    node(v15, layer).shape(), macs(macsV15, layer)).stripTrailing());
        }

        Map<String, Shape> shapesV1 = shapes(v1);
        Map<String, Shape> shapesV15 = shapes(v15);
        List<String> shapeChanged = shapesV15.keySet().stream().filter(n -> !shapesV15.get(n).equals(shapesV1.get(n)))
                .toList();
        List<String> blockOutputs = shapesV15.keySet().stream().filter(n -> n.endsWith("_out")).toList();
        out.printf(Locale.ROOT, "block outputs (*_out) with equal shapes: %d of %d; network outputs %s and %s%n",
                blockOutputs.stream().filter(n -> shapesV15.get(n).equals(shapesV1.get(n))).count(),
                blockOutputs.size(), v1.outputs().get(0).shape(), v15.outputs().get(0).shape());
        out.println("layers whose output shape differs (" + shapeChanged.size() + "):");
        shapeChanged.stream().collect(Collectors.groupingBy(DeeperResNetsLesson::block, LinkedHashMap::new,
                Collectors.joining(", "))).values().forEach(names -> out.println("  " + names));
        out.printf(Locale.ROOT, "parameters: v1 %,d, v1.5 %,d%n", v1.trainableParameterCount(),
                v15.trainableParameterCount());

        Map<String, Long> extra = new LinkedHashMap<>();
        macsV15.forEach((layer, m) -> {
            long difference = m - macsV1.getOrDefault(layer, 0L);
            if (difference != 0) {
                extra.put(layer, difference);
            }
        });
        out.println("layers whose multiply-adds differ (" + extra.size() + "):");
        extra.forEach((layer, m) -> out.printf(Locale.ROOT, "  %s: %,d more in v1.5%n", layer, m));
        long total1 = MacCounter.count(v1);
        long total15 = MacCounter.count(v15);
        long difference = total15 - total1;
        out.printf(Locale.ROOT, "multiply-adds: v1 %,d (%.2f G), v1.5 %,d (%.2f G), difference %,d%n", total1,
                total1 / 1e9, total15, total15 / 1e9, difference);
        // Only conv3_block1, conv4_block1 and conv5_block1 change, and ResNet-101 and 152 have the very same ones.
        out.printf(Locale.ROOT, "so ResNet-101 and 152 in v1: %.2f G and %.2f G (v1.5 minus the same difference)%n",
                (built.multiplyAdds().get(101) - difference) / 1e9, (built.multiplyAdds().get(152) - difference) / 1e9);
    }

    /** The block a layer belongs to: {@code conv3_block1} for {@code conv3_block1_1_conv}. */
    private static String block(String layer) {
        int stage = layer.indexOf('_');
        int block = layer.indexOf('_', stage + 1);
        return block < 0 ? layer : layer.substring(0, block);
    }

    private static String macs(Map<String, Long> macs, String layer) {
        Long m = macs.get(layer);
        return m == null ? "" : String.format(Locale.ROOT, "%,d", m);
    }

    private static Map<String, Shape> shapes(Model model) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        model.nodes().forEach(n -> shapes.put(n.layer().name(), n.shape()));
        return shapes;
    }

    private static Node node(Model model, String layer) {
        return model.nodes().stream().filter(n -> n.layer().name().equals(layer)).findFirst().orElseThrow();
    }
}
