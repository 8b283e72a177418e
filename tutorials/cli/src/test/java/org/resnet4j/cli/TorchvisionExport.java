package org.resnet4j.cli;

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
 * Writes a torchvision-layout model's weights as the {@code state_dict} PyTorch would save: torchvision's names
 * ({@code layer1.0.conv1.weight}, {@code layer2.0.downsample.1.running_var}, {@code fc.weight}) and layouts (conv
 * kernels OIHW, {@code fc.weight} [classes, features]). Written from torchvision's {@code ResNet} module naming for
 * these tests, independently of the importer, so that a round trip through the command line checks the importer's
 * names and transpositions as well as the command's plumbing.
 */
final class TorchvisionExport {
    private static final Pattern BLOCK = Pattern.compile("conv(\\d)_block(\\d+)_(\\d)_(conv|bn)");

    private TorchvisionExport() {
    }

    /** Writes {@code model}'s current weights to {@code file} as a torchvision state dict. */
    static void write(Model model, Path file) throws IOException {
        Map<String, HostTensor> dict = new LinkedHashMap<>();
        model.parameters().asMap().forEach((name, value) -> dict.put(torchName(name), torchLayout(value)));
        Safetensors.write(file, dict, Map.of("format", "pt"));
    }

    static String torchName(String ours) {
        String layer = ours.substring(0, ours.indexOf('/'));
        String param = ours.substring(ours.indexOf('/') + 1);
        String module;
        boolean bn;
        Matcher m = BLOCK.matcher(layer);
        if (layer.equals("conv1_conv")) {
            module = "conv1";
            bn = false;
        } else if (layer.equals("conv1_bn")) {
            module = "bn1";
            bn = true;
        } else if (layer.equals("predictions")) {
            module = "fc";
            bn = false;
        } else if (m.matches()) {
            String prefix = "layer" + (Integer.parseInt(m.group(1)) - 1) + "." + (Integer.parseInt(m.group(2)) - 1);
            bn = m.group(4).equals("bn");
            int k = Integer.parseInt(m.group(3));
            module = prefix + (k == 0 ? ".downsample." + (bn ? 1 : 0) : "." + m.group(4) + k);
        } else {
            throw new IllegalArgumentException("not a torchvision ResNet layer: " + layer);
        }
        String torchParam = switch (param) {
            case "kernel" -> "weight";
            case "bias" -> "bias";
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "moving_mean" -> "running_mean";
            case "moving_variance" -> "running_var";
            default -> throw new IllegalArgumentException("unknown parameter " + ours);
        };
        if (bn != (param.equals("gamma") || param.equals("beta") || param.startsWith("moving_"))) {
            throw new IllegalArgumentException("parameter " + ours + " does not belong to a " + (bn ? "BN" : "conv"));
        }
        return module + "." + torchParam;
    }

    /** HWIO kernels become OIHW, [in, out] dense kernels [out, in]; vectors stay. */
    static HostTensor torchLayout(HostTensor t) {
        Shape s = t.shape();
        float[] d = t.data();
        if (s.rank() == 4) {
            int kh = s.dim(0);
            int kw = s.dim(1);
            int in = s.dim(2);
            int out = s.dim(3);
            HostTensor r = HostTensor.zeros(Shape.of(out, in, kh, kw));
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            r.set(t.get(y, x, i, o), o, i, y, x);
                        }
                    }
                }
            }
            return r;
        }
        if (s.rank() == 2) {
            HostTensor r = HostTensor.zeros(Shape.of(s.dim(1), s.dim(0)));
            for (int i = 0; i < s.dim(0); i++) {
                for (int o = 0; o < s.dim(1); o++) {
                    r.set(t.get(i, o), o, i);
                }
            }
            return r;
        }
        return HostTensor.of(s, d.clone());
    }
}
