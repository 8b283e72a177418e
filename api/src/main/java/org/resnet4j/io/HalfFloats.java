package org.resnet4j.io;

/** Conversion of IEEE 754 half-precision (binary16) bits to float, which Java 17 lacks. */
final class HalfFloats {
    private HalfFloats() {
    }

    /** The float value of the 16 bits {@code half}; subnormals, infinities and NaN included. */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        boolean negative = (bits >>> 15) != 0;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f; // zero or subnormal: mantissa * 2^-14 / 2^10
        } else if (exponent == 0x1F) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
        }
        return negative ? -magnitude : magnitude;
    }
}
