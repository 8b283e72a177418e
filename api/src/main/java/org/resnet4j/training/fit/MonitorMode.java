package org.resnet4j.training.fit;

/**
 * Whether a monitored quantity improves by falling ({@link #MIN}, a loss) or rising ({@link #MAX}, an accuracy);
 * {@link #AUTO} decides from the name as Keras does (rising when it contains {@code "acc"}).
 */
public enum MonitorMode {
    MIN, MAX, AUTO;

    /** {@link #MIN} or {@link #MAX} for the quantity named {@code monitor}. */
    MonitorMode resolve(String monitor) {
        if (this != AUTO) {
            return this;
        }
        return monitor.contains("acc") ? MAX : MIN;
    }
}
