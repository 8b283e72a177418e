package org.resnet4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuFactsTest {
    private static final String TWO_AMD_CPUS = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC
            flags\t\t: fpu sse4_2 avx2 fma topoext avx512f avx512_vnni pti
            
            processor\t: 1
            vendor_id\t: GenuineIntel
            model name\t: not the first CPU
            flags\t\t: fpu
            """;

    @TempDir
    Path dir;

    @Test
    void read_takesTheFirstProcessorsModelVendorAndFlags() throws IOException {
        CpuFacts cpu = CpuFacts.read(cpuinfo(TWO_AMD_CPUS), dir.resolve("cache"));

        assertThat(cpu.model()).isEqualTo("AMD EPYC");
        assertThat(cpu.vendor()).isEqualTo("AuthenticAMD");
        assertThat(cpu.flags()).contains("topoext", "avx512f").doesNotContain("fpu sse4_2");
    }

    @Test
    void amdWithTopoextAndNoCacheFolder_hidesItsCacheTopology() throws IOException {
        CpuFacts cpu = CpuFacts.read(cpuinfo(TWO_AMD_CPUS), dir.resolve("cache"));

        assertThat(cpu.cacheTopologyVisible()).isFalse();
        assertThat(cpu.hidesAmdCacheTopology()).isTrue();
        assertThat(cpu.describe())
                .isEqualTo("AMD EPYC; flags: avx2 avx512_vnni avx512f fma sse4_2; cache sizes not visible to programs");
    }

    @Test
    void aVisibleCacheFolder_orNoTopoext_orAnotherVendor_hidesNothing() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache/index0"));
        assertThat(CpuFacts.read(cpuinfo(TWO_AMD_CPUS), cache.getParent()).hidesAmdCacheTopology()).isFalse();

        Path noCache = dir.resolve("none");
        assertThat(CpuFacts.read(cpuinfo(TWO_AMD_CPUS.replace(" topoext", "")), noCache).hidesAmdCacheTopology())
                .isFalse();
        assertThat(CpuFacts.read(cpuinfo(TWO_AMD_CPUS.replaceFirst("AuthenticAMD", "GenuineIntel")), noCache)
                .hidesAmdCacheTopology()).isFalse();
    }

    @Test
    void noCpuinfo_givesEmptyFacts_thatHideNothing() {
        CpuFacts cpu = CpuFacts.read(dir.resolve("missing"), dir.resolve("cache"));

        assertThat(cpu.model()).isEmpty();
        assertThat(cpu.flags()).isEmpty();
        assertThat(cpu.hidesAmdCacheTopology()).isFalse();
        assertThat(cpu.describe()).startsWith("unknown CPU; flags: ");
    }

    private Path cpuinfo(String text) throws IOException {
        Path file = dir.resolve("cpuinfo-" + Integer.toHexString(text.hashCode()));
        return Files.writeString(file, text);
    }
}
