package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Nd4jFasterOfTwo} with made-up timings. */
class Nd4jFasterOfTwoTest {
    /** A run that answers each candidate's next made-up time and records the order of the runs. */
    private static final class Script {
        private final Map<String, Iterator<Long>> times;
        private final List<String> runs = new ArrayList<>();

        Script(Map<String, List<Long>> times) {
            this.times = Map.of("a", times.get("a").iterator(), "b", times.get("b").iterator());
        }

        long run(String candidate) {
            runs.add(candidate);
            return times.get(candidate).next();
        }
    }

    @Test
    void theFastestRunsDecide_notTheFirstUntimedOnes() {
        // a's first run is its slowest and untimed; b is steady; a's best timed run (5) beats b's (6)
        Script script = new Script(Map.of("a", List.of(100L, 9L, 5L, 9L), "b", List.of(1L, 6L, 6L, 6L)));
        assertThat(Nd4jFasterOfTwo.faster("a", "b", script::run, 3)).isEqualTo("a");
        assertThat(script.runs).containsExactly("a", "b", "a", "b", "a", "b", "a", "b");
    }

    @Test
    void theSecondWinsWhenItsBestRunIsFaster() {
        Script script = new Script(Map.of("a", List.of(1L, 7L, 7L), "b", List.of(50L, 9L, 6L)));
        assertThat(Nd4jFasterOfTwo.faster("a", "b", script::run, 2)).isEqualTo("b");
    }

    @Test
    void aTie_keepsTheFirst() {
        Script script = new Script(Map.of("a", List.of(3L, 4L), "b", List.of(3L, 4L)));
        assertThat(Nd4jFasterOfTwo.faster("a", "b", script::run, 1)).isEqualTo("a");
    }

    @Test
    void noRounds_isAClearError() {
        assertThatThrownBy(() -> Nd4jFasterOfTwo.faster("a", "b", s -> 0L, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Nd4jFasterOfTwo expects at least 1 round. Received: 0");
    }
}
