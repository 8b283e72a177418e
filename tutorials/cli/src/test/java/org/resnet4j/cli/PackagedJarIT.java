package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.spi.BackendProvider;

/**
 * The runnable jar {@code target/resnet4j.jar}, started as users start it ({@code java -jar}) in a separate JVM:
 * every backend's service registration survived the repacking (the fat-jar pitfall of docs/backends.md), discovery
 * inside the jar sees them all, the available ones run, and a bad argument still exits 2. Runs in the
 * integration-test phase, after the jar is built.
 */
class PackagedJarIT {
    private static final String SERVICES = "META-INF/services/" + BackendProvider.class.getName();

    @TempDir
    Path dir;

    private final Path jar = Path.of(System.getProperty("resnet4j.jar", "target/resnet4j.jar"));

    @Test
    void jar_mergesTheServiceFilesOfEveryBackend() throws IOException {
        // What each backend jar registers, read from the test classpath, where the backends are separate jars.
        TreeSet<String> registered = new TreeSet<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SERVICES))) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(registered::add);
            }
        }
        assertThat(registered).as("the backends on the test classpath").hasSize(3);

        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(ResNet4jCommand.class.getName());
            String merged = new String(file.getInputStream(file.getEntry(SERVICES)).readAllBytes(),
                    StandardCharsets.UTF_8);
            TreeSet<String> inJar = merged.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(inJar).isEqualTo(registered);
        }
    }

    @Test
    void backendsCommand_inTheJar_findsTfNd4jAndJcuda() throws Exception {
        Run r = javaJar("backends");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("resnet4j: Found backend [tf, priority 20, available]")
                .contains("resnet4j: Found backend [nd4j, priority 10, available]")
                .containsPattern("resnet4j: Found backend \\[jcuda, priority 30, (available|unavailable: .+)\\]")
                .contains("resnet4j: Using [");
    }

    @Test
    void everyAvailableBackend_runsFromTheJar() throws Exception {
        Run r = javaJar("parity", "--model", "resnet18", "--input", "32", "--chart", dir.resolve("p.png").toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("tf     ran 68 layers").contains("nd4j   ran 68 layers").contains("tf vs nd4j: ");
    }

    @Test
    void badArgument_inTheJar_exits2_withOneLineAndTheUsage() throws Exception {
        Run r = javaJar("summary", "resnet5");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err.lines().findFirst().orElse("")).startsWith("Unknown model \"resnet5\"");
        assertThat(r.err).contains("Usage: resnet4j summary").doesNotContain("\tat ");
    }

    private Run javaJar(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }
}
