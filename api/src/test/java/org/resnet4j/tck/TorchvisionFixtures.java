package org.resnet4j.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Loads the torchvision golden fixtures (see {@code fixtures/torchvision/README.md}) from the classpath, so that
 * any module depending on api's test-jar can use them, and converts torchvision layouts to ResNet4J's.
 */
public final class TorchvisionFixtures {
    private static final String ROOT = "/fixtures/torchvision/";

    private TorchvisionFixtures() {
    }

    /** The weights ({@code NAME.weights.safetensors}) and the input/output ({@code NAME.io.safetensors}) of a case. */
    public record Case(String name, SafetensorsFile weights, SafetensorsFile io) {
        /** The NHWC input. */
        public HostTensor input() {
            return io.tensor("input");
        }

        /** The expected output (NHWC feature map or {@code [n, classes]} logits). */
        public HostTensor output() {
            return io.tensor("output");
        }

        /** A weight by its torchvision name, unchanged (conv kernels are OIHW). */
        public HostTensor weight(String name) {
            return weights.tensor(name);
        }

        /** A conv kernel by its torchvision name, converted to HWIO. */
        public HostTensor convKernel(String name) {
            return oihwToHwio(weights.tensor(name));
        }
    }

    /** Loads a case, for example {@code "stem"} or {@code "block_b_odd"}. */
    public static Case load(String name) {
        return new Case(name, read(name + ".weights.safetensors"), read(name + ".io.safetensors"));
    }

    /** Reads one fixture file from the classpath. */
    public static SafetensorsFile read(String fileName) {
        try (InputStream in = TorchvisionFixtures.class.getResourceAsStream(ROOT + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + ROOT + fileName + " on the classpath");
            }
            // Resources may sit inside a jar; Safetensors reads (and maps) files, so copy to a temporary one.
            Path temp = Files.createTempFile("resnet4j-fixture-", ".safetensors");
            try {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                return Safetensors.read(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + fileName, e);
        }
    }

    /** A PyTorch conv kernel {@code [out, in, kh, kw]} as ResNet4J's {@code [kh, kw, in, out]}. */
    public static HostTensor oihwToHwio(HostTensor oihw) {
        if (oihw.shape().rank() != 4) {
            throw new IllegalArgumentException("oihwToHwio expects a kernel of rank 4 [out, in, kh, kw]. Received: "
                    + "shape=" + oihw.shape());
        }
        int out = oihw.shape().dim(0);
        int in = oihw.shape().dim(1);
        int kh = oihw.shape().dim(2);
        int kw = oihw.shape().dim(3);
        HostTensor hwio = HostTensor.zeros(Shape.of(kh, kw, in, out));
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        hwio.set(oihw.get(o, i, y, x), y, x, i, o);
                    }
                }
            }
        }
        return hwio;
    }
}
