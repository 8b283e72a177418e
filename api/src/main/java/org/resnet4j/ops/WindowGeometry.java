package org.resnet4j.ops;

/**
 * The output size of a sliding window (convolution or pooling): one formula and one "the window does not fit" rule
 * for the op shape rules, the layers and every backend, so that they agree by construction.
 */
public final class WindowGeometry {
    private WindowGeometry() {
    }

    /**
     * {@code floor((in + padBefore + padAfter - kernel) / stride) + 1}, or 0 when the padded input is smaller
     * than the window.
     */
    public static int outputSize(int in, int kernel, int stride, int padBefore, int padAfter) {
        int span = in + padBefore + padAfter - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    /**
     * The output {@code {height, width}} of a {@code kh x kw} window sliding with the given strides over an image
     * of {@code inHeight x inWidth}, with {@code padding} resolved by {@link Padding#resolve}. A window larger than
     * the padded input is rejected:
     * {@code SUBJECT expects a KHxKW window no larger than the padded input (PHxPW with padding P), received: ...}.
     *
     * @param subject  who asks: an op ({@code maxPool}) or a layer's name
     * @param received how the error quotes the input, e.g. {@code input shape=[1, 5, 5, 3]}
     */
    public static int[] outputHeightWidth(String subject, String received, int inHeight, int inWidth, int kh, int kw,
            int sh, int sw, Padding padding) {
        Padding.Explicit p = padding.resolve(inHeight, inWidth, kh, kw, sh, sw);
        int paddedHeight = inHeight + p.top() + p.bottom();
        int paddedWidth = inWidth + p.left() + p.right();
        if (paddedHeight < kh || paddedWidth < kw) {
            throw ArgumentErrors.expects(subject, "a " + kh + "x" + kw + " window no larger than the padded input ("
                    + paddedHeight + "x" + paddedWidth + " with padding " + padding + ")", received);
        }
        return new int[] {outputSize(inHeight, kh, sh, p.top(), p.bottom()),
                outputSize(inWidth, kw, sw, p.left(), p.right())};
    }
}
