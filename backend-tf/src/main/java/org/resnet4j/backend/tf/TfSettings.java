package org.resnet4j.backend.tf;

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
        String value = System.getProperty(THREADS_PROPERTY);
        String source = "-D" + THREADS_PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(THREADS_ENV);
            source = THREADS_ENV;
        }
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        return positive(source, value);
    }

    /** The number of independent ops TensorFlow may run at once; {@link #threads()} unless set. */
    static int interOpThreads() {
        String value = System.getProperty(INTER_OP_PROPERTY);
        if (value == null || value.isBlank()) {
            return threads();
        }
        return positive("-D" + INTER_OP_PROPERTY, value);
    }

    private static int positive(String source, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value received
        }
        throw new IllegalArgumentException(source + " expects a positive number of threads. Received: \"" + value
                + "\"");
    }

    /** The session configuration for the current thread settings. */
    static ConfigProto config() {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads())
                .setInterOpParallelismThreads(interOpThreads())
                .build();
    }
}
