package org.resnet4j.backend.tf;

import java.util.List;
import java.util.Locale;
import org.resnet4j.spi.AbstractBackendProvider;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CpuFacts;

/**
 * Registers the TensorFlow Java backend ({@code "tf"}, priority 20) with ServiceLoader. Its probe only looks for
 * TensorFlow's classes and the native library resource of this platform; nothing native is loaded before
 * {@link #create()}.
 */
public final class TfBackendProvider extends AbstractBackendProvider {
    /** The name users type: {@code -Dresnet4j.backend=tf}. */
    public static final String NAME = "tf";
    /** Above ND4J (10), below JCuda (30), which wins only where a GPU is present. */
    public static final int PRIORITY = 20;

    static final String HIDDEN_CACHE_NOTE = "this AMD CPU's cache sizes are hidden by its hypervisor (CPUID leaf"
            + " 0x8000001D empty, no /sys/devices/system/cpu/cpu0/cache): TensorFlow's oneDNN then assumes 1-byte caches"
            + " and runs convolutions 2-2.5x slower; the tf backend computes its forward convolutions with TensorFlow's"
            + " Eigen kernels here instead (-Dresnet4j.tf.convolutions=onednn|eigen overrides), the rest of its oneDNN"
            + " ops stay (TF_ENABLE_ONEDNN_OPTS=0 in the JVM's environment turns them off too; docs/performance.md)";

    private static final String NATIVE_ROOT = "org/tensorflow/internal/c_api/";

    /** The provider ServiceLoader instantiates. */
    public TfBackendProvider() {
        super(NAME, PRIORITY);
    }

    @Override
    public Availability probe() {
        try {
            if (!onClasspath("org.tensorflow.op.Ops")) {
                return Availability.unavailable("org.tensorflow:tensorflow-core-api is not on the classpath");
            }
            ClassLoader loader = TfBackendProvider.class.getClassLoader();
            String platform = platform();
            if (loader.getResource(NATIVE_ROOT + platform + "/") == null
                    && loader.getResource(NATIVE_ROOT + platform + "-gpu/") == null) {
                return Availability.unavailable("no TensorFlow native library for " + platform
                        + " on the classpath (add org.tensorflow:tensorflow-core-native with classifier " + platform
                        + ")");
            }
            return Availability.ok();
        } catch (Throwable t) {
            return Availability.unavailable("TensorFlow Java cannot be checked: " + t);
        }
    }

    /**
     * A note when this machine hides its cache sizes from TensorFlow's oneDNN: on AMD, oneDNN 3.x (TensorFlow 2.18)
     * reads them from the cache topology leaf, gets 1 byte for each level when a hypervisor leaves the leaf empty, and
     * blocks its convolutions for such caches (4 accumulators per kernel instead of about 24). ND4J's older oneDNN
     * guesses typical sizes there and is not affected.
     */
    @Override
    public List<String> performanceNotes() {
        return performanceNotes(CpuFacts.ofThisMachine());
    }

    static List<String> performanceNotes(CpuFacts cpu) {
        return cpu.hidesAmdCacheTopology() ? List.of(HIDDEN_CACHE_NOTE) : List.of();
    }

    @Override
    public Backend create() {
        return new TfBackend();
    }

    /** The platform name in JavaCPP's spelling, computed without loading JavaCPP. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("mac") || os.startsWith("darwin") ? "macosx"
                : os.startsWith("windows") ? "windows" : os.startsWith("linux") ? "linux" : os.replace(' ', '_');
        String archName = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osName + "-" + archName;
    }
}
