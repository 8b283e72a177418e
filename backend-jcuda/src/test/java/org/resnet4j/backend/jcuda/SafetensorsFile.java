package org.resnet4j.backend.jcuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** Test helper: reads the F32 tensors of a safetensors file from the test classpath (other dtypes are skipped). */
final class SafetensorsFile {
    private static final Pattern ENTRY = Pattern.compile(
            "\"([^\"]+)\":\\{\"dtype\":\"([A-Z0-9]+)\",\"shape\":\\[([0-9,]*)\\],\"data_offsets\":\\[(\\d+),(\\d+)\\]\\}");

    private SafetensorsFile() {
    }

    static Map<String, HostTensor> read(String resource) throws IOException {
        byte[] bytes;
        try (InputStream in = SafetensorsFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong(0);
        String header = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
        int dataStart = 8 + headerLength;
        Map<String, HostTensor> out = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(header);
        while (m.find()) {
            if (!m.group(2).equals("F32")) {
                continue;
            }
            String[] parts = m.group(3).isEmpty() ? new String[0] : m.group(3).split(",");
            int[] dims = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Integer.parseInt(parts[i]);
            }
            int start = Integer.parseInt(m.group(4));
            float[] data = new float[(Integer.parseInt(m.group(5)) - start) / 4];
            for (int i = 0; i < data.length; i++) {
                data[i] = b.getFloat(dataStart + start + 4 * i);
            }
            out.put(m.group(1), HostTensor.of(Shape.of(dims), data));
        }
        return out;
    }
}
