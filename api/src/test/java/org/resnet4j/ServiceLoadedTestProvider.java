package org.resnet4j;

/**
 * A well-behaved provider that {@link ServiceLoaderDiscoveryTest} registers in a temporary services file. It is
 * deliberately not registered in src/test/resources: the api test-jar is on every backend's classpath.
 */
public final class ServiceLoadedTestProvider extends FakeBackendProvider {
    public ServiceLoadedTestProvider() {
        super("loaded", 7);
    }
}
