package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ResidentSet;
import org.resnet4j.tensor.HostTensor;

/**
 * 10,000 predicts keep the resident set flat: intermediates go back to the compiled model's pool and are reused,
 * and nothing else accumulates. Not part of the default run (tag {@code soak}). It measures only in a JVM where
 * nothing but the backend can make the resident set grow, and skips otherwise: a fixed, pre-touched heap (or the
 * heap growing would look like a leak) and no C2 compiler (whose freed compile memory glibc keeps, about 10 MB
 * over these 10,000 predicts; docs/backend-nd4j.md has the measurements):
 * {@code mvn -pl backend-nd4j -am verify -Dgroups=soak -DexcludedGroups=none
 * "-DargLine=-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:TieredStopAtLevel=1"} (add
 * {@code -Dresnet4j.soak.predicts=N} to the argLine for another count). A leak of even one small array per call
 * exceeds the limit.
 */
@Tag("soak")
class Nd4jSoakTest {
    private static final int WARM_UP = 5_000;
    private static final int PREDICTS = Integer.getInteger("resnet4j.soak.predicts", 10_000);
    private static final long ALLOWED_GROWTH_KB = 8 * 1024;

    @Test
    void tenThousandPredicts_keepResidentMemoryFlat() {
        Availability availability = new Nd4jBackendProvider().probe();
        assumeTrue(availability.available(), availability.reason());
        assumeTrue(Files.isReadable(ResidentSet.STATUS), "needs /proc/self/status (Linux)");
        String unsettled = unsettledJvm();
        assumeTrue(unsettled == null, () -> unsettled + ": run with \"-DargLine=-Xms256m -Xmx256m"
                + " -XX:+AlwaysPreTouch -XX:TieredStopAtLevel=1\" so that only the backend can grow the resident set");
        Model model = ContractModels.smallResidualNet();
        HostTensor input = OpRunner.uniform(new Random(4), -1, 1, 1, 12, 10, 3);
        try (Backend backend = new Nd4jBackendProvider().create();
             Nd4jCompiledModel compiled = (Nd4jCompiledModel) backend.compile(model)) {
            for (int i = 0; i < WARM_UP; i++) {
                compiled.predictAll(input);
            }
            long pooledBefore = compiled.pooledBytes();
            long before = ResidentSet.kib();
            long peak = before;
            for (int i = 0; i < PREDICTS; i++) {
                compiled.predictAll(input);
                if (i % 1_000 == 0) {
                    peak = Math.max(peak, ResidentSet.kib());
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf("resnet4j soak: %d predicts, VmRSS %d kB, javacpp off-heap %d kB,"
                                    + " JVM heap committed %d kB%n", i, ResidentSet.kib(),
                            org.bytedeco.javacpp.Pointer.totalBytes() / 1024, rt.totalMemory() / 1024);
                }
            }
            long after = ResidentSet.kib();
            System.out.printf("resnet4j soak: VmRSS after warm-up %d kB, after %d predicts %d kB, peak %d kB%n",
                    before, PREDICTS, after, Math.max(peak, after));
            assertThat(compiled.pooledBytes()).as("bytes in the compiled model's pool").isEqualTo(pooledBefore);
            assertThat(after - before).as("VmRSS growth in kB over %d predicts", PREDICTS)
                    .isLessThan(ALLOWED_GROWTH_KB);
        }
    }

    /** Why this JVM's resident set could grow for reasons of its own, or {@code null} if it cannot. */
    private static String unsettledJvm() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (!vm.getVMOption("InitialHeapSize").getValue().equals(vm.getVMOption("MaxHeapSize").getValue())
                || !vm.getVMOption("AlwaysPreTouch").getValue().equals("true")) {
            return "the heap is not fixed and pre-touched";
        }
        if (!vm.getVMOption("TieredStopAtLevel").getValue().equals("1")) {
            return "the C2 compiler is on";
        }
        return null;
    }
}
