package org.resnet4j.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Format-blind mutations: bit flips, bytes and whole integers set to boundary values (both byte orders), truncation,
 * deletion, duplication and insertion of byte ranges, and decimal numbers in text replaced by boundary values. What a
 * truncated download, a bad disk or a hostile file looks like.
 */
public final class ByteMutations {
    /** Boundary values for integers: zero, signs, type limits, sizes no file here can hold. */
    static final long[] INTERESTING = {0, 1, -1, 2, 3, 7, 8, 16, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF,
        0x10000, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 1L << 32, 1L << 40, 1_000_000_000_000L, Long.MAX_VALUE,
        Long.MIN_VALUE};
    /** Boundary values as decimal text, for numbers inside headers. */
    static final String[] INTERESTING_TEXT = {"0", "-1", "1", "2", "3", "65536", "2147483647", "2147483648",
        "4294967296", "9223372036854775807", "9223372036854775808", "1000000000000", "1e308", "1.5", "-0", "00"};

    private ByteMutations() {
    }

    /** Every mutation of this class. */
    public static List<Mutation> all() {
        return List.of(ByteMutations::flipBit, ByteMutations::setByte, ByteMutations::setInteger,
                ByteMutations::truncate, ByteMutations::deleteRange, ByteMutations::duplicateRange,
                ByteMutations::insertRandomBytes, ByteMutations::replaceDecimalNumber);
    }

    static byte[] flipBit(byte[] in, Random r) {
        if (in.length == 0) {
            return new byte[] {(byte) r.nextInt()};
        }
        byte[] out = in.clone();
        int at = r.nextInt(out.length);
        out[at] ^= (byte) (1 << r.nextInt(8));
        return out;
    }

    static byte[] setByte(byte[] in, Random r) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        out[r.nextInt(out.length)] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
        return out;
    }

    /** Overwrites 2, 4 or 8 bytes with a boundary value (or the file's own length), little- or big-endian. */
    static byte[] setInteger(byte[] in, Random r) {
        int width = new int[] {2, 4, 8}[r.nextInt(3)];
        if (in.length < width) {
            return in;
        }
        long value = r.nextInt(4) == 0 ? in.length + r.nextInt(3) - 1 : INTERESTING[r.nextInt(INTERESTING.length)];
        byte[] out = in.clone();
        int at = r.nextInt(in.length - width + 1);
        boolean littleEndian = r.nextBoolean();
        for (int i = 0; i < width; i++) {
            int shift = 8 * (littleEndian ? i : width - 1 - i);
            out[at + i] = (byte) (value >>> shift);
        }
        return out;
    }

    static byte[] truncate(byte[] in, Random r) {
        return in.length == 0 ? in : Arrays.copyOf(in, r.nextInt(in.length));
    }

    static byte[] deleteRange(byte[] in, Random r) {
        if (in.length < 2) {
            return in;
        }
        int from = r.nextInt(in.length);
        int length = 1 + r.nextInt(Math.min(64, in.length - from));
        byte[] out = new byte[in.length - length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, from + length, out, from, in.length - from - length);
        return out;
    }

    static byte[] duplicateRange(byte[] in, Random r) {
        if (in.length == 0) {
            return in;
        }
        int from = r.nextInt(in.length);
        int length = 1 + r.nextInt(Math.min(256, in.length - from));
        int to = r.nextInt(in.length + 1);
        return splice(in, to, Arrays.copyOfRange(in, from, from + length));
    }

    static byte[] insertRandomBytes(byte[] in, Random r) {
        byte[] inserted = new byte[1 + r.nextInt(16)];
        r.nextBytes(inserted);
        return splice(in, r.nextInt(in.length + 1), inserted);
    }

    /** Replaces one run of ASCII digits (a number in a text header) by a boundary value. */
    static byte[] replaceDecimalNumber(byte[] in, Random r) {
        int start = -1;
        int tries = 0;
        while (tries++ < 32 && in.length > 0) {
            int at = r.nextInt(in.length);
            if (isDigit(in[at])) {
                start = at;
                break;
            }
        }
        if (start < 0) {
            return in;
        }
        while (start > 0 && isDigit(in[start - 1])) {
            start--;
        }
        int end = start;
        while (end < in.length && isDigit(in[end])) {
            end++;
        }
        byte[] number = INTERESTING_TEXT[r.nextInt(INTERESTING_TEXT.length)].getBytes(StandardCharsets.US_ASCII);
        return replace(in, start, end, number);
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static byte[] splice(byte[] in, int at, byte[] inserted) {
        return replace(in, at, at, inserted);
    }

    static byte[] replace(byte[] in, int from, int to, byte[] replacement) {
        byte[] out = new byte[in.length - (to - from) + replacement.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(replacement, 0, out, from, replacement.length);
        System.arraycopy(in, to, out, from + replacement.length, in.length - to);
        return out;
    }
}
