package org.resnet4j.models.imagenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

class PredictionsTest {
    @Test
    void decodePredictions_returnsTopKPerRow_mostProbableFirst_withWnidAndName() {
        float[] p = new float[2000];
        p[2] = 0.5f;
        p[999] = 0.3f;
        p[0] = 0.2f;
        p[1000 + 1] = 0.9f;
        p[1000 + 7] = 0.1f;
        List<List<Prediction>> top = Predictions.decodePredictions(HostTensor.of(Shape.of(2, 1000), p), 3);
        assertThat(top).hasSize(2);
        assertThat(top.get(0)).extracting(Prediction::index).containsExactly(2, 999, 0);
        assertThat(top.get(0).get(0)).isEqualTo(new Prediction(2, ImageNetClasses.wnid(2), ImageNetClasses.name(2), 0.5f));
        assertThat(top.get(0).get(1).wnid()).isEqualTo("n15075141");
        assertThat(top.get(1)).extracting(Prediction::index).first().isEqualTo(1);
        assertThat(top.get(1)).extracting(Prediction::probability).containsExactly(0.9f, 0.1f, 0f);
    }

    @Test
    void top_equalProbabilities_higherIndexFirst_likeKerasReversedArgsort() {
        float[] p = new float[1000];
        p[10] = 0.25f;
        p[20] = 0.25f;
        p[30] = 0.5f;
        assertThat(Predictions.top(p, 3)).extracting(Prediction::index).containsExactly(30, 20, 10);
    }

    @Test
    void decodePredictions_wrongShape_namesExpectedAndReceived() {
        assertThatThrownBy(() -> Predictions.decodePredictions(HostTensor.zeros(Shape.of(1, 10)), 5))
                .hasMessageContaining("[batch, 1000]. Received: shape=[1, 10]");
    }
}
