package org.resnet4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * Every layer's output of one forward pass on one backend, copied to the JVM: the raw material of a per-layer
 * comparison. It runs the model layer by layer on the backend's {@link Backend#ops() ops} (not its compiled path),
 * since only that path lets a listener see each intermediate tensor.
 */
final class LayerOutputs {
    private LayerOutputs() {
    }

    /** The output of every non-input node, in execution order. */
    static Map<Node, HostTensor> of(Model model, Backend backend, HostTensor input) {
        Map<Node, HostTensor> outputs = new LinkedHashMap<>();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Tensor x = null;
        try {
            model.parameters().asMap().forEach((name, value) -> weights.put(name, backend.ops().upload(value)));
            x = backend.ops().upload(input);
            model.forward(backend.ops(), weights, List.of(x), (node, out) -> {
                if (!(node.layer() instanceof Input)) {
                    outputs.put(node, backend.ops().download(out));
                }
            }).forEach(Tensor::close);
        } finally {
            if (x != null) {
                x.close();
            }
            weights.values().forEach(Tensor::close);
        }
        return outputs;
    }
}
