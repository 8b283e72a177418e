package org.resnet4j.spi;

/**
 * A provider's fixed part, its name and priority, so that a backend's provider states them once in its constructor
 * and writes only what is its own: the probe and {@link #create()}.
 */
public abstract class AbstractBackendProvider implements BackendProvider {
    private final String name;
    private final int priority;

    /** A provider users choose with {@code name}, ranked by {@code priority} (higher wins when none is named). */
    protected AbstractBackendProvider(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    /**
     * Whether the class {@code className} can be found by this provider's class loader, without initialising it:
     * the cheap first step of a probe (a library's classes on the classpath), which loads nothing native.
     */
    protected final boolean onClasspath(String className) {
        try {
            Class.forName(className, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
