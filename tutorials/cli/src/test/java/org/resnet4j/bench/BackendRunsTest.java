package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a benchmark prints before it measures, once per benchmark however many JVMs it starts. */
class BackendRunsTest {
    private static final BenchmarkPlan PLAN = new BenchmarkPlan(5, 10, 10);

    private static BackendRunOptions options(String... args) {
        return BackendRunOptions.parse(args, PLAN, (option, value) -> false);
    }

    @Test
    void header_ofTheParent_isTheSettingsLine_thenTheMachine() {
        List<String> header = BackendRuns.header("resnet18 (torchvision), 224x224, batches [1]", "runs",
                List.of("no-such-backend"), options("--threads", "3"));
        assertThat(header).hasSize(2);
        assertThat(header.get(0)).isEqualTo("resnet18 (torchvision), 224x224, batches [1], 3 threads, warm-up of at"
                + " least 5 runs and 10 s, 10 timed runs; backends [no-such-backend], each in its own JVM");
        assertThat(header.get(1)).startsWith("Machine: ");
    }

    @Test
    void header_withInProcess_saysThatTheBackendsRunInThisJvm() {
        List<String> header = BackendRuns.header("training step", "steps", List.of("no-such-backend"),
                options("--in-process", "--warmup-seconds", "0"));
        assertThat(header.get(0)).isEqualTo("training step, 2 threads, warm-up of at least 5 steps and 0 s, 10 timed"
                + " steps; backends [no-such-backend], in this JVM");
    }

    @Test
    void header_ofAChild_isEmpty_becauseItsParentPrintedIt() {
        BackendRunOptions parent = options("--threads", "3");
        BackendRunOptions child = options(parent.childArguments("nd4j", List.of()).toArray(String[]::new));
        assertThat(BackendRuns.header("resnet18", "runs", List.of("nd4j"), child)).isEmpty();
    }
}
