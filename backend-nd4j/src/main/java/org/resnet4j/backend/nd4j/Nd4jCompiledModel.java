package org.resnet4j.backend.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.nn.BatchNormFolding;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * A model prepared once for repeated inference on ND4J: batch norms folded into the convolutions
 * ({@link BatchNormFolding}), every weight uploaded once as an {@code INDArray}, and the op sequence planned
 * ({@link Nd4jExecutionPlan}) so that each activation goes back to an {@link Nd4jArrayPool} as soon as its last
 * reader has run and ReLU and Add overwrite their input instead of allocating; results take their memory from the
 * pool, so repeated calls reuse the same off-heap arrays. Each call keeps its values in its own slot array, so calls from
 * several threads do not share mutable state; the skeleton ({@link AbstractCompiledModel}) checks the inputs and
 * keeps {@link #close()} from freeing the weights under a running call.
 */
final class Nd4jCompiledModel extends AbstractCompiledModel {
    private final Nd4jOps ops;
    private final Nd4jArrayPool pool;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final Nd4jExecutionPlan plan;

    Nd4jCompiledModel(Model model, Nd4jOps eagerOps) {
        super(model);
        this.pool = new Nd4jArrayPool(Nd4jSettings.poolBytes());
        this.ops = new Nd4jOps(pool);
        Model executed = BatchNormFolding.forInference(model);
        try {
            executed.parameters().asMap().forEach((name, value) -> weights.put(name, eagerOps.upload(value)));
        } catch (RuntimeException | Error e) {
            weights.values().forEach(Tensor::close);
            throw e;
        }
        this.plan = Nd4jExecutionPlan.of(executed, weights);
    }

    @Override
    protected List<HostTensor> compute(HostTensor[] batch) {
        Tensor[] values = new Tensor[plan.slotCount()];
        try {
            for (int i = 0; i < batch.length; i++) {
                values[plan.inputSlots()[i]] = ops.upload(batch[i]);
            }
            for (Nd4jExecutionPlan.Step step : plan.steps()) {
                run(step, values);
            }
            List<HostTensor> result = new ArrayList<>(plan.outputSlots().length);
            for (int slot : plan.outputSlots()) {
                result.add(ops.download(values[slot]));
            }
            return result;
        } finally {
            // Every value still held: the inputs, the outputs, and whatever an exception left behind. Two slots
            // may hold the same tensor (an in-place step), so each goes back to the pool once.
            Arrays.stream(values).filter(Objects::nonNull).distinct().forEach(this::recycle);
        }
    }

    private void run(Nd4jExecutionPlan.Step step, Tensor[] values) {
        int[] in = step.inputs();
        Tensor out = switch (step.kind()) {
            case RELU_IN_PLACE -> {
                INDArray x = ((Nd4jTensor) values[in[0]]).array();
                Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(x).addFloatingPointArguments(0.0)
                        .build());
                yield values[in[0]];
            }
            case ADD_IN_PLACE -> {
                INDArray sum = ((Nd4jTensor) values[in[0]]).array();
                for (int i = 1; i < in.length; i++) {
                    sum.addi(((Nd4jTensor) values[in[i]]).array());
                }
                yield values[in[0]];
            }
            case LAYER -> {
                List<Tensor> args = new ArrayList<>(in.length);
                for (int slot : in) {
                    args.add(values[slot]);
                }
                Map<String, Tensor> w = step.weights();
                yield step.node().layer().forward(ops, args, shortName -> {
                    Tensor t = w.get(shortName);
                    if (t == null) {
                        throw new IllegalStateException("No weight tensor given for " + step.node().layer().name()
                                + "/" + shortName);
                    }
                    return t;
                });
            }
        };
        if (step.kind() != Nd4jExecutionPlan.Kind.LAYER) {
            values[in[0]] = null; // the tensor now lives in the output slot only
        }
        values[step.output()] = out;
        for (int slot : step.release()) {
            recycle(values[slot]);
            values[slot] = null;
        }
    }

    private void recycle(Tensor t) {
        Nd4jTensor nd = (Nd4jTensor) t;
        if (!nd.isClosed()) {
            pool.give(nd.release());
        }
    }

    /** Bytes the pool holds for reuse between calls (for tests: it stays the same from the second call on). */
    long pooledBytes() {
        return pool.pooledBytes();
    }

    /** Frees every weight and the pool's arrays. */
    @Override
    protected void release() {
        weights.values().forEach(Tensor::close);
        weights.clear();
        pool.close();
    }
}
