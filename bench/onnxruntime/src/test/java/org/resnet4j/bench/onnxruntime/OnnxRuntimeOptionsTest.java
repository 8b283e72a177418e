package org.resnet4j.bench.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runner's options: the Java benchmark's defaults, every option read, bad values named. */
class OnnxRuntimeOptionsTest {
    @Test
    void parse_onlyTheModels_givesResNet50AtBatch1And8On2Threads() {
        OnnxRuntimeOptions o = OnnxRuntimeOptions.parse("--models", "m");
        assertThat(o.network()).isEqualTo("resnet50");
        assertThat(o.batches()).containsExactly(1, 8);
        assertThat(o.threads()).isEqualTo(2);
        assertThat(o.warmup()).isEqualTo(5);
        assertThat(o.warmupSeconds()).isEqualTo(10.0);
        assertThat(o.runs()).isEqualTo(10);
        assertThat(o.tolerance()).isEqualTo(1e-3);
        assertThat(o.modelFile()).isEqualTo(Path.of("m", "resnet50.onnx"));
    }

    @Test
    void parse_everyOption_isRead_andTheFilesFollowTheNetwork() {
        OnnxRuntimeOptions o = OnnxRuntimeOptions.parse("--models", "out", "--network", "resnet18", "--batches", "8",
                "--threads", "4", "--warmup", "0", "--warmup-seconds", "1.5", "--runs", "3", "--tolerance", "0.01");
        assertThat(o.batches()).containsExactly(8);
        assertThat(o.threads()).isEqualTo(4);
        assertThat(o.warmup()).isZero();
        assertThat(o.warmupSeconds()).isEqualTo(1.5);
        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.tolerance()).isEqualTo(0.01);
        assertThat(o.modelFile()).isEqualTo(Path.of("out", "resnet18.onnx"));
        assertThat(o.checkInputFile()).isEqualTo(Path.of("out", "resnet18.input.f32"));
        assertThat(o.checkLogitsFile()).isEqualTo(Path.of("out", "resnet18.logits.f32"));
    }

    @Test
    void parse_badValues_areErrorsThatNameTheOption() {
        assertThatThrownBy(() -> OnnxRuntimeOptions.parse())
                .hasMessage("--models expects the folder bench/export_onnx.py wrote. Received: nothing");
        assertThatThrownBy(() -> OnnxRuntimeOptions.parse("--models", "m", "--network", "resnet34"))
                .hasMessage("--network expects one of resnet50, resnet18. Received: \"resnet34\"");
        assertThatThrownBy(() -> OnnxRuntimeOptions.parse("--models", "m", "--runs", "0"))
                .hasMessage("--runs expects a whole number of at least 1. Received: \"0\"");
        assertThatThrownBy(() -> OnnxRuntimeOptions.parse("--models", "m", "--tolerance", "-1"))
                .hasMessage("--tolerance expects a number, 0 or more. Received: \"-1\"");
        assertThatThrownBy(() -> OnnxRuntimeOptions.parse("--models"))
                .hasMessage("--models expects a value. Received: nothing");
        assertThatThrownBy(() -> OnnxRuntimeOptions.parse("--fast")).hasMessage("Unknown option \"--fast\"");
    }
}
