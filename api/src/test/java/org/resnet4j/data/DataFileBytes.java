package org.resnet4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small data files written byte by byte for the tests: IDX, CIFAR-10 records, gzip and ustar archives. */
final class DataFileBytes {
    private DataFileBytes() {
    }

    /** An IDX image file: magic, count, rows, cols, then {@code pixels}. */
    static byte[] idxImages(int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(0x00000803).putInt(count).putInt(rows).putInt(cols)
                .put(pixels).array();
    }

    /** An IDX label file: magic, count, then {@code labels}. */
    static byte[] idxLabels(int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(0x00000801).putInt(count).put(labels).array();
    }

    /** Bytes of the given small ints. */
    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    /** {@code content} gzip-compressed. */
    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first {@code length} bytes. */
    static byte[] head(byte[] content, int length) {
        return Arrays.copyOf(content, length);
    }

    /**
     * One CIFAR-10 record per label: the label byte, then the red, green and blue 32x32 planes, where every pixel of
     * record {@code r}, plane {@code c}, row {@code y}, column {@code x} is {@code pixel(r, c, y, x)}.
     */
    static byte[] cifarRecords(int... labels) {
        byte[] data = new byte[labels.length * 3073];
        for (int r = 0; r < labels.length; r++) {
            data[r * 3073] = (byte) labels[r];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        data[r * 3073 + 1 + c * 1024 + y * 32 + x] = (byte) cifarPixel(r, c, y, x);
                    }
                }
            }
        }
        return data;
    }

    /** The byte value of a generated CIFAR-10 pixel: different in each record, channel, row and column. */
    static int cifarPixel(int record, int channel, int y, int x) {
        return (record * 61 + channel * 97 + y * 7 + x * 3) & 0xff;
    }

    /**
     * A ustar archive of the given members, written field by field as POSIX describes it, each padded to 512 bytes,
     * closed by two zero blocks.
     */
    static byte[] tar(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            out.writeBytes(tarHeader(member.getKey(), member.getValue().length, '0'));
            out.writeBytes(member.getValue());
            out.writeBytes(new byte[(512 - member.getValue().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** One ustar header block. */
    static byte[] tarHeader(String name, long size, char type) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, "00000000000");
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] target, int offset, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, target, offset, ascii.length);
    }
}
