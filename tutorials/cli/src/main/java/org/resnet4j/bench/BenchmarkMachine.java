package org.resnet4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.Backends;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CpuFacts;

/**
 * The lines a benchmark prints before its figures: the CPU with its vector flags (figures from two machines must never
 * be compared), and each measured backend's performance notes about this machine.
 */
final class BenchmarkMachine {
    private BenchmarkMachine() {
    }

    /** The machine line, then one line per note of the backends named. */
    static List<String> lines(List<String> backendNames) {
        List<String> lines = new ArrayList<>();
        lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " processors, "
                + CpuFacts.ofThisMachine().describe());
        for (BackendProvider provider : Backends.providers()) {
            if (backendNames.contains(provider.name())) {
                provider.performanceNotes().forEach(note -> lines.add("Note on " + provider.name() + ": " + note));
            }
        }
        return lines;
    }
}
