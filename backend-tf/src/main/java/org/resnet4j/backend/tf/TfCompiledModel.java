package org.resnet4j.backend.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.resnet4j.nn.BatchNormFolding;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * A model traced once into a TensorFlow {@link Graph}: one placeholder per input with a free batch dimension, the
 * weights as constants, and one {@link Session} that every {@link #predictAll} call runs. TensorFlow sessions
 * may run from several threads at once, so calls are not serialised; the skeleton ({@link AbstractCompiledModel})
 * checks the inputs and keeps {@link #close()} from freeing the session under a running call.
 */
final class TfCompiledModel extends AbstractCompiledModel {
    private final Graph graph;
    private final Session session;
    private final List<TfTensor> inputs = new ArrayList<>();
    private final List<Operand<TFloat32>> outputs = new ArrayList<>();
    /** The call whose TensorFlow timings are printed ({@link TfStepStats}), or 0. */
    private final long tracedCall = TfStepStats.tracedStep();
    private final AtomicLong calls = new AtomicLong();

    TfCompiledModel(Model model) {
        super(model);
        this.graph = new Graph();
        Session s = null;
        try {
            TfOps ops = new TfOps(org.tensorflow.op.Ops.create(graph), false);
            // The traced model has its batch norms folded into the convolutions (unless turned off): fewer graph
            // nodes and one pass over each activation less; the results agree within float rounding.
            Model traced = BatchNormFolding.forInference(model);
            for (int i = 0; i < traced.inputs().size(); i++) {
                Node in = traced.inputs().get(i);
                inputs.add(ops.placeholder("input_" + i, in.shape()));
            }
            Map<String, Tensor> weights = new LinkedHashMap<>();
            for (Map.Entry<String, HostTensor> p : traced.parameters().asMap().entrySet()) {
                weights.put(p.getKey(), ops.upload(p.getValue()));
            }
            for (Tensor out : traced.forward(ops, weights, List.copyOf(inputs))) {
                outputs.add(((TfTensor) out).operand());
            }
            s = new Session(graph, TfSettings.config());
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
        this.session = s;
    }

    @Override
    protected List<HostTensor> compute(HostTensor[] batch) {
        List<TFloat32> fed = new ArrayList<>(batch.length);
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < batch.length; i++) {
                TFloat32 t = TfHostTensors.tensor(batch[i]);
                fed.add(t);
                runner.feed(inputs.get(i).operand(), t);
            }
            outputs.forEach(runner::fetch);
            long call = calls.incrementAndGet();
            boolean traced = call == tracedCall;
            if (traced) {
                runner.setOptions(TfStepStats.fullTrace());
            }
            try (Result result = traced ? runner.runAndFetchMetadata() : runner.run()) {
                if (traced) {
                    result.getMetadata().ifPresent(m -> TfStepStats.print(m, call, batch[0].shape().dim(0),
                            System.err));
                }
                List<HostTensor> values = new ArrayList<>(outputs.size());
                for (int i = 0; i < outputs.size(); i++) {
                    values.add(TfHostTensors.host((TFloat32) result.get(i)));
                }
                return values;
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /** Frees the session and the graph. */
    @Override
    protected void release() {
        session.close();
        graph.close();
    }
}
