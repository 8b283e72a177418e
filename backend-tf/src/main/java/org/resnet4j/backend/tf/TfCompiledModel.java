package org.resnet4j.backend.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.resnet4j.nn.BatchNormFolding;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A model traced once into a TensorFlow {@link Graph}: one placeholder per input with a free batch dimension, the
 * weights as constants, and one {@link Session} that every {@link #predictAll} call runs. TensorFlow sessions
 * may run from several threads at once; a read-write lock only keeps {@link #close()} from freeing the session
 * under a running call.
 */
final class TfCompiledModel implements CompiledModel {
    private final Model model;
    private final Graph graph;
    private final Session session;
    private final List<TfTensor> inputs = new ArrayList<>();
    private final List<Operand<TFloat32>> outputs = new ArrayList<>();
    private final Consumer<TfCompiledModel> onClose;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    TfCompiledModel(Model model, Consumer<TfCompiledModel> onClose) {
        this.model = model;
        this.onClose = onClose;
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
    public Model model() {
        return model;
    }

    @Override
    public List<HostTensor> predictAll(HostTensor... batch) {
        if (batch.length != inputs.size()) {
            throw new IllegalArgumentException("Model \"" + model.name() + "\" expects " + inputs.size()
                    + " input(s). Received: " + batch.length);
        }
        for (int i = 0; i < batch.length; i++) {
            Shape expected = model.inputs().get(i).shape();
            Shape got = batch[i].shape();
            if (got.rank() != expected.rank() + 1 || !got.withoutBatch().equals(expected)) {
                throw new IllegalArgumentException(model.inputs().get(i).layer().name() + " expects input of shape "
                        + "[batch, " + expected.toString().substring(1) + ". Received: shape=" + got);
            }
        }
        lifecycle.readLock().lock();
        List<TFloat32> fed = new ArrayList<>(batch.length);
        try {
            if (closed) {
                throw new IllegalStateException("Compiled model \"" + model.name() + "\" is closed");
            }
            Session.Runner runner = session.runner();
            for (int i = 0; i < batch.length; i++) {
                TFloat32 t = toTensor(batch[i]);
                fed.add(t);
                runner.feed(inputs.get(i).operand(), t);
            }
            outputs.forEach(runner::fetch);
            try (Result result = runner.run()) {
                List<HostTensor> values = new ArrayList<>(outputs.size());
                for (int i = 0; i < outputs.size(); i++) {
                    values.add(toHost((TFloat32) result.get(i)));
                }
                return values;
            }
        } finally {
            fed.forEach(TFloat32::close);
            lifecycle.readLock().unlock();
        }
    }

    private static TFloat32 toTensor(HostTensor host) {
        long[] dims = java.util.Arrays.stream(host.shape().toArray()).asLongStream().toArray();
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(host.data(), true, false));
    }

    private static HostTensor toHost(TFloat32 value) {
        long[] dims = value.shape().asArray();
        int[] intDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            intDims[i] = Math.toIntExact(dims[i]);
        }
        Shape shape = Shape.of(intDims);
        float[] data = new float[shape.size()];
        value.copyTo(DataBuffers.of(data, false, false));
        return HostTensor.of(shape, data);
    }

    /** Frees the session and the graph; waits for running predictions to finish. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
            graph.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
        onClose.accept(this);
    }
}
