package org.resnet4j.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident set size, as Linux reports it: what the soak tests watch for leaks. */
public final class ResidentSet {
    /** Where Linux reports it; the soak tests skip where it is not readable. */
    public static final Path STATUS = Path.of("/proc/self/status");

    private ResidentSet() {
    }

    /** {@code VmRSS} of {@link #STATUS}, in KiB. */
    public static long kib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + STATUS, e);
        }
        throw new IllegalStateException("No VmRSS line in " + STATUS);
    }
}
