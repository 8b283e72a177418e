package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.models.io.ModelFiles;
import org.resnet4j.models.resnet.MnistResNet;

/**
 * The mistakes {@code train} and {@code evaluate} refuse before they train: bad data files, images a model does not
 * take, a data set that is missing with no way to download it, unknown names. Each is one line on standard error
 * (then the usual hint or usage) and its exit code, and {@code --save}'s file is left as it was.
 */
class TrainingInputErrorsTest {
    private static final String DEBUG_HINT = "(run with --debug to see the stack trace)";
    private static final String PREVIOUS = "the previous run's checkpoint";

    @TempDir
    Path dir;

    @Test
    void train_onATruncatedIdxFile_failsWithOneLineNamingTheFile_andLeavesSaveUntouched() throws Exception {
        Path data = TinyDataFiles.mnist(dir.resolve("mnist"), 8, 4);
        Path images = data.resolve(TinyDataFiles.TRAIN_IMAGES);
        byte[] whole = TinyDataFiles.idxImages(8, 28, 28, 1);
        TinyDataFiles.gzip(images, Arrays.copyOf(whole, whole.length - 100));

        assertFailsBeforeTraining(data, "Error: " + images + ": truncated IDX file: its header announces 8 images "
                + "of 28x28. Expected 6288 bytes after gunzip, received: 6188");
    }

    @Test
    void train_onAnIdxFileWithTheWrongMagicNumber_failsWithOneLineNamingTheFile() throws Exception {
        Path data = TinyDataFiles.mnist(dir.resolve("mnist"), 8, 4);
        Path images = data.resolve(TinyDataFiles.TRAIN_IMAGES);
        byte[] bytes = TinyDataFiles.idxImages(8, 28, 28, 1);
        bytes[3] = 0x01; // the label files' magic number, 0x00000801
        TinyDataFiles.gzip(images, bytes);

        assertFailsBeforeTraining(data, "Error: " + images + ": expected an IDX image file (magic number "
                + "0x00000803). Received: magic number 0x00000801");
    }

    @Test
    void train_onLabelsOutOfRange_failsWithOneLineNamingTheFileAndSample() throws Exception {
        Path data = TinyDataFiles.mnist(dir.resolve("mnist"), 8, 4);
        Path labels = data.resolve(TinyDataFiles.TRAIN_LABELS);
        int[] values = TinyDataFiles.labels(8, 1);
        values[3] = 10;
        TinyDataFiles.gzip(labels, TinyDataFiles.idxLabels(values));

        assertFailsBeforeTraining(data, "Error: " + labels + ": expected labels in [0, 10). Received: 10 at "
                + "sample 3");
    }

    @Test
    void train_ofACifarNetworkOnMnistImages_failsWithBothShapes() throws Exception {
        Path data = TinyDataFiles.mnist(dir.resolve("mnist"), 8, 4);
        Path save = previousCheckpoint();

        Cli.Result r = Cli.run("train", "--model", "cifar-resnet20", "--data", "mnist", "--data-dir", data.toString(),
                "--backend", "nd4j", "--save", save.toString());

        assertFailure(r, "Error: mnist/train has images of [28, 28, 1], which the model to train (\"cifar_resnet20_a\")"
                + " does not take: it expects images of [32, 32, 3]");
        assertThat(Files.readString(save)).isEqualTo(PREVIOUS);
    }

    @Test
    void evaluate_ofAnMnistResNet18FileOnCifar10_failsWithBothShapes() throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 2, 4);
        Path model = dir.resolve("mnist.safetensors");
        ModelFiles.save(MnistResNet.resnet18(), model);

        Cli.Result r = Cli.run("evaluate", "--model-file", model.toString(), "--data", "cifar10", "--data-dir",
                data.toString(), "--backend", "nd4j");

        assertFailure(r, "Error: cifar10/test has images of [32, 32, 3], which the model in " + model
                + " (\"mnist_resnet18\") does not take: it expects images of [28, 28, 1]");
    }

    @Test
    void train_withTheDataSetMissingAndDownloadsOff_saysWhereToPutTheFiles() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        String base = "https://ossci-datasets.s3.amazonaws.com/mnist/";
        String expected = Stream.of(TinyDataFiles.TRAIN_IMAGES, TinyDataFiles.TRAIN_LABELS, TinyDataFiles.TEST_IMAGES,
                TinyDataFiles.TEST_LABELS).map(f -> empty.resolve(f) + " (from " + base + f + ")")
                .collect(Collectors.joining(", "));

        assertFailsBeforeTraining(empty, "Error: mnist: files missing and downloads are off. Place the files here "
                + "yourself: " + expected, "--no-download");
    }

    @Test
    void evaluate_withTheDataSetMissingAndNoServer_saysItCouldNotDownloadAndWhereToPutTheFiles() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String mirror = "http://127.0.0.1:" + closedPort + "/";
        Path model = dir.resolve("model.safetensors");
        ModelFiles.save(MnistResNet.resnet18(), model);

        Cli.Result r = Cli.run("evaluate", "--model-file", model.toString(), "--data", "fashion-mnist", "--data-dir",
                empty.toString(), "--mirror", mirror);

        assertThat(r.exitCode()).as(r.both()).isEqualTo(ExitCodes.FAILURE);
        List<String> lines = r.err().lines().toList();
        // The loader says what it tries first, then the failure is one line.
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("resnet4j: Downloading " + mirror);
        assertThat(lines.get(1)).startsWith("Error: fashion-mnist: could not download " + mirror
                + TinyDataFiles.TRAIN_IMAGES + " (could not connect").contains("Place the files here yourself: "
                + empty.resolve(TinyDataFiles.TRAIN_IMAGES));
        assertThat(lines.get(2)).isEqualTo(DEBUG_HINT);
    }

    @Test
    void train_withAModelItCannotTrain_isAUsageErrorListingTheValidModels() {
        Cli.Result r = Cli.run("train", "--model", "resnet50", "--data", "mnist", "--save",
                dir.resolve("x.safetensors").toString());

        assertThat(r.exitCode()).as(r.both()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().findFirst().orElseThrow()).isEqualTo("Unknown model \"resnet50\". Valid models "
                + "for train: " + TrainableModels.VALID_NAMES);
        assertThat(dir.resolve("x.safetensors")).doesNotExist();
    }

    @Test
    void train_withAnUnknownDataSet_isAUsageErrorListingTheKnownOnes() {
        Cli.Result r = Cli.run("train", "--model", "mnist-resnet18", "--data", "svhn", "--save",
                dir.resolve("x.safetensors").toString());

        assertThat(r.exitCode()).as(r.both()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().findFirst().orElseThrow()).isEqualTo("--data: Unknown data set \"svhn\". Expected "
                + "one of: mnist, fashion-mnist, cifar10");
    }

    @Test
    void train_withSaveInAFolderThatDoesNotExist_failsBeforeReadingAnything() {
        Path save = dir.resolve("no-such-folder").resolve("run.safetensors");

        Cli.Result r = Cli.run("train", "--model", "mnist-resnet18", "--data", "mnist", "--data-dir",
                dir.resolve("not-read").toString(), "--no-download", "--save", save.toString());

        assertFailure(r, "Error: Cannot write --save " + save + ": no such folder " + save.getParent());
    }

    @Test
    void evaluate_ofAMissingModelFile_failsWithOneLine() {
        Path missing = dir.resolve("missing.safetensors");

        Cli.Result r = Cli.run("evaluate", "--model-file", missing.toString(), "--data", "mnist");

        assertFailure(r, "Error: Cannot read --model-file " + missing + ": no such file");
    }

    /** {@code train} on {@code data} fails with exactly {@code line} and the hint, and leaves --save's file as it was. */
    private void assertFailsBeforeTraining(Path data, String line, String... more) throws Exception {
        Path save = previousCheckpoint();
        String[] args = {"train", "--model", "mnist-resnet18", "--data", "mnist", "--data-dir", data.toString(),
                "--limit-train", "8", "--backend", "nd4j", "--save", save.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);

        Cli.Result r = Cli.run(all);

        assertFailure(r, line);
        assertThat(Files.readString(save)).isEqualTo(PREVIOUS);
        try (var files = Files.list(save.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("run.safetensors");
        }
    }

    private Path previousCheckpoint() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path save = out.resolve("run.safetensors");
        Files.writeString(save, PREVIOUS);
        return save;
    }

    private static void assertFailure(Cli.Result r, String line) {
        assertThat(r.exitCode()).as(r.both()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err().lines().toList()).as(r.both()).containsExactly(line, DEBUG_HINT);
    }
}
