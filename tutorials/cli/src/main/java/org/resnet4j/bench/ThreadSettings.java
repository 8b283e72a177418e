package org.resnet4j.bench;

import java.util.Map;

/**
 * How the benchmark gives every backend the same number of threads: the backends' own system properties
 * ({@code resnet4j.tf.threads}, {@code resnet4j.nd4j.threads}) in this JVM, and for a child JVM also the
 * environment variables that native thread pools read when they start (OpenMP, MKL, OpenBLAS), which a running
 * JVM cannot change for itself.
 */
final class ThreadSettings {
    static final String TF_PROPERTY = "resnet4j.tf.threads";
    static final String ND4J_PROPERTY = "resnet4j.nd4j.threads";

    private ThreadSettings() {
    }

    /** Sets the backends' thread properties of this JVM to {@code threads}; call before creating a backend. */
    static void apply(int threads) {
        System.setProperty(TF_PROPERTY, Integer.toString(threads));
        System.setProperty(ND4J_PROPERTY, Integer.toString(threads));
    }

    /** The environment a child JVM needs so that its native thread pools start with {@code threads} threads. */
    static Map<String, String> environment(int threads) {
        String n = Integer.toString(threads);
        return Map.of("OMP_NUM_THREADS", n, "MKL_NUM_THREADS", n, "OPENBLAS_NUM_THREADS", n);
    }
}
