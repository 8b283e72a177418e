package org.resnet4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.resnet4j.ops.Padding;

/**
 * The settings of one layer as a model description holds them (Keras' {@code get_config()}): the layer's name, its
 * type and a map of JSON values, read back through typed getters. A getter's error names the layer, the setting,
 * what was expected and what was received. The config remembers which settings were read, so that
 * {@link #requireAllRead()} can refuse a setting no factory asked for (a misspelling, or a feature this version of
 * ResNet4J does not have) instead of silently ignoring it.
 *
 * <p>Values are those of a parsed JSON document: {@link Number} (integers as {@link Long} or {@link Integer}),
 * {@link String}, {@link Boolean}, {@link List} and {@link Map}. Paddings are written by {@link #paddingValue}.
 */
public final class LayerConfig {
    private final String layerName;
    private final String typeName;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();

    /** The settings {@code values} of layer {@code layerName} of type {@code typeName}. */
    public LayerConfig(String layerName, String typeName, Map<String, ?> values) {
        this.layerName = layerName;
        this.typeName = typeName;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The name the rebuilt layer must have. */
    public String layerName() {
        return layerName;
    }

    /** The layer type, for example {@code "Conv2D"}. */
    public String typeName() {
        return typeName;
    }

    /** Every setting, as given. */
    public Map<String, Object> values() {
        return values;
    }

    /** An integer setting (a JSON number without fraction that fits an {@code int}). */
    public int integer(String key) {
        Object v = get(key);
        if ((v instanceof Long || v instanceof Integer) && ((Number) v).longValue() == ((Number) v).intValue()) {
            return ((Number) v).intValue();
        }
        throw expected(key, "an integer", v);
    }

    /** A setting of exactly {@code count} integers, such as a {@code [height, width]} pair. */
    public int[] integers(String key, int count) {
        Object v = get(key);
        if (!(v instanceof List<?> list) || list.size() != count) {
            throw expected(key, "a list of " + count + " integers", v);
        }
        return toInts(key, list, v);
    }

    /** A setting that is a list of any number of integers. */
    public int[] integers(String key) {
        Object v = get(key);
        if (!(v instanceof List<?> list)) {
            throw expected(key, "a list of integers", v);
        }
        return toInts(key, list, v);
    }

    private int[] toInts(String key, List<?> list, Object whole) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object e = list.get(i);
            if (!(e instanceof Long || e instanceof Integer) || ((Number) e).longValue() != ((Number) e).intValue()) {
                throw expected(key, "a list of integers", whole);
            }
            out[i] = ((Number) e).intValue();
        }
        return out;
    }

    /** A number setting, integral or not. */
    public double number(String key) {
        Object v = get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw expected(key, "a number", v);
    }

    /** A {@code true}/{@code false} setting. */
    public boolean flag(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw expected(key, "true or false", v);
    }

    /** A string setting. */
    public String string(String key) {
        Object v = get(key);
        if (v instanceof String s) {
            return s;
        }
        throw expected(key, "a string", v);
    }

    /**
     * A padding written by {@link #paddingValue}: {@code "valid"}, {@code "same"} or
     * {@code [[top, bottom], [left, right]]}.
     */
    public Padding padding(String key) {
        Object v = get(key);
        if ("valid".equals(v)) {
            return Padding.VALID;
        }
        if ("same".equals(v)) {
            return Padding.SAME;
        }
        return explicit(key, v, "\"valid\", \"same\" or [[top, bottom], [left, right]]");
    }

    /** Explicit padding amounts {@code [[top, bottom], [left, right]]}. */
    public Padding.Explicit explicitPadding(String key) {
        return explicit(key, get(key), "[[top, bottom], [left, right]]");
    }

    private Padding.Explicit explicit(String key, Object v, String expectation) {
        if (v instanceof List<?> rows && rows.size() == 2 && rows.get(0) instanceof List<?> vertical
                && rows.get(1) instanceof List<?> horizontal && vertical.size() == 2 && horizontal.size() == 2) {
            int[] tb = toIntsOrNull(vertical);
            int[] lr = toIntsOrNull(horizontal);
            if (tb != null && lr != null && tb[0] >= 0 && tb[1] >= 0 && lr[0] >= 0 && lr[1] >= 0) {
                return Padding.explicit(tb[0], tb[1], lr[0], lr[1]);
            }
        }
        throw expected(key, expectation + " with non-negative integers", v);
    }

    private static int[] toIntsOrNull(List<?> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object e = list.get(i);
            if (!(e instanceof Long || e instanceof Integer) || ((Number) e).longValue() != ((Number) e).intValue()) {
                return null;
            }
            out[i] = ((Number) e).intValue();
        }
        return out;
    }

    /** How {@link #padding} expects a padding to be written: Keras' words, or the explicit amounts per side. */
    public static Object paddingValue(Padding padding) {
        if (padding instanceof Padding.Valid) {
            return "valid";
        }
        if (padding instanceof Padding.Same) {
            return "same";
        }
        Padding.Explicit e = (Padding.Explicit) padding;
        return List.of(List.of(e.top(), e.bottom()), List.of(e.left(), e.right()));
    }

    /**
     * An ordered settings map from alternating keys and values, for {@link Layer#config()}:
     * {@code settings("filters", 64, "use_bias", true)}.
     */
    public static Map<String, Object> settings(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("settings expects keys and values in pairs. Received: "
                    + keysAndValues.length + " arguments");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Two integers as a JSON list, for {@code [height, width]} settings. */
    public static List<Integer> pair(int first, int second) {
        return List.of(first, second);
    }

    /** The settings present but never read. */
    public Set<String> unreadKeys() {
        Set<String> unread = new TreeSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    /** Throws naming the layer and every setting that was given but never read. */
    public void requireAllRead() {
        Set<String> unread = unreadKeys();
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException(where() + " has unknown setting" + (unread.size() == 1 ? " " : "s ")
                    + quoted(unread) + ". Known settings: " + quoted(read));
        }
    }

    private Object get(String key) {
        read.add(key);
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(where() + " expects setting \"" + key + "\". Received: settings "
                    + quoted(values.keySet()));
        }
        return values.get(key);
    }

    private IllegalArgumentException expected(String key, String what, Object received) {
        return new IllegalArgumentException(where() + " setting \"" + key + "\" expects " + what + ". Received: "
                + show(received));
    }

    private String where() {
        return "Layer \"" + layerName + "\" (" + typeName + ")";
    }

    private static String quoted(Iterable<String> keys) {
        List<String> q = new ArrayList<>();
        keys.forEach(k -> q.add("\"" + k + "\""));
        return q.toString();
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}
