package org.resnet4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
 * header length, a JSON header giving each tensor's {@code dtype}, {@code shape} and {@code data_offsets}
 * (relative to the end of the header) plus an optional {@code __metadata__} string map, then raw
 * little-endian data.
 *
 * <p>Reading is strict: a truncated or corrupt file fails with an {@link IOException} that names the file and,
 * where it applies, the tensor; sizes are checked against the file size before anything is allocated. Tensor
 * data is memory-mapped tensor by tensor, so large files are never read into one array. F32 is read as is;
 * F16, BF16 and F64 are converted to float32; I64 and I32 are converted exactly (see {@link SafetensorsFile}).
 * Writing produces F32 tensors.
 */
public final class Safetensors {
    /** The reference implementation refuses headers above 100 MB; so do we, before allocating. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final String METADATA_KEY = "__metadata__";
    /** The size of the smallest element type read (F16, BF16). */
    static final int SMALLEST_ELEMENT_BYTES = 2;
    /** Integers up to this magnitude are exactly representable in float32. */
    private static final long MAX_EXACT_INT = 1L << 24;

    private Safetensors() {
    }

    /** Reads every tensor of {@code file}. */
    public static SafetensorsFile read(Path file) throws IOException {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(channel, source);
            checkTensorCount(header, source);
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, Object> e : header.fields.entrySet()) {
                if (!e.getKey().equals(METADATA_KEY)) {
                    entries.add(parseEntry(e.getKey(), e.getValue(), header.dataSize, source));
                }
            }
            checkNoOverlap(entries, source);

            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            Map<String, String> dtypes = new LinkedHashMap<>();
            for (Entry entry : entries) {
                ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, header.dataStart + entry.begin,
                        entry.end - entry.begin).order(ByteOrder.LITTLE_ENDIAN);
                tensors.put(entry.name, HostTensor.of(entry.shape, decode(entry, bytes, source)));
                dtypes.put(entry.name, entry.dtype.name());
            }
            return new SafetensorsFile(source, tensors, dtypes, header.metadata);
        }
    }

    /**
     * The {@code __metadata__} map of {@code file} (empty when it has none), reading only the header: cheap even for
     * a large file. The header must be a valid safetensors header; tensor entries are not checked.
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(channel, file.toString()).metadata;
        }
    }

    /** The parsed JSON header, its metadata, and where the data section starts and how long it is. */
    private record Header(Map<String, Object> fields, Map<String, String> metadata, long dataStart, long dataSize) {
    }

    private static Header readHeader(FileChannel channel, String source) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new IOException(source + ": not a safetensors file: " + fileSize
                    + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0, source);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength < 0 || headerLength > fileSize - 8) {
            throw new IOException(source + ": header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the file size " + fileSize + " (truncated or not a safetensors file)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new IOException(source + ": header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8, source);
        Map<String, Object> fields = parseHeader(headerBytes, source);
        Map<String, String> metadata = fields.containsKey(METADATA_KEY)
                ? parseMetadata(fields.get(METADATA_KEY), source) : new LinkedHashMap<>();
        long dataStart = 8 + headerLength;
        return new Header(fields, metadata, dataStart, fileSize - dataStart);
    }

    /**
     * Every tensor has at least one element of at least {@value #SMALLEST_ELEMENT_BYTES} bytes and no two overlap, so
     * the data section bounds how many tensors the file can hold: a header listing more is refused before any entry is
     * examined.
     */
    private static void checkTensorCount(Header header, String source) throws IOException {
        long tensors = header.fields.size() - (header.fields.containsKey(METADATA_KEY) ? 1 : 0);
        long most = header.dataSize / SMALLEST_ELEMENT_BYTES;
        if (tensors > most) {
            throw new IOException(source + ": header lists " + tensors + " tensors, but its data section of "
                    + header.dataSize + " bytes can hold at most " + most + " (truncated or corrupt)");
        }
    }

    /** Writes {@code tensors} as F32 in map order, with {@code metadata} (may be empty) as {@code __metadata__}. */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        boolean first = true;
        if (metadata != null && !metadata.isEmpty()) {
            json.append(quote(METADATA_KEY)).append(":{");
            boolean firstMeta = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                json.append(firstMeta ? "" : ",").append(quote(m.getKey())).append(':').append(quote(m.getValue()));
                firstMeta = false;
            }
            json.append('}');
            first = false;
        }
        for (Map.Entry<String, HostTensor> t : tensors.entrySet()) {
            if (t.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("A tensor may not be named " + METADATA_KEY);
            }
            long bytes = 4L * t.getValue().size();
            json.append(first ? "" : ",").append(quote(t.getKey())).append(":{\"dtype\":\"F32\",\"shape\":")
                    .append(t.getValue().shape()).append(",\"data_offsets\":[").append(offset).append(',')
                    .append(offset + bytes).append("]}");
            offset += bytes;
            first = false;
        }
        json.append('}');
        // Pad with spaces so that the data starts 8-byte aligned, as the reference writer does.
        while ((json.toString().getBytes(StandardCharsets.UTF_8).length) % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeFully(channel, prefix);
            writeFully(channel, ByteBuffer.wrap(header));
            for (HostTensor t : tensors.values()) {
                ByteBuffer data = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(t.data());
                writeFully(channel, data);
            }
        }
    }

    /** Writes {@code tensors} without metadata. */
    public static void write(Path file, Map<String, HostTensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    private record Entry(String name, SafetensorsDType dtype, Shape shape, long begin, long end) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseHeader(ByteBuffer headerBytes, String source) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headerBytes.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(source + ": header is not valid UTF-8", e);
        }
        Object parsed;
        try {
            parsed = JsonParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": corrupt header: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map)) {
            throw new IOException(source + ": header must be a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    private static Map<String, String> parseMetadata(Object value, String source) throws IOException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException(source + ": " + METADATA_KEY + " must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IOException(source + ": " + METADATA_KEY + " value of \"" + e.getKey()
                        + "\" must be a string. Received: " + e.getValue());
            }
            metadata.put((String) e.getKey(), s);
        }
        return metadata;
    }

    private static Entry parseEntry(String name, Object value, long dataSize, String source) throws IOException {
        String where = source + ": tensor \"" + name + "\"";
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException(where + ": entry must be an object with dtype, shape and data_offsets");
        }
        if (!(map.get("dtype") instanceof String dtypeName)) {
            throw new IOException(where + ": missing or non-string dtype");
        }
        SafetensorsDType dtype = SafetensorsDType.fromName(dtypeName);
        if (dtype == null) {
            throw new IOException(where + ": unsupported dtype " + dtypeName + ". Supported: "
                    + List.of(SafetensorsDType.values()));
        }
        long[] dims = longArray(map.get("shape"), where, "shape", -1);
        long[] offsets = longArray(map.get("data_offsets"), where, "data_offsets", 2);
        long count = 1;
        int[] intDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IOException(where + ": unsupported dimension " + dims[i] + " in shape "
                        + java.util.Arrays.toString(dims) + " (every dimension must be positive)");
            }
            intDims[i] = (int) dims[i];
            count = Math.multiplyExact(count, dims[i]);
            if (count > Integer.MAX_VALUE - 8) {
                throw new IOException(where + ": shape " + java.util.Arrays.toString(dims)
                        + " has more elements than a Java array can hold");
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataSize) {
            throw new IOException(where + ": data_offsets [" + begin + ", " + end
                    + "] out of range: the data section has " + dataSize + " bytes");
        }
        long expected = count * dtype.byteSize();
        if (end - begin != expected) {
            throw new IOException(where + ": shape " + java.util.Arrays.toString(dims) + " of " + dtypeName
                    + " needs " + expected + " bytes but data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin));
        }
        return new Entry(name, dtype, Shape.of(intDims), begin, end);
    }

    private static long[] longArray(Object value, String where, String field, int requiredLength)
            throws IOException {
        if (!(value instanceof List<?> list) || (requiredLength >= 0 && list.size() != requiredLength)) {
            throw new IOException(where + ": " + field + " must be an array of "
                    + (requiredLength >= 0 ? requiredLength + " " : "") + "integers. Received: " + value);
        }
        long[] result = new long[list.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(list.get(i) instanceof Long l)) {
                throw new IOException(where + ": " + field + " must hold integers. Received: " + value);
            }
            result[i] = l;
        }
        return result;
    }

    private static void checkNoOverlap(List<Entry> entries, String source) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < sorted.size(); i++) {
            Entry previous = sorted.get(i - 1);
            Entry current = sorted.get(i);
            if (current.begin < previous.end) {
                throw new IOException(source + ": tensor \"" + current.name + "\" data_offsets [" + current.begin
                        + ", " + current.end + "] overlap tensor \"" + previous.name + "\" [" + previous.begin
                        + ", " + previous.end + "]");
            }
        }
    }

    private static float[] decode(Entry entry, ByteBuffer bytes, String source) throws IOException {
        int n = entry.shape.size();
        float[] out = new float[n];
        switch (entry.dtype) {
            case F32 -> bytes.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) bytes.getDouble(8 * i);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.halfToFloat(bytes.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((bytes.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = exactInteger(bytes.getLong(8 * i), entry, source);
                }
            }
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = exactInteger(bytes.getInt(4 * i), entry, source);
                }
            }
            default -> throw new IllegalStateException("unhandled dtype " + entry.dtype);
        }
        return out;
    }

    private static float exactInteger(long value, Entry entry, String source) throws IOException {
        if (Math.abs(value) > MAX_EXACT_INT) {
            throw new IOException(source + ": tensor \"" + entry.name + "\" (" + entry.dtype + ") holds " + value
                    + ", which float32 cannot represent exactly (limit 2^24)");
        }
        return value;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, String source)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException(source + ": unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.appendString(sb, s);
        return sb.toString();
    }
}
