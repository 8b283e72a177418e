package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.models.io.TrainingCheckpoint;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.training.Adam;
import org.resnet4j.training.TrainingState;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.Trainer;
import picocli.CommandLine;

/**
 * {@code resnet4j train} and {@code evaluate} end to end on tiny generated CIFAR-10 files (no network, no Debian
 * package): the round trip, resuming, the files written beside the checkpoint. The CIFAR ResNet-20 trains a step of
 * 16 images in well under a second on nd4j, where the seed's mnist-resnet18 takes seconds.
 */
class TrainCommandTest {
    /** The evaluation line's shape: an image count, a loss and an accuracy that is a fraction in [0, 1]. */
    static final Pattern TEST_LINE = Pattern.compile("test: samples=(\\d+) loss=(\\d+\\.\\d{4}) accuracy=([01]\\.\\d{4})");

    @TempDir
    Path dir;

    @Test
    void trainThenEvaluate_evaluateLineEqualsTheTestLineTrainPrinted_andTheCurvesAndHistoryAreWritten()
            throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 16, 24);
        Path save = dir.resolve("run.safetensors");
        Files.writeString(save, "an older file that a successful run replaces");

        Cli.Result train = Cli.run("train", "--model", "cifar-resnet20", "--data", "cifar10", "--data-dir",
                data.toString(), "--epochs", "1", "--batch-size", "16", "--limit-test", "20", "--backend", "nd4j",
                "--save", save.toString());

        assertThat(train.exitCode()).as(train.both()).isZero();
        assertThat(train.out()).contains("Training cifar_resnet20").contains("72 images, 8 for validation")
                .containsPattern("Epoch 1/1: loss=\\d+\\.\\d{4} accuracy=[01]\\.\\d{4} val_loss=\\d+\\.\\d{4} "
                        + "val_accuracy=[01]\\.\\d{4} seconds=\\d+\\.\\d");
        assertThat(train.err()).contains("Epoch 1/1 [").contains("5/5");
        String trainLine = testLine(train.out());
        Matcher m = TEST_LINE.matcher(trainLine);
        assertThat(m.matches()).as(trainLine).isTrue();
        assertThat(m.group(1)).isEqualTo("20");

        TrainingState state = TrainingCheckpoint.load(save).state().orElseThrow();
        assertThat(state.epoch()).isEqualTo(1);
        assertThat(state.iterations()).isEqualTo(5); // 72 images in batches of 16
        BufferedImage png = ImageIO.read(dir.resolve("run-curves.png").toFile());
        assertThat(png.getWidth()).isEqualTo(TrainingChart.WIDTH);
        List<String> csv = Files.readAllLines(dir.resolve("run-history.csv"), StandardCharsets.UTF_8);
        assertThat(csv).hasSize(2);
        assertThat(csv.get(0)).isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds");
        assertThat(csv.get(1)).startsWith("1,");

        Cli.Result evaluate = Cli.run("evaluate", "--model-file", save.toString(), "--data", "cifar10", "--data-dir",
                data.toString(), "--limit-test", "20", "--batch-size", "16", "--backend", "nd4j");

        assertThat(evaluate.exitCode()).as(evaluate.both()).isZero();
        assertThat(evaluate.out().strip()).isEqualTo(trainLine);
    }

    @Test
    void resume_continuesFromTheSavedEpoch_andEndsWhereTheUninterruptedRunEnds() throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 4, 12);
        Path straight = dir.resolve("straight.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");

        Cli.Result twoEpochs = train(data, straight, "--epochs", "2");
        Cli.Result first = train(data, resumed, "--epochs", "1");
        Cli.Result second = Cli.run("train", "--resume", resumed.toString(), "--data", "cifar10", "--data-dir",
                data.toString(), "--epochs", "2", "--batch-size", "16", "--limit-test", "12", "--backend", "nd4j",
                "--save", resumed.toString());

        assertThat(twoEpochs.exitCode()).as(twoEpochs.both()).isZero();
        assertThat(first.exitCode()).as(first.both()).isZero();
        assertThat(second.exitCode()).as(second.both()).isZero();
        assertThat(second.out()).contains("epochs 2 to 2 of 2").contains("Epoch 2/2:").doesNotContain("Epoch 1/2");
        TrainingState state = TrainingCheckpoint.load(resumed).state().orElseThrow();
        assertThat(state.epoch()).isEqualTo(2);
        assertThat(state.iterations()).isEqualTo(4); // 18 training images, 2 steps of at most 16 per epoch
        // nd4j repeats a run bit for bit (docs/training.md), so resuming changes nothing.
        assertThat(testLine(second.out())).isEqualTo(testLine(twoEpochs.out()));
        assertThat(epochLine(second.out(), 2)).isEqualTo(epochLine(twoEpochs.out(), 2));
        List<String> csv = Files.readAllLines(dir.resolve("resumed-history.csv"), StandardCharsets.UTF_8);
        List<String> straightCsv = Files.readAllLines(dir.resolve("straight-history.csv"), StandardCharsets.UTF_8);
        assertThat(csv).hasSize(3);
        assertThat(withoutSeconds(csv)).isEqualTo(withoutSeconds(straightCsv));
    }

    @Test
    void lrDrops_divideTheRateByTenAtThoseSteps_andAResumedRunGivenTheFirstRateFollowsTheSameSchedule()
            throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 4, 12); // 18 training images: 2 steps an epoch
        Path straight = dir.resolve("straight.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");

        Cli.Result twoEpochs = train(data, straight, "--epochs", "2", "--lr-drops", "3");
        Cli.Result first = train(data, resumed, "--epochs", "1", "--lr-drops", "3");
        Cli.Result withoutRate = Cli.run("train", "--resume", resumed.toString(), "--data", "cifar10", "--data-dir",
                data.toString(), "--epochs", "2", "--lr-drops", "3", "--save", resumed.toString());
        Cli.Result second = Cli.run("train", "--resume", resumed.toString(), "--data", "cifar10", "--data-dir",
                data.toString(), "--epochs", "2", "--batch-size", "16", "--limit-test", "12", "--backend", "nd4j",
                "--lr-drops", "3", "--learning-rate", "0.001", "--save", resumed.toString());

        assertThat(twoEpochs.exitCode()).as(twoEpochs.both()).isZero();
        // steps 0 and 1 at Adam's 0.001; step 3, the last of epoch 2, at 0.0001 (the history keeps the epoch's last)
        List<String> straightCsv = Files.readAllLines(dir.resolve("straight-history.csv"), StandardCharsets.UTF_8);
        assertThat(Double.parseDouble(straightCsv.get(1).split(",")[5])).isCloseTo(0.001, within(1e-12));
        assertThat(Double.parseDouble(straightCsv.get(2).split(",")[5])).isCloseTo(0.0001, within(1e-12));
        assertThat(first.exitCode()).as(first.both()).isZero();
        assertThat(withoutRate.exitCode()).as(withoutRate.both()).isEqualTo(ExitCodes.USAGE);
        assertThat(withoutRate.err()).contains("--lr-drops with --resume expects --learning-rate");
        assertThat(second.exitCode()).as(second.both()).isZero();
        assertThat(testLine(second.out())).isEqualTo(testLine(twoEpochs.out()));
        List<String> csv = Files.readAllLines(dir.resolve("resumed-history.csv"), StandardCharsets.UTF_8);
        assertThat(withoutSeconds(csv)).isEqualTo(withoutSeconds(straightCsv));
    }

    @Test
    void lrDrops_notAscending_isAUsageError() throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 4, 12);

        Cli.Result result = train(data, dir.resolve("run.safetensors"), "--lr-drops", "5,3");

        assertThat(result.exitCode()).as(result.both()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--lr-drops expects ascending step numbers of 1 or more. Received: [5, 3]");
    }

    @Test
    void resume_ofACheckpointThatHasAllTheEpochsAsked_isAUsageError() throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 4, 12);
        Path save = dir.resolve("run.safetensors");
        TrainingCheckpoint.save(save, ResNets.cifar(20, CifarShortcut.A_ZERO_PAD),
                new TrainingState(1, 2, 42, Adam.of().config(), Map.of()));

        Cli.Result again = Cli.run("train", "--resume", save.toString(), "--data", "cifar10", "--data-dir",
                data.toString(), "--epochs", "1", "--backend", "nd4j", "--save", save.toString());

        assertThat(again.exitCode()).as(again.both()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err().lines().findFirst().orElseThrow()).isEqualTo("--epochs is the epoch count to reach, "
                + "and " + save + " has completed 1 epochs already. Received: --epochs 1");
    }

    @Test
    void aRunThatFailsInItsSecondEpoch_leavesTheFirstEpochsWholeCheckpoint_andNoPartialFile() throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 4, 12);
        Path out = Files.createDirectory(dir.resolve("out"));
        Path save = out.resolve("run.safetensors");

        Cli.Result r = runFailing(new FailAtEpoch(1), data, save, "--epochs", "2");

        assertThat(r.exitCode()).as(r.both()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).as(r.both()).contains("Error: simulated failure in epoch 2");
        assertThat(TrainingCheckpoint.load(save).state().orElseThrow().epoch()).isEqualTo(1);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("run-curves.png", "run-history.csv", "run.safetensors");
        }
    }

    @Test
    void aRunThatFailsBeforeItsFirstCheckpoint_leavesAnExistingSaveFileUntouched() throws Exception {
        Path data = TinyDataFiles.cifar10(dir.resolve("cifar"), 4, 12);
        Path out = Files.createDirectory(dir.resolve("out"));
        Path save = out.resolve("run.safetensors");
        Files.writeString(save, "the previous run");

        Cli.Result r = runFailing(new FailAtEpoch(0), data, save, "--epochs", "1");

        assertThat(r.exitCode()).as(r.both()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).as(r.both()).contains("Error: simulated failure in epoch 1");
        assertThat(Files.readString(save)).isEqualTo("the previous run");
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("run.safetensors");
        }
    }

    /** Trains cifar-resnet20 on nd4j, batch 16, on the files' 20 training images (18 + 2 for validation). */
    private static Cli.Result train(Path data, Path save, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--model", "cifar-resnet20", "--data", "cifar10",
                "--data-dir", data.toString(), "--batch-size", "16", "--limit-test", "12", "--backend", "nd4j",
                "--save", save.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** As {@link #train}, with a callback that throws when an epoch begins: a run that breaks part-way. */
    private static Cli.Result runFailing(Callback failure, Path data, Path save, String... more) {
        List<String> args = new ArrayList<>(List.of("--model", "cifar-resnet20", "--data", "cifar10", "--data-dir",
                data.toString(), "--batch-size", "16", "--limit-test", "12", "--backend", "nd4j", "--save",
                save.toString()));
        args.addAll(List.of(more));
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            // Built after the streams are replaced: picocli's writers wrap System.out and System.err as they are then.
            CommandLine cli = new CommandLine(new TrainCommand(List.of(failure)));
            ErrorReporter errors = new ErrorReporter();
            cli.setExecutionExceptionHandler(errors);
            cli.setParameterExceptionHandler(errors);
            int code = cli.execute(args.toArray(String[]::new));
            return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** Throws when epoch {@code failing} (0-based) begins, as a backend that crashes would. */
    private record FailAtEpoch(int failing) implements Callback {
        @Override
        public void onEpochBegin(Trainer trainer, int epoch) {
            if (epoch == failing) {
                throw new IllegalStateException("simulated failure in epoch " + (epoch + 1));
            }
        }
    }

    /** The line {@code Epoch N/..: ...} of {@code out}, without its seconds. */
    private static String epochLine(String out, int epoch) {
        String line = out.lines().filter(l -> l.startsWith("Epoch " + epoch + "/")).findFirst().orElseThrow();
        return line.replaceAll(" seconds=.*", "");
    }

    /** The CSV rows without their last column, the wall time. */
    private static List<String> withoutSeconds(List<String> csv) {
        return csv.stream().map(row -> row.substring(0, row.lastIndexOf(','))).toList();
    }

    /** The last line of {@code out} that starts with {@code test:}. */
    static String testLine(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("test:")).toList();
        assertThat(lines).as(out).hasSize(1);
        return lines.get(0);
    }
}
