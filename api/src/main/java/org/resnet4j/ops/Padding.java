package org.resnet4j.ops;

/**
 * How a convolution or pooling window treats the border: {@link #VALID} (no padding), {@link #SAME}
 * (TensorFlow's rule) or {@link Explicit} amounts. Every backend resolves padding through
 * {@link #resolve}, so they cannot disagree on where the extra row goes.
 */
public sealed interface Padding permits Padding.Valid, Padding.Same, Padding.Explicit {

    /** No padding: windows stay inside the input. */
    Padding VALID = new Valid();

    /**
     * TensorFlow's {@code SAME}: output size {@code ceil(in / stride)}; when the total padding is odd the extra
     * row or column goes to the bottom or right. This differs from torchvision's symmetric {@code k / 2} for
     * stride 2 on even sizes.
     */
    Padding SAME = new Same();

    /** Explicit amounts on each side. */
    static Explicit explicit(int top, int bottom, int left, int right) {
        return new Explicit(top, bottom, left, right);
    }

    /** The same amount on every side (PyTorch's {@code padding=p}). */
    static Explicit symmetric(int amount) {
        return new Explicit(amount, amount, amount, amount);
    }

    /** The explicit amounts this padding means for a window of {@code k} and stride {@code s} on input {@code in}. */
    Explicit resolve(int inHeight, int inWidth, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth);

    /** The {@code VALID} padding. */
    record Valid() implements Padding {
        @Override
        public Explicit resolve(int inH, int inW, int kH, int kW, int sH, int sW) {
            return new Explicit(0, 0, 0, 0);
        }

        @Override
        public String toString() {
            return "VALID";
        }
    }

    /** The {@code SAME} padding. */
    record Same() implements Padding {
        @Override
        public Explicit resolve(int inH, int inW, int kH, int kW, int sH, int sW) {
            int totalH = sameTotal(inH, kH, sH);
            int totalW = sameTotal(inW, kW, sW);
            return new Explicit(totalH / 2, totalH - totalH / 2, totalW / 2, totalW - totalW / 2);
        }

        private static int sameTotal(int in, int k, int s) {
            int out = (in + s - 1) / s;
            return Math.max((out - 1) * s + k - in, 0);
        }

        @Override
        public String toString() {
            return "SAME";
        }
    }

    /** Explicit amounts of padding on each side; all non-negative. */
    record Explicit(int top, int bottom, int left, int right) implements Padding {
        public Explicit {
            if (top < 0 || bottom < 0 || left < 0 || right < 0) {
                throw ArgumentErrors.expects("Padding.explicit", "amounts of at least 0", "top=" + top
                        + ", bottom=" + bottom + ", left=" + left + ", right=" + right);
            }
        }

        @Override
        public Explicit resolve(int inH, int inW, int kH, int kW, int sH, int sW) {
            return this;
        }

        /** True when no side is padded. */
        public boolean isZero() {
            return top == 0 && bottom == 0 && left == 0 && right == 0;
        }

        @Override
        public String toString() {
            return "explicit(" + top + ", " + bottom + ", " + left + ", " + right + ")";
        }
    }
}
