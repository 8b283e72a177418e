package org.resnet4j.tutorials.lesson08.solutions;

/**
 * Exercise 1: the parameter count of the option-A CIFAR ResNet with {@code n} blocks per stage, in closed form.
 *
 * <p>Counting trainable parameters: the stem is a 3x3 convolution 3 -> 16 (432) and a BatchNorm (32). A block of width
 * {@code w} fed {@code w} channels has two 3x3 convolutions ({@code 2 * 9w^2}) and two BatchNorms ({@code 4w}); the
 * first block of stages 2 and 3 is fed half as many channels, so its first convolution has {@code 9 * (w/2) * w}.
 * The head is a dense layer 64 -> 10 (650). Summing:
 * {@code 432 + 32 + n * 4672 + 13952 + (n - 1) * 18560 + 55552 + (n - 1) * 73984 + 650 = 97216 n - 21926}.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** Trainable parameters of the CIFAR ResNet of depth {@code 6n + 2} with option A shortcuts. */
    public static long optionAParameters(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("optionAParameters expects n >= 1 blocks per stage. Received: " + n);
        }
        return 97_216L * n - 21_926L;
    }
}
