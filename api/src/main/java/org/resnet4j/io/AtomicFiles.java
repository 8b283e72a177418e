package org.resnet4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that whoever reads it, even after the writing process was killed, sees either the old file (or
 * none) or the whole new one, never part of one: the content goes to a hidden temporary file in the same folder, is
 * flushed to the disk, and is then renamed over the destination in one step. Every output file of the command line
 * and every saved model goes through here.
 *
 * <p>A killed writer leaves its temporary file behind ({@code .NAME.PID.NANOS.partial}, next to the destination);
 * it is never read. The next write of the same destination deletes those whose writer process is gone
 * ({@link #deleteStalePartials}); those of a live process, which may still be writing, are kept.
 */
public final class AtomicFiles {
    /** What follows {@code .NAME.} in a temporary file's name: the writer's process id and a time stamp. */
    private static final Pattern PARTIAL_SUFFIX = Pattern.compile("(\\d{1,19})\\.(-?\\d{1,19})\\.partial");

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
        deleteStalePartials(destination);
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

    /**
     * Deletes the temporary files that earlier writes of {@code target} left behind when their process was killed:
     * those named {@code .NAME.PID.NANOS.partial} after this very target whose process {@code PID} no longer runs.
     * The files of a running process are kept (this one's included: another thread may be writing the same target),
     * and so are other targets' files. Best effort: a file that cannot be listed or deleted is left, and the write
     * goes on. Only processes of this machine are seen, so a folder shared with another machine (or another PID
     * namespace) whose processes write the same target at the same time could lose a write of theirs: it fails with
     * an error, it does not leave half a file.
     *
     * @return how many files were deleted
     */
    static int deleteStalePartials(Path target) {
        Path destination = target.toAbsolutePath();
        Path folder = destination.getParent();
        String prefix = "." + destination.getFileName() + ".";
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                file -> file.getFileName().toString().startsWith(prefix))) {
            for (Path file : files) {
                OptionalLong pid = writerPid(file.getFileName().toString().substring(prefix.length()));
                if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).isEmpty() && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a stale file left behind is harmless, and must not fail the write
        }
        return deleted;
    }

    /** The writer's process id in what follows {@code .NAME.} in a temporary file's name, if it is one of ours. */
    private static OptionalLong writerPid(String suffix) {
        Matcher m = PARTIAL_SUFFIX.matcher(suffix);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // more digits than a long holds: not a name this class wrote
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
