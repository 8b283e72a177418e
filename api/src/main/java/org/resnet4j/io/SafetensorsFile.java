package org.resnet4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resnet4j.tensor.HostTensor;

/**
 * The contents of a safetensors file as read by {@link Safetensors#read}: every tensor converted to float32,
 * in file order, the element type each had in the file, and the {@code __metadata__} map.
 *
 * <p>Integer tensors (I64, I32) are converted to float32 too, exactly (values beyond 2^24 in magnitude are
 * rejected rather than rounded). Weight importers usually want {@link #floatTensors()}, which leaves them out:
 * torchvision's BatchNorm counter {@code num_batches_tracked} is such an I64 scalar and is not a weight.
 */
public final class SafetensorsFile {
    private final String source;
    private final Map<String, HostTensor> tensors;
    private final Map<String, String> dtypes;
    private final Map<String, String> metadata;

    SafetensorsFile(String source, Map<String, HostTensor> tensors, Map<String, String> dtypes,
                    Map<String, String> metadata) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.dtypes = Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The file this was read from, for messages. */
    public String source() {
        return source;
    }

    /** Tensor names in file order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** Whether the file holds a tensor of that name. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor, converted to float32; throws naming the file and the available names if absent. */
    public HostTensor tensor(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("No tensor \"" + name + "\" in " + source + ". Available: "
                    + List.copyOf(tensors.keySet()));
        }
        return t;
    }

    /** The element type the tensor had in the file: {@code "F32"}, {@code "F16"}, {@code "BF16"}, {@code "F64"},
     * {@code "I64"} or {@code "I32"}. */
    public String dtype(String name) {
        tensor(name);
        return dtypes.get(name);
    }

    /** Whether the tensor was stored as an integer type (I64, I32). */
    public boolean isInteger(String name) {
        return dtype(name).startsWith("I");
    }

    /** Every tensor, float32, in file order (integer tensors included, converted). */
    public Map<String, HostTensor> tensors() {
        return tensors;
    }

    /** The tensors stored as floating-point types only, in file order: what a weight importer wants. */
    public Map<String, HostTensor> floatTensors() {
        Map<String, HostTensor> floats = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (!dtypes.get(name).startsWith("I")) {
                floats.put(name, t);
            }
        });
        return Collections.unmodifiableMap(floats);
    }

    /** The {@code __metadata__} string map; empty when the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "SafetensorsFile(" + source + ", " + tensors.size() + " tensors)";
    }
}
