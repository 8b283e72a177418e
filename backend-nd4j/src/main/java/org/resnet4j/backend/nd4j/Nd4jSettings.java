package org.resnet4j.backend.nd4j;

import java.util.Locale;
import java.util.OptionalInt;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.resnet4j.spi.SettingValues;

/**
 * ND4J's run-time settings. Threads: {@code -Dresnet4j.nd4j.threads=N}, else the environment variable
 * {@code RESNET4J_ND4J_THREADS}; without either, ND4J's own choice (its {@code OMP_NUM_THREADS} handling, by default
 * the number of cores). The value goes to OpenMP (which libnd4j and its oneDNN kernels run on) and to libnd4j's
 * own thread limits. Also the size of a compiled model's array pool, whether oneDNN may be used, and how many threads
 * OpenBLAS may use ({@code -Dresnet4j.nd4j.blasThreads}, default 1: see {@link #blasThreads()}).
 */
final class Nd4jSettings {
    static final String THREADS_PROPERTY = "resnet4j.nd4j.threads";
    static final String THREADS_ENV = "RESNET4J_ND4J_THREADS";
    /** The most memory a compiled model keeps for reuse, in MiB ({@code 0} turns pooling off). */
    static final String POOL_PROPERTY = "resnet4j.nd4j.poolMegabytes";
    static final long DEFAULT_POOL_MEGABYTES = 1024;
    /** {@code false} makes libnd4j run its own kernels instead of oneDNN's ("platform helpers"). */
    static final String ONEDNN_PROPERTY = "resnet4j.nd4j.onednn";

    /** The threads OpenBLAS (ND4J's matrix products, the dense layer) may use; default {@value #DEFAULT_BLAS_THREADS}. */
    static final String BLAS_THREADS_PROPERTY = "resnet4j.nd4j.blasThreads";
    static final int DEFAULT_BLAS_THREADS = 1;

    /** Steps between the full garbage collections of a training step ({@link Nd4jGarbageSchedule}); 0: none. */
    static final String GC_STEPS_PROPERTY = "resnet4j.nd4j.gcEverySteps";
    static final int DEFAULT_GC_STEPS = 10;

    private Nd4jSettings() {
    }

    /** The configured thread count, if any. */
    static OptionalInt threads() {
        return SettingValues.threadCount(THREADS_PROPERTY, THREADS_ENV);
    }

    /** The pool limit of a compiled model in bytes, from {@code -Dresnet4j.nd4j.poolMegabytes} (default 1024). */
    static long poolBytes() {
        return SettingValues.wholeNumber(System.getProperty(POOL_PROPERTY), "-D" + POOL_PROPERTY, 0,
                "a number of MiB, 0 or more").orElse(DEFAULT_POOL_MEGABYTES) << 20;
    }

    /**
     * How many training steps go between two full garbage collections, from {@code -Dresnet4j.nd4j.gcEverySteps}
     * (default {@value #DEFAULT_GC_STEPS}; {@code 0} turns them off): see {@link Nd4jGarbageSchedule}.
     */
    static int garbageCollectionSteps() {
        return SettingValues.wholeInt(System.getProperty(GC_STEPS_PROPERTY), "-D" + GC_STEPS_PROPERTY, 0,
                "a number of steps, 0 or more").orElse(DEFAULT_GC_STEPS);
    }

    /**
     * The constant of {@code unset}'s enum that {@code setting}, the value of {@code -D<property>}, names (its name in
     * any case, blanks around it ignored), or {@code unset} when the setting is absent or blank. Any other value
     * fails naming the property and the choices: {@code -Dp expects a, b or c. Received: x}.
     */
    static <E extends Enum<E>> E choice(String property, String setting, E unset) {
        if (setting == null || setting.isBlank()) {
            return unset;
        }
        E[] options = unset.getDeclaringClass().getEnumConstants();
        for (E option : options) {
            if (option.name().equalsIgnoreCase(setting.trim())) {
                return option;
            }
        }
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < options.length; i++) {
            words.append(i == 0 ? "" : i == options.length - 1 ? " or " : ", ")
                    .append(options[i].name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("-D" + property + " expects " + words + ". Received: " + setting);
    }

    /** Whether libnd4j may use oneDNN: {@code -Dresnet4j.nd4j.onednn=false} says no; anything else, yes. */
    static boolean oneDnnAllowed() {
        return !"false".equalsIgnoreCase(System.getProperty(ONEDNN_PROPERTY, "true").trim());
    }

    /**
     * OpenBLAS's thread count, from {@code -Dresnet4j.nd4j.blasThreads} (default 1). One by default because OpenBLAS
     * keeps its own worker threads beside libnd4j's OpenMP team, and after every matrix product they spin in
     * {@code sched_yield} for a while (about a tenth of a second) before they sleep: on a machine with as many cores
     * as OpenMP threads they take cores from the OpenMP team, whose every op then waits at its barrier for a
     * preempted thread. ResNet's only matrix product is the small dense layer, which one thread computes in about a
     * millisecond.
     */
    static int blasThreads() {
        return SettingValues.wholeInt(System.getProperty(BLAS_THREADS_PROPERTY), "-D" + BLAS_THREADS_PROPERTY, 1,
                SettingValues.THREADS_EXPECTED).orElse(DEFAULT_BLAS_THREADS);
    }

    /**
     * Applies the configured thread count, if any, the oneDNN switch and OpenBLAS's thread count to the natives
     * already loaded.
     */
    static void apply() {
        // Set both ways: the switch is global to the process, and a backend created earlier may have turned it off.
        Nd4j.getEnvironment().allowHelpers(oneDnnAllowed());
        threads().ifPresent(n -> {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
            Nd4j.getEnvironment().setMaxThreads(n);
            Nd4j.getEnvironment().setMaxMasterThreads(n);
        });
        // After the OpenMP count: ND4J sets OpenBLAS's count from OMP_NUM_THREADS when it loads.
        Nd4j.factory().blas().setMaxThreads(blasThreads());
        // Read here too so that a bad value fails the backend's creation, not the first convolution.
        Nd4jOneDnnConvolution.Kernels.of(System.getProperty(Nd4jOneDnnConvolution.KERNELS_PROPERTY));
        Nd4jOneDnnKernelGradient.Layout.of(System.getProperty(Nd4jOneDnnKernelGradient.LAYOUT_PROPERTY));
        Nd4jOneDnnInputGradient.Layout.of(System.getProperty(Nd4jOneDnnInputGradient.LAYOUT_PROPERTY));
    }
}
