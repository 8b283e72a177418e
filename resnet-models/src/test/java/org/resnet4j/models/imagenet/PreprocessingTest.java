package org.resnet4j.models.imagenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

class PreprocessingTest {
    @TempDir
    Path tmp;

    /** A 2 x 3 PNG: top row red, green, blue; bottom row (10, 20, 30), white, black. */
    private Path smallPng() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(1, 0, 0x00ff00);
        img.setRGB(2, 0, 0x0000ff);
        img.setRGB(0, 1, 0x0a141e);
        img.setRGB(1, 1, 0xffffff);
        img.setRGB(2, 1, 0x000000);
        Path file = tmp.resolve("small.png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void read_png_givesRgbValuesInRowMajorOrder() throws IOException {
        RgbImage image = RgbImage.read(smallPng());
        assertThat(image.height()).isEqualTo(2);
        assertThat(image.width()).isEqualTo(3);
        assertThat(image.get(0, 0, 0)).isEqualTo(255f);
        assertThat(image.get(0, 1, 1)).isEqualTo(255f);
        assertThat(image.get(1, 0, 0)).isEqualTo(10f);
        assertThat(image.get(1, 0, 2)).isEqualTo(30f);
    }

    @Test
    void caffe_swapsToBgrAndSubtractsTheImageNetMean_withoutScaling() throws IOException {
        HostTensor t = Preprocessing.CAFFE.toTensor(RgbImage.read(smallPng()));
        assertThat(t.shape()).isEqualTo(Shape.of(1, 2, 3, 3));
        // pixel (1, 0) is R=10 G=20 B=30: BGR = 30 - 103.939, 20 - 116.779, 10 - 123.68
        assertThat(t.get(0, 1, 0, 0)).isCloseTo(-73.939f, within(1e-4f));
        assertThat(t.get(0, 1, 0, 1)).isCloseTo(-96.779f, within(1e-4f));
        assertThat(t.get(0, 1, 0, 2)).isCloseTo(-113.68f, within(1e-4f));
        // pixel (0, 0) is pure red: it lands in the last (R) channel
        assertThat(t.get(0, 0, 0, 2)).isCloseTo(131.32f, within(1e-4f));
        assertThat(t.get(0, 0, 0, 0)).isCloseTo(-103.939f, within(1e-4f));
    }

    @Test
    void torch_scalesToUnitRangeAndNormalisesPerRgbChannel() throws IOException {
        HostTensor t = Preprocessing.TORCH.toTensor(RgbImage.read(smallPng()));
        // white: (1 - mean) / std; black: -mean / std
        assertThat(t.get(0, 1, 1, 0)).isCloseTo((1 - 0.485f) / 0.229f, within(1e-5f));
        assertThat(t.get(0, 1, 1, 2)).isCloseTo((1 - 0.406f) / 0.225f, within(1e-5f));
        assertThat(t.get(0, 1, 2, 1)).isCloseTo(-0.456f / 0.224f, within(1e-5f));
        // (10, 20, 30) / 255
        assertThat(t.get(0, 1, 0, 0)).isCloseTo((10 / 255f - 0.485f) / 0.229f, within(1e-5f));
    }

    @Test
    void resize_bilinearHalfPixelCentres_upscale2x2To4x4_matchesHandComputation() {
        // one channel varies: values 0, 100 on the top row, 200, 40 on the bottom row
        RgbImage img = RgbImage.of(2, 2, new float[] {0, 0, 0, 100, 0, 0, 200, 0, 0, 40, 0, 0});
        RgbImage big = img.resize(4, 4);
        // output row 1 samples source y = 0.25, column 1 samples x = 0.25:
        // top = 0 * 0.75 + 100 * 0.25 = 25; bottom = 200 * 0.75 + 40 * 0.25 = 160; 25 * 0.75 + 160 * 0.25 = 58.75
        assertThat(big.get(1, 1, 0)).isCloseTo(58.75f, within(1e-4f));
        // output (0, 0) samples (-0.25, -0.25), clamped to the corner
        assertThat(big.get(0, 0, 0)).isEqualTo(0f);
        // output (3, 3) clamps to the opposite corner
        assertThat(big.get(3, 3, 0)).isEqualTo(40f);
        // output (0, 2) samples x = 0.75 on the top row: 0 * 0.25 + 100 * 0.75
        assertThat(big.get(0, 2, 0)).isCloseTo(75f, within(1e-4f));
    }

    @Test
    void resizeShorterSide_keepsAspectRatioLikeTorchvision() {
        RgbImage img = RgbImage.of(300, 500, new float[300 * 500 * 3]);
        RgbImage r = img.resizeShorterSide(256);
        assertThat(r.height()).isEqualTo(256);
        assertThat(r.width()).isEqualTo(426); // int(256 * 500 / 300)
        RgbImage tall = RgbImage.of(500, 300, new float[300 * 500 * 3]).resizeShorterSide(256);
        assertThat(tall.width()).isEqualTo(256);
        assertThat(tall.height()).isEqualTo(426);
    }

    @Test
    void centerCrop_takesTheMiddle_roundingHalvesToEvenLikeTorchvision() {
        float[] v = new float[5 * 4 * 3];
        for (int i = 0; i < v.length; i += 3) {
            v[i] = i / 3; // red = pixel index y * 4 + x
        }
        RgbImage crop = RgbImage.of(5, 4, v).centerCrop(2);
        // top = round(3 / 2) = 2 (half to even), left = round(2 / 2) = 1
        assertThat(crop.get(0, 0, 0)).isEqualTo(2 * 4 + 1);
        assertThat(crop.get(1, 1, 0)).isEqualTo(3 * 4 + 2);
    }

    @Test
    void load_resizesCropsAndPreprocessesToNhwc224() throws IOException {
        HostTensor t = Preprocessing.TORCH.load(smallPng(), 256, 224);
        assertThat(t.shape()).isEqualTo(Shape.of(1, 224, 224, 3));
    }

    @Test
    void read_fileThatIsNotAnImage_isAClearError() throws IOException {
        Path file = tmp.resolve("notes.jpg");
        Files.writeString(file, "not an image");
        assertThatThrownBy(() -> RgbImage.read(file)).hasMessageContaining("not a format javax.imageio knows");
    }

    /**
     * A PNG whose header claims {@code width x height} RGB pixels and whose data is one empty deflate block: what a
     * corrupt or hostile file looks like. It is 60-odd bytes whatever it claims.
     */
    static byte[] pngClaiming(int width, int height) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        writeChunk(out, "IHDR", ihdr.array());
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat)) {
            z.write(0);
        }
        writeChunk(out, "IDAT", idat.toByteArray());
        writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void writeChunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(typeBytes);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void read_imageOverThePixelLimit_isRefusedFromItsHeader_namingTheFileItsSizeAndTheLimit() throws IOException {
        Path file = tmp.resolve("huge.png");
        Files.write(file, pngClaiming(100_000, 100_000));

        assertThatThrownBy(() -> RgbImage.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot read image " + file + ": it is 100000x100000 (height x width) = 10000000000 pixels, more than the "
                        + "limit of 40000000 pixels; scale it down first");
    }

    @Test
    void read_imageAtALowerLimit_isRefusedAtThatLimit_andReadBelowIt() throws IOException {
        Path png = smallPng();

        assertThatThrownBy(() -> RgbImage.read(png, 5)).hasMessageContaining("2x3 (height x width) = 6 pixels, more than the limit of 5");
        assertThat(RgbImage.read(png, 6).width()).isEqualTo(3);
    }

    @Test
    void read_bmpWhoseHeaderStatesMoreDataThanTheFile_isRefusedBeforeTheDecoderAllocatesIt() throws IOException {
        // BITMAPFILEHEADER + BITMAPINFOHEADER of a 4x4 image whose data is an embedded JPEG (compression 4) of
        // 2,000,000,000 bytes: javax.imageio would allocate that much before reading it.
        java.nio.ByteBuffer bmp = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(64).putInt(0).putInt(54)
                .putInt(40).putInt(4).putInt(4).putShort((short) 1).putShort((short) 24).putInt(4)
                .putInt(2_000_000_000).putInt(0).putInt(0).putInt(0).putInt(0);
        Path file = tmp.resolve("embedded.bmp");
        Files.write(file, bmp.array());

        assertThatThrownBy(() -> RgbImage.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot read image " + file + ": its BMP header states 2000000000 bytes of pixel data, "
                        + "more than the whole file (64 bytes): truncated or corrupt");
    }

    @Test
    void read_truncatedImage_isATypedErrorNamingTheFile() throws IOException {
        Path file = tmp.resolve("cut.png");
        byte[] whole = Files.readAllBytes(smallPng());
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> RgbImage.read(file)).hasMessageStartingWith("Cannot read image " + file + ": ");
    }

    @Test
    void resizeShorterSideAndCenterCrop_isBitIdenticalToResizeThenCrop() {
        java.util.Random random = new java.util.Random(7);
        for (int[] hw : new int[][] {{37, 53}, {53, 37}, {300, 301}, {9, 400}}) {
            float[] v = new float[hw[0] * hw[1] * 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextInt(256);
            }
            RgbImage image = RgbImage.of(hw[0], hw[1], v);

            RgbImage twoSteps = image.resizeShorterSide(32).centerCrop(28);
            RgbImage oneStep = image.resizeShorterSideAndCenterCrop(32, 28);

            assertThat(java.util.Arrays.equals(oneStep.data(), twoSteps.data())).as(hw[0] + "x" + hw[1]).isTrue();
        }
    }

    @Test
    void resizeShorterSide_ofAnExtremelyThinImage_isRefusedBeforeAllocating() {
        RgbImage line = RgbImage.of(1, 3_000_000, new float[3 * 3_000_000]);

        assertThatThrownBy(() -> line.resizeShorterSide(256))
                .hasMessageContaining("aspect ratio is too extreme");
        assertThat(line.resizeShorterSideAndCenterCrop(8, 8).height()).isEqualTo(8);
    }
}
