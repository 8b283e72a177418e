package org.resnet4j.tutorials.lesson01;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.nn.ReLU;
import org.resnet4j.tensor.Shape;

/**
 * One layer of a model as the lessons print and compare it.
 *
 * @param name       the layer's name
 * @param kind       what it computes, short: {@code Conv2D 3x3 /1}, {@code BatchNormalization}, {@code ReLU}, ...
 * @param settings   the choices that change its numbers but not its shape: padding, bias, BatchNorm epsilon
 * @param shape      its per-sample output shape
 * @param parameters how many scalars it owns, trainable or not
 * @param inputs     the names of the layers it reads
 */
public record LayerRow(String name, String kind, String settings, Shape shape, long parameters, List<String> inputs) {

    /** One row per node of {@code model}, in the order the nodes were created. */
    public static List<LayerRow> of(Model model) {
        List<LayerRow> rows = new ArrayList<>();
        for (Node node : model.nodes()) {
            long parameters = model.parameterSpecs(node).stream().map(ParameterSpec::shape)
                    .mapToLong(Shape::sizeAsLong).sum();
            List<String> inputs = node.inputs().stream().map(in -> in.layer().name()).toList();
            Layer layer = node.layer();
            rows.add(new LayerRow(layer.name(), kind(layer), settings(layer), node.shape(), parameters, inputs));
        }
        return rows;
    }

    private static String kind(Layer layer) {
        if (layer instanceof Conv2D conv) {
            return "Conv2D " + conv.kernelHeight() + "x" + conv.kernelWidth() + " /" + conv.strideHeight();
        }
        if (layer instanceof MaxPooling2D pool) {
            return "MaxPooling2D " + pool.options().poolHeight() + "x" + pool.options().poolWidth() + " /"
                    + pool.options().strideHeight();
        }
        // Keras' Activation("relu") and its ReLU layer compute the same max(x, 0); the lessons call both ReLU.
        if (layer instanceof ReLU || layer instanceof Activation a && a.function().equals("relu")) {
            return "ReLU";
        }
        return layer.typeName();
    }

    private static String settings(Layer layer) {
        if (layer instanceof Conv2D conv) {
            return "padding " + conv.padding() + (conv.useBias() ? ", bias" : ", no bias");
        }
        if (layer instanceof MaxPooling2D pool) {
            return "padding " + pool.options().padding();
        }
        if (layer instanceof BatchNormalization bn) {
            return "epsilon " + bn.epsilon();
        }
        return "";
    }
}
