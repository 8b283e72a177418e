package org.resnet4j.data;

import java.io.IOException;

/**
 * A known data set whose files are not on this machine and could not be downloaded (no network, an HTTP error, a
 * wrong checksum): the message is one line that names the URLs and the paths where the files can be placed by hand.
 */
public final class DatasetUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given one-line message. */
    public DatasetUnavailableException(String message) {
        super(message);
    }
}
