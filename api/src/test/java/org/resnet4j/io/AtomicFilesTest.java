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
}
