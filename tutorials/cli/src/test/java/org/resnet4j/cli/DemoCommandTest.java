package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's main job runs, reports every backend, and the backends that ran agree. */
class DemoCommandTest {
    private static final Pattern AGREEMENT = Pattern.compile("(\\w+) vs (\\w+): relative L2 (\\S+), max abs (\\S+)");

    @Test
    void demo_runsResNet50OnEveryAvailableBackend_theyAgree_andTheChoiceIsStatedOnce() throws Exception {
        Cli.Result r = Cli.run("demo");

        assertThat(r.exitCode()).as(r.both()).isZero();
        // torchvision's published parameter count of resnet50, and its 4.09 GFLOPS (multiply-adds) per 224x224 image.
        assertThat(r.out()).contains("(trainable 25,557,032)").contains("4.09 GMACs")
                .contains("resnet4j: Found backend [tf, priority 20").contains("resnet4j: Found backend [nd4j, priority 10")
                .contains("resnet4j: Found backend [jcuda");
        // tf and nd4j run on every machine this project supports; jcuda joins where a GPU is present.
        assertThat(r.out()).containsPattern("(?m)^tf +compile").containsPattern("(?m)^nd4j +compile");
        Matcher m = AGREEMENT.matcher(r.out());
        int pairs = 0;
        while (m.find()) {
            pairs++;
            assertThat(Double.parseDouble(m.group(3))).as(m.group()).isLessThan(1e-4);
        }
        assertThat(pairs).as(r.out()).isGreaterThanOrEqualTo(1);
        // The wart this guards against: describe()'s Using line, then one from Backends.get(name) per backend run.
        String all = r.out() + r.err();
        assertThat(all.split("resnet4j: Using \\[", -1).length - 1).as(r.both()).isEqualTo(1);
    }
}
