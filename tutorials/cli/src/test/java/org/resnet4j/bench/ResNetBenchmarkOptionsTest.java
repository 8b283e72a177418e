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
        assertThat(o.backends()).isEmpty();
        assertThat(o.batches()).containsExactly(1, 8);
        assertThat(o.threads()).isEqualTo(2);
        assertThat(o.warmupSeconds()).isEqualTo(10.0);
        assertThat(o.inProcess()).isFalse();
        assertThat(o.child()).isFalse();
    }

    @Test
    void parse_everyOption_isRead_andChildArgumentsRepeatTheSettings() {
        ResNetBenchmarkOptions o = ResNetBenchmarkOptions.parse("--network", "resnet18", "--backend", "tf,nd4j",
                "--batches", "2,4", "--threads", "3", "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7",
                "--in-process", "--records", "p.txt", "--reference", "onnxruntime,pytorch", "--records-out", "r.txt");
        assertThat(o.network()).isEqualTo("resnet18");
        assertThat(o.backends()).containsExactly("tf", "nd4j");
        assertThat(o.batches()).containsExactly(2, 4);
        assertThat(o.threads()).isEqualTo(3);
        assertThat(o.warmup()).isZero();
        assertThat(o.warmupSeconds()).isEqualTo(2.5);
        assertThat(o.runs()).isEqualTo(7);
        assertThat(o.inProcess()).isTrue();
        assertThat(o.records()).isEqualTo(Path.of("p.txt"));
        assertThat(o.references()).containsExactly("onnxruntime", "pytorch");
        assertThat(o.recordsOut()).isEqualTo(Path.of("r.txt"));
        assertThat(o.childArguments("tf")).isEqualTo(List.of("--child", "--network", "resnet18", "--backend", "tf",
                "--threads", "3",
                "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7", "--batches", "2,4"));
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
