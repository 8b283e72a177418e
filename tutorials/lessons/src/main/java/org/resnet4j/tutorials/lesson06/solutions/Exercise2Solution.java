package org.resnet4j.tutorials.lesson06.solutions;

/**
 * Exercise 2: compensated summation (Kahan, in Neumaier's form). It still adds left to right in float, but keeps the
 * part of every addition that rounding threw away in a second float and adds that back at the end, so the result no
 * longer depends much on the order of the values.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** The sum of {@code values} in float arithmetic with the rounding errors carried along and added back. */
    public static float compensatedSum(float[] values) {
        float sum = 0f;
        float lost = 0f;
        for (float v : values) {
            float next = sum + v;
            // The smaller operand is the one whose low digits fell off; recover them from the larger one exactly.
            if (Math.abs(sum) >= Math.abs(v)) {
                lost += (sum - next) + v;
            } else {
                lost += (v - next) + sum;
            }
            sum = next;
        }
        return sum + lost;
    }
}
