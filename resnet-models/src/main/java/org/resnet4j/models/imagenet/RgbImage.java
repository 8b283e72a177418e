package org.resnet4j.models.imagenet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

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

    /**
     * The most pixels {@link #read(Path)} decodes: 40 megapixels, a large camera photo. Its floats take 480 MB; a
     * header that claims more (a corrupt file, or a small file that would decompress to gigabytes) is refused after
     * reading the header, before any pixel is decoded.
     */
    public static final long MAX_PIXELS = 40_000_000L;

    /**
     * Reads a JPEG, PNG, BMP or GIF file with {@code javax.imageio}; transparency is dropped, grey becomes RGB. An
     * image of more than {@link #MAX_PIXELS} pixels is refused before it is decoded.
     *
     * @throws IllegalArgumentException for a file that is not an image, is corrupt or is too large, naming it
     * @throws UncheckedIOException     for a file that cannot be read or ends too early, naming it
     */
    public static RgbImage read(Path file) {
        return read(file, MAX_PIXELS);
    }

    /** {@link #read(Path)} with another pixel limit. */
    public static RgbImage read(Path file, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException("Cannot read image " + file + ": not a format javax.imageio knows "
                        + "(JPEG, PNG, BMP, GIF; " + file.toFile().length() + " bytes"
                        + (Files.exists(file) ? "" : ", file missing") + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > maxPixels) {
                    throw new IllegalArgumentException("Cannot read image " + file + ": it is " + height + "x" + width
                            + " (height x width) = " + width * height + " pixels, more than the limit of " + maxPixels
                            + " pixels; scale it down first");
                }
                if ("bmp".equalsIgnoreCase(reader.getFormatName())) {
                    checkBmpDataSize(file);
                }
                return of(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + file + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Cannot read image " + file)) {
                throw e;
            }
            throw corrupt(file, e);
        } catch (RuntimeException e) {
            // The decoders report some corrupt files with unchecked exceptions (array bounds, negative sizes).
            throw corrupt(file, e);
        }
    }

    /**
     * javax.imageio's BMP reader allocates the pixel-data size its header states for an embedded JPEG or PNG before
     * reading it (up to 2 GB from a 70-byte file, found by the fuzz tests); a BMP's data cannot be larger than the file.
     */
    private static void checkBmpDataSize(Path file) throws IOException {
        byte[] header = new byte[38];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, header.length) < header.length) {
                return; // too short to state a size; the reader reports the truncation
            }
        }
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long infoHeaderSize = Integer.toUnsignedLong(le.getInt(14));
        long dataSize = Integer.toUnsignedLong(le.getInt(34));
        long fileSize = Files.size(file);
        // Headers of 40 bytes and more (BITMAPINFOHEADER and later) state the data size at offset 34.
        if (infoHeaderSize >= 40 && dataSize > fileSize) {
            throw new IllegalArgumentException("Cannot read image " + file + ": its BMP header states " + dataSize
                    + " bytes of pixel data, more than the whole file (" + fileSize + " bytes): truncated or corrupt");
        }
    }

    private static IllegalArgumentException corrupt(Path file, RuntimeException e) {
        return new IllegalArgumentException("Cannot read image " + file + ": corrupt (" + describe(e) + ")", e);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The pixels of {@code image} (converted to sRGB by {@link BufferedImage#getRGB}), one row at a time. */
    public static RgbImage of(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] rgb = new float[Math.multiplyExact(Math.multiplyExact(h, w), 3)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                rgb[3 * i] = (row[x] >> 16) & 0xff;
                rgb[3 * i + 1] = (row[x] >> 8) & 0xff;
                rgb[3 * i + 2] = row[x] & 0xff;
            }
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
        int[] resized = shorterSideSize(size);
        return resize(resized[0], resized[1]);
    }

    /**
     * {@code resizeShorterSide(resizeTo).centerCrop(cropTo)}, bit for bit, computing only the pixels of the crop: a
     * long thin image is never resized whole.
     */
    public RgbImage resizeShorterSideAndCenterCrop(int resizeTo, int cropTo) {
        int[] resized = shorterSideSize(resizeTo);
        int[] corner = cropCorner(resized[0], resized[1], cropTo);
        return resampled(resized[0], resized[1], corner[0], corner[1], cropTo, cropTo);
    }

    /** [height, width] with the shorter side {@code size} and the aspect ratio kept. */
    private int[] shorterSideSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("resizeShorterSide expects a positive size. Received: " + size);
        }
        long longer = Math.max(1, (long) size * Math.max(height, width) / Math.min(height, width));
        if (longer > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("resizing a " + height + "x" + width + " image so that its shorter side"
                    + " is " + size + " would make the other side " + longer + " pixels long: the aspect ratio is too "
                    + "extreme");
        }
        return height <= width ? new int[] {size, (int) longer} : new int[] {(int) longer, size};
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
        if ((long) newHeight * newWidth * 3 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resize to " + newHeight + "x" + newWidth + " would need more values "
                    + "than a Java array holds");
        }
        return resampled(newHeight, newWidth, 0, 0, newHeight, newWidth);
    }

    /** The window [top, top + outHeight) x [left, left + outWidth) of this image resized to newHeight x newWidth. */
    private RgbImage resampled(int newHeight, int newWidth, int top, int left, int outHeight, int outWidth) {
        float[] out = new float[outHeight * outWidth * 3];
        double scaleY = (double) height / newHeight;
        double scaleX = (double) width / newWidth;
        for (int oy = 0; oy < outHeight; oy++) {
            int y = top + oy;
            double sy = clamp((y + 0.5) * scaleY - 0.5, height - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int ox = 0; ox < outWidth; ox++) {
                int x = left + ox;
                double sx = clamp((x + 0.5) * scaleX - 0.5, width - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    double topRow = get(y0, x0, c) * (1 - fx) + get(y0, x1, c) * fx;
                    double bottomRow = get(y1, x0, c) * (1 - fx) + get(y1, x1, c) * fx;
                    out[(oy * outWidth + ox) * 3 + c] = (float) (topRow * (1 - fy) + bottomRow * fy);
                }
            }
        }
        return new RgbImage(outHeight, outWidth, out);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /**
     * The central {@code size x size} square; when the margin is odd the extra pixel is on the bottom/right side,
     * except that halves are rounded to even as torchvision's {@code CenterCrop} does ({@code round((h - size) / 2)}).
     */
    public RgbImage centerCrop(int size) {
        int[] corner = cropCorner(height, width, size);
        int top = corner[0];
        int left = corner[1];
        float[] out = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            System.arraycopy(rgb, ((top + y) * width + left) * 3, out, y * size * 3, size * 3);
        }
        return new RgbImage(size, size, out);
    }

    /** The top-left corner of the central {@code size} square of a {@code h x w} image (see {@link #centerCrop}). */
    private static int[] cropCorner(int h, int w, int size) {
        if (size > h || size > w || size <= 0) {
            throw new IllegalArgumentException("centerCrop(" + size + ") expects an image at least that large. "
                    + "Received: " + h + "x" + w);
        }
        return new int[] {(int) Math.rint((h - size) / 2.0), (int) Math.rint((w - size) / 2.0)};
    }

    @Override
    public String toString() {
        return "RgbImage[" + height + "x" + width + "]";
    }
}
