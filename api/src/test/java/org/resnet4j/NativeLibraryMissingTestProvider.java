package org.resnet4j;

import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * A provider that loads a missing native library while its class initialises (the mistake a JCuda provider could
 * make), registered only by {@link ServiceLoaderDiscoveryTest}.
 */
public final class NativeLibraryMissingTestProvider implements BackendProvider {
    static {
        System.loadLibrary("resnet4j-library-that-does-not-exist");
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Availability probe() {
        return Availability.ok();
    }

    @Override
    public Backend create() {
        return new FakeBackend(name());
    }
}
