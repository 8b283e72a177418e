package org.resnet4j.fuzz;

import java.util.Random;

/** One way to derive a new input from an old one; it may return its argument changed or a new array. */
@FunctionalInterface
public interface Mutation {
    /** A mutant of {@code input}, drawn from {@code random}. */
    byte[] apply(byte[] input, Random random);
}
