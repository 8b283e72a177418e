package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;

/** The networks the inference benchmark times, and their weights. */
class ResNetBenchmarkTest {
    @Test
    void networks_areTorchvisionsResNet18And50() {
        assertThat(ResNetBenchmark.NETWORKS).containsExactly(
                java.util.Map.entry("resnet18", 18), java.util.Map.entry("resnet50", 50));
    }

    @Test
    void batchNorms_getStatisticsThatFoldIntoNonZeroBiases_andTheRestIsUntouched() {
        Model fresh = ResNets.torchvision(18);
        Model model = ResNetBenchmark.withTrainedLikeBatchNorms(ResNets.torchvision(18));
        long batchNormTensors = model.parameters().asMap().keySet().stream()
                .filter(n -> n.matches(".*/(beta|gamma|moving_mean|moving_variance)")).count();
        assertThat(batchNormTensors).isEqualTo(4 * 20);
        model.parameters().asMap().forEach((name, values) -> {
            float[] data = values.data();
            if (name.endsWith("/beta") || name.endsWith("/moving_mean")) {
                assertThat(values(data)).as(name).anySatisfy(v -> assertThat(v).isNotZero());
            } else if (name.endsWith("/gamma") || name.endsWith("/moving_variance")) {
                assertThat(values(data)).as(name).allSatisfy(v -> assertThat(v).isBetween(0.5f, 1.5f))
                        .anySatisfy(v -> assertThat(v).isNotEqualTo(1f));
            } else {
                assertThat(data).as(name).isEqualTo(fresh.parameters().get(name).data());
            }
        });
    }

    private static java.util.List<Float> values(float[] data) {
        java.util.List<Float> list = new java.util.ArrayList<>(data.length);
        for (float v : data) {
            list.add(v);
        }
        return list;
    }
}
