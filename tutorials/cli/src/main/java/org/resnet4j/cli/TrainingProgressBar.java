package org.resnet4j.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The per-epoch progress line of training, for example
 * {@code Epoch 3/10 [==============>               ] 212/422 loss 0.3412 accuracy 0.8821 1534 img/s ETA 0:18}.
 * On a terminal it redraws one line in place with a carriage return (at most every {@value #REDRAW_MILLIS} ms);
 * written to a file or a pipe it prints a whole line at most once per interval, so a log stays short, and always
 * the epoch's final line, which shows the epoch's time instead of the time left.
 */
public final class TrainingProgressBar {
    /** The width of the bar between the brackets, in characters. */
    public static final int BAR_WIDTH = 30;
    /** How often a terminal's line is redrawn at most. */
    public static final long REDRAW_MILLIS = 100;
    /** How often a line is printed at most when the output is not a terminal, by default. */
    public static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private int epoch;
    private int epochs;
    private long lastPrintedNanos;
    private int lastLength;

    /**
     * A bar on {@code out}.
     *
     * @param terminal    whether {@code out} is a terminal that understands {@code '\r'}
     * @param logInterval the shortest time between two lines when {@code out} is not a terminal
     * @param nanoClock   the time in nanoseconds ({@code System::nanoTime}; a fake one in tests)
     */
    public TrainingProgressBar(PrintStream out, boolean terminal, Duration logInterval, LongSupplier nanoClock) {
        if (logInterval.isNegative()) {
            throw new IllegalArgumentException("TrainingProgressBar expects a log interval of 0 or more, received: "
                    + logInterval);
        }
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? Duration.ofMillis(REDRAW_MILLIS).toNanos() : logInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A bar on standard output that redraws in place when it is a terminal ({@code System.console() != null}). */
    public static TrainingProgressBar onStandardOutput() {
        return new TrainingProgressBar(System.out, System.console() != null, DEFAULT_LOG_INTERVAL, System::nanoTime);
    }

    /** Starts epoch {@code epoch} of {@code epochs} (both from 1); its first line waits for the first interval. */
    public void startEpoch(int epoch, int epochs) {
        if (epochs < 1 || epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException("TrainingProgressBar expects 1 <= epoch <= epochs, received: epoch "
                    + epoch + " of " + epochs);
        }
        this.epoch = epoch;
        this.epochs = epochs;
        this.lastPrintedNanos = nanoClock.getAsLong();
        this.lastLength = 0;
    }

    /**
     * Reports that {@code step} of {@code steps} batches of this epoch are done. Draws the line if the interval has
     * passed since the last one, or if this is the last step ({@code step == steps}), which also ends the line.
     *
     * @param samples the images trained on so far in this epoch, for the images per second
     * @param loss    the epoch's running loss
     * @param metrics the running metrics in the order to show them, for example {@code accuracy}; the last call may
     *                add the validation results ({@code val_loss}, ...)
     * @param elapsed the time spent on this epoch so far
     */
    public void update(int step, int steps, long samples, double loss, Map<String, Double> metrics, Duration elapsed) {
        if (epochs == 0) {
            throw new IllegalStateException("TrainingProgressBar.update called before startEpoch");
        }
        checkSteps(step, steps);
        boolean last = step == steps;
        long now = nanoClock.getAsLong();
        if (!last && now - lastPrintedNanos < intervalNanos) {
            return;
        }
        lastPrintedNanos = now;
        String line = render(epoch, epochs, step, steps, samples, loss, metrics, elapsed);
        if (terminal) {
            // Blanks rub out the end of a longer previous line (a metric that lost a digit).
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The text of the line, without carriage return or line end. */
    public static String render(int epoch, int epochs, int step, int steps, long samples, double loss,
            Map<String, Double> metrics, Duration elapsed) {
        checkSteps(step, steps);
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "Epoch %d/%d [%s] %" + digits(steps) + "d/%d", epoch, epochs,
                bar(step, steps), step, steps));
        line.append(String.format(Locale.ROOT, " loss %.4f", loss));
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            line.append(String.format(Locale.ROOT, " %s %.4f", metric.getKey(), metric.getValue()));
        }
        double seconds = elapsed.toNanos() / 1e9;
        if (seconds > 0 && samples > 0) {
            line.append(String.format(Locale.ROOT, " %d img/s", Math.round(samples / seconds)));
        }
        if (step == steps) {
            line.append(" took ").append(clock(seconds));
        } else if (step > 0 && seconds > 0) {
            line.append(" ETA ").append(clock(seconds * (steps - step) / step));
        }
        return line.toString();
    }

    private static void checkSteps(int step, int steps) {
        if (steps < 1 || step < 0 || step > steps) {
            throw new IllegalArgumentException("TrainingProgressBar expects 0 <= step <= steps and steps >= 1, "
                    + "received: step " + step + " of " + steps);
        }
    }

    /** {@code =====>    }: done steps as '=', the head as '>', a full bar of '=' when the epoch is done. */
    private static String bar(int step, int steps) {
        int filled = (int) ((long) step * BAR_WIDTH / steps);
        if (step == steps) {
            return "=".repeat(BAR_WIDTH);
        }
        if (filled == 0) {
            return " ".repeat(BAR_WIDTH);
        }
        return "=".repeat(filled - 1) + ">" + " ".repeat(BAR_WIDTH - filled);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on; seconds rounded. */
    static String clock(double seconds) {
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long secs = total % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
