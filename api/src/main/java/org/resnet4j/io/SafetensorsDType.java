package org.resnet4j.io;

/** The safetensors element types this package reads, with their size in bytes. */
enum SafetensorsDType {
    F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4);

    private final int byteSize;

    SafetensorsDType(int byteSize) {
        this.byteSize = byteSize;
    }

    int byteSize() {
        return byteSize;
    }

    /** The type of that name in a header, or {@code null} when unsupported. */
    static SafetensorsDType fromName(String name) {
        for (SafetensorsDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
