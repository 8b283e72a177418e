package org.resnet4j.tensor;

/**
 * Element type of a tensor. Only {@link #FLOAT32} is computed today; the others are named so that the API and
 * the file formats can describe them without a breaking change later.
 */
public enum DType {
    FLOAT32(4),
    FLOAT64(8),
    FLOAT16(2);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
