package org.resnet4j.tutorials.lesson08.solutions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson08.StageSignal;

/**
 * Exercise 3: by how much does each block of a freshly initialised network multiply the size of the signal? Measure
 * the root mean square after every block of the first stage and divide each by the one before.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /**
     * For the option-A CIFAR ResNet of {@code depth} layers and a seeded random image: the ratio of the RMS after
     * block {@code k} of conv2_x to the RMS before it (after block {@code k - 1}, or after the stem for {@code k = 1}).
     */
    public static List<Double> growthPerBlock(Backend backend, int depth, long seed) {
        int n = (depth - 2) / 6;
        Model model = ResNets.cifar(depth, CifarShortcut.A_ZERO_PAD);
        Set<String> layers = new LinkedHashSet<>();
        layers.add("conv1_relu");
        for (int k = 1; k <= n; k++) {
            layers.add("conv2_block" + k + "_out");
        }
        Random rng = new Random(seed);
        float[] pixels = new float[32 * 32 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextGaussian();
        }
        Map<String, Double> rms = StageSignal.rms(backend, model, HostTensor.of(Shape.of(1, 32, 32, 3), pixels),
                layers);
        List<Double> values = new ArrayList<>(rms.values());
        List<Double> ratios = new ArrayList<>();
        for (int k = 1; k < values.size(); k++) {
            ratios.add(values.get(k) / values.get(k - 1));
        }
        return ratios;
    }
}
