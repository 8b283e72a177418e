package org.resnet4j.backend.nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.resnet4j.nn.Model;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * A model prepared once for repeated inference on ND4J: planned by the api's {@link OpPlanner} (batch norms folded
 * into the convolutions, ReLUs fused, in-place ReLU and Add, liveness), every weight uploaded once as an
 * {@code INDArray}, and each call's plan run by an {@link Nd4jPlanExecutor}, which hands every activation back to an
 * {@link Nd4jArrayPool} as soon as its last reader has run; results take their memory from the pool, so repeated
 * calls reuse the same off-heap arrays. Plans depend on the input shapes and are traced on the first call with new
 * ones. Each call keeps its values in its own slot array, so calls from several threads do not share mutable
 * state; the skeleton ({@link AbstractCompiledModel}) checks the inputs and keeps {@link #close()} from freeing the
 * weights under a running call.
 */
final class Nd4jCompiledModel extends AbstractCompiledModel {
    private final Nd4jArrayPool pool;
    private final Nd4jOps eagerOps;
    /** The uploaded weights: every parameter from the start, constants that layers upload on first use. */
    private final Map<String, Tensor> weights = new ConcurrentHashMap<>();
    private final OpPlanner planner;
    private final Nd4jPlanExecutor executor;
    private final Nd4jPackedConvolutions convolutions;

    Nd4jCompiledModel(Model model, Nd4jOps eagerOps) {
        this(model, eagerOps, Nd4jPackedConvolutions.create());
    }

    /**
     * A compiled model whose convolutions run on {@code convolutions}, or on libnd4j's {@code conv2d} when it is
     * {@code null} (tests compare the two).
     */
    Nd4jCompiledModel(Model model, Nd4jOps eagerOps, Nd4jPackedConvolutions convolutions) {
        super(model);
        this.eagerOps = eagerOps;
        this.pool = new Nd4jArrayPool(Nd4jSettings.poolBytes());
        this.planner = OpPlanner.forInference(model);
        try {
            planner.model().parameters().asMap().forEach((name, value) -> weights.put(name, eagerOps.upload(value)));
        } catch (RuntimeException | Error e) {
            weights.values().forEach(Tensor::close);
            throw e;
        }
        this.convolutions = convolutions;
        this.executor = new Nd4jPlanExecutor(new Nd4jOps(pool), pool, this::weight, convolutions);
    }

    /** The uploaded tensor of a weight the plan names; a constant a layer uploads is uploaded on its first use. */
    private Tensor weight(String name) {
        Tensor uploaded = weights.get(name);
        return uploaded != null ? uploaded : weights.computeIfAbsent(name, n -> eagerOps.upload(planner.weight(n)));
    }

    @Override
    protected List<HostTensor> compute(HostTensor[] batch) {
        return executor.run(planner.plan(Arrays.stream(batch).map(HostTensor::shape).toList()), batch);
    }

    /** Bytes the pool holds for reuse between calls (for tests: it stays the same from the second call on). */
    long pooledBytes() {
        return pool.pooledBytes();
    }

    /** oneDNN 3.11's convolutions of this model, {@code null} when it runs libnd4j's (for tests). */
    Nd4jPackedConvolutions convolutions() {
        return convolutions;
    }

    /** Frees every weight, the packed kernels and the pool's arrays. */
    @Override
    protected void release() {
        weights.values().forEach(Tensor::close);
        weights.clear();
        if (convolutions != null) {
            convolutions.close();
        }
        pool.close();
    }
}
