package org.resnet4j.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.resnet4j.io.JsonParser;
import org.resnet4j.io.ModelDescription;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.nn.LayerTypes;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Loads the torchvision golden fixtures (see {@code fixtures/torchvision/README.md}) from the classpath, so that
 * any module depending on api's test-jar can use them, and converts torchvision layouts to ResNet4J's. Each case
 * also has the ResNet4J model it was checked against ({@link Case#model()}): the models module's builders cannot be
 * used where only the api is (a backend module), so their result is stored next to the fixture.
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

        /**
         * The ResNet4J model of this case, as the models module builds it (stored in {@code NAME.model.json}: its
         * {@link ModelDescription} under {@code "model"} and, under {@code "torchvision_names"}, the torchvision
         * tensor of each parameter), with the fixture's weights loaded: conv kernels OIHW to HWIO, the dense kernel
         * transposed, everything else as stored.
         */
        public Model model() {
            String fileName = name + ".model.json";
            Map<String, Object> file = jsonObject(JsonParser.parse(readText(fileName)), fileName);
            Model model = ModelDescription.build(file.get("model"), LayerTypes.builtIn());
            Map<String, Object> torchNames = jsonObject(file.get("torchvision_names"),
                    fileName + " \"torchvision_names\"");
            if (!torchNames.keySet().equals(model.parameters().names())) {
                throw new IllegalStateException(fileName + ": \"torchvision_names\" expected the parameters "
                        + model.parameters().names() + ", received: " + torchNames.keySet());
            }
            torchNames.forEach((parameter, torchName) -> model.parameters().set(parameter,
                    toResNet4jLayout(weights.tensor((String) torchName))));
            return model;
        }
    }

    /** Loads a case, for example {@code "stem"} or {@code "block_b_odd"}. */
    public static Case load(String name) {
        return new Case(name, read(name + ".weights.safetensors"), read(name + ".io.safetensors"));
    }

    /** Reads one text file of the fixtures from the classpath. */
    public static String readText(String fileName) {
        try (InputStream in = open(fileName)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + fileName, e);
        }
    }

    /** Reads one fixture file from the classpath. */
    public static SafetensorsFile read(String fileName) {
        try (InputStream in = open(fileName)) {
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException(what + " expected a JSON object, received: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static InputStream open(String fileName) {
        InputStream in = TorchvisionFixtures.class.getResourceAsStream(ROOT + fileName);
        if (in == null) {
            throw new IllegalArgumentException("No fixture " + ROOT + fileName + " on the classpath");
        }
        return in;
    }

    /** A torchvision tensor in ResNet4J's layout: conv kernels OIHW to HWIO, dense kernels transposed. */
    static HostTensor toResNet4jLayout(HostTensor torch) {
        return switch (torch.shape().rank()) {
            case 4 -> oihwToHwio(torch);
            case 2 -> transpose(torch);
            default -> torch;
        };
    }

    private static HostTensor transpose(HostTensor matrix) {
        int rows = matrix.shape().dim(0);
        int columns = matrix.shape().dim(1);
        HostTensor transposed = HostTensor.zeros(Shape.of(columns, rows));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                transposed.set(matrix.get(r, c), c, r);
            }
        }
        return transposed;
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
