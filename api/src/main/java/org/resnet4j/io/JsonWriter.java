package org.resnet4j.io;

import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link JsonParser} reads: {@link Map} (string keys, order kept), {@link List}, {@link String},
 * {@link Boolean}, {@code null} and numbers. Integers are written as they are; a {@code double} as the shortest text
 * that reads back to the same {@code double} ({@link Double#toString}), so every number round-trips exactly. NaN
 * and the infinities have no JSON form and are refused.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** The value on one line, without spaces: for file headers. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, false);
        return sb.toString();
    }

    /**
     * The value for people to read, one record per line: a list of objects (the layers of a model description) puts
     * each object on its own line, and so does every container around such a list, indented by two spaces per level;
     * everything else stays on one line, with a space after each comma and colon.
     */
    public static String writePretty(Object value) {
        StringBuilder sb = new StringBuilder();
        appendPretty(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void appendPretty(StringBuilder sb, Object value, int indent) {
        if (!holdsListOfObjects(value)) {
            append(sb, value, true);
            return;
        }
        String pad = "  ".repeat(indent + 1);
        if (value instanceof Map<?, ?> map) {
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(pad);
                appendString(sb, key(e.getKey()));
                sb.append(": ");
                appendPretty(sb, e.getValue(), indent + 1);
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append('}');
        } else {
            List<?> list = (List<?>) value;
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append(pad);
                appendPretty(sb, list.get(i), indent + 1);
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append(']');
        }
    }

    private static boolean holdsListOfObjects(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(JsonWriter::holdsListOfObjects);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(e -> e instanceof Map<?, ?> || holdsListOfObjects(e));
        }
        return false;
    }

    private static void append(StringBuilder sb, Object value, boolean spaced) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            appendString(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            sb.append(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            // A float is widened first: its own shortest text ("0.1") would read back as a different double.
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d);
            }
            sb.append(Double.toString(d));
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : spaced ? ", " : ",");
                appendString(sb, key(e.getKey()));
                sb.append(spaced ? ": " : ":");
                append(sb, e.getValue(), spaced);
                first = false;
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : spaced ? ", " : ",");
                append(sb, list.get(i), spaced);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("JsonWriter writes maps, lists, strings, numbers, booleans and null."
                    + " Received: " + value.getClass().getName());
        }
    }

    private static String key(Object key) {
        if (!(key instanceof String s)) {
            throw new IllegalArgumentException("JSON object keys must be strings. Received: " + key);
        }
        return s;
    }

    /** Appends {@code s} as a JSON string literal. */
    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
