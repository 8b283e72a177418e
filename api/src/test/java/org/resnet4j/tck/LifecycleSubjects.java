package org.resnet4j.tck;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CompiledModel;

/**
 * Providers and test classes that exercise the kit's lifecycle rather than the ops ({@link BackendLifecycle}): run by
 * {@code BackendLifecycleTest} through JUnit's EngineTestKit, never directly by surefire (the names do not end in
 * Test). Each provider behaves as one kind of backend does on some machine: unavailable, failing to create, with a
 * known gap, or counting what it creates and closes.
 */
final class LifecycleSubjects {
    private LifecycleSubjects() {
    }

    /** A provider whose probe says it cannot run; creating it would be a bug. */
    static final class UnavailableProvider extends ProviderDouble {
        static final String REASON = "libimaginary.so not found (test double)";

        UnavailableProvider() {
            super("unavailable", 0);
        }

        @Override
        public Availability probe() {
            return Availability.unavailable(REASON);
        }

        @Override
        public Backend create() {
            throw new AssertionError("create() called although probe() said unavailable");
        }
    }

    /** The contract on a backend that is not available here: every test must be skipped, none passed. */
    static final class UnavailableSubject implements BackendContract {
        @Override
        public BackendProvider provider() {
            return new UnavailableProvider();
        }
    }

    /** A provider whose probe says it can run but whose {@code create()} throws, as natives that fail to load do. */
    static final class CreateThrowsProvider extends ProviderDouble {
        static final String MESSAGE = "libbroken.so: undefined symbol (test double)";

        CreateThrowsProvider() {
            super("create-throws", 0);
        }

        @Override
        public Backend create() {
            throw new UnsatisfiedLinkError(MESSAGE);
        }
    }

    /** The contract on a backend that cannot be created: every test must fail, none pass or skip. */
    static final class CreateThrowsSubject implements BackendContract {
        @Override
        public BackendProvider provider() {
            return new CreateThrowsProvider();
        }
    }

    /**
     * The oracle under the name "gapped", which {@code known-gaps-metatest.txt} gives one known gap; run with that
     * file through {@link BackendLifecycle#KNOWN_GAPS_PARAMETER}.
     */
    static final class GappedSubject implements BackendContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("gapped", ReferenceOps::new);
        }
    }

    /** Counts the backends it creates and closes, to check the kit makes one per test class and closes it. */
    static final class CountingProvider extends ProviderDouble {
        static final AtomicInteger CREATED = new AtomicInteger();
        static final AtomicInteger CLOSED = new AtomicInteger();

        CountingProvider() {
            super("counting", 0);
        }

        @Override
        public Backend create() {
            CREATED.incrementAndGet();
            Backend oracle = new ReferenceBackend("counting", new ReferenceOps());
            return new Backend() {
                @Override
                public String name() {
                    return oracle.name();
                }

                @Override
                public Ops ops() {
                    return oracle.ops();
                }

                @Override
                public Set<Capability> capabilities() {
                    return oracle.capabilities();
                }

                @Override
                public CompiledModel compile(Model model) {
                    return oracle.compile(model);
                }

                @Override
                public void close() {
                    CLOSED.incrementAndGet();
                    oracle.close();
                }
            };
        }
    }

    /** A focused contract alone, on a {@link CountingProvider}'s backend, noting what its @AfterAll saw. */
    static final class CountingSubject implements ShapeOpsContract {
        static final AtomicInteger CLOSED_BEFORE_AFTER_ALL = new AtomicInteger(-1);

        @Override
        public BackendProvider provider() {
            return new CountingProvider();
        }

        @AfterAll
        void noteWhetherTheBackendIsStillOpen() {
            backend().ops();
            CLOSED_BEFORE_AFTER_ALL.set(CountingProvider.CLOSED.get());
        }
    }

    /**
     * Not a contract: a backend's own test that happens to share a contract test's name. A known gap of the contract
     * must not skip it.
     */
    static final class OwnTestNamedLikeAContractTestSubject implements BackendUnderTest {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("gapped", ReferenceOps::new);
        }

        @Test
        void relu_matchesReference() {
            if (!backend().name().equals("gapped")) {
                throw new AssertionError("expected the backend \"gapped\", received: " + backend().name());
            }
        }
    }
}
