package org.resnet4j.tutorials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;

/** The README's main job runs, reports every backend, and the backends that ran agree. */
class DemoTest {
    @Test
    void demo_runsResNet50OnEveryAvailableBackend_andTheyAgree() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Map<String, HostTensor> outputs;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            outputs = Demo.run(out);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("(trainable 25,557,032)").contains("resnet4j: Found backend [tf, priority 20")
                .contains("resnet4j: Found backend [nd4j, priority 10").contains("resnet4j: Found backend [jcuda");
        // tf and nd4j run on every machine this project supports; jcuda joins where a GPU is present.
        assertThat(outputs).containsKeys("tf", "nd4j");
        outputs.values().forEach(o -> assertThat(o.shape().toArray()).containsExactly(1, 1000));
        List<String> names = new ArrayList<>(outputs.keySet());
        for (int i = 1; i < names.size(); i++) {
            assertThat(Demo.relativeL2(outputs.get(names.get(i)), outputs.get(names.get(0)))).isLessThan(1e-4);
        }
    }
}
