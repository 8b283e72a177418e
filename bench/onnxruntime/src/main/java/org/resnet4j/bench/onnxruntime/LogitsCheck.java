package org.resnet4j.bench.onnxruntime;

import java.util.Locale;

/**
 * Proves that an engine runs the same network as PyTorch before it is timed: its logits for the saved input may
 * differ from PyTorch's by at most a tolerance relative to the logits' scale (their largest magnitude), so that the
 * same check fits a network whose logits reach 100 and one whose logits stay below 10.
 *
 * @param label     what is checked, for the message, for example {@code onnxruntime resnet50}
 * @param tolerance the largest allowed difference, as a fraction of the largest magnitude of PyTorch's logits
 */
record LogitsCheck(String label, double tolerance) {
    /** The default tolerance: float32 engines that sum in a different order differ by about 1e-5 of the scale. */
    static final double DEFAULT_TOLERANCE = 1e-3;

    /**
     * Compares {@code actual} with PyTorch's {@code expected} and returns the largest difference relative to the
     * scale; throws {@link IllegalStateException} when they differ in length or by more than the tolerance.
     */
    double verify(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalStateException(label + ": expected " + expected.length + " logits (PyTorch's), received: "
                    + actual.length);
        }
        double scale = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            double diff = Math.abs((double) actual[i] - expected[i]);
            // NaN compares false: count it as an infinite difference rather than let it pass.
            maxDiff = diff <= maxDiff ? maxDiff : Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
        }
        double relative = maxDiff / Math.max(scale, Double.MIN_NORMAL);
        if (!(relative <= tolerance)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: its logits differ from PyTorch's by up to"
                    + " %.4g, %.3g of their largest magnitude %.4g; expected at most %.1g. It does not run the network"
                    + " PyTorch ran: export the models again (bench/export_onnx.py) and check the input layout.",
                    label, maxDiff, relative, scale, tolerance));
        }
        return relative;
    }
}
