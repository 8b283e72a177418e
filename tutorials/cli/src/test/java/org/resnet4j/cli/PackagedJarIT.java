package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.kotlinfree.KotlinScanner;
import org.resnet4j.spi.BackendProvider;

/**
 * A runnable jar, started as users start it ({@code java -jar}) in a separate JVM. The same class checks each of
 * them: the cli module runs it on {@code resnet4j.jar}, cli-tf and cli-nd4j run it (from the cli module's test-jar)
 * on theirs, each telling it with system properties which jar ({@code resnet4j.jar}), which backends it must find
 * ({@code resnet4j.jar.backends}) and how large it may be ({@code resnet4j.jar.maxMegabytes}). Runs in the
 * integration-test phase, after the jar is built.
 */
class PackagedJarIT {
    private static final String SERVICES = "META-INF/services/" + BackendProvider.class.getName();
    private static final Set<String> CPU_BACKENDS = Set.of("tf", "nd4j");
    private static final Pattern FOUND = Pattern.compile("resnet4j: Found backend \\[(\\w+), priority \\d+, (.+)\\]");
    // A JavaCPP native library: PLATFORM_DIRECTORY/PLATFORM[-EXTENSION]/libNAME.so[.N], e.g.
    // org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx2/libnd4jcpu.so.
    private static final Pattern JAVACPP_NATIVE =
            Pattern.compile("(org/(?:tensorflow|nd4j|bytedeco)/.+)/((?:linux|macosx|windows)-[^/]+)/[^/]+\\.(?:so|dylib|dll)(?:\\.\\d+)*");

    @TempDir
    Path dir;

    private final Path jar = Path.of(System.getProperty("resnet4j.jar", "../target/resnet4j.jar"));
    private final Set<String> backends = new TreeSet<>(Arrays.asList(
            System.getProperty("resnet4j.jar.backends", "jcuda,nd4j,tf").split(",")));
    private final long maxMegabytes = Long.parseLong(System.getProperty("resnet4j.jar.maxMegabytes", "450"));

    @Test
    void jar_isNoLargerThanItsLimit() throws IOException {
        long megabytes = Files.size(jar) / 1_000_000;

        assertThat(megabytes).as(jar + " in MB (10^6 bytes)").isLessThanOrEqualTo(maxMegabytes);
    }

    @Test
    void jar_mergesTheServiceFilesOfItsBackends() throws IOException {
        // What each backend jar registers, read from this module's test classpath, where the backends are separate.
        TreeSet<String> registered = new TreeSet<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SERVICES))) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(registered::add);
            }
        }
        assertThat(registered).as("the backends on the test classpath").hasSameSizeAs(backends);

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
    void jar_holdsNoLessonAndNoSolution() throws IOException {
        assertThat(entries()).as("the lessons are run from tutorials/lessons, not from a runnable jar")
                .noneMatch(e -> e.startsWith("org/resnet4j/tutorials/"))
                .anyMatch(e -> e.startsWith("org/resnet4j/cli/"));
    }

    @Test
    void jar_holdsNoKotlin_notEvenShaded() {
        assertThat(KotlinScanner.kotlinEntries(jar)).isEmpty();
    }

    @Test
    void perBackendJar_holdsOneNativeBuildOfEachLibrary() throws IOException {
        assumeTrue(backends.size() == 1, "the jar with every backend keeps both of ND4J's native builds, as the "
                + "backend module does");
        Map<String, Set<String>> platformsByLibrary = new TreeMap<>();
        for (String entry : entries()) {
            Matcher m = JAVACPP_NATIVE.matcher(entry);
            if (m.matches()) {
                platformsByLibrary.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }

        assertThat(platformsByLibrary).as("native libraries found").isNotEmpty();
        assertThat(platformsByLibrary).allSatisfy((library, platforms) ->
                assertThat(platforms).as(library).containsExactly("linux-x86_64"));
    }

    @Test
    void backendsCommand_findsExactlyTheJarsBackends_andTheCpuOnesAreAvailable() throws Exception {
        Run r = javaJar("backends");

        assertThat(r.exitCode).as(r.toString()).isZero();
        Map<String, String> found = new TreeMap<>();
        r.out.lines().map(FOUND::matcher).filter(Matcher::matches).forEach(m -> found.put(m.group(1), m.group(2)));
        assertThat(found.keySet()).as(r.toString()).isEqualTo(backends);
        found.forEach((name, state) -> {
            if (CPU_BACKENDS.contains(name)) {
                assertThat(state).as(name).isEqualTo("available");
            }
        });
        assertThat(r.out).contains("resnet4j: Using [");
    }

    @Test
    void demo_runsEveryCpuBackend_andStandardErrorStaysQuiet() throws Exception {
        Run r = javaJar("demo");

        assertThat(r.exitCode).as(r.toString()).isZero();
        for (String backend : backends) {
            if (CPU_BACKENDS.contains(backend)) {
                assertThat(r.out).as(r.toString()).containsPattern("(?m)^" + backend + " +compile ");
            }
        }
        assertThat(r.err.lines().filter(line -> !isTheJvmsOwnLine(line)).toList())
                .as("standard error of a normal run: no library start-up lines\n" + r).isEmpty();
    }

    @Test
    void verbose_showsTheLibrariesStartUpLines() throws Exception {
        Run r = javaJar("bench", "--model", "cifar-resnet20", "--warmup", "1", "--iterations", "1", "--verbose");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err.lines().filter(PackagedJarIT::isLibraryStartUpLine).toList()).as(r.toString()).isNotEmpty();
    }

    @Test
    void badArgument_inTheJar_exits2_withOneLineAndTheUsage() throws Exception {
        Run r = javaJar("summary", "resnet5");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err.lines().findFirst().orElse("")).startsWith("Unknown model \"resnet5\"");
        assertThat(r.err).contains("Usage: resnet4j summary").doesNotContain("\tat ");
    }

    /**
     * Lines a JVM may print about itself on any run, not library logs: newer JDKs' warnings about some library calls,
     * and the launcher's notice of options taken from JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or _JAVA_OPTIONS.
     */
    private static boolean isTheJvmsOwnLine(String line) {
        return line.startsWith("WARNING: ") && !line.equals(NativeLogFilter.ABSL_NOTICE)
                || line.contains(" 64-Bit Server VM warning: ")
                || line.startsWith("Picked up ") || line.startsWith("NOTE: Picked up ");
    }

    /** TensorFlow's (its own format and Abseil's), ND4J's (through SLF4J) and JavaCPP's start-up lines. */
    private static boolean isLibraryStartUpLine(String line) {
        return line.matches("\\d{4}-\\d{2}-\\d{2} [\\d:.]+: [IWE] tensorflow/.*")
                || NativeLogFilter.isLeftOut(line)
                || line.matches("\\[[^\\]]+\\] INFO org\\.nd4j\\..*")
                || line.startsWith("Warning: Versions of org.bytedeco:javacpp");
    }

    private List<String> entries() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    private Run javaJar(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // As a user's shell would start it: the test JVM's environment may hold settings the jar must not rely on.
        builder.environment().remove(QuietChildJvm.TF_LOG_LEVEL);
        builder.environment().remove("RESNET4J_BACKEND");
        Process p = builder.start();
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
