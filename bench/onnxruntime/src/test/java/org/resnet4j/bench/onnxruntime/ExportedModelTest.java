package org.resnet4j.bench.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime runs the exported ResNet-18 as PyTorch did. Needs the files of {@code bench/export_onnx.py} in
 * {@code bench/target/onnx} (the pom passes the folder as {@code resnet4j.onnx.models}); without them it is skipped
 * and says how to make them. Runs only in this module, which only {@code -Ponnxruntime} builds.
 */
class ExportedModelTest {
    private static OnnxRuntimeOptions resnet18() {
        String dir = System.getProperty("resnet4j.onnx.models", "../target/onnx");
        OnnxRuntimeOptions options = OnnxRuntimeOptions.parse("--models", dir, "--network", "resnet18");
        assumeTrue(Files.isRegularFile(options.modelFile()) && Files.isRegularFile(options.checkLogitsFile()),
                "no exported ResNet-18 in " + Path.of(dir).toAbsolutePath().normalize() + ": run /usr/bin/python3"
                        + " bench/export_onnx.py --out bench/target/onnx (needs python3-torch and torchvision)");
        return options;
    }

    @Test
    void resnet18_logitsOfTheSavedInput_matchPyTorchsWithinATenThousandthOfTheirScale() throws Exception {
        OnnxRuntimeOptions options = resnet18();
        try (OnnxRuntimeModel model = new OnnxRuntimeModel(options.modelFile(), 2)) {
            double relative = OnnxRuntimeBenchmark.checkAgainstPyTorch(model, options, "onnxruntime resnet18");
            assertThat(relative).isLessThan(1e-4);
        }
    }

    @Test
    void resnet18_otherInput_failsTheCheck() throws Exception {
        OnnxRuntimeOptions options = resnet18();
        float[] expected = Float32File.read(options.checkLogitsFile());
        try (OnnxRuntimeModel model = new OnnxRuntimeModel(options.modelFile(), 2)) {
            // The benchmark's own random images are not the saved check input: their logits must not pass.
            float[] other = model.predict(OnnxRuntimeBenchmark.images(2), 2);
            assertThatThrownBy(() -> new LogitsCheck("onnxruntime resnet18", 1e-3).verify(other, expected))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("differ from PyTorch's");
        }
    }
}
