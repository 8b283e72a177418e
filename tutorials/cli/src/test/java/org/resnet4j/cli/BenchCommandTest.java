package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code resnet4j bench}: results on standard output, the progress bar on standard error. */
class BenchCommandTest {
    @Test
    void timesTheModel_resultsOnStdout_progressOnStderr() throws Exception {
        Cli.Result r = Cli.run("bench", "--model", "cifar-resnet20", "--batch", "2", "--warmup", "1",
                "--iterations", "3", "--backend", "tf");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("tf cifar_resnet20_a, input [2, 32, 32, 3], compile ")
                .containsPattern("tf cifar_resnet20_a batch 2: median [\\d.]+ ms, min [\\d.]+ ms, [\\d.]+ ms/image, "
                        + "[\\d.]+ images/s \\(3 runs\\)")
                .doesNotContain("[#");
        assertThat(r.err()).contains("warm-up [####################] 1/1").contains("timed   [####################] 3/3");
    }

    @Test
    void impossiblePlans_andBatches_areUsageErrors() throws Exception {
        Cli.Result noRuns = Cli.run("bench", "--model", "cifar-resnet20", "--iterations", "0");
        assertThat(noRuns.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(noRuns.err()))
                .startsWith("--warmup, --warmup-seconds and --iterations: ").contains("Received: 0");

        Cli.Result negativeTime = Cli.run("bench", "--model", "cifar-resnet20", "--warmup-seconds", "-2");
        assertThat(negativeTime.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(negativeTime.err())).contains("Received: -2.0");

        Cli.Result noImages = Cli.run("bench", "--model", "cifar-resnet20", "--batch", "0");
        assertThat(noImages.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(noImages.err())).isEqualTo("--batch expects at least 1. Received: 0");
    }
}
