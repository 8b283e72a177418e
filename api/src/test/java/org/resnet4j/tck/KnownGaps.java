package org.resnet4j.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The known gaps: contract tests that a backend may skip for now, each with its reason, read from one data file
 * ({@link #SHIPPED}, in api's test-jar) and turned into skips by the kit. One gap per line:
 *
 * <pre>
 * # backend  contract-test                                   reason (the rest of the line)
 * jcuda      softmax_largeLogits_isNumericallyStable         the softmax kernel does not subtract the maximum yet
 * </pre>
 *
 * The backend is the provider's {@link org.resnet4j.spi.BackendProvider#name() name}; the test is a test method of
 * {@link BackendContract} (gaps apply to the contract only, not to a backend's own tests). Blank lines and lines
 * starting with {@code #} are ignored. So that the file cannot rot, a line without a reason, a gap listed twice
 * and a gap naming no contract test are errors that fail the test class loudly.
 */
public final class KnownGaps {
    /** The classpath resource every backend's contract run reads. */
    public static final String SHIPPED = "org/resnet4j/tck/known-gaps.txt";

    /** One line of the file. */
    public record Gap(String backend, String test, String reason, int line) {
    }

    private final String source;
    private final Map<String, Gap> byBackendAndTest;

    private KnownGaps(String source, Map<String, Gap> byBackendAndTest) {
        this.source = source;
        this.byBackendAndTest = byBackendAndTest;
    }

    /** Reads the gaps from the classpath resource {@code resource}; a missing resource is an error. */
    public static KnownGaps load(String resource) {
        try (InputStream in = KnownGaps.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The known gaps file " + resource + " is not on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the known gaps file " + resource, e);
        }
    }

    /** Parses the text of a gaps file; {@code source} names it in messages. */
    public static KnownGaps parse(String source, String text) {
        Map<String, Gap> gaps = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+", 3);
            if (fields.length < 3) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected \"backend "
                        + "contract-test reason\", received: \"" + line + "\"");
            }
            Gap gap = new Gap(fields[0], fields[1], fields[2], i + 1);
            Gap earlier = gaps.put(key(gap.backend(), gap.test()), gap);
            if (earlier != null) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": backend " + gap.backend()
                        + " test " + gap.test() + " is already listed on line " + earlier.line());
            }
        }
        return new KnownGaps(source, gaps);
    }

    /** Where the gaps were read from. */
    public String source() {
        return source;
    }

    /** Every gap, in file order. */
    public List<Gap> gaps() {
        return List.copyOf(byBackendAndTest.values());
    }

    /** The reason {@code contractTest} is a known gap of {@code backend}, if it is one. */
    public Optional<String> reason(String backend, String contractTest) {
        return Optional.ofNullable(byBackendAndTest.get(key(backend, contractTest))).map(Gap::reason);
    }

    /**
     * Fails unless every gap names a test method of {@link BackendContract}: a gap whose test was renamed or removed
     * would otherwise stay in the file for ever, skipping nothing.
     */
    public void requireContractTests() {
        Set<String> tests = contractTestNames();
        List<String> problems = new ArrayList<>();
        for (Gap gap : byBackendAndTest.values()) {
            if (!tests.contains(gap.test())) {
                problems.add("line " + gap.line() + " names \"" + gap.test() + "\" (backend " + gap.backend() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The known gaps file " + source + " lists tests that are not in "
                    + "BackendContract: " + String.join("; ", problems) + ". Remove or correct those lines");
        }
    }

    /** The names of the contract's tests: the test methods of {@link BackendContract} and its focused contracts. */
    public static Set<String> contractTestNames() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(BackendContract.class.getMethods()).filter(KnownGaps::isContractTest)
                .forEach(m -> names.add(m.getName()));
        return names;
    }

    /** Whether {@code method} is a test that {@link BackendContract} declares or inherits from a focused contract. */
    static boolean isContractTest(Method method) {
        return method.getDeclaringClass().isAssignableFrom(BackendContract.class)
                && AnnotationSupport.isAnnotated(method, Testable.class);
    }

    private static String key(String backend, String test) {
        return backend + " " + test;
    }
}
