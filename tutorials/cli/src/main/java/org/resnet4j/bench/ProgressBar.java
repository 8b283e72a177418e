package org.resnet4j.bench;

import java.io.PrintStream;

/**
 * A one-line text progress bar, redrawn in place with a carriage return, for example
 * {@code tf resnet50 batch 8  timed   [##########----------]  5/10}. It ends its line when a phase completes,
 * so each phase leaves one finished bar behind.
 */
public final class ProgressBar implements BenchmarkProgress {
    private static final int WIDTH = 20;

    private final PrintStream out;
    private final String label;

    /** A bar for {@code label}, drawn on {@code out} (standard error keeps standard output clean for results). */
    public ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void runFinished(boolean warmup, int done, int total) {
        out.print("\r" + render(label, warmup, done, total));
        if (done == total) {
            out.println();
        }
        out.flush();
    }

    /** The text of the bar after {@code done} of {@code total} runs. */
    static String render(String label, boolean warmup, int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        return String.format("%s  %-7s [%s%s] %" + digits(total) + "d/%d", label, warmup ? "warm-up" : "timed",
                "#".repeat(filled), "-".repeat(WIDTH - filled), done, total);
    }

    private static int digits(int n) {
        return Integer.toString(Math.max(n, 1)).length();
    }
}
