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
 * The simplest {@link CompiledModel}, for a backend with no graph of its own: uploads the weights once, then runs
 * the model layer by layer on the backend's eager {@link Ops} for each call. Thread-safe as long as the ops are.
 */
public final class InterpretedModel extends AbstractCompiledModel {
    private final Ops ops;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();

    /** Uploads {@code model}'s current weights to {@code ops}' backend. */
    public InterpretedModel(Model model, Ops ops) {
        super(model);
        this.ops = ops;
        try {
            for (Map.Entry<String, HostTensor> p : model.parameters().asMap().entrySet()) {
                weights.put(p.getKey(), ops.upload(p.getValue()));
            }
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    @Override
    protected List<HostTensor> compute(HostTensor[] inputs) {
        List<Tensor> uploaded = new ArrayList<>(inputs.length);
        List<Tensor> outputs = List.of();
        try {
            for (HostTensor in : inputs) {
                uploaded.add(ops.upload(in));
            }
            outputs = model().forward(ops, weights, uploaded);
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
    protected void release() {
        weights.values().forEach(Tensor::close);
        weights.clear();
    }
}
