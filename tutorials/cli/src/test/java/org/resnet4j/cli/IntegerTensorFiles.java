package org.resnet4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a safetensors file holding one integer tensor, as PyTorch's {@code save_file({"labels": torch.tensor([...])})}
 * does (the api's writer writes F32 only): the 8-byte header length, the JSON header padded with spaces to a
 * multiple of 8, then the little-endian values.
 */
final class IntegerTensorFiles {
    private IntegerTensorFiles() {
    }

    /** {@code values} as an {@code I64} tensor of shape {@code [values.length]}. */
    static Path int64(Path file, String name, long... values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            data.putLong(v);
        }
        return write(file, name, "I64", "[" + values.length + "]", data.array());
    }

    /** {@code values} as an {@code I32} tensor of shape {@code [values.length]}. */
    static Path int32(Path file, String name, int... values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        return write(file, name, "I32", "[" + values.length + "]", data.array());
    }

    /** {@code values} as an {@code I64} tensor of the given shape (for labels of the wrong rank). */
    static Path int64(Path file, String name, int[] shape, long... values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            data.putLong(v);
        }
        return write(file, name, "I64", java.util.Arrays.toString(shape).replace(" ", ""), data.array());
    }

    private static Path write(Path file, String name, String dtype, String shape, byte[] data) throws IOException {
        StringBuilder header = new StringBuilder("{\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                + ",\"data_offsets\":[0," + data.length + "]}}");
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(data);
        Files.write(file, out.array());
        return file;
    }
}
