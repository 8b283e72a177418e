package org.resnet4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar archive member by member (POSIX ustar headers, with GNU long names and pax paths), enough for
 * {@code cifar-10-binary.tar.gz}: each 512-byte header gives a member's name and size, its data follows padded to
 * 512 bytes, and two zero blocks end the archive.
 */
final class TarReader {
    private static final int BLOCK = 512;

    private final DataFiles.Opened in;
    private final String archive;
    private long unread;
    private long padding;

    /** A reader over the (decompressed) content of {@code in}. */
    TarReader(DataFiles.Opened in) {
        this.in = in;
        this.archive = String.valueOf(in.file());
    }

    /**
     * One member.
     *
     * @param name    the path inside the archive
     * @param size    its size in bytes
     * @param regular whether it is a regular file (not a folder or a link)
     */
    record Entry(String name, long size, boolean regular) {
    }

    /** The archive, as messages name it. */
    String archive() {
        return archive;
    }

    /** The most bytes a member can have: what the archive file can hold. */
    long maxMemberBytes() {
        return in.maxContentBytes();
    }

    /** The next member, skipping what is left of the current one; {@code null} at the end of the archive. */
    Entry next() throws IOException {
        skip(unread + padding);
        unread = 0;
        padding = 0;
        String longName = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            int got = readFully(header);
            if (got == 0 || (got == BLOCK && isZero(header))) {
                return null;
            }
            if (got < BLOCK) {
                throw new DataFileException(archive, "truncated tar archive: expected a 512-byte header, received: "
                        + got + " bytes");
            }
            checkChecksum(header);
            long size = parseSize(header);
            char type = (char) header[156];
            if (type == 'L' || type == 'x') {
                // A GNU long name or a pax header: its data names the member that follows.
                String text = readText(size);
                String name = type == 'L' ? text : paxPath(text);
                longName = name != null ? name : longName;
                continue;
            }
            if (type == 'g') {
                readText(size);
                continue;
            }
            String name = longName != null ? longName : headerName(header);
            unread = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            return new Entry(name, size, type == '0' || type == 0 || type == '7');
        }
    }

    /** Reads up to {@code length} bytes of the current member into {@code target}, fewer only at its end. */
    int read(byte[] target, int offset, int length) throws IOException {
        int total = in.read(target, offset, (int) Math.min(length, unread));
        unread -= total;
        return total;
    }

    private String readText(long size) throws IOException {
        if (size > 1 << 20) {
            throw new DataFileException(archive, "expected a tar name header of at most 1 MiB. Received: " + size
                    + " bytes");
        }
        byte[] data = new byte[(int) size];
        int got = readFully(data);
        if (got < size) {
            throw new DataFileException(archive, "truncated tar archive: expected " + size + " bytes of a name "
                    + "header, received: " + got);
        }
        skip((BLOCK - size % BLOCK) % BLOCK);
        String text = new String(data, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        return nul >= 0 ? text.substring(0, nul) : text.strip();
    }

    /** The {@code path} of a pax header ({@code "LENGTH path=VALUE\n"} records), or {@code null}. */
    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String headerName(byte[] header) {
        String name = field(header, 0, 100);
        boolean ustar = field(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private long parseSize(byte[] header) throws DataFileException {
        if ((header[124] & 0x80) != 0) {
            throw new DataFileException(archive, "expected tar member sizes in octal. Received: a base-256 size "
                    + "(a member over 8 GiB)");
        }
        String octal = field(header, 124, 12).trim();
        try {
            return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new DataFileException(archive, "expected an octal member size in the tar header. Received: \""
                    + octal + "\"");
        }
    }

    private void checkChecksum(byte[] header) throws DataFileException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        String stored = field(header, 148, 8).trim();
        long expected;
        try {
            expected = Long.parseLong(stored, 8);
        } catch (NumberFormatException e) {
            throw new DataFileException(archive, "not a tar archive: expected an octal header checksum. Received: \""
                    + stored + "\"");
        }
        if (expected != sum) {
            throw new DataFileException(archive, "not a tar archive (or corrupt): header checksum " + expected
                    + ", computed " + sum);
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private int readFully(byte[] target) throws IOException {
        return in.read(target, 0, target.length);
    }

    private void skip(long count) throws IOException {
        byte[] sink = new byte[(int) Math.min(count, 1 << 16)];
        long left = count;
        while (left > 0) {
            int want = (int) Math.min(left, sink.length);
            int n = in.read(sink, 0, want);
            left -= n;
            if (n < want) {
                throw new DataFileException(archive, "truncated tar archive: " + left + " bytes missing at its end");
            }
        }
    }
}
