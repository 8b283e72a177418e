package org.resnet4j.backend.tf;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Optimizer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * One whole training step (forward in training mode, mean softmax cross-entropy from the logits, backward, optimizer
 * update) traced once into a TensorFlow graph and replayed by one session, a batch per {@link #run}: the tape
 * ({@link GradientTape}) runs over graph-mode {@link TfOps}, so the graph holds exactly the raw ops the eager tape
 * calls. Parameters, moving statistics and optimizer slots are resource variables that keep their values from one
 * run to the next; images, one-hot targets and Adam's step number are fed. The batch size is fixed at tracing
 * (dropout masks, drawn on the JVM from the tape's seed, are traced in as constants: each step drops the same values,
 * as eager steps on fresh tapes with the default seed do).
 */
final class TfTrainingStep implements AutoCloseable {
    private final Graph graph;
    private final Session session;
    private final TfTensor images;
    private final TfTensor targets;
    private final Operand<TFloat32> stepNumber;
    private final Operand<TFloat32> loss;
    private final List<Op> writes;
    private final Map<String, Operand<TFloat32>> reads = new LinkedHashMap<>();
    private long steps;

    /**
     * Traces {@code model} (its current parameters are the initial values) for batches of {@code batch} images with
     * {@code optimizer}; the model's first output must be its logits {@code [batch, classes]}.
     */
    TfTrainingStep(Model model, int batch, Optimizer optimizer) {
        graph = new Graph();
        try {
            TfOps ops = TfOps.trainingGraph(graph);
            Map<String, Tensor> weights = new LinkedHashMap<>();
            Map<String, Tensor> trainable = new LinkedHashMap<>();
            for (String name : model.parameters().names()) {
                Tensor w = ops.upload(model.parameters().get(name));
                weights.put(name, w);
                if (model.parameters().spec(name).trainable()) {
                    trainable.put(name, w);
                }
            }
            images = ops.placeholder("images", model.inputs().get(0).shape().withBatch(batch), false);
            int classes = model.outputs().get(0).shape().dim(-1);
            targets = ops.placeholder("targets", Shape.of(batch, classes), false);
            stepNumber = ops.builder().withName("step").placeholder(TFloat32.class);
            List<Operand<TFloat32>> losses = new ArrayList<>();
            try (GradientTape tape = GradientTape.on(ops, capturingLoss(ops, losses))) {
                Tensor logits = model.forward(tape, weights, List.of(images)).get(0);
                Tensor lossOnTape = tape.softmaxCrossEntropy(logits, targets);
                Map<String, Tensor> gradients = tape.gradient(lossOnTape, trainable);
                loss = losses.get(0);
                ops.updates().stepAfter(ops.builder().identity(loss), stepNumber);
                optimizer.apply(ops, ops, trainable, gradients);
            }
            writes = ops.updates().writes();
            for (Map.Entry<String, Tensor> w : weights.entrySet()) {
                Operand<? extends TType> handle = ((TfTensor) w.getValue()).variable();
                reads.put(w.getKey(), ops.builder().readVariableOp(handle, TFloat32.class));
            }
            session = new Session(graph, TfSettings.config());
            Session.Runner init = session.runner();
            ops.updates().initializers().forEach(init::addTarget);
            init.run().close();
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /**
     * One step on {@code batchImages} {@code [batch, ...]} against {@code oneHotTargets} {@code [batch, classes]};
     * returns the loss before the update.
     */
    public float run(HostTensor batchImages, HostTensor oneHotTargets) {
        steps++;
        try (TFloat32 x = tensor(batchImages); TFloat32 t = tensor(oneHotTargets);
                TFloat32 s = TFloat32.scalarOf((float) steps)) {
            Session.Runner runner = session.runner().feed(images.operand(), x).feed(targets.operand(), t)
                    .feed(stepNumber, s).fetch(loss);
            writes.forEach(runner::addTarget);
            try (Result result = runner.run()) {
                return ((TFloat32) result.get(0)).getFloat();
            }
        }
    }

    /** Every parameter (moving statistics included) as it is now. */
    public Map<String, HostTensor> parameters() {
        Session.Runner runner = session.runner();
        reads.values().forEach(runner::fetch);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            int i = 0;
            for (String name : reads.keySet()) {
                TFloat32 value = (TFloat32) result.get(i++);
                long[] dims = value.shape().asArray();
                int[] shape = new int[dims.length];
                for (int d = 0; d < dims.length; d++) {
                    shape[d] = Math.toIntExact(dims[d]);
                }
                float[] data = new float[Math.toIntExact(value.size())];
                value.copyTo(DataBuffers.of(data, false, false));
                out.put(name, HostTensor.of(Shape.of(shape), data));
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private static TFloat32 tensor(HostTensor host) {
        long[] dims = java.util.Arrays.stream(host.shape().toArray()).asLongStream().toArray();
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(host.data(), true, false));
    }

    /** {@code ops} as {@link GradientOps}, keeping the loss operand each softmax cross-entropy returns. */
    @SuppressWarnings("unchecked")
    private static GradientOps capturingLoss(TfOps ops, List<Operand<TFloat32>> losses) {
        return (GradientOps) Proxy.newProxyInstance(GradientOps.class.getClassLoader(),
                new Class<?>[] {GradientOps.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(ops, args);
                    }
                    try {
                        Object result = method.invoke(ops, args);
                        if (result instanceof LossAndGradient r) {
                            losses.add(((TfTensor) r.loss()).operand());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
