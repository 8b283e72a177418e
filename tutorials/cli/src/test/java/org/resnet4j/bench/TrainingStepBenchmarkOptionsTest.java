package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training benchmark's options: issue #15's settings by default, every option read, bad values named. */
class TrainingStepBenchmarkOptionsTest {

    @Test
    void parse_nothing_givesResNet50AtBatch8_twoWarmUpStepsNoWarmUpTime_fiveTimedSteps_on2Threads() {
        TrainingStepBenchmarkOptions o = TrainingStepBenchmarkOptions.parse();
        assertThat(o.network()).isEqualTo(TrainingNetwork.RESNET50);
        assertThat(o.batch()).isEqualTo(8);
        assertThat(o.run().backends()).isEmpty();
        assertThat(o.run().threads()).isEqualTo(2);
        assertThat(o.run().plan()).isEqualTo(new BenchmarkPlan(3, 5, 20));
        assertThat(o.run().inProcess()).isFalse();
        assertThat(o.run().child()).isFalse();
        assertThat(o.engine()).isNull();
    }

    @Test
    void parse_mnistResNet18_defaultsToBatch128_whereverTheBatchOptionIs() {
        assertThat(TrainingStepBenchmarkOptions.parse("--network", "mnist-resnet18").batch()).isEqualTo(128);
        assertThat(TrainingStepBenchmarkOptions.parse("--batch", "16", "--network", "mnist-resnet18").batch())
                .isEqualTo(16);
    }

    @Test
    void parse_everyOption_isRead_andChildArgumentsRepeatTheMeasurementSettings() {
        TrainingStepBenchmarkOptions o = TrainingStepBenchmarkOptions.parse("--network", "mnist-resnet18",
                "--backend", "tf", "--batch", "32", "--threads", "3", "--warmup", "0", "--warmup-seconds", "2.5",
                "--runs", "7", "--in-process", "--records", "p.txt", "--reference", "pytorch,pytorch-malloc",
                "--records-out", "r.txt", "--engine", "tf-no-onednn");
        assertThat(o.network()).isEqualTo(TrainingNetwork.MNIST_RESNET18);
        assertThat(o.run().backends()).containsExactly("tf");
        assertThat(o.batch()).isEqualTo(32);
        assertThat(o.run().threads()).isEqualTo(3);
        assertThat(o.run().plan()).isEqualTo(new BenchmarkPlan(0, 7, 2.5));
        assertThat(o.run().inProcess()).isTrue();
        assertThat(o.run().records()).isEqualTo(Path.of("p.txt"));
        assertThat(o.run().references()).containsExactly("pytorch", "pytorch-malloc");
        assertThat(o.run().recordsOut()).isEqualTo(Path.of("r.txt"));
        assertThat(o.engine()).isEqualTo("tf-no-onednn");
        assertThat(o.childArguments("tf")).isEqualTo(List.of("--child", "--network", "mnist-resnet18", "--batch", "32",
                "--backend", "tf", "--threads", "3", "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7"));
    }

    @Test
    void childArguments_parseBackToTheSameSettings() {
        TrainingStepBenchmarkOptions parent = TrainingStepBenchmarkOptions.parse("--network", "mnist-resnet18",
                "--warmup", "3", "--warmup-seconds", "1", "--runs", "4", "--threads", "1");
        TrainingStepBenchmarkOptions child = TrainingStepBenchmarkOptions.parse(
                parent.childArguments("nd4j").toArray(String[]::new));
        assertThat(child.run().child()).isTrue();
        assertThat(child.run().backends()).containsExactly("nd4j");
        assertThat(child.network()).isEqualTo(parent.network());
        assertThat(child.batch()).isEqualTo(128);
        assertThat(child.run().threads()).isEqualTo(1);
        assertThat(child.run().plan()).isEqualTo(parent.run().plan());
    }

    @Test
    void named_renamesTheMeasuredRecords_onlyWhenAnEngineIsGiven() {
        List<BenchmarkRecord> measured = List.of(new BenchmarkRecord("tf", "resnet50", 8, 900.0, 850.0, 5));
        assertThat(TrainingStepBenchmarkOptions.parse("--backend", "tf").named(measured)).isEqualTo(measured);
        assertThat(TrainingStepBenchmarkOptions.parse("--backend", "tf", "--engine", "tf-no-onednn").named(measured))
                .containsExactly(new BenchmarkRecord("tf-no-onednn", "resnet50", 8, 900.0, 850.0, 5));
    }

    @Test
    void parse_badValues_areErrorsThatNameTheOption() {
        assertThatThrownBy(() -> TrainingStepBenchmarkOptions.parse("--network", "resnet18"))
                .hasMessage("--network expects one of resnet50, mnist-resnet18. Received: \"resnet18\"");
        assertThatThrownBy(() -> TrainingStepBenchmarkOptions.parse("--batch", "0"))
                .hasMessage("--batch expects a whole number of at least 1. Received: \"0\"");
        assertThatThrownBy(() -> TrainingStepBenchmarkOptions.parse("--runs"))
                .hasMessage("--runs expects a value. Received: nothing");
        assertThatThrownBy(() -> TrainingStepBenchmarkOptions.parse("--warmup-seconds", "x"))
                .hasMessage("--warmup-seconds expects a number of seconds, 0 or more. Received: \"x\"");
        assertThatThrownBy(() -> TrainingStepBenchmarkOptions.parse("--batches", "8"))
                .hasMessage("Unknown option \"--batches\"");
    }

    @Test
    void parse_engineWithoutExactlyOneBackend_isAnError() {
        assertThatThrownBy(() -> TrainingStepBenchmarkOptions.parse("--engine", "tf-no-onednn"))
                .hasMessage("--engine names the records of one backend, so it expects exactly one --backend."
                        + " Received: none (every available backend)");
        assertThatThrownBy(() -> TrainingStepBenchmarkOptions.parse("--engine", "x", "--backend", "tf,nd4j"))
                .hasMessage("--engine names the records of one backend, so it expects exactly one --backend."
                        + " Received: [tf, nd4j]");
    }
}
