package org.resnet4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file made by hand: 8-byte little-endian header length, the header text, then {@code data}. */
    private Path file(String name, long headerLength, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(headerLength).put(json).put(data);
        Path path = dir.resolve(name);
        Files.write(path, bytes.array());
        return path;
    }

    private Path file(String name, String header, byte[] data) throws IOException {
        return file(name, header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    private static byte[] littleEndian(int bytesPerValue, long... values) {
        ByteBuffer b = ByteBuffer.allocate(bytesPerValue * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (bytesPerValue) {
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    @Test
    void write_thenRead_roundTripsNamesShapesValuesOrderAndMetadata() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("z.kernel", HostTensor.of(Shape.of(2, 3), new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, 1e30f}));
        tensors.put("a.scalar", HostTensor.of(Shape.of(), new float[] {42}));
        Path path = dir.resolve("round.safetensors");

        Safetensors.write(path, tensors, Map.of("format", "pt", "note", "quote \" and \\ and \u00e9"));
        SafetensorsFile read = Safetensors.read(path);

        assertThat(read.names()).containsExactly("z.kernel", "a.scalar");
        assertThat(read.tensor("z.kernel").shape()).isEqualTo(Shape.of(2, 3));
        assertThat(read.tensor("z.kernel").data()).containsExactly(tensors.get("z.kernel").data());
        assertThat(read.tensor("a.scalar").shape().rank()).isZero();
        assertThat(read.dtype("z.kernel")).isEqualTo("F32");
        assertThat(read.metadata()).containsEntry("format", "pt").containsEntry("note", "quote \" and \\ and \u00e9");
        assertThat((Files.size(path) - 8 - read.tensors().values().stream().mapToLong(t -> 4L * t.size()).sum()) % 8)
                .as("header padded to 8 bytes").isZero();
    }

    @Test
    void readMetadata_readsOnlyTheHeader_evenWhenTheTensorDataIsCut() throws IOException {
        Path path = dir.resolve("meta.safetensors");
        Safetensors.write(path, Map.of("x", HostTensor.filled(Shape.of(1000), 2f)), Map.of("format", "resnet4j"));
        Path cut = dir.resolve("cut.safetensors");
        byte[] whole = Files.readAllBytes(path);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));

        assertThat(Safetensors.readMetadata(cut)).containsExactly(Map.entry("format", "resnet4j"));
        assertThatThrownBy(() -> Safetensors.read(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining("out of range");
        assertThat(Safetensors.readMetadata(file("none.safetensors", "{}", new byte[0]))).isEmpty();
        assertThatThrownBy(() -> Safetensors.readMetadata(file("bad.safetensors", "{\"__metadata__\":", new byte[0])))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt header");
    }

    @Test
    void read_withoutMetadata_givesEmptyMap() throws IOException {
        Path path = dir.resolve("plain.safetensors");
        Safetensors.write(path, Map.of("x", HostTensor.filled(Shape.of(3), 2f)));
        assertThat(Safetensors.read(path).metadata()).isEmpty();
    }

    @Test
    void read_f16_convertsNormalsSubnormalsAndInfinity() throws IOException {
        // 0x3C00 = 1, 0xC000 = -2, 0x3555 = 0.333251953125, 0x0001 = 2^-24, 0x7C00 = +inf, 0x7BFF = 65504,
        // 0x8000 = -0, 0xFE00 = NaN
        byte[] data = littleEndian(2, 0x3C00, 0xC000, 0x3555, 0x0001, 0x7C00, 0x7BFF, 0x8000, 0xFE00);
        Path path = file("f16.safetensors", "{\"h\":{\"dtype\":\"F16\",\"shape\":[8],\"data_offsets\":[0,16]}}", data);
        float[] values = Safetensors.read(path).tensor("h").data();
        assertThat(values).containsExactly(1f, -2f, 0.333251953125f, 0x1p-24f, Float.POSITIVE_INFINITY, 65504f,
                -0f, Float.NaN);
        assertThat(Float.floatToRawIntBits(values[6])).as("negative zero keeps its sign").isEqualTo(0x80000000);
    }

    @Test
    void read_bf16_isTheUpperHalfOfFloat32() throws IOException {
        byte[] data = littleEndian(2, 0x3F80, 0xC040, 0x4049);
        Path path = file("bf16.safetensors", "{\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,6]}}", data);
        assertThat(Safetensors.read(path).tensor("b").data())
                .containsExactly(1f, -3f, Float.intBitsToFloat(0x40490000));
    }

    @Test
    void read_f64_roundsToFloat32() throws IOException {
        byte[] data = littleEndian(8, Double.doubleToLongBits(0.1), Double.doubleToLongBits(-1e300));
        Path path = file("f64.safetensors", "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", data);
        assertThat(Safetensors.read(path).tensor("d").data()).containsExactly(0.1f, Float.NEGATIVE_INFINITY);
    }

    @Test
    void read_integers_convertExactly_andAreLeftOutOfFloatTensors() throws IOException {
        byte[] data = new byte[8 + 8 + 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 7).putLong(8, -3).putInt(16, 1 << 24);
        Path path = file("ints.safetensors", "{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[16,20]}}", data);
        SafetensorsFile read = Safetensors.read(path);
        assertThat(read.tensor("n").data()).containsExactly(7f, -3f);
        assertThat(read.tensor("i").data()).containsExactly(16777216f);
        assertThat(read.isInteger("n")).isTrue();
        assertThat(read.floatTensors()).isEmpty();
    }

    @Test
    void read_integerBeyondFloat32Precision_isRejectedNamingTheTensor() throws IOException {
        Path path = file("big.safetensors", "{\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}",
                littleEndian(8, (1L << 24) + 1));
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(IOException.class)
                .hasMessageContaining("big.safetensors").hasMessageContaining("\"n\"").hasMessageContaining("16777217");
    }

    @Test
    void read_fileShorterThanTheLengthPrefix_fails() throws IOException {
        Path path = dir.resolve("tiny.safetensors");
        Files.write(path, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(IOException.class)
                .hasMessageContaining("tiny.safetensors").hasMessageContaining("3 bytes");
    }

    @Test
    void read_headerLengthBeyondTheFile_failsBeforeAllocating() throws IOException {
        Path huge = file("huge.safetensors", Long.MAX_VALUE - 1, "{}", new byte[0]);
        assertThatThrownBy(() -> Safetensors.read(huge)).isInstanceOf(IOException.class)
                .hasMessageContaining("huge.safetensors").hasMessageContaining("exceeds the file size");
        Path negative = file("negative.safetensors", -8, "{}", new byte[0]);
        assertThatThrownBy(() -> Safetensors.read(negative)).isInstanceOf(IOException.class)
                .hasMessageContaining("exceeds the file size");
        Path truncated = file("truncated.safetensors", 100, "{\"a\":", new byte[0]);
        assertThatThrownBy(() -> Safetensors.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated.safetensors");
    }

    @Test
    void read_badJson_failsNamingTheFile() throws IOException {
        Path path = file("badjson.safetensors", "{\"x\":{\"dtype\":\"F32\",", new byte[0]);
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(IOException.class)
                .hasMessageContaining("badjson.safetensors").hasMessageContaining("corrupt header");
        Path array = file("array.safetensors", "[1,2]", new byte[0]);
        assertThatThrownBy(() -> Safetensors.read(array)).isInstanceOf(IOException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void read_offsetsBeyondTheData_failNamingTheTensor() throws IOException {
        Path path = file("range.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                new byte[12]);
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(IOException.class)
                .hasMessageContaining("range.safetensors").hasMessageContaining("\"w\"")
                .hasMessageContaining("out of range");
        Path reversed = file("reversed.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new byte[12]);
        assertThatThrownBy(() -> Safetensors.read(reversed)).isInstanceOf(IOException.class)
                .hasMessageContaining("\"w\"").hasMessageContaining("out of range");
    }

    @Test
    void read_overlappingTensors_fail() throws IOException {
        Path path = file("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(IOException.class)
                .hasMessageContaining("overlap.safetensors").hasMessageContaining("\"b\"").hasMessageContaining("\"a\"")
                .hasMessageContaining("overlap");
    }

    @Test
    void read_moreTensorsThanTheDataSectionCanHold_failsBeforeExaminingThem() throws IOException {
        // Three tensors need at least 3 * 2 bytes; the data section has 5. The entries themselves are not even valid.
        Path path = file("many.safetensors", "{\"__metadata__\":{},\"a\":1,\"b\":2,\"c\":3}", new byte[5]);

        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(IOException.class)
                .hasMessage(path + ": header lists 3 tensors, but its data section of 5 bytes can hold at most 2 "
                        + "(truncated or corrupt)");
    }

    @Test
    void read_shapeNotMatchingTheByteCount_fails() throws IOException {
        Path path = file("size.safetensors", "{\"k\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}",
                new byte[24]);
        assertThatThrownBy(() -> Safetensors.read(path)).isInstanceOf(IOException.class)
                .hasMessageContaining("\"k\"").hasMessageContaining("[2, 3]").hasMessageContaining("needs 24 bytes");
    }

    @Test
    void read_malformedEntries_failNamingTheTensor() throws IOException {
        Map<String, String> cases = Map.of(
                "{\"t\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", "unsupported dtype U8",
                "{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "dtype",
                "{\"t\":{\"dtype\":\"F32\",\"shape\":\"x\",\"data_offsets\":[0,4]}}", "shape",
                "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "data_offsets",
                "{\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", "dimension 0",
                "{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "shape",
                "{\"t\":[1]}", "entry must be an object",
                "{\"__metadata__\":{\"k\":1}}", "__metadata__");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path path = file("malformed" + i++ + ".safetensors", c.getKey(), new byte[8]);
            assertThatThrownBy(() -> Safetensors.read(path)).as(c.getKey()).isInstanceOf(IOException.class)
                    .hasMessageContaining(path.toString()).hasMessageContaining(c.getValue());
        }
    }

    @Test
    void read_everySharedTorchvisionFixture() throws IOException {
        Path fixtures = Path.of(System.getProperty("resnet4j.shared.dir", "../../shared"), "fixtures", "torchvision");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fixtures),
                "shared fixtures not found at " + fixtures);
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList()) {
                SafetensorsFile read = Safetensors.read(f);
                assertThat(read.names()).as(f.toString()).isNotEmpty();
            }
        }
        SafetensorsFile stem = Safetensors.read(fixtures.resolve("stem.weights.safetensors"));
        assertThat(stem.tensor("0.weight").shape()).isEqualTo(Shape.of(8, 3, 7, 7));
        assertThat(stem.dtype("1.num_batches_tracked")).isEqualTo("I64");
        assertThat(stem.floatTensors()).doesNotContainKey("1.num_batches_tracked").containsKey("1.running_var");
        SafetensorsFile io = Safetensors.read(fixtures.resolve("stem.io.safetensors"));
        assertThat(io.tensor("input").shape()).isEqualTo(Shape.of(2, 33, 33, 3));
        assertThat(io.metadata()).isNotEmpty();
    }
}
