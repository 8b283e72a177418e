package org.resnet4j;

/** A provider whose constructor throws, registered only by {@link ServiceLoaderDiscoveryTest}. */
public final class ConstructorThrowingTestProvider extends FakeBackendProvider {
    public ConstructorThrowingTestProvider() {
        super("ctor", 1);
        throw new IllegalStateException("constructor failed on purpose");
    }
}
