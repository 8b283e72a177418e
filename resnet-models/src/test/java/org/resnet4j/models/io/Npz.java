package org.resnet4j.models.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** Test-only reader of numpy {@code .npz} archives of little-endian float32 C-order arrays (expected values). */
final class Npz {
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    static Map<String, HostTensor> read(InputStream in) throws IOException {
        Map<String, HostTensor> result = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().replaceFirst("\\.npy$", "");
                result.put(name, npy(zip.readAllBytes(), name));
            }
        }
        return result;
    }

    private static HostTensor npy(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(bytes, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException(name + ": only C-order <f4 arrays. Header: " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": no shape in header " + header);
        }
        int[] dims = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        Shape shape = Shape.of(dims);
        float[] data = new float[shape.size()];
        b.position(headerStart + headerLength);
        b.asFloatBuffer().get(data);
        return HostTensor.of(shape, data);
    }
}
