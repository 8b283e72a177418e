package org.resnet4j.tutorials.lesson07;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.resnet4j.io.Safetensors;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Writes a model's weights the way torchvision's {@code model.state_dict()} names and lays them out, as a safetensors
 * file: what {@code safetensors.torch.save_file(model.state_dict(), path)} produces for a torchvision ResNet. It is
 * the importer run backwards ({@code org.resnet4j.models.io.TorchvisionImporter}), so the lesson has a real
 * torchvision-format file to load without downloading one.
 */
public final class TorchvisionStateDict {
    private static final Pattern BLOCK_LAYER = Pattern.compile("conv(\\d+)_block(\\d+)_(\\d)_(conv|bn)");

    private TorchvisionStateDict() {
    }

    /** The state_dict of {@code model}: torchvision names, OIHW kernels, {@code fc.weight} as [classes, features]. */
    public static Map<String, HostTensor> of(Model model) {
        Map<String, HostTensor> stateDict = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> p : model.parameters().asMap().entrySet()) {
            String layer = p.getKey().substring(0, p.getKey().indexOf('/'));
            String param = p.getKey().substring(p.getKey().indexOf('/') + 1);
            String module = torchModule(layer);
            stateDict.put(module + "." + torchParameter(param), torchLayout(p.getValue()));
            if (param.equals("moving_variance")) {
                // PyTorch counts training steps here (an int64); inference ignores it and so does the importer.
                stateDict.put(module + ".num_batches_tracked", HostTensor.zeros(Shape.of(1)));
            }
        }
        return stateDict;
    }

    /** Writes {@link #of(Model)} to {@code file}. */
    public static void write(Model model, Path file) throws IOException {
        Safetensors.write(file, of(model), Map.of("format", "pt"));
    }

    /** {@code conv1_conv} is {@code conv1}, {@code conv3_block2_1_bn} is {@code layer2.1.bn1}, and so on. */
    static String torchModule(String layer) {
        switch (layer) {
            case "conv1_conv":
                return "conv1";
            case "conv1_bn":
                return "bn1";
            case "predictions":
                return "fc";
            default:
                Matcher m = BLOCK_LAYER.matcher(layer);
                if (!m.matches()) {
                    throw new IllegalArgumentException("Layer " + layer + " has no torchvision name");
                }
                String block = "layer" + (Integer.parseInt(m.group(1)) - 1) + "." + (Integer.parseInt(m.group(2)) - 1);
                boolean conv = m.group(4).equals("conv");
                if (m.group(3).equals("0")) {
                    return block + ".downsample." + (conv ? "0" : "1");
                }
                return block + "." + m.group(4) + m.group(3);
        }
    }

    private static String torchParameter(String ours) {
        return switch (ours) {
            case "kernel", "gamma" -> "weight";
            case "bias", "beta" -> "bias";
            case "moving_mean" -> "running_mean";
            case "moving_variance" -> "running_var";
            default -> throw new IllegalArgumentException("Parameter " + ours + " has no torchvision name");
        };
    }

    /** HWIO kernels become OIHW, [in, out] dense kernels become [out, in]; vectors stay as they are. */
    private static HostTensor torchLayout(HostTensor t) {
        Shape s = t.shape();
        float[] src = t.data();
        float[] dst = new float[src.length];
        if (s.rank() == 4) {
            int h = s.dim(0);
            int w = s.dim(1);
            int in = s.dim(2);
            int out = s.dim(3);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            dst[((o * in + i) * h + y) * w + x] = src[((y * w + x) * in + i) * out + o];
                        }
                    }
                }
            }
            return HostTensor.of(Shape.of(out, in, h, w), dst);
        }
        if (s.rank() == 2) {
            int in = s.dim(0);
            int out = s.dim(1);
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    dst[o * in + i] = src[i * out + o];
                }
            }
            return HostTensor.of(Shape.of(out, in), dst);
        }
        return t.copy();
    }
}
