package org.resnet4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that whoever reads it, even after the writing process was killed, sees either the old file (or
 * none) or the whole new one, never part of one: the content goes to a hidden temporary file in the same folder, is
 * flushed to the disk, and is then renamed over the destination in one step. Every output file of the command line
 * and every saved model goes through here.
 *
 * <p>A killed writer leaves its temporary file behind ({@code .NAME.PID.NANOS.partial}, next to the destination);
 * it is never read, and deleting it is safe.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code temporaryFile} (which does not exist yet, or is empty). */
        void writeTo(Path temporaryFile) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file in the same folder and renames it into place,
     * replacing an existing file. On failure the target is unchanged and the temporary file deleted.
     */
    public static void write(Path target, Content content) throws IOException {
        Path destination = target.toAbsolutePath();
        // Not Files.createTempFile: its file is readable by its owner only, and the rename would keep that.
        Path temporary = destination.resolveSibling("." + destination.getFileName() + "."
                + ProcessHandle.current().pid() + "." + System.nanoTime() + ".partial");
        try {
            content.writeTo(temporary);
            // Flushed before the rename, so that a crash of the machine cannot leave the new name on missing data.
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // gone after the rename; otherwise the write already reports its own failure
        }
    }
}
