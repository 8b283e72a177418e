package org.resnet4j.backend.tf;

import org.tensorflow.proto.ConfigProto;

/**
 * The TensorFlow session settings ResNet4J uses: thread counts from {@code -Dresnet4j.tf.threads=N} or the
 * environment variable {@code RESNET4J_TF_THREADS}, defaulting to the number of available processors.
 */
final class TfSettings {
    static final String THREADS_PROPERTY = "resnet4j.tf.threads";
    static final String THREADS_ENV = "RESNET4J_TF_THREADS";

    private TfSettings() {
    }

    /** The number of threads TensorFlow may use inside one op and across independent ops. */
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
        int n = threads();
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(n)
                .setInterOpParallelismThreads(n)
                .build();
    }
}
