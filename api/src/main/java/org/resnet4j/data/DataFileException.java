package org.resnet4j.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file whose content is not what its format says (wrong magic number, truncated, labels out of range): the
 * message is one line that starts with the file, so a command line can print it as it is.
 */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code file}; the message reads {@code "FILE: problem"}. */
    public DataFileException(Path file, String problem) {
        this(String.valueOf(file), problem);
    }

    /** A problem at {@code location} (a file, or a member of an archive); the message reads {@code "LOCATION: problem"}. */
    public DataFileException(String location, String problem) {
        super(location + ": " + problem);
    }
}
