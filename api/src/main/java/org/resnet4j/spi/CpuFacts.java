package org.resnet4j.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Linux says about this machine's CPU, for backends' performance notes and for the benchmarks, which print the
 * CPU with every figure: its model, vendor, flags, and whether its cache topology is visible.
 *
 * <p>The cache topology matters on virtual machines: a hypervisor may announce AMD's cache topology leaf (CPUID
 * 0x8000001D, flag {@code topoext}) and leave it empty. Libraries that read their cache sizes from that leaf then
 * see none (oneDNN 3.x sees 1-byte caches and blocks its kernels for them). Linux fills
 * {@code /sys/devices/system/cpu/cpu0/cache} from the same leaf, so the folder's absence is how that shows to a
 * Java program.
 *
 * @param model                 the first processor's {@code model name}; empty where unknown
 * @param vendor                its {@code vendor_id} ({@code AuthenticAMD}, {@code GenuineIntel}); empty where unknown
 * @param flags                 its {@code flags}
 * @param cacheTopologyVisible  whether Linux lists the first CPU's caches
 */
public record CpuFacts(String model, String vendor, Set<String> flags, boolean cacheTopologyVisible) {
    /** The vector-instruction flags a benchmark prints next to its figures. */
    private static final List<String> SIMD_PREFIXES = List.of("avx", "fma", "amx", "sse4", "f16c");

    public CpuFacts {
        flags = Set.copyOf(flags);
    }

    /**
     * This machine's facts, read once per JVM (each backend's ops and each benchmark ask); on a system without
     * {@code /proc/cpuinfo} every field is empty.
     */
    public static CpuFacts ofThisMachine() {
        return ThisMachine.FACTS;
    }

    /** Reads the facts on first use (the JVM initialises a nested class when it is first read). */
    private static final class ThisMachine {
        static final CpuFacts FACTS = read(Path.of("/proc/cpuinfo"), Path.of("/sys/devices/system/cpu/cpu0/cache"));
    }

    /** The facts from a {@code cpuinfo} file and the first CPU's cache folder (tests pass their own). */
    public static CpuFacts read(Path cpuinfo, Path firstCpuCacheFolder) {
        String block;
        try {
            String text = Files.readString(cpuinfo, StandardCharsets.UTF_8);
            int end = text.indexOf("\n\n");
            block = end < 0 ? text : text.substring(0, end);
        } catch (IOException | SecurityException e) {
            block = "";
        }
        String flagText = field(block, "flags");
        Set<String> flags = flagText.isEmpty() ? Set.of() : Set.of(flagText.split("\\s+"));
        return new CpuFacts(field(block, "model name"), field(block, "vendor_id"), flags,
                Files.isDirectory(firstCpuCacheFolder.resolve("index0")));
    }

    /** True for an AMD CPU that announces its cache topology leaf while Linux found nothing in it. */
    public boolean hidesAmdCacheTopology() {
        return vendor.equals("AuthenticAMD") && flags.contains("topoext") && !cacheTopologyVisible;
    }

    /** One line for benchmark output: the model, the vector flags in order, and the cache topology's state. */
    public String describe() {
        Set<String> simd = new TreeSet<>();
        flags.stream().filter(f -> SIMD_PREFIXES.stream().anyMatch(f::startsWith)).forEach(simd::add);
        return (model.isEmpty() ? "unknown CPU" : model) + "; flags: " + String.join(" ", simd)
                + (cacheTopologyVisible ? "" : "; cache sizes not visible to programs");
    }

    private static String field(String block, String name) {
        return Arrays.stream(block.split("\n"))
                .filter(line -> line.indexOf(':') > 0 && line.substring(0, line.indexOf(':')).trim().equals(name))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("");
    }
}
