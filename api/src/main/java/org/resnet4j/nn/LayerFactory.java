package org.resnet4j.nn;

/**
 * Rebuilds a layer of one type from its settings (Keras' {@code from_config}): the inverse of {@link Layer#config()}.
 * A custom layer that should survive saving and loading provides one and is registered under its
 * {@link Layer#typeName()} with {@link LayerTypes#with}.
 */
@FunctionalInterface
public interface LayerFactory {
    /** The layer {@code config} describes, named {@link LayerConfig#layerName()}. */
    Layer create(LayerConfig config);
}
