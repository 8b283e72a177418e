package org.resnet4j.tutorials.lesson11.solutions;

import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;
import org.resnet4j.tutorials.lesson11.PlainCifarNet;

/**
 * Exercise 2: a plain network and the residual network of the same depth with option A shortcuts have exactly the
 * same weights: the shortcuts and additions have none. So figure 6 compares like with like, and any difference in
 * training comes from the {@code x +} alone.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** What the two networks of one depth have: trainable parameters, convolutions, additions. */
    public record Counts(long plainParameters, long residualParameters, int plainConvolutions,
            int residualConvolutions, int plainAdds, int residualAdds) {
    }

    /** Counts both networks of depth {@code depth}. */
    public static Counts count(int depth) {
        Model plain = PlainCifarNet.build(depth);
        Model residual = ResNets.cifar(depth, CifarShortcut.A_ZERO_PAD);
        return new Counts(plain.trainableParameterCount(), residual.trainableParameterCount(),
                countOf(plain, Conv2D.class), countOf(residual, Conv2D.class), countOf(plain, Add.class),
                countOf(residual, Add.class));
    }

    private static int countOf(Model model, Class<? extends Layer> type) {
        int n = 0;
        for (Layer layer : model.layers()) {
            if (type.isInstance(layer)) {
                n++;
            }
        }
        return n;
    }
}
