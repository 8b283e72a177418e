package org.resnet4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One engine's figures for one network and batch over several rounds of the same benchmark: the median of each
 * round and its ratio to the reference engine's median in that round. A single round's median moves with whatever
 * else the machine does; the median of the round medians and their range say how far one can trust it.
 *
 * @param engine       what ran
 * @param network      which network
 * @param batch        images per run
 * @param roundMedians the median ms per batch of every round that measured it, in round order
 * @param ratios       per round (same order and size), its median divided by the reference's median in the same
 *                     round, or {@link Double#NaN} where that round has no reference record
 */
public record RoundSummary(String engine, String network, int batch, List<Double> roundMedians,
        List<Double> ratios) {
    public RoundSummary {
        roundMedians = List.copyOf(roundMedians);
        ratios = List.copyOf(ratios);
        if (roundMedians.isEmpty() || roundMedians.size() != ratios.size()) {
            throw new IllegalArgumentException(engine + " " + network + " batch " + batch + ": a summary expects one"
                    + " ratio per round median and at least one round. Received: " + roundMedians.size()
                    + " medians, " + ratios.size() + " ratios");
        }
    }

    /** The median of the round medians; the mean of the two middle ones when their number is even. */
    public double medianMs() {
        return median(roundMedians);
    }

    /** The fastest round's median. */
    public double lowestMs() {
        return Collections.min(roundMedians);
    }

    /** The slowest round's median. */
    public double highestMs() {
        return Collections.max(roundMedians);
    }

    /**
     * The most consecutive rounds whose ratio to the reference was at most {@code target} (the target is
     * 1.2 on three rounds in a row). A round without a reference record breaks a streak.
     */
    public int longestStreakAtMost(double target) {
        int best = 0;
        int current = 0;
        for (double ratio : ratios) {
            current = ratio <= target ? current + 1 : 0;
            best = Math.max(best, current);
        }
        return best;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
