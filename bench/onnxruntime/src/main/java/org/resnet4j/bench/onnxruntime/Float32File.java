package org.resnet4j.bench.onnxruntime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the raw little-endian float32 files that {@code bench/export_onnx.py} writes (numpy's {@code tofile}: no
 * header, C order), so that no NumPy reader is needed on the Java side.
 */
final class Float32File {
    private Float32File() {
    }

    /** Every float in {@code file}; a length that is not a whole number of floats is an error. */
    static float[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length % Float.BYTES != 0) {
            throw new IOException(file + ": a float32 file expects a multiple of 4 bytes. Received: " + bytes.length
                    + " bytes");
        }
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
