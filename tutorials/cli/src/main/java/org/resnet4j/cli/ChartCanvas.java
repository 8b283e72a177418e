package org.resnet4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.resnet4j.io.AtomicFiles;

/**
 * What the command line's PNG charts ({@link ParityChart}, {@link TrainingChart}) share: a white headless canvas, one
 * series palette, tick spacing, and writing the file without leaving half a PNG behind.
 */
final class ChartCanvas {
    /** The colours of successive series (matplotlib's first six), so every chart of the tool looks alike. */
    static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    /** Grid lines. */
    static final Color GRID = new Color(0xdddddd);

    private ChartCanvas() {
    }

    /** A white RGB image; java.awt runs headless, so charts draw on machines without a display. */
    static BufferedImage blank(int width, int height) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Graphics for {@code image} with antialiasing on; the caller disposes them. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    /**
     * Writes {@code image} to {@code file} as a PNG: first to a sibling temporary file, then moved into place, so a
     * failure never leaves a truncated chart at {@code file}.
     */
    static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("No PNG writer in this JVM's javax.imageio");
            }
        });
    }

    /** A step of 1, 2, 5, 10, 20, 25, 50, ... that puts at most about a dozen ticks on {@code count} positions. */
    static int niceStep(int count) {
        int raw = Math.max(1, count / 12);
        for (int candidate : new int[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 500}) {
            if (candidate >= raw) {
                return candidate;
            }
        }
        return raw;
    }
}
