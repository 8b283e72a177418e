package org.resnet4j.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * The default {@link CompiledModel}: uploads the weights once, then runs the model layer by layer on a backend's
 * eager {@link Ops} for each call. Thread-safe as long as the ops are.
 */
final class InterpretedModel implements CompiledModel {
    private final Model model;
    private final Ops ops;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private volatile boolean closed;

    InterpretedModel(Model model, Ops ops) {
        this.model = model;
        this.ops = ops;
        try {
            for (Map.Entry<String, HostTensor> p : model.parameters().asMap().entrySet()) {
                weights.put(p.getKey(), ops.upload(p.getValue()));
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public List<HostTensor> predictAll(HostTensor... inputs) {
        if (closed) {
            throw new IllegalStateException("Compiled model \"" + model.name() + "\" is closed");
        }
        List<Tensor> uploaded = new ArrayList<>(inputs.length);
        List<Tensor> outputs = List.of();
        try {
            for (HostTensor in : inputs) {
                uploaded.add(ops.upload(in));
            }
            outputs = model.forward(ops, weights, uploaded);
            List<HostTensor> result = new ArrayList<>(outputs.size());
            for (Tensor out : outputs) {
                result.add(ops.download(out));
            }
            return result;
        } finally {
            for (Tensor t : outputs) {
                if (!uploaded.contains(t)) {
                    t.close();
                }
            }
            uploaded.forEach(Tensor::close);
        }
    }

    @Override
    public void close() {
        closed = true;
        weights.values().forEach(Tensor::close);
        weights.clear();
    }
}
