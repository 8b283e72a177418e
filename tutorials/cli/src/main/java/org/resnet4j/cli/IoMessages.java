package org.resnet4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Words for file errors: {@link java.nio.file} exceptions carry only the path as their message, which says nothing
 * to a user who already typed that path.
 */
final class IoMessages {
    private IoMessages() {
    }

    /** {@code "no such file"}, {@code "permission denied"}, or the exception's own message. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
