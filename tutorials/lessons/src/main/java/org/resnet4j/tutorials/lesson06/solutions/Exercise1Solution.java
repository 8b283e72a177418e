package org.resnet4j.tutorials.lesson06.solutions;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.Padding;

/**
 * Exercise 1: for which input sizes does TensorFlow's {@code SAME} padding put the border exactly where PyTorch's
 * symmetric {@code padding=k//2} puts it? Where it does, Keras and torchvision layers compute the same numbers from
 * the same weights; where it does not, they disagree.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** True when {@code SAME} on a {@code size x size} input pads every side by {@code kernel / 2}. */
    public static boolean samePaddingIsSymmetric(int size, int kernel, int stride) {
        Padding.Explicit same = Padding.SAME.resolve(size, size, kernel, kernel, stride, stride);
        return same.equals(Padding.symmetric(kernel / 2));
    }

    /** The input sizes from 1 to {@code maxSize} where the two paddings differ. */
    public static List<Integer> sizesWhereTheyDiffer(int kernel, int stride, int maxSize) {
        List<Integer> sizes = new ArrayList<>();
        for (int n = 1; n <= maxSize; n++) {
            if (!samePaddingIsSymmetric(n, kernel, stride)) {
                sizes.add(n);
            }
        }
        return sizes;
    }
}
