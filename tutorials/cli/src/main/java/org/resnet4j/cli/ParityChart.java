package org.resnet4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.resnet4j.io.AtomicFiles;

/**
 * Draws the per-layer errors of a parity run as a PNG with plain {@code java.awt}: two panels, relative L2 error and
 * largest absolute difference, each on a logarithmic axis against the layer's position, one line per pair of
 * backends. Exact agreement (an error of 0) has no logarithm and is drawn on the bottom edge of its panel.
 */
final class ParityChart {
    static final int WIDTH = 1100;
    static final int HEIGHT = 760;
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int GAP = 70;
    private static final int BOTTOM = 50;

    private ParityChart() {
    }

    /** Writes the chart of {@code pairs} to {@code file}. */
    static void write(Path file, String title, List<PairComparison> pairs) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 28);
            int panelHeight = (HEIGHT - TOP - GAP - BOTTOM) / 2;
            panel(g, pairs, "relative L2 error per layer", LayerError::relL2, TOP, panelHeight);
            panel(g, pairs, "largest absolute difference per layer", LayerError::maxAbs, TOP + panelHeight + GAP,
                    panelHeight);
            legend(g, pairs);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("No PNG writer in this JVM's javax.imageio");
            }
        });
    }

    private static void panel(Graphics2D g, List<PairComparison> pairs, String name, ToDoubleFunction<LayerError> value,
            int top, int height) {
        int layers = pairs.get(0).layers().size();
        double[] range = decades(pairs, value);
        int lowDecade = (int) range[0];
        int highDecade = (int) range[1];
        int width = WIDTH - LEFT - RIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = lowDecade; d <= highDecade; d++) {
            int y = yOf(d, lowDecade, highDecade, top, height);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + width, y);
            g.setColor(Color.BLACK);
            String label = "1e" + d;
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, width, height);
        g.drawString(name + " (log scale; 0 is drawn on the bottom edge)", LEFT, top - 8);
        int step = Math.max(1, niceStep(layers));
        for (int i = step; i <= layers; i += step) {
            int x = xOf(i, layers, width);
            g.drawLine(x, top + height, x, top + height + 4);
            String label = Integer.toString(i);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + height + 18);
        }
        g.drawString("layer (execution order)", LEFT + width / 2 - 60, top + height + 34);
        g.setStroke(new BasicStroke(1.6f));
        for (int p = 0; p < pairs.size(); p++) {
            g.setColor(SERIES[p % SERIES.length]);
            List<LayerError> errors = pairs.get(p).layers();
            int previousX = -1;
            int previousY = -1;
            for (LayerError e : errors) {
                double v = value.applyAsDouble(e);
                // NaN and infinity (a layer that blew up on one side) go to the top edge, where they stand out.
                double decade = Double.isNaN(v) || Double.isInfinite(v) ? highDecade
                        : v > 0 ? Math.max(Math.log10(v), lowDecade) : lowDecade;
                int x = xOf(e.index(), layers, width);
                int y = yOf(Math.min(decade, highDecade), lowDecade, highDecade, top, height);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                g.fillOval(x - 2, y - 2, 4, 4);
                previousX = x;
                previousY = y;
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, List<PairComparison> pairs) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int x = WIDTH - RIGHT;
        for (int p = pairs.size() - 1; p >= 0; p--) {
            String label = pairs.get(p).label();
            x -= fm.stringWidth(label) + 30;
            g.setColor(SERIES[p % SERIES.length]);
            g.fillRect(x, 18, 16, 4);
            g.setColor(Color.BLACK);
            g.drawString(label, x + 20, 25);
        }
    }

    /** The whole decades that hold every positive value; at least two, so a flat line still has an axis. */
    private static double[] decades(List<PairComparison> pairs, ToDoubleFunction<LayerError> value) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (PairComparison pair : pairs) {
            for (LayerError e : pair.layers()) {
                double v = value.applyAsDouble(e);
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max == 0) {
            return new double[] {-8, -7};
        }
        double low = Math.floor(Math.log10(min));
        double high = Math.ceil(Math.log10(max));
        return new double[] {low, Math.max(high, low + 1)};
    }

    private static int niceStep(int count) {
        int raw = Math.max(1, count / 12);
        for (int candidate : new int[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 500}) {
            if (candidate >= raw) {
                return candidate;
            }
        }
        return raw;
    }

    private static int xOf(int index, int count, int width) {
        return LEFT + (count <= 1 ? width / 2 : (int) Math.round((index - 1) * (double) width / (count - 1)));
    }

    private static int yOf(double decade, int low, int high, int top, int height) {
        return top + (int) Math.round((high - decade) * height / (high - low));
    }
}
