package org.resnet4j.backend.tf;

import org.resnet4j.spi.SettingValues;
import org.tensorflow.proto.ConfigProto;

/**
 * The TensorFlow session settings ResNet4J uses: thread counts from {@code -Dresnet4j.tf.threads=N} or the
 * environment variable {@code RESNET4J_TF_THREADS}, defaulting to the number of available processors.
 */
final class TfSettings {
    static final String THREADS_PROPERTY = "resnet4j.tf.threads";
    static final String THREADS_ENV = "RESNET4J_TF_THREADS";
    static final String INTER_OP_PROPERTY = "resnet4j.tf.interOpThreads";

    private TfSettings() {
    }

    /** The number of threads TensorFlow may use inside one op. */
    static int threads() {
        return SettingValues.threadCount(THREADS_PROPERTY, THREADS_ENV)
                .orElseGet(() -> Runtime.getRuntime().availableProcessors());
    }

    /** The number of independent ops TensorFlow may run at once; {@link #threads()} unless set. */
    static int interOpThreads() {
        return SettingValues.wholeInt(System.getProperty(INTER_OP_PROPERTY), "-D" + INTER_OP_PROPERTY, 1,
                SettingValues.THREADS_EXPECTED).orElseGet(TfSettings::threads);
    }

    /**
     * The session configuration of a compiled training step: as {@link #config()}, but one inter-op thread unless
     * {@code -Dresnet4j.tf.interOpThreads} says otherwise. Every op of a ResNet step already spreads over the intra-op
     * threads; running two such ops at once only makes them compete for the same cores (seed ResNet-18, batch 128,
     * 2 threads: 10.6 s per step with 1 inter-op thread, 12.0 s with 2, one run after the other).
     */
    static ConfigProto trainingConfig() {
        int interOp = SettingValues.wholeInt(System.getProperty(INTER_OP_PROPERTY), "-D" + INTER_OP_PROPERTY, 1,
                SettingValues.THREADS_EXPECTED).orElse(1);
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads())
                .setInterOpParallelismThreads(interOp)
                .build();
    }

    /** The session configuration for the current thread settings. */
    static ConfigProto config() {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads())
                .setInterOpParallelismThreads(interOpThreads())
                .build();
    }
}
