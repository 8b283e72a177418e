package org.resnet4j.backend.nd4j;

import java.util.List;
import org.resnet4j.spi.AbstractBackendProvider;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;

/**
 * Registers the ND4J backend (name {@code "nd4j"}, priority 10) with {@link java.util.ServiceLoader}. Its probe only
 * looks for ND4J's classes and for native libraries built for this platform; nothing native loads until
 * {@link #create()}.
 */
public final class Nd4jBackendProvider extends AbstractBackendProvider {
    /** The name users type: {@code -Dresnet4j.backend=nd4j}. */
    public static final String NAME = "nd4j";
    /** Below TensorFlow (20) and JCuda (30): ND4J is the portable CPU fallback. */
    public static final int PRIORITY = 10;

    private static final String NATIVES_DIR = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    private static final List<String> EXTENSIONS =
            List.of("", "-avx2", "-avx512", "-onednn", "-onednn-avx2", "-onednn-avx512", "-compat");

    /** The provider {@link java.util.ServiceLoader} instantiates. */
    public Nd4jBackendProvider() {
        super(NAME, PRIORITY);
    }

    @Override
    public Availability probe() {
        try {
            if (!onClasspath("org.nd4j.linalg.factory.Nd4j")) {
                return Availability.unavailable("nd4j-api is not on the classpath (add org.nd4j:nd4j-native-platform)");
            }
            if (!onClasspath("org.nd4j.linalg.cpu.nativecpu.CpuBackend")) {
                return Availability.unavailable("nd4j-native is not on the classpath (add org.nd4j:nd4j-native-platform)");
            }
            ClassLoader loader = Nd4jBackendProvider.class.getClassLoader();
            String platform = org.bytedeco.javacpp.Loader.getPlatform();
            String library = platform.startsWith("windows") ? "jnind4jcpu.dll"
                    : platform.startsWith("macosx") ? "libjnind4jcpu.dylib" : "libjnind4jcpu.so";
            for (String extension : EXTENSIONS) {
                if (loader.getResource(NATIVES_DIR + platform + extension + "/" + library) != null) {
                    return Availability.ok();
                }
            }
            return Availability.unavailable("no ND4J natives for platform " + platform
                    + " on the classpath (build with -Djavacpp.platform=" + platform + ")");
        } catch (Throwable t) {
            return Availability.unavailable("ND4J cannot be probed: " + t);
        }
    }

    @Override
    public Backend create() {
        return new Nd4jBackend();
    }
}
