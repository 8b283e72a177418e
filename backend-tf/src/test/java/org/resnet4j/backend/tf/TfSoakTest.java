package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ResidentSet;
import org.resnet4j.tensor.HostTensor;

/**
 * Leak check, not part of the default run (tag "soak"): 10,000 predictions through one compiled model must keep
 * the resident set size flat. Run it with
 * {@code mvn -B -pl backend-tf -am verify -Dgroups=soak -Dresnet4j.test.excludedGroups=none -Dtest=TfSoakTest
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m}. The heap cap keeps the JVM from growing its heap
 * during the run, which would show in the RSS although it is no native leak.
 */
@Tag("soak")
class TfSoakTest {
    private static final int WARM_UP = 1_000;
    private static final int PREDICTIONS = 10_000;
    /** Each prediction feeds 64 x 12 x 10 x 3 floats (90 KiB): leaking them all would add about 880 MiB. */
    private static final long ALLOWED_GROWTH_KIB = 48 * 1024;

    @Test
    void tenThousandPredictions_keepTheResidentSetFlat() {
        Availability a = new TfBackendProvider().probe();
        assumeTrue(a.available(), a.reason());
        assumeTrue(Files.isReadable(ResidentSet.STATUS), "RSS is read from /proc/self/status, which only Linux has");
        HostTensor input = OpRunner.uniform(new Random(1), -1, 1, 64, 12, 10, 3);
        try (Backend backend = new TfBackendProvider().create();
                CompiledModel model = backend.compile(ContractModels.smallResidualNet())) {
            for (int i = 0; i < WARM_UP; i++) {
                model.predictAll(input);
            }
            System.gc();
            long before = ResidentSet.kib();
            for (int i = 1; i <= PREDICTIONS; i++) {
                model.predictAll(input);
                if (i % 2_000 == 0) {
                    System.out.printf("resnet4j soak: VmRSS %d KiB after %d predictions%n", ResidentSet.kib(), i);
                }
            }
            System.gc();
            long after = ResidentSet.kib();
            System.out.printf("resnet4j soak: VmRSS %d KiB after warm-up, %d KiB after %d predictions (%+d KiB)%n",
                    before, after, PREDICTIONS, after - before);
            assertThat(after - before).as("VmRSS growth in KiB over %d predictions", PREDICTIONS)
                    .isLessThan(ALLOWED_GROWTH_KIB);
        }
    }
}
