package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the benchmark takes from another engine's output: the record lines of its own network only. */
class ResNetBenchmarkTest {
    @Test
    void recordsOf_keepsTheRecordsOfTheNetwork_andReadsOldLinesAsResNet50() {
        List<String> lines = List.of(
                "pytorch 1.13.0, torchvision 0.14.1, 2 threads",
                "bench-result\tonnxruntime\t8\t160.000\t150.000\t10\tresnet50",
                "bench-result\tonnxruntime\t8\t40.000\t38.000\t10\tresnet18",
                "bench-result\tpytorch\t1\t33.000\t31.000\t10");

        assertThat(ResNetBenchmark.recordsOf(lines, "resnet18"))
                .containsExactly(new BenchmarkRecord("onnxruntime", "resnet18", 8, 40.0, 38.0, 10));
        assertThat(ResNetBenchmark.recordsOf(lines, "resnet50")).extracting(BenchmarkRecord::engine)
                .containsExactly("onnxruntime", "pytorch");
    }

    @Test
    void networks_areTorchvisionsResNet18And50() {
        assertThat(ResNetBenchmark.NETWORKS).containsExactly(
                java.util.Map.entry("resnet18", 18), java.util.Map.entry("resnet50", 50));
    }
}
