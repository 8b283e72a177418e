package org.resnet4j.training.fit;

/** The best value of a monitored log so far, and whether a new value improves on it by more than a margin. */
final class Monitor {
    private final String callback;
    private final String name;
    private final MonitorMode mode;
    private final double minDelta;
    private double best;

    Monitor(String callback, String name, MonitorMode mode, double minDelta) {
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException(callback + " expects a minDelta >= 0. Received: " + minDelta);
        }
        this.callback = callback;
        this.name = name;
        this.mode = mode.resolve(name);
        this.minDelta = minDelta;
        reset();
    }

    void reset() {
        best = mode == MonitorMode.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** The monitored value in {@code logs}; names what was logged when it is missing. */
    double value(EpochLogs logs) {
        Double value = logs.values().get(name);
        if (value == null) {
            throw new IllegalArgumentException(callback + " monitors \"" + name + "\", which this fit does not log. "
                    + "Logged: " + logs.values().keySet() + "; validation logs (val_*) need validation data or a "
                    + "validationSplit");
        }
        return value;
    }

    /** Whether {@code value} beats the best by more than minDelta; if so it becomes the best. */
    boolean improves(double value) {
        boolean better = mode == MonitorMode.MAX ? value - minDelta > best : value + minDelta < best;
        if (better) {
            best = value;
        }
        return better;
    }

    double best() {
        return best;
    }

    String name() {
        return name;
    }
}
