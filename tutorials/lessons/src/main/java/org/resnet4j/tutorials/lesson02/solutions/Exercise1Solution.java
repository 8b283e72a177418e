package org.resnet4j.tutorials.lesson02.solutions;

import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tutorials.lesson01.ResidualBlockLesson;
import org.resnet4j.tutorials.lesson02.BlocksLesson;

/**
 * Exercise 1: does the bottleneck's advantage depend on the width? Counts the convolution weights of a
 * bottleneck of width {@code w} (on {@code 4w} channels) and of two 3x3 convolutions on {@code 4w} channels,
 * both read from built blocks. The ratio is the same at every width: both counts grow as {@code w²}.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** Convolution weights of the two designs at one width. */
    public record Comparison(int width, long bottleneckWeights, long twoConvolutionWeights) {
        /** How many times fewer weights the bottleneck needs. */
        public double ratio() {
            return (double) twoConvolutionWeights / bottleneckWeights;
        }
    }

    /** Builds block c of width {@code width} and block a on {@code 4 * width} channels and counts their kernels. */
    public static Comparison compare(int width) {
        int channels = BlocksLesson.EXPANSION * width;
        Node x = Input.named("x", 8, 8, channels);
        Model bottleneck = Model.of("c", x, BlocksLesson.bottleneck(x, width, 1, false, "c"));
        Node y = Input.named("x", 8, 8, channels);
        Model basic = Model.of("a", y, ResidualBlockLesson.blockA(y, "a"));
        return new Comparison(width, BlocksLesson.convolutionWeights(bottleneck),
                BlocksLesson.convolutionWeights(basic));
    }
}
