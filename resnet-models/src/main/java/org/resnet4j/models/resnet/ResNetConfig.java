package org.resnet4j.models.resnet;

import java.util.List;

/**
 * Everything that decides an ImageNet-style ResNet (paper Table 1): block type and blocks per stage, the
 * width of the first stage (doubled at each later stage), the conv choices of {@link BlockSettings}, the head,
 * the number of classes and the input size. Immutable; {@code with*} methods return changed copies.
 *
 * @param name         the model's name, for example {@code resnet50}
 * @param blockType    basic or bottleneck
 * @param stageBlocks  blocks in conv2_x .. conv5_x, for example [3, 4, 6, 3]
 * @param baseWidth    filters of conv1 and width of conv2_x's blocks (64 in the paper)
 * @param settings     padding style, stride placement, conv bias, BatchNorm epsilon
 * @param head         features, logits or softmax probabilities
 * @param classes      units of the final dense layer
 * @param inputHeight  input rows
 * @param inputWidth   input columns
 */
public record ResNetConfig(String name, BlockType blockType, List<Integer> stageBlocks, int baseWidth,
        BlockSettings settings, Head head, int classes, int inputHeight, int inputWidth) {

    public ResNetConfig {
        stageBlocks = List.copyOf(stageBlocks);
        if (stageBlocks.isEmpty() || stageBlocks.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException(name + " expects at least one stage of at least one block. Received: "
                    + stageBlocks);
        }
        if (baseWidth < 1 || classes < 1 || inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException(name + " expects a positive base width, class count and input size."
                    + " Received: baseWidth=" + baseWidth + ", classes=" + classes + ", input=" + inputHeight + "x"
                    + inputWidth);
        }
    }

    /** The paper's Table 1 network of {@code depth} (18, 34, 50, 101 or 152) with torchvision's conventions. */
    public static ResNetConfig ofDepth(int depth) {
        BlockType type = depth < 50 ? BlockType.BASIC : BlockType.BOTTLENECK;
        List<Integer> stages = switch (depth) {
            case 18 -> List.of(2, 2, 2, 2);
            case 34, 50 -> List.of(3, 4, 6, 3);
            case 101 -> List.of(3, 4, 23, 3);
            case 152 -> List.of(3, 8, 36, 3);
            default -> throw new IllegalArgumentException(
                    "ResNet expects a depth of 18, 34, 50, 101 or 152 (paper Table 1). Received: " + depth);
        };
        return new ResNetConfig("resnet" + depth, type, stages, 64, BlockSettings.torchvision(), Head.LOGITS, 1000,
                224, 224);
    }

    /** A copy with another model name. */
    public ResNetConfig withName(String newName) {
        return new ResNetConfig(newName, blockType, stageBlocks, baseWidth, settings, head, classes, inputHeight,
                inputWidth);
    }

    /** A copy with other conv settings. */
    public ResNetConfig withSettings(BlockSettings s) {
        return new ResNetConfig(name, blockType, stageBlocks, baseWidth, s, head, classes, inputHeight, inputWidth);
    }

    /** A copy with another head. */
    public ResNetConfig withHead(Head h) {
        return new ResNetConfig(name, blockType, stageBlocks, baseWidth, settings, h, classes, inputHeight, inputWidth);
    }

    /** A copy with another number of classes. */
    public ResNetConfig withClasses(int n) {
        return new ResNetConfig(name, blockType, stageBlocks, baseWidth, settings, head, n, inputHeight, inputWidth);
    }

    /** A copy with another first-stage width (torchvision's tiny fixtures use 8). */
    public ResNetConfig withBaseWidth(int width) {
        return new ResNetConfig(name, blockType, stageBlocks, width, settings, head, classes, inputHeight, inputWidth);
    }

    /** A copy with another input size. */
    public ResNetConfig withInputSize(int height, int width) {
        return new ResNetConfig(name, blockType, stageBlocks, baseWidth, settings, head, classes, height, width);
    }
}
