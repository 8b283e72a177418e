package org.resnet4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicFiles} under {@code kill -9}: a child JVM ({@link AtomicWriteChild}) is killed with
 * {@link Process#destroyForcibly()} at a point it reports itself (half of the new content written, or the write
 * done), and the destination holds the old content, no file, or the whole new content: never part of it.
 */
@Timeout(60)
class AtomicFilesKillTest {
    private static final int NEW_SIZE = 1 << 20;

    @TempDir
    Path dir;

    /** Starts the child, waits until it says it reached {@code phase}, kills it with SIGKILL and waits for its end. */
    private static void killChildAt(Path target, String phase) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AtomicWriteChild.class.getName(), target.toString(), Integer.toString(NEW_SIZE), phase)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("what the child said before it was killed").startsWith(phase);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // 137 = 128 + SIGKILL: it was killed, it did not finish on its own.
        assertThat(child.exitValue()).isEqualTo(137);
    }

    private long partialFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).count();
        }
    }

    @Test
    void killedMidWrite_leavesTheOldFileWhole() throws Exception {
        Path target = dir.resolve("out.safetensors");
        Files.writeString(target, "old content");

        killChildAt(target, "mid-write");

        assertThat(Files.readString(target)).isEqualTo("old content");
        // The child did write half of the new content, into the temporary file the kill left behind.
        assertThat(partialFiles()).isEqualTo(1);
    }

    @Test
    void killedWritersTemporaryFile_isDeletedByTheNextWriteOfTheSameTarget_notByWritesOfOtherTargets()
            throws Exception {
        Path target = dir.resolve("out.safetensors");
        Files.writeString(target, "old content");
        killChildAt(target, "mid-write");
        assertThat(partialFiles()).as("left by the killed child").isEqualTo(1);

        AtomicFiles.write(dir.resolve("out.safetensors.bak"), file -> Files.writeString(file, "other target"));
        AtomicFiles.write(dir.resolve("other.safetensors"), file -> Files.writeString(file, "other target"));
        assertThat(partialFiles()).as("after writes of other targets in the same folder").isEqualTo(1);

        AtomicFiles.write(target, file -> Files.writeString(file, "next content"));

        assertThat(partialFiles()).as("after the next write of the same target").isZero();
        assertThat(Files.readString(target)).isEqualTo("next content");
    }

    @Test
    void killedMidWrite_withoutAnOldFile_leavesNoFile() throws Exception {
        Path target = dir.resolve("out.safetensors");

        killChildAt(target, "mid-write");

        assertThat(target).doesNotExist();
    }

    @Test
    void killedAfterTheWrite_leavesTheWholeNewFile_andNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.safetensors");
        Files.writeString(target, "old content");

        killChildAt(target, "after-rename");

        byte[] written = Files.readAllBytes(target);
        assertThat(written).hasSize(NEW_SIZE);
        assertThat(new String(written, StandardCharsets.US_ASCII).chars().allMatch(c -> c == 'n')).isTrue();
        assertThat(partialFiles()).isZero();
    }
}
