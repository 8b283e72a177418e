package org.resnet4j.io;

/** Conversion of IEEE 754 half-precision (binary16) bits to float, which Java 17 lacks. */
final class HalfFloats {
    private HalfFloats() {
    }

    /** The float value of the 16 bits {@code half}; subnormals, infinities and NaN included. */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits >>> 15) == 0 ? 1 : -1;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            return sign * mantissa * 0x1p-24f; // zero or subnormal: mantissa * 2^-14 / 2^10
        }
        if (exponent == 0x1F) {
            return mantissa == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        return sign * Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
