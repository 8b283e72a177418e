package org.resnet4j.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.TensorDifference;

/**
 * Two backends' outputs compared layer by layer, plus the final outputs of their compiled models.
 *
 * @param first          the first backend's name
 * @param second         the second backend's name (the reference of the relative error)
 * @param layers         one entry per layer, in execution order
 * @param compiledMaxAbs the largest absolute difference of the compiled models' outputs
 * @param compiledRelL2  the relative L2 error of the compiled models' outputs
 */
record PairComparison(String first, String second, List<LayerError> layers, double compiledMaxAbs,
        double compiledRelL2) {

    PairComparison {
        layers = List.copyOf(layers);
    }

    /** Compares two backends' per-layer outputs (same model, same order) and their compiled outputs. */
    static PairComparison of(String first, Map<Node, HostTensor> firstLayers, HostTensor firstOutput, String second,
            Map<Node, HostTensor> secondLayers, HostTensor secondOutput) {
        List<LayerError> errors = new ArrayList<>();
        int index = 1;
        for (Map.Entry<Node, HostTensor> e : firstLayers.entrySet()) {
            Node node = e.getKey();
            HostTensor other = secondLayers.get(node);
            errors.add(new LayerError(index++, node.layer().name(), node.layer().typeName(), e.getValue().shape(),
                    TensorDifference.maxAbs(e.getValue(), other), TensorDifference.relativeL2(e.getValue(), other)));
        }
        return new PairComparison(first, second, errors, TensorDifference.maxAbs(firstOutput, secondOutput),
                TensorDifference.relativeL2(firstOutput, secondOutput));
    }

    /** {@code "tf vs nd4j"}. */
    String label() {
        return first + " vs " + second;
    }

    /** The layer with the largest relative L2 error. */
    LayerError worst() {
        return layers.stream().max(Comparator.comparingDouble(LayerError::relL2)).orElseThrow();
    }
}
