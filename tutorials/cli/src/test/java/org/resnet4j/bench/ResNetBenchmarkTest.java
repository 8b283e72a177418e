package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The networks the inference benchmark times. */
class ResNetBenchmarkTest {
    @Test
    void networks_areTorchvisionsResNet18And50() {
        assertThat(ResNetBenchmark.NETWORKS).containsExactly(
                java.util.Map.entry("resnet18", 18), java.util.Map.entry("resnet50", 50));
    }
}
