package org.resnet4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/** Selection and the diagnostic sentences of DESIGN.md, on providers given directly. */
class BackendResolverTest {
    private final List<String> lines = new ArrayList<>();

    private BackendResolver resolver(String property, String env, BackendProvider... providers) {
        return new BackendResolver(List.of(providers), property, env, lines::add);
    }

    @Test
    void foundLines_sayNamePriorityAndAvailability_highestPriorityFirst() {
        resolver(null, null,
                FakeProvider.available("nd4j", 10),
                FakeProvider.unavailable("jcuda", 30, "libcuda.so.1 not found (no NVIDIA driver)"),
                FakeProvider.available("tf", 20)).scan();

        assertThat(lines).containsExactly(
                "resnet4j: Found backend [jcuda, priority 30, unavailable: libcuda.so.1 not found (no NVIDIA driver)]",
                "resnet4j: Found backend [tf, priority 20, available]",
                "resnet4j: Found backend [nd4j, priority 10, available]");
    }

    @Test
    void noNameGiven_choosesAvailableProviderOfHighestPriority_andSaysSo() {
        Backend backend = resolver(null, null,
                FakeProvider.available("nd4j", 10),
                FakeProvider.unavailable("jcuda", 30, "no GPU"),
                FakeProvider.available("tf", 20)).resolve();

        assertThat(backend.name()).isEqualTo("tf");
        assertThat(lines).last().isEqualTo(
                "resnet4j: Using [tf]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME");
    }

    @Test
    void equalPriorities_areOrderedByName_soTheChoiceDoesNotDependOnClasspathOrder() {
        assertThat(resolver(null, null, FakeProvider.available("zeta", 5), FakeProvider.available("alpha", 5))
                .resolve().name()).isEqualTo("alpha");
        assertThat(resolver(null, null, FakeProvider.available("alpha", 5), FakeProvider.available("zeta", 5))
                .resolve().name()).isEqualTo("alpha");
    }

    @Test
    void property_choosesTheNamedBackend_evenOfLowerPriority() {
        Backend backend = resolver("nd4j", null, FakeProvider.available("nd4j", 10), FakeProvider.available("tf", 20))
                .resolve();

        assertThat(backend.name()).isEqualTo("nd4j");
    }

    @Test
    void property_beatsEnvironmentVariable() {
        Backend backend = resolver("nd4j", "tf", FakeProvider.available("nd4j", 10), FakeProvider.available("tf", 20))
                .resolve();

        assertThat(backend.name()).isEqualTo("nd4j");
    }

    @Test
    void property_reportsTheUsingLine_likeAChoiceByPriority() {
        resolver("nd4j", null, FakeProvider.available("nd4j", 10), FakeProvider.available("tf", 20)).resolve();

        assertThat(lines).last().isEqualTo(
                "resnet4j: Using [nd4j]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME");
    }

    @Test
    void nameFromCaller_createsThatBackend_withoutAUsingLine_becauseThePropertyCouldNotChangeIt() {
        Backend backend = resolver("tf", "tf", FakeProvider.available("nd4j", 10), FakeProvider.available("tf", 20))
                .resolve("nd4j");

        assertThat(backend.name()).isEqualTo("nd4j");
        assertThat(lines).noneMatch(line -> line.contains("Using"));
    }

    @Test
    void environmentVariable_isUsed_whenThePropertyIsBlank() {
        Backend backend = resolver("  ", "nd4j", FakeProvider.available("nd4j", 10), FakeProvider.available("tf", 20))
                .resolve();

        assertThat(backend.name()).isEqualTo("nd4j");
    }

    @Test
    void names_areMatchedIgnoringCaseAndSurroundingSpace() {
        assertThat(resolver(" ND4J ", null, FakeProvider.available("nd4j", 10)).resolve().name()).isEqualTo("nd4j");
    }

    @Test
    void unknownNameFromProperty_throws_withTheUnknownLineListingAvailableBackends() {
        BackendResolver resolver = resolver("cuda", null,
                FakeProvider.available("tf", 20), FakeProvider.available("nd4j", 10),
                FakeProvider.unavailable("jcuda", 30, "no GPU"));

        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("resnet4j: Unknown backend \"cuda\" (from -Dresnet4j.backend). Available: [tf, nd4j]");
    }

    @Test
    void unknownNameFromEnvironment_saysItCameFromTheEnvironmentVariable() {
        assertThatThrownBy(() -> resolver(null, "cuda", FakeProvider.available("tf", 20)).resolve())
                .hasMessage("resnet4j: Unknown backend \"cuda\" (from RESNET4J_BACKEND). Available: [tf]");
    }

    @Test
    void unknownNameFromCaller_saysItCameFromTheCall() {
        assertThatThrownBy(() -> resolver(null, null, FakeProvider.available("tf", 20)).resolve("cuda"))
                .hasMessage("resnet4j: Unknown backend \"cuda\" (from Backends.get(name)). Available: [tf]");
    }

    @Test
    void namedButUnavailable_throws_withTheReason_andNeverCreatesIt() {
        FakeProvider jcuda = FakeProvider.unavailable("jcuda", 30, "libcuda.so.1 not found (no NVIDIA driver)");

        assertThatThrownBy(() -> resolver("jcuda", null, jcuda, FakeProvider.available("tf", 20)).resolve())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("resnet4j: Backend [jcuda] (from -Dresnet4j.backend) is unavailable: "
                        + "libcuda.so.1 not found (no NVIDIA driver). Available: [tf]");
        assertThat(jcuda.creations()).isZero();
    }

    @Test
    void noProvider_throws_namingTheModulesToAdd() {
        assertThatThrownBy(() -> resolver(null, null).resolve())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("resnet4j: No backend found on the classpath. "
                        + "Add one of resnet4j-backend-tf, -nd4j, -jcuda.");
    }

    @Test
    void onlyUnavailableProviders_throws_listingThem() {
        assertThatThrownBy(() -> resolver(null, null, FakeProvider.unavailable("jcuda", 30, "no GPU")).resolve())
                .hasMessage("resnet4j: No available backend among [jcuda]; "
                        + "each one's reason is on its Found backend line.");
    }

    @Test
    void probeThatThrows_makesTheProviderUnavailable_withTheFailureAsReason() {
        Backend backend = resolver(null, null,
                FakeProvider.probeThrows("jcuda", 30, new UnsatisfiedLinkError("no jcuda-12.6.0 in java.library.path")),
                FakeProvider.available("nd4j", 10)).resolve();

        assertThat(backend.name()).isEqualTo("nd4j");
        assertThat(lines).contains("resnet4j: Found backend [jcuda, priority 30, unavailable: probe() threw "
                + "java.lang.UnsatisfiedLinkError: no jcuda-12.6.0 in java.library.path]");
    }

    @Test
    void probeThatThrowsARuntimeException_isReportedToo() {
        resolver(null, null, FakeProvider.probeThrows("tf", 20, new IllegalStateException("boom"))).scan();

        assertThat(lines).containsExactly(
                "resnet4j: Found backend [tf, priority 20, unavailable: probe() threw java.lang.IllegalStateException: boom]");
    }

    @Test
    void createThatThrows_withoutAName_isReported_andTheNextAvailableBackendIsUsed() {
        Backend backend = resolver(null, null,
                FakeProvider.createThrows("tf", 20, new NoClassDefFoundError("org/tensorflow/Graph")),
                FakeProvider.available("nd4j", 10)).resolve();

        assertThat(backend.name()).isEqualTo("nd4j");
        assertThat(lines).containsSubsequence(
                "resnet4j: Backend [tf] failed to start: java.lang.NoClassDefFoundError: org/tensorflow/Graph",
                "resnet4j: Using [nd4j]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME");
        assertThat(lines).doesNotContain(BackendMessages.using("tf"));
    }

    @Test
    void createThatThrows_forEveryBackend_throwsTheFirstFailure() {
        BackendResolver resolver = resolver(null, null,
                FakeProvider.createThrows("tf", 20, new IllegalStateException("tf broke")));

        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("resnet4j: Backend [tf] failed to start: java.lang.IllegalStateException: tf broke")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void createThatThrows_forANamedBackend_throwsWithoutFallingBack() {
        FakeProvider nd4j = FakeProvider.available("nd4j", 10);
        BackendResolver resolver = resolver("tf", null,
                FakeProvider.createThrows("tf", 20, new ExceptionInInitializerError("static init")), nd4j);

        assertThatThrownBy(resolver::resolve)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("resnet4j: Backend [tf] failed to start: java.lang.ExceptionInInitializerError");
        assertThat(nd4j.creations()).isZero();
    }

    @Test
    void providerThatFailsToLoad_isReported_andTheOthersStillLoad() {
        Iterable<BackendProvider> source = () -> new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < 3;
            }

            @Override
            public BackendProvider next() {
                if (index >= 3) {
                    throw new NoSuchElementException();
                }
                int current = index++;
                if (current == 1) {
                    throw new ServiceConfigurationError("org.resnet4j.spi.BackendProvider: Provider "
                            + "org.example.Broken could not be instantiated", new NoClassDefFoundError("org/nd4j/Nd4j"));
                }
                return current == 0 ? FakeProvider.available("tf", 20) : FakeProvider.available("nd4j", 10);
            }
        };

        List<ProviderCandidate> found = new BackendResolver(source, null, null, lines::add).scan();

        assertThat(found).extracting(ProviderCandidate::name).containsExactly("tf", "nd4j");
        assertThat(lines).first().isEqualTo("resnet4j: Skipped a backend provider that failed to load: "
                + "java.util.ServiceConfigurationError: org.resnet4j.spi.BackendProvider: Provider "
                + "org.example.Broken could not be instantiated (cause: java.lang.NoClassDefFoundError: org/nd4j/Nd4j)");
    }

    @Test
    void sourceThatKeepsFailing_isGivenUpOn_insteadOfLoopingForever() {
        Iterable<BackendProvider> source = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new ServiceConfigurationError("broken services file");
            }

            @Override
            public BackendProvider next() {
                throw new NoSuchElementException();
            }
        };

        assertThat(new BackendResolver(source, null, null, lines::add).scan()).isEmpty();
        assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith("resnet4j: Skipped a backend provider"));
    }

    @Test
    void providerWhoseNameThrows_isSkippedWithItsClassName() {
        BackendProvider nameless = new BackendProvider() {
            @Override
            public String name() {
                throw new IllegalStateException("no name");
            }

            @Override
            public int priority() {
                return 1;
            }

            @Override
            public org.resnet4j.spi.Availability probe() {
                return org.resnet4j.spi.Availability.ok();
            }

            @Override
            public Backend create() {
                return new FakeBackend("nameless");
            }
        };

        List<ProviderCandidate> found = resolver(null, null, nameless, FakeProvider.available("tf", 20)).scan();

        assertThat(found).extracting(ProviderCandidate::name).containsExactly("tf");
        assertThat(lines).contains("resnet4j: Skipped backend provider " + nameless.getClass().getName()
                + ": name() or priority() threw java.lang.IllegalStateException: no name");
    }

    @Test
    void describe_listsFindingsThenTheChoice_withoutCreatingAnything() {
        FakeProvider tf = FakeProvider.available("tf", 20);
        FakeProvider nd4j = FakeProvider.available("nd4j", 10);

        List<String> described = resolver(null, null, nd4j, tf).describe();

        assertThat(described).containsExactly(
                "resnet4j: Found backend [tf, priority 20, available]",
                "resnet4j: Found backend [nd4j, priority 10, available]",
                "resnet4j: Using [tf]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME");
        assertThat(tf.creations() + nd4j.creations()).isZero();
        assertThat(lines).as("describe returns its lines instead of reporting them").isEmpty();
    }

    @Test
    void describe_listsThePerformanceNotesOfAvailableBackends_afterTheFindings() {
        FakeProvider tf = FakeProvider.available("tf", 20)
                .withPerformanceNotes(() -> List.of("oneDNN sees no cache sizes", "second note"));
        FakeProvider jcuda = FakeProvider.unavailable("jcuda", 30, "no GPU")
                .withPerformanceNotes(() -> List.of("never listed: the backend cannot run"));

        List<String> described = resolver(null, null, tf, jcuda).describe();

        assertThat(described).containsExactly(
                "resnet4j: Found backend [jcuda, priority 30, unavailable: no GPU]",
                "resnet4j: Found backend [tf, priority 20, available]",
                "resnet4j: Note on [tf]: oneDNN sees no cache sizes",
                "resnet4j: Note on [tf]: second note",
                "resnet4j: Using [tf]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME");
    }

    @Test
    void describe_leavesOutTheNotesOfAProviderWhoseNotesThrow() {
        FakeProvider tf = FakeProvider.available("tf", 20).withPerformanceNotes(() -> {
            throw new IllegalStateException("cannot read /proc/cpuinfo");
        });

        assertThat(resolver(null, null, tf).describe()).containsExactly(
                "resnet4j: Found backend [tf, priority 20, available]",
                "resnet4j: Using [tf]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME");
    }

    @Test
    void describe_endsWithTheProblem_whenTheNamedBackendIsUnknown_orNoneIsFound() {
        assertThat(resolver(null, "cuda", FakeProvider.available("tf", 20)).describe()).last()
                .isEqualTo("resnet4j: Unknown backend \"cuda\" (from RESNET4J_BACKEND). Available: [tf]");
        assertThat(resolver(null, null).describe()).containsExactly(
                "resnet4j: No backend found on the classpath. Add one of resnet4j-backend-tf, -nd4j, -jcuda.");
        assertThat(resolver("nd4j", null, FakeProvider.available("nd4j", 1)).describe()).last()
                .isEqualTo(BackendMessages.using("nd4j"));
    }

    @Test
    void namedBackend_withNoProviderAtAll_saysWhichModulesToAdd() {
        assertThatThrownBy(() -> resolver("tf", null).resolve()).hasMessage(BackendMessages.noneFound());
    }
}
