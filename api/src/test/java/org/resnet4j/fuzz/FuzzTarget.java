package org.resnet4j.fuzz;

import java.nio.file.Path;

/** One reader under fuzzing: reads {@code file} as its users would, returning normally or throwing. */
@FunctionalInterface
public interface FuzzTarget {
    /** Reads {@code file}; any result is discarded. */
    void read(Path file) throws Exception;
}
