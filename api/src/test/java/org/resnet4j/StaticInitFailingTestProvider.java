package org.resnet4j;

/** A provider whose static initialiser throws, registered only by {@link ServiceLoaderDiscoveryTest}. */
public final class StaticInitFailingTestProvider extends FakeBackendProvider {
    private static final int PRIORITY = failingInitialiser();

    public StaticInitFailingTestProvider() {
        super("static", PRIORITY);
    }

    private static int failingInitialiser() {
        throw new IllegalStateException("static initialiser failed on purpose");
    }
}
