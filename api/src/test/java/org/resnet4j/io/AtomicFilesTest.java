package org.resnet4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles} in one JVM: replace, failure leaves the old file and no temporary file, permissions. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void write_replacesTheFile_andLeavesNothingElse() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");

        AtomicFiles.write(target, temp -> Files.writeString(temp, "new"));

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void write_thatFails_leavesTheOldFile_andDeletesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");

        assertThatThrownBy(() -> AtomicFiles.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void write_givesTheFileTheUsualPermissions_notOwnerOnly() throws IOException {
        Path target = dir.resolve("a.txt");
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");

        AtomicFiles.write(target, temp -> Files.writeString(temp, "x"));

        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
    }

    @Test
    void write_deletesTemporaryFilesOfThisTargetWhoseWriterIsGone_andKeepsThoseOfLiveProcesses() throws IOException {
        Path target = dir.resolve("a.txt");
        long self = ProcessHandle.current().pid();
        // Linux caps process ids at 2^22 (pid_max), so no process has this id (the kill test uses a real one).
        long gone = 99_999_999L;
        assertThat(ProcessHandle.of(gone)).isEmpty();
        Path ofGoneWriter = Files.writeString(dir.resolve(".a.txt." + gone + ".123456789.partial"), "half");
        Path ofGoneWriterNegativeTime = Files.writeString(dir.resolve(".a.txt." + gone + ".-42.partial"), "half");
        Path ofThisProcess = Files.writeString(dir.resolve(".a.txt." + self + ".123456789.partial"), "half");
        Path ofOtherTarget = Files.writeString(dir.resolve(".b.txt." + gone + ".123456789.partial"), "half");
        Path ofLongerName = Files.writeString(dir.resolve(".a.txt.1." + gone + ".123456789.partial"), "half");
        Path notAPartialName = Files.writeString(dir.resolve(".a.txt.notes.partial"), "mine");

        AtomicFiles.write(target, temp -> Files.writeString(temp, "new"));

        assertThat(ofGoneWriter).doesNotExist();
        assertThat(ofGoneWriterNegativeTime).doesNotExist();
        assertThat(ofThisProcess).as("a live process's temporary file").exists();
        assertThat(ofOtherTarget).as("another target's").exists();
        assertThat(ofLongerName).as("target a.txt.1's").exists();
        assertThat(notAPartialName).exists();
        assertThat(Files.readString(target)).isEqualTo("new");
    }
}
