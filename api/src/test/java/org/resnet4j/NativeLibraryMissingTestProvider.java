package org.resnet4j;

/**
 * A provider that loads a missing native library while its class initialises (the mistake a JCuda provider could
 * make), registered only by {@link ServiceLoaderDiscoveryTest}.
 */
public final class NativeLibraryMissingTestProvider extends FakeBackendProvider {
    static {
        System.loadLibrary("resnet4j-library-that-does-not-exist");
    }

    public NativeLibraryMissingTestProvider() {
        super("native", 1);
    }
}
