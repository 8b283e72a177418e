package org.resnet4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws training curves as a PNG with plain {@code java.awt}: a loss panel and an accuracy panel, each with the
 * training series and, when present, the validation one ({@code val_} in front of the name, as Keras' history
 * names them), against the epoch. It reads plain per-epoch numbers, so any training loop can feed it.
 */
public final class TrainingChart {
    /** The image's width in pixels. */
    public static final int WIDTH = 1000;
    /** The image's height in pixels. */
    public static final int HEIGHT = 760;
    /** The training series' colour. */
    public static final Color TRAIN_COLOUR = ChartCanvas.SERIES[0];
    /** The validation series' colour. */
    public static final Color VALIDATION_COLOUR = ChartCanvas.SERIES[4];
    /** The metrics the two panels show, top to bottom. */
    public static final List<String> PANELS = List.of("loss", "accuracy");

    private static final String VALIDATION_PREFIX = "val_";
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int GAP = 80;
    private static final int BOTTOM = 50;
    private static final int TICKS = 5;

    private TrainingChart() {
    }

    /**
     * Writes the chart of {@code history} to {@code file}.
     *
     * @param history per-epoch values by name: {@code loss}, {@code accuracy}, {@code val_loss},
     *                {@code val_accuracy} (others are ignored; a missing one is not drawn); epoch {@code i} is
     *                element {@code i - 1}; a value that is not finite is left out of its line
     * @throws IllegalArgumentException when neither {@code loss} nor {@code accuracy} has a value
     */
    public static void write(Path file, String title, Map<String, List<Double>> history) throws IOException {
        int epochs = epochs(history);
        BufferedImage image = ChartCanvas.blank(WIDTH, HEIGHT);
        Graphics2D g = ChartCanvas.graphics(image);
        try {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 28);
            legend(g);
            for (int i = 0; i < PANELS.size(); i++) {
                String metric = PANELS.get(i);
                panel(g, metric, history.get(metric), history.get(VALIDATION_PREFIX + metric), epochs, plotArea(i));
            }
        } finally {
            g.dispose();
        }
        ChartCanvas.writePng(image, file);
    }

    /** Where panel {@code index} (of {@link #PANELS}) plots its lines, in image pixels: for tests. */
    static Rectangle plotArea(int index) {
        int height = (HEIGHT - TOP - GAP - BOTTOM) / 2;
        return new Rectangle(LEFT, TOP + index * (height + GAP), WIDTH - LEFT - RIGHT, height);
    }

    private static int epochs(Map<String, List<Double>> history) {
        int epochs = 0;
        for (String metric : PANELS) {
            for (String name : List.of(metric, VALIDATION_PREFIX + metric)) {
                List<Double> values = history.get(name);
                epochs = Math.max(epochs, values == null ? 0 : values.size());
            }
        }
        if (epochs == 0 || (isEmpty(history.get("loss")) && isEmpty(history.get("accuracy")))) {
            throw new IllegalArgumentException("TrainingChart expects at least one epoch of \"loss\" or \"accuracy\", "
                    + "received: " + history.keySet());
        }
        return epochs;
    }

    private static boolean isEmpty(List<Double> values) {
        return values == null || values.isEmpty();
    }

    private static void panel(Graphics2D g, String metric, List<Double> train, List<Double> validation, int epochs,
            Rectangle area) {
        double[] range = valueRange(train, validation);
        double step = niceStep((range[1] - range[0]) / TICKS);
        double low = Math.floor(range[0] / step) * step;
        double high = Math.max(Math.ceil(range[1] / step) * step, low + step);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        for (int k = 0; low + k * step <= high + step / 2; k++) {
            double value = low + k * step;
            int y = yOf(value, low, high, area);
            g.setColor(ChartCanvas.GRID);
            g.drawLine(area.x, y, area.x + area.width, y);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%." + decimals + "f", value);
            g.drawString(label, area.x - 8 - fm.stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(area.x, area.y, area.width, area.height);
        g.drawString(metric + (validation == null ? "" : " (training and validation)"), area.x, area.y - 8);
        int tick = ChartCanvas.niceStep(epochs);
        for (int epoch = 1; epoch <= epochs; epoch += epoch == 1 && tick > 1 ? tick - 1 : tick) {
            int x = xOf(epoch, epochs, area);
            g.drawLine(x, area.y + area.height, x, area.y + area.height + 4);
            String label = Integer.toString(epoch);
            g.drawString(label, x - fm.stringWidth(label) / 2, area.y + area.height + 18);
        }
        g.drawString("epoch", area.x + area.width / 2 - fm.stringWidth("epoch") / 2, area.y + area.height + 34);
        if (train == null && validation == null) {
            g.drawString("no " + metric + " recorded", area.x + 12, area.y + 20);
            return;
        }
        line(g, train, TRAIN_COLOUR, epochs, low, high, area);
        line(g, validation, VALIDATION_COLOUR, epochs, low, high, area);
    }

    private static void line(Graphics2D g, List<Double> values, Color colour, int epochs, double low, double high,
            Rectangle area) {
        if (values == null) {
            return;
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f));
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null || !Double.isFinite(v)) {
                // A diverged epoch (NaN loss) breaks the line rather than pulling the axis to infinity.
                previousX = -1;
                continue;
            }
            int x = xOf(i + 1, epochs, area);
            int y = yOf(v, low, high, area);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            g.fillOval(x - 3, y - 3, 7, 7);
            previousX = x;
            previousY = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int x = WIDTH - RIGHT;
        String[] labels = {"training", "validation"};
        Color[] colours = {TRAIN_COLOUR, VALIDATION_COLOUR};
        for (int i = labels.length - 1; i >= 0; i--) {
            x -= fm.stringWidth(labels[i]) + 30;
            g.setColor(colours[i]);
            g.fillRect(x, 18, 16, 4);
            g.setColor(Color.BLACK);
            g.drawString(labels[i], x + 20, 25);
        }
    }

    /** The smallest and largest finite value of both series; a flat or empty series gets a range around it. */
    private static double[] valueRange(List<Double> train, List<Double> validation) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> values : Arrays.asList(train, validation)) {
            if (values == null) {
                continue;
            }
            for (Double v : values) {
                if (v != null && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        if (max - min < 1e-9 * Math.max(1, Math.abs(max))) {
            double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
            return new double[] {min - pad, max + pad};
        }
        return new double[] {min, max};
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static int xOf(int epoch, int epochs, Rectangle area) {
        return area.x + (epochs <= 1 ? area.width / 2
                : (int) Math.round((epoch - 1) * (double) area.width / (epochs - 1)));
    }

    private static int yOf(double value, double low, double high, Rectangle area) {
        return area.y + (int) Math.round((high - value) * area.height / (high - low));
    }
}
