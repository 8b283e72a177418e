package org.resnet4j.nn;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The layer types a model description may name, each with the {@link LayerFactory} that rebuilds it. Immutable;
 * {@link #builtIn()} knows every layer of this package, {@link #with} adds a custom one. Inputs
 * ({@code InputLayer}) are not layers built by a factory: a description's reader makes them with
 * {@link Input#fromConfig}.
 */
public final class LayerTypes {
    private final Map<String, LayerFactory> factories;

    private LayerTypes(Map<String, LayerFactory> factories) {
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
    }

    /** Every layer type of {@code org.resnet4j.nn}. */
    public static LayerTypes builtIn() {
        Map<String, LayerFactory> f = new TreeMap<>();
        f.put("Activation", Activation::fromConfig);
        f.put("Add", Add::fromConfig);
        f.put("AveragePooling2D", AveragePooling2D::fromConfig);
        f.put("BatchNormalization", BatchNormalization::fromConfig);
        f.put("Conv2D", Conv2D::fromConfig);
        f.put("Dense", Dense::fromConfig);
        f.put("Dropout", Dropout::fromConfig);
        f.put("Flatten", Flatten::fromConfig);
        f.put("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
        f.put("MaxPooling2D", MaxPooling2D::fromConfig);
        f.put("ReLU", ReLU::fromConfig);
        f.put("Softmax", Softmax::fromConfig);
        f.put("ZeroPadding2D", ZeroPadding2D::fromConfig);
        return new LayerTypes(f);
    }

    /** A copy that also knows {@code typeName} (or knows it differently). */
    public LayerTypes with(String typeName, LayerFactory factory) {
        if (typeName == null || typeName.isBlank() || factory == null || typeName.equals(Input.TYPE_NAME)) {
            throw new IllegalArgumentException("LayerTypes.with expects a type name other than " + Input.TYPE_NAME
                    + " and a factory. Received: " + typeName + ", " + factory);
        }
        Map<String, LayerFactory> copy = new TreeMap<>(factories);
        copy.put(typeName, factory);
        return new LayerTypes(copy);
    }

    /** The known type names, sorted. */
    public Set<String> names() {
        return factories.keySet();
    }

    /** Whether {@code typeName} can be rebuilt. */
    public boolean knows(String typeName) {
        return factories.containsKey(typeName);
    }

    /**
     * The layer {@code config} describes. Throws an {@link IllegalArgumentException} naming the layer when its type
     * is unknown, a setting is missing, malformed or unknown, or the layer refuses the values.
     */
    public Layer create(LayerConfig config) {
        LayerFactory factory = factories.get(config.typeName());
        if (factory == null) {
            throw new IllegalArgumentException("Layer \"" + config.layerName() + "\" has unknown type \""
                    + config.typeName() + "\". Known types: " + names() + " and " + Input.TYPE_NAME);
        }
        Layer layer;
        try {
            layer = factory.create(config);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Layer \"" + config.layerName() + "\"")) {
                throw e;
            }
            throw new IllegalArgumentException("Layer \"" + config.layerName() + "\" (" + config.typeName() + "): "
                    + e.getMessage(), e);
        }
        config.requireAllRead();
        if (!layer.typeName().equals(config.typeName()) || !layer.name().equals(config.layerName())) {
            throw new IllegalStateException("The factory for " + config.typeName() + " made " + layer + " for layer \""
                    + config.layerName() + "\"; a factory must return a layer of its type with the given name");
        }
        return layer;
    }

    @Override
    public String toString() {
        return "LayerTypes" + names();
    }
}
