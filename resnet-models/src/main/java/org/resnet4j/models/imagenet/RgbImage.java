package org.resnet4j.models.imagenet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An RGB picture as floats in [0, 255], row-major {@code [height, width, 3]}: what a photo is between the file and
 * the network's input tensor. Resizing works on these floats, so no rounding to 8 bits happens in between.
 */
public final class RgbImage {
    private final int height;
    private final int width;
    private final float[] rgb;

    private RgbImage(int height, int width, float[] rgb) {
        this.height = height;
        this.width = width;
        this.rgb = rgb;
    }

    /** Wraps {@code rgb} (not copied), {@code height * width * 3} values in [0, 255]. */
    public static RgbImage of(int height, int width, float[] rgb) {
        if (height <= 0 || width <= 0 || (long) height * width * 3 != rgb.length) {
            throw new IllegalArgumentException("An RGB image of " + height + "x" + width + " needs "
                    + ((long) height * width * 3) + " values. Received: " + rgb.length);
        }
        return new RgbImage(height, width, rgb);
    }

    /** Reads a JPEG, PNG, BMP or GIF file with {@code javax.imageio}; transparency is dropped, grey becomes RGB. */
    public static RgbImage read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            long size = file.toFile().length();
            throw new IllegalArgumentException("Cannot read image " + file + ": not a format javax.imageio knows "
                    + "(JPEG, PNG, BMP, GIF; " + size + " bytes" + (Files.exists(file) ? "" : ", file missing") + ")");
        }
        return of(image);
    }

    /** The pixels of {@code image} (converted to sRGB by {@link BufferedImage#getRGB}). */
    public static RgbImage of(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] rgb = new float[h * w * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (argb[i] >> 16) & 0xff;
            rgb[3 * i + 1] = (argb[i] >> 8) & 0xff;
            rgb[3 * i + 2] = argb[i] & 0xff;
        }
        return new RgbImage(h, w, rgb);
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel ({@code y}, {@code x}). */
    public float get(int y, int x, int c) {
        return rgb[(y * width + x) * 3 + c];
    }

    /** The backing values, row-major {@code [height, width, 3]} (not a copy). */
    public float[] data() {
        return rgb;
    }

    /** This image scaled so that its shorter side is {@code size}, keeping the aspect ratio (torchvision's Resize(int)). */
    public RgbImage resizeShorterSide(int size) {
        if (height <= width) {
            return resize(size, Math.max(1, (int) ((long) size * width / height)));
        }
        return resize(Math.max(1, (int) ((long) size * height / width)), size);
    }

    /**
     * This image resized to {@code newHeight x newWidth} by bilinear interpolation with half-pixel centres (the
     * sampling of OpenCV's INTER_LINEAR and TensorFlow's {@code half_pixel_centers=True}), edges clamped, no
     * antialiasing: when shrinking a lot, PIL's antialiased filter (used by torchvision and Keras' load_img)
     * averages more pixels, so results differ slightly from theirs.
     */
    public RgbImage resize(int newHeight, int newWidth) {
        if (newHeight <= 0 || newWidth <= 0) {
            throw new IllegalArgumentException("resize expects a positive size. Received: " + newHeight + "x" + newWidth);
        }
        float[] out = new float[newHeight * newWidth * 3];
        double scaleY = (double) height / newHeight;
        double scaleX = (double) width / newWidth;
        for (int y = 0; y < newHeight; y++) {
            double sy = clamp((y + 0.5) * scaleY - 0.5, height - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int x = 0; x < newWidth; x++) {
                double sx = clamp((x + 0.5) * scaleX - 0.5, width - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = get(y0, x0, c) * (1 - fx) + get(y0, x1, c) * fx;
                    double bottom = get(y1, x0, c) * (1 - fx) + get(y1, x1, c) * fx;
                    out[(y * newWidth + x) * 3 + c] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return new RgbImage(newHeight, newWidth, out);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /**
     * The central {@code size x size} square; when the margin is odd the extra pixel is on the bottom/right side,
     * except that halves are rounded to even as torchvision's {@code CenterCrop} does ({@code round((h - size) / 2)}).
     */
    public RgbImage centerCrop(int size) {
        if (size > height || size > width || size <= 0) {
            throw new IllegalArgumentException("centerCrop(" + size + ") expects an image at least that large. "
                    + "Received: " + height + "x" + width);
        }
        int top = (int) Math.rint((height - size) / 2.0);
        int left = (int) Math.rint((width - size) / 2.0);
        float[] out = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            System.arraycopy(rgb, ((top + y) * width + left) * 3, out, y * size * 3, size * 3);
        }
        return new RgbImage(size, size, out);
    }

    @Override
    public String toString() {
        return "RgbImage[" + height + "x" + width + "]";
    }
}
