package org.resnet4j.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening a data file plain or gzip-compressed (told apart by its first two bytes, never by its name) and reading it
 * with the bounds that let a reader refuse a header that claims more than the file can hold before it allocates.
 */
final class DataFiles {
    /**
     * Deflate, gzip's compression, writes at least about one bit for each 258 bytes repeated, so a gzip file never
     * holds more than 1032 times its own size: a bound on the content that needs no decompression.
     */
    static final long DEFLATE_MAX_RATIO = 1032;

    /** Java arrays stop a little short of {@code Integer.MAX_VALUE} elements. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private static final int BUFFER = 1 << 16;

    private DataFiles() {
    }

    /** Opens {@code file}, decompressing it when it starts with gzip's bytes {@code 1f 8b}. */
    static Opened open(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            boolean gzip = first == 0x1f && second == 0x8b;
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
            return new Opened(file, in, gzip, size);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new DataFileException(file, "not a valid gzip file (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * An open data file.
     *
     * @param file     the path, for messages
     * @param in       the content, decompressed when the file is gzip
     * @param gzip     whether the file is gzip-compressed
     * @param fileSize the size of the file on disk
     */
    record Opened(Path file, InputStream in, boolean gzip, long fileSize) implements Closeable {
        /** The most bytes of content the file can hold: its size, or deflate's bound for gzip. */
        long maxContentBytes() {
            return gzip ? fileSize * DEFLATE_MAX_RATIO : fileSize;
        }

        /**
         * Reads up to {@code length} bytes into {@code target}, fewer only at the end of the content; a gzip stream
         * cut short counts as the end, so the caller reports the truncation with the number of bytes it received.
         */
        int read(byte[] target, int offset, int length) throws IOException {
            int total = 0;
            try {
                while (total < length) {
                    int n = in.read(target, offset + total, length - total);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
            } catch (EOFException e) {
                return total;
            } catch (ZipException e) {
                throw new DataFileException(file, "not a valid gzip file (" + e.getMessage() + ")");
            }
            return total;
        }

        /** {@code " after gunzip"} for gzip files, so a byte count says which bytes it counts. */
        String contentWord() {
            return gzip ? " after gunzip" : "";
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
