package org.resnet4j.fuzz;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one campaign saw: how many inputs of each outcome, the distinct typed-error messages (numbers masked), and the
 * findings with the file each was saved to.
 *
 * @param target    the reader's name
 * @param counts    inputs per outcome
 * @param messages  distinct typed-error messages, numbers replaced by {@code #}
 * @param findings  one line per finding: outcome, saved input, what was thrown
 * @param seconds   how long the campaign ran
 */
public record FuzzReport(String target, Map<Outcome, Integer> counts, List<String> messages, List<String> findings,
                         double seconds) {
    /** The total number of inputs tried. */
    public int inputs() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Inputs of {@code outcome}. */
    public int count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    /** One line for logs and docs/reliability.md. */
    public String summary() {
        return String.format("fuzz %s: %d inputs in %.1f s: %d accepted, %d typed errors (%d distinct), %d crashes, "
                        + "%d hangs, %d over-allocations", target, inputs(), seconds, count(Outcome.ACCEPTED),
                count(Outcome.TYPED_ERROR), messages.size(), count(Outcome.CRASH), count(Outcome.HANG),
                count(Outcome.OVERALLOCATION));
    }

    static Map<Outcome, Integer> emptyCounts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        return counts;
    }

    /** Where findings of {@code target} are saved: {@code target/fuzz-findings/TARGET}. */
    public static Path findingsDir(String target) {
        return Path.of("target", "fuzz-findings", target);
    }
}
