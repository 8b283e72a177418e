package org.resnet4j.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** A Random that returns scripted values and records the bounds asked for, to test what an augmentation draws. */
final class ScriptedRandom extends Random {
    private static final long serialVersionUID = 1L;

    private final Deque<Number> values = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();

    ScriptedRandom(Number... scripted) {
        values.addAll(List.of(scripted));
    }

    @Override
    public int nextInt(int bound) {
        calls.add("nextInt(" + bound + ")");
        return values.removeFirst().intValue();
    }

    @Override
    public double nextDouble() {
        calls.add("nextDouble()");
        return values.removeFirst().doubleValue();
    }
}
