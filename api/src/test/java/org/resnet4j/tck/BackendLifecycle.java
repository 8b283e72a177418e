package org.resnet4j.tck;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.resnet4j.spi.Backend;

/**
 * The JUnit extension behind {@link BackendUnderTest}: before a test class, probes its provider, creates the backend
 * and reads the known gaps; before each test, skips it with the probe's reason or the gap's reason; after the class,
 * closes the backend (JUnit closes the {@link TestedBackend} kept in the class's store, after its {@code @AfterAll}
 * methods).
 *
 * <p>Skipping happens before each test rather than once before the class on purpose: an assumption that fails while
 * the class is set up makes surefire report "Tests run: 0" and hides the reason, whereas a skip per test lists every
 * test as skipped with the probe's reason.
 */
final class BackendLifecycle implements BeforeAllCallback, BeforeEachCallback {
    /**
     * The JUnit configuration parameter (or system property) naming the known-gaps resource to read instead of
     * {@link KnownGaps#SHIPPED}; the kit's own tests use it to run test doubles against their own gap files.
     */
    static final String KNOWN_GAPS_PARAMETER = "resnet4j.tck.knownGaps";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BackendLifecycle.class);

    /**
     * The backend of each live test instance. {@link BackendUnderTest#backend()} is a default method, so the
     * interface has no field to keep it in, and tests call it from their own threads: a map keyed by the instance
     * is what works from anywhere. Entries are removed when the class's backend is closed.
     */
    private static final Map<Object, TestedBackend> BY_TEST_INSTANCE =
            Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public void beforeAll(ExtensionContext context) {
        Object instance = context.getTestInstance().orElseThrow(() -> new IllegalStateException(
                context.getRequiredTestClass().getName() + " implements BackendUnderTest but its test instance is "
                        + "not kept for the whole class; remove its @TestInstance(PER_METHOD)"));
        KnownGaps gaps = KnownGaps.load(
                context.getConfigurationParameter(KNOWN_GAPS_PARAMETER).orElse(KnownGaps.SHIPPED));
        gaps.requireContractTests(); // a gap naming no contract test fails the class loudly
        TestedBackend tested = TestedBackend.start(((BackendUnderTest) instance).provider(), gaps,
                () -> BY_TEST_INSTANCE.remove(instance));
        BY_TEST_INSTANCE.put(instance, tested);
        context.getStore(NAMESPACE).put(TestedBackend.class, tested);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestedBackend tested = context.getStore(NAMESPACE).get(TestedBackend.class, TestedBackend.class);
        tested.backend();
        Method test = context.getRequiredTestMethod();
        if (KnownGaps.isContractTest(test)) {
            tested.skipWhenKnownGap(test.getName());
        }
    }

    /** The backend created for {@code testInstance}'s class; see {@link BackendUnderTest#backend()}. */
    static Backend backendOf(BackendUnderTest testInstance) {
        TestedBackend tested = BY_TEST_INSTANCE.get(testInstance);
        if (tested == null) {
            throw new IllegalStateException("No backend for " + testInstance.getClass().getName()
                    + ": the kit creates it before the class's tests and closes it after them, so backend() works "
                    + "only from a test, a @BeforeEach/@AfterEach or an instance @BeforeAll/@AfterAll method");
        }
        return tested.backend();
    }
}
