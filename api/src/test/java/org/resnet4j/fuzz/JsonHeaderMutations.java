package org.resnet4j.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutations that know the safetensors framing (an 8-byte little-endian header length, a JSON header, the data): they
 * change the header's text (numbers to boundary values, strings swapped with each other or with dtype and key names,
 * spans deleted or repeated, JSON punctuation inserted) and usually write the new header length, so that the
 * mutant gets past the framing to the checks of shapes, dtypes, offsets and, for ResNet4J model files, the model
 * description inside the metadata. Inputs that are not framed that way are returned unchanged.
 */
public final class JsonHeaderMutations {
    private static final String[] WORDS = {"\"F32\"", "\"F16\"", "\"BF16\"", "\"F64\"", "\"I64\"", "\"I32\"",
        "\"U8\"", "\"BOOL\"", "\"__metadata__\"", "\"dtype\"", "\"shape\"", "\"data_offsets\"", "[]", "{}", "null",
        "[0,0]", "[1]", "[]", "\"\""};
    private static final String PUNCTUATION = "{}[],:\"\\ 0-.e";

    private JsonHeaderMutations() {
    }

    /** Every header mutation, each applied inside the framing, plus a cut of the data section. */
    public static List<Mutation> all() {
        List<Mutation> all = new ArrayList<>();
        for (Mutation text : List.<Mutation>of(ByteMutations::replaceDecimalNumber, JsonHeaderMutations::swapStrings,
                JsonHeaderMutations::insertWord, ByteMutations::deleteRange, ByteMutations::duplicateRange,
                JsonHeaderMutations::insertPunctuation)) {
            all.add(inHeader(text));
        }
        all.add(JsonHeaderMutations::cutData);
        return all;
    }

    /** Applies {@code text} to the header alone; nine times in ten the length prefix is rewritten to match. */
    public static Mutation inHeader(Mutation text) {
        return (in, r) -> {
            Framed f = Framed.of(in);
            if (f == null) {
                return in;
            }
            byte[] header = text.apply(f.header, r);
            return f.with(header, r.nextInt(10) != 0);
        };
    }

    static byte[] cutData(byte[] in, Random r) {
        Framed f = Framed.of(in);
        if (f == null || f.data.length == 0) {
            return in;
        }
        byte[] data = java.util.Arrays.copyOf(f.data, r.nextInt(f.data.length));
        return new Framed(f.length, f.header, data).with(f.header, true);
    }

    /** Puts one quoted string of the header (or a dtype or key name) in the place of another. */
    static byte[] swapStrings(byte[] header, Random r) {
        List<int[]> strings = quotedStrings(header);
        if (strings.isEmpty()) {
            return header;
        }
        int[] target = strings.get(r.nextInt(strings.size()));
        byte[] replacement;
        if (r.nextBoolean()) {
            int[] source = strings.get(r.nextInt(strings.size()));
            replacement = java.util.Arrays.copyOfRange(header, source[0], source[1]);
        } else {
            replacement = WORDS[r.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
        }
        return ByteMutations.replace(header, target[0], target[1], replacement);
    }

    static byte[] insertWord(byte[] header, Random r) {
        byte[] word = WORDS[r.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
        return ByteMutations.splice(header, r.nextInt(header.length + 1), word);
    }

    static byte[] insertPunctuation(byte[] header, Random r) {
        byte[] c = {(byte) PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()))};
        return ByteMutations.splice(header, r.nextInt(header.length + 1), c);
    }

    /** [start, end) of every unescaped double-quoted string, quotes included. */
    private static List<int[]> quotedStrings(byte[] text) {
        List<int[]> spans = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\\') {
                i++;
            } else if (text[i] == '"') {
                if (start < 0) {
                    start = i;
                } else {
                    spans.add(new int[] {start, i + 1});
                    start = -1;
                }
            }
        }
        return spans;
    }

    /** A safetensors file cut into its three parts. */
    private record Framed(long length, byte[] header, byte[] data) {
        static Framed of(byte[] in) {
            if (in.length < 8) {
                return null;
            }
            long length = ByteBuffer.wrap(in, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (length < 0 || length > in.length - 8) {
                return null;
            }
            byte[] header = java.util.Arrays.copyOfRange(in, 8, 8 + (int) length);
            byte[] data = java.util.Arrays.copyOfRange(in, 8 + (int) length, in.length);
            return new Framed(length, header, data);
        }

        byte[] with(byte[] newHeader, boolean rewriteLength) {
            ByteBuffer out = ByteBuffer.allocate(8 + newHeader.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(rewriteLength ? newHeader.length : length).put(newHeader).put(data);
            return out.array();
        }
    }
}
