package org.resnet4j.bench.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw float32 files of bench/export_onnx.py are read little-endian, whole floats only. */
class Float32FileTest {
    @TempDir
    Path dir;

    @Test
    void read_littleEndianBytes_givesTheFloats() throws IOException {
        // 1.0f is 0x3F800000 and -2.5f is 0xC0200000; little-endian puts the low byte first.
        Path file = Files.write(dir.resolve("x.f32"),
                new byte[] {0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x20, (byte) 0xC0});
        assertThat(Float32File.read(file)).containsExactly(1.0f, -2.5f);
    }

    @Test
    void read_aPartialFloat_isAnErrorThatNamesTheFile() throws IOException {
        Path file = Files.write(dir.resolve("broken.f32"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> Float32File.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("broken.f32").hasMessageEndingWith("Received: 5 bytes");
    }
}
