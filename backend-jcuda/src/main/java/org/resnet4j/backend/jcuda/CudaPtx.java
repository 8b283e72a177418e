package org.resnet4j.backend.jcuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The PTX text shipped in this jar: one resource per CUDA C source under {@code org/resnet4j/backend/jcuda/ptx}.
 */
final class CudaPtx {
    /** The classpath folder of the PTX resources. */
    public static final String RESOURCE_DIR = "/org/resnet4j/backend/jcuda/ptx/";

    /** The virtual architecture the shipped PTX was generated for. */
    public static final String ARCHITECTURE = "compute_75";

    /** The oldest driver that loads the shipped PTX (nvcc 13.0 writes PTX ISA 9.0, which CUDA 13 drivers read). */
    public static final String MINIMUM_DRIVER = "NVIDIA driver 580 or newer (CUDA 13.0)";

    private CudaPtx() {
    }

    /** The modules (PTX file names without extension) that the kernels need. */
    public static Set<String> modules() {
        Set<String> names = new TreeSet<>();
        for (CudaKernel k : CudaKernel.values()) {
            names.add(k.module());
        }
        return names;
    }

    /** The text of one PTX module. */
    public static String text(String module) {
        String path = RESOURCE_DIR + module + ".ptx";
        try (InputStream in = CudaPtx.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("PTX resource " + path + " is missing from the jcuda backend jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read PTX resource " + path, e);
        }
    }
}
