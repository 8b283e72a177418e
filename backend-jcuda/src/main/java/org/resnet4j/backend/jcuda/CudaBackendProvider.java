package org.resnet4j.backend.jcuda;

import org.resnet4j.spi.AbstractBackendProvider;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;

/**
 * Discovers the raw CUDA backend. Priority 30, above TensorFlow (20) and ND4J, because where an NVIDIA GPU and
 * driver are present it is the one that uses them; everywhere else {@link #probe()} says why it cannot run.
 */
public final class CudaBackendProvider extends AbstractBackendProvider {
    /** The name users type: {@code -Dresnet4j.backend=jcuda}. */
    public static final String NAME = "jcuda";

    /** Higher than the CPU backends. */
    public static final int PRIORITY = 30;

    /** The driver cannot appear or vanish inside one JVM, so the first answer is kept. */
    private static volatile Availability cached;

    /** The provider {@link java.util.ServiceLoader} instantiates. */
    public CudaBackendProvider() {
        super(NAME, PRIORITY);
    }

    @Override
    public Availability probe() {
        Availability a = cached;
        if (a == null) {
            a = probeUncached();
            cached = a;
        }
        return a;
    }

    static Availability probeUncached() {
        try {
            return CudaDriver.probe();
        } catch (UnsatisfiedLinkError e) {
            return Availability.unavailable(CudaProbeMessages.linkFailure(e));
        } catch (NoClassDefFoundError | ExceptionInInitializerError e) {
            // The second touch of a JCuda class whose native library failed to load lands here.
            return Availability.unavailable(CudaProbeMessages.classFailure(e));
        } catch (Throwable e) {
            return Availability.unavailable("JCuda probe failed: " + e);
        }
    }

    @Override
    public Backend create() {
        Availability a = probe();
        if (!a.available()) {
            throw new IllegalStateException("The jcuda backend cannot run here: " + a.reason());
        }
        return new CudaBackend();
    }
}
