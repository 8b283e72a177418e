package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's options: the settings by default, every option read, bad values named. */
class ResNet50BenchmarkOptionsTest {

    @Test
    void parse_nothing_givesBatch1And8On2ThreadsOnEveryBackendInItsOwnJvm() {
        ResNet50BenchmarkOptions o = ResNet50BenchmarkOptions.parse();
        assertThat(o.backends()).isEmpty();
        assertThat(o.batches()).containsExactly(1, 8);
        assertThat(o.threads()).isEqualTo(2);
        assertThat(o.warmupSeconds()).isEqualTo(10.0);
        assertThat(o.inProcess()).isFalse();
        assertThat(o.child()).isFalse();
    }

    @Test
    void parse_everyOption_isRead_andChildArgumentsRepeatTheSettings() {
        ResNet50BenchmarkOptions o = ResNet50BenchmarkOptions.parse("--backend", "tf,nd4j", "--batches", "2,4",
                "--threads", "3", "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7", "--in-process",
                "--records", "p.txt", "--reference", "pytorch");
        assertThat(o.backends()).containsExactly("tf", "nd4j");
        assertThat(o.batches()).containsExactly(2, 4);
        assertThat(o.threads()).isEqualTo(3);
        assertThat(o.warmup()).isZero();
        assertThat(o.warmupSeconds()).isEqualTo(2.5);
        assertThat(o.runs()).isEqualTo(7);
        assertThat(o.inProcess()).isTrue();
        assertThat(o.records()).isEqualTo(Path.of("p.txt"));
        assertThat(o.reference()).isEqualTo("pytorch");
        assertThat(o.childArguments("tf")).isEqualTo(List.of("--child", "--backend", "tf", "--threads", "3",
                "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7", "--batches", "2,4"));
    }

    @Test
    void parse_badValues_areErrorsThatNameTheOption() {
        assertThatThrownBy(() -> ResNet50BenchmarkOptions.parse("--runs", "0"))
                .hasMessage("--runs expects a whole number of at least 1. Received: \"0\"");
        assertThatThrownBy(() -> ResNet50BenchmarkOptions.parse("--batches", "1,x"))
                .hasMessage("--batches expects a whole number of at least 1. Received: \"x\"");
        assertThatThrownBy(() -> ResNet50BenchmarkOptions.parse("--threads"))
                .hasMessage("--threads expects a value. Received: nothing");
        assertThatThrownBy(() -> ResNet50BenchmarkOptions.parse("--warmup-seconds", "-1"))
                .hasMessage("--warmup-seconds expects a number of seconds, 0 or more. Received: \"-1\"");
        assertThatThrownBy(() -> ResNet50BenchmarkOptions.parse("--fast"))
                .hasMessage("Unknown option \"--fast\"");
    }
}
