package org.resnet4j.tck;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * The one way a test class gets a backend: it states how to make the provider, and the kit does the rest.
 *
 * <pre>{@code
 * class TfBackendContractTest implements BackendContract {
 *     public BackendProvider provider() { return new TfBackendProvider(); }
 * }
 * }</pre>
 *
 * For each test class the kit ({@link BackendLifecycle}) probes the provider once, creates the backend once when
 * the probe says it can run, and closes it after the class's last test and its {@code @AfterAll} methods. When the
 * probe says it cannot run, every test is reported as skipped with the probe's reason (never as passed, and never as
 * a silent "Tests run: 0"). A contract test listed in the known-gaps file ({@link KnownGaps}) is skipped with the
 * reason given there. Every contract ({@link BackendContract} and the focused contracts it is made of) extends this
 * interface; any other test that needs a backend implements it too.
 *
 * <p>The test instance lives for the whole class ({@code PER_CLASS}), so {@code @BeforeAll} and {@code @AfterAll}
 * methods of an implementing class may be instance methods.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BackendLifecycle.class)
public interface BackendUnderTest {

    /** How to make the backend under test; the only thing an implementing class must state. */
    BackendProvider provider();

    /**
     * The backend the kit created for this test class. Safe to call from any thread while a test runs; throws the
     * skip (a JUnit assumption) with the probe's reason when the backend cannot run here.
     */
    default Backend backend() {
        return BackendLifecycle.backendOf(this);
    }
}
