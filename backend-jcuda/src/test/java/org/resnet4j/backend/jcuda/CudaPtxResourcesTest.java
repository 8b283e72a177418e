package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaPtxResourcesTest {
    private static final Path SOURCES = Path.of("src/main/cuda");

    @Test
    void everyKernel_hasItsEntryInTheShippedPtx() {
        for (CudaKernel k : CudaKernel.values()) {
            assertThat(CudaPtx.text(k.module())).as(k.module() + ".ptx").contains(".visible .entry " + k.entry() + "(");
        }
    }

    @Test
    void shippedPtx_targetsTheDocumentedArchitecture() {
        for (String module : CudaPtx.modules()) {
            String ptx = CudaPtx.text(module);
            assertThat(ptx).as(module).contains(".target sm_75").contains(".version 9.0").contains(".address_size 64");
        }
    }

    @Test
    void everyCudaSource_hasAShippedPtxModule() throws IOException {
        assumeSources();
        try (var files = Files.list(SOURCES)) {
            var sources = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
            assertThat(sources).containsExactlyElementsOf(CudaPtx.modules());
        }
    }

    @Test
    void shippedPtx_equalsWhatNvccProducesFromTheSources(@TempDir Path out) throws Exception {
        assumeSources();
        String nvcc = findOnPath("nvcc");
        assumeTrue(nvcc != null, "nvcc is not on the PATH, so the shipped PTX cannot be regenerated here");
        String version = run(out, nvcc, "--version");
        String shippedRelease = CudaPtx.text("gemm").lines().filter(l -> l.contains("Cuda compilation tools"))
                .findFirst().orElse("?").replace("//", "").trim();
        assumeTrue(version.contains(shippedRelease), "the shipped PTX was made by \"" + shippedRelease
                + "\" and this nvcc is another version: " + version.strip().replace('\n', ' '));
        for (String module : CudaPtx.modules()) {
            Path ptx = out.resolve(module + ".ptx");
            run(out, nvcc, "-ptx", "-arch=" + CudaPtx.ARCHITECTURE, "-Werror", "all-warnings", "-o", ptx.toString(),
                    SOURCES.resolve(module + ".cu").toAbsolutePath().toString());
            assertThat(Files.readString(ptx, StandardCharsets.US_ASCII)).as(module
                    + ".ptx differs from its source; run mvn -P regenerate-ptx -pl backend-jcuda -am package")
                    .isEqualTo(CudaPtx.text(module));
        }
    }

    private static void assumeSources() {
        assumeTrue(Files.isDirectory(SOURCES), "the CUDA sources are not here (" + SOURCES.toAbsolutePath()
                + "): running from a bundle, not from the module");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + text).isZero();
        return text;
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
