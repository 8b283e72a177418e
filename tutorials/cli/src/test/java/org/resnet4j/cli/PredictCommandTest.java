package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.Backends;
import org.resnet4j.models.imagenet.ImageNetClasses;
import org.resnet4j.models.imagenet.Preprocessing;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;

/**
 * {@code resnet4j predict}: the printed classes and probabilities are those of the same weights run on another
 * backend, with the softmax and the ranking computed in the test.
 */
class PredictCommandTest {
    private static final Pattern LINE = Pattern.compile("^\\s+(\\d+)\\. (n\\d{8})  (.+?)\\s+(\\d\\.\\d{4})$",
            Pattern.MULTILINE);

    @TempDir
    static Path dir;
    private static Model source;
    private static Path weights;
    private static Path photo;

    @BeforeAll
    static void weightsAndAPicture() throws Exception {
        source = ResNets.torchvision(18);
        source.initialize(11);
        RunCommandTest.randomizeBatchNorm(source, 12);
        weights = dir.resolve("resnet18.safetensors");
        TorchvisionExport.write(source, weights);
        photo = dir.resolve("shapes.png");
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < 240; y++) {
            g.setColor(new Color(y, 255 - y, (y * 3) % 256));
            g.drawLine(0, y, 319, y);
        }
        g.setColor(Color.ORANGE);
        g.fillOval(100, 60, 120, 120);
        g.dispose();
        ImageIO.write(image, "png", photo.toFile());
    }

    @Test
    void printsTheTopClassesOfEachImage_asTheSameWeightsGiveOnAnotherBackend() throws Exception {
        // A 112 crop instead of 224 keeps the test fast; the evaluation resize is 112 / 0.875 = 128.
        Cli.Result r = Cli.run("predict", "--model", "resnet18", "--weights", weights.toString(), "--top", "3",
                "--input", "112", "--backend", "tf", photo.toString(), photo.toString());

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("torchvision").contains("torch preprocessing, resize 128, crop 112");
        // The expected ranking: nd4j's logits, softmax and sort written here.
        HostTensor input = Preprocessing.TORCH.load(photo, 128, 112);
        Model sized = ResNet.build(ResNets.torchvisionConfig(18).withInputSize(112, 112));
        source.parameters().names().forEach(n -> sized.parameters().set(n, source.parameters().get(n)));
        float[] logits;
        try (Backend nd4j = Backends.get("nd4j"); CompiledModel compiled = nd4j.compile(sized)) {
            logits = compiled.predict(input).data();
        }
        double max = IntStream.range(0, logits.length).mapToDouble(i -> logits[i]).max().orElseThrow();
        double sum = IntStream.range(0, logits.length).mapToDouble(i -> Math.exp(logits[i] - max)).sum();
        List<Integer> ranked = IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> logits[i]).reversed()).toList();

        Matcher m = LINE.matcher(r.out());
        List<String[]> printed = new ArrayList<>();
        while (m.find()) {
            printed.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        assertThat(printed).as(r.out()).hasSize(6); // two images, three classes each
        for (int k = 0; k < 6; k++) {
            int cls = ranked.get(k % 3);
            String[] line = printed.get(k);
            assertThat(line[0]).isEqualTo(Integer.toString(k % 3 + 1));
            assertThat(line[1]).isEqualTo(ImageNetClasses.wnid(cls));
            assertThat(line[2]).isEqualTo(ImageNetClasses.name(cls));
            assertThat(Double.parseDouble(line[3])).isCloseTo(Math.exp(logits[cls] - max) / sum, within(1e-4));
        }
    }

    @Test
    void softmax_isComputedWithoutOverflow() {
        HostTensor p = PredictCommand.softmax(HostTensor.of(org.resnet4j.tensor.Shape.of(2, 3),
                new float[] {0f, (float) Math.log(2), (float) Math.log(3), 1000f, 1000f, 1000f}));

        assertThat(p.data()).containsExactly(new float[] {1 / 6f, 2 / 6f, 3 / 6f, 1 / 3f, 1 / 3f, 1 / 3f},
                within(1e-6f));
    }

    @Test
    void missingImage_isAFailure_namingIt() throws Exception {
        Cli.Result r = Cli.run("predict", "--model", "resnet18", "--weights", weights.toString(), "missing.jpg");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err()))
                .isEqualTo("Error: Image missing.jpg does not exist or is not a file");
    }

    @Test
    void fileThatIsNotAnImage_isAFailure_namingIt() throws Exception {
        Path text = dir.resolve("notes.jpg");
        Files.writeString(text, "not a picture", StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("predict", "--model", "resnet18", "--weights", weights.toString(), "--backend", "tf",
                text.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Error: Cannot read image " + text).doesNotContain("\tat ");
    }

    /** The signature and IHDR chunk of an RGB PNG of {@code width x height}: all a reader needs to learn its size. */
    private static byte[] pngHeaderClaiming(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        return java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    @Test
    void imageOverThePixelLimit_isAFailure_namingItsSizeAndTheLimit() throws Exception {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, pngHeaderClaiming(100_000, 100_000));

        Cli.Result r = Cli.run("predict", "--model", "resnet18", "--weights", weights.toString(), "--backend", "tf",
                huge.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).isEqualTo("Error: Cannot read image " + huge
                + ": it is 100000x100000 (height x width) = 10000000000 pixels, more than the limit of 40000000 pixels;"
                + " scale it down first");
    }

    @Test
    void badTop_cifarModel_andNoImage_areUsageErrors() throws Exception {
        Cli.Result top = Cli.run("predict", "--model", "resnet18", "--weights", weights.toString(), "--top", "0",
                photo.toString());
        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(top.err())).isEqualTo("--top expects a number in [1, 1000]. Received: 0");

        Cli.Result cifar = Cli.run("predict", "--model", "cifar-resnet20", "--weights", weights.toString(),
                "--input", "32", photo.toString());
        assertThat(cifar.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(cifar.err())).contains("1000 classes").contains("has 10");

        Cli.Result none = Cli.run("predict", "--model", "resnet18", "--weights", weights.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(none.err())).contains("IMAGE");
    }
}
