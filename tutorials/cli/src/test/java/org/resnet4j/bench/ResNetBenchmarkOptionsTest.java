package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's options: the settings by default, every option read, bad values named. */
class ResNetBenchmarkOptionsTest {

    @Test
    void parse_nothing_givesResNet50AtBatch1And8On2ThreadsOnEveryBackendInItsOwnJvm() {
        ResNetBenchmarkOptions o = ResNetBenchmarkOptions.parse();
        assertThat(o.network()).isEqualTo("resnet50");
        assertThat(o.run().backends()).isEmpty();
        assertThat(o.batches()).containsExactly(1, 8);
        assertThat(o.run().threads()).isEqualTo(2);
        assertThat(o.run().warmupSeconds()).isEqualTo(10.0);
        assertThat(o.run().inProcess()).isFalse();
        assertThat(o.run().child()).isFalse();
    }

    @Test
    void parse_everyOption_isRead_andChildArgumentsRepeatTheSettings() {
        ResNetBenchmarkOptions o = ResNetBenchmarkOptions.parse("--network", "resnet18", "--backend", "tf,nd4j",
                "--batches", "2,4", "--threads", "3", "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7",
                "--in-process", "--records", "p.txt", "--reference", "onnxruntime,pytorch", "--records-out", "r.txt");
        assertThat(o.network()).isEqualTo("resnet18");
        assertThat(o.run().backends()).containsExactly("tf", "nd4j");
        assertThat(o.batches()).containsExactly(2, 4);
        assertThat(o.run().threads()).isEqualTo(3);
        assertThat(o.run().warmup()).isZero();
        assertThat(o.run().warmupSeconds()).isEqualTo(2.5);
        assertThat(o.run().runs()).isEqualTo(7);
        assertThat(o.run().inProcess()).isTrue();
        assertThat(o.run().records()).isEqualTo(Path.of("p.txt"));
        assertThat(o.run().references()).containsExactly("onnxruntime", "pytorch");
        assertThat(o.run().recordsOut()).isEqualTo(Path.of("r.txt"));
        assertThat(o.childArguments("tf")).isEqualTo(List.of("--child", "--network", "resnet18", "--batches", "2,4",
                "--backend", "tf", "--threads", "3", "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7"));
    }

    @Test
    void childArguments_parseBackToTheSameSettings_inAChild() {
        ResNetBenchmarkOptions parent = ResNetBenchmarkOptions.parse("--network", "resnet18", "--batches", "8,1",
                "--warmup", "2", "--warmup-seconds", "0", "--runs", "3", "--threads", "1", "--records", "p.txt");
        ResNetBenchmarkOptions child = ResNetBenchmarkOptions.parse(
                parent.childArguments("tf").toArray(String[]::new));
        assertThat(child.run().child()).isTrue();
        assertThat(child.run().backends()).containsExactly("tf");
        assertThat(child.network()).isEqualTo("resnet18");
        assertThat(child.batches()).containsExactly(8, 1);
        assertThat(child.run().threads()).isEqualTo(1);
        assertThat(child.run().plan()).isEqualTo(new BenchmarkPlan(2, 3, 0));
        assertThat(child.run().records()).isNull();
    }

    @Test
    void parse_nothing_warmsUpFor5RunsAnd10Seconds_andTimes10Runs() {
        assertThat(ResNetBenchmarkOptions.parse().run().plan()).isEqualTo(new BenchmarkPlan(5, 10, 10));
    }

    @Test
    void parse_badValues_areErrorsThatNameTheOption() {
        assertThatThrownBy(() -> ResNetBenchmarkOptions.parse("--runs", "0"))
                .hasMessage("--runs expects a whole number of at least 1. Received: \"0\"");
        assertThatThrownBy(() -> ResNetBenchmarkOptions.parse("--batches", "1,x"))
                .hasMessage("--batches expects a whole number of at least 1. Received: \"x\"");
        assertThatThrownBy(() -> ResNetBenchmarkOptions.parse("--threads"))
                .hasMessage("--threads expects a value. Received: nothing");
        assertThatThrownBy(() -> ResNetBenchmarkOptions.parse("--warmup-seconds", "-1"))
                .hasMessage("--warmup-seconds expects a number of seconds, 0 or more. Received: \"-1\"");
        assertThatThrownBy(() -> ResNetBenchmarkOptions.parse("--network", "resnet34"))
                .hasMessage("--network expects one of resnet18, resnet50. Received: \"resnet34\"");
        assertThatThrownBy(() -> ResNetBenchmarkOptions.parse("--fast"))
                .hasMessage("Unknown option \"--fast\"");
    }
}
