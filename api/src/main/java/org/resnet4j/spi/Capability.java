package org.resnet4j.spi;

/** Optional features a backend may have; used to describe backends and to pick tests, never to change results. */
public enum Capability {
    /** {@link Backend#compile} builds a native graph or launch plan once instead of interpreting layer by layer. */
    GRAPH_COMPILATION,
    /** Runs on a GPU. */
    GPU
}
