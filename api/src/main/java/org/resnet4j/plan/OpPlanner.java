package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.nn.BatchNormFolding;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.ParameterStore;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Plans a model for a backend that runs its own op sequence. Created once per compiled model; {@link #plan} then
 * traces the model for a set of input shapes (shapes fix every activation's size, so each set has its own plan)
 * and rewrites the steps:
 * <ol>
 *   <li>the model is traced on an {@link org.resnet4j.ops.Ops} that records each op as a {@link PlanStep};
 *       reshapes and dropouts record nothing, their result is the same value with another shape;</li>
 *   <li>a ReLU is fused into the convolution, dense layer, batch norm or add before it when it alone reads that
 *       result and the result is not a model output;</li>
 *   <li>a ReLU or Add writes over its first input when nothing reads that input later and it is neither a model
 *       input nor a model output;</li>
 *   <li>the values are renumbered and their {@link PlanLiveness} worked out.</li>
 * </ol>
 * Batch norms are folded into the convolutions before them once, by {@link #forInference}, on the whole model
 * ({@link BatchNormFolding}); the weights a step names are the folded model's parameters ({@link #model()}) or
 * constants that layers uploaded while traced, and {@link #weight} gives the data of both. The last
 * {@value #CACHED_PLANS} plans used are kept, so a caller may ask for a plan on every call. Thread-safe.
 */
public final class OpPlanner {
    /** How many plans (sets of input shapes) are kept; plans hold no native memory, so dropping one frees nothing. */
    public static final int CACHED_PLANS = 8;
    /** How the constants layers upload are named: a parameter's full name always holds a '/', so they never clash. */
    private static final String CONSTANT_PREFIX = "constant#";

    private final Model model;
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    /** The constants uploaded in any trace, by number; equal data gets one name, so every plan shares it. */
    private final List<HostTensor> constants = new ArrayList<>();
    private final Map<List<Shape>, OpPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Shape>, OpPlan> eldest) {
            return size() > CACHED_PLANS;
        }
    };

    private OpPlanner(Model model) {
        this.model = model;
        ParameterStore parameters = model.parameters();
        for (String name : parameters.names()) {
            weights.put(name, TracedTensor.weight(name, parameters.shape(name)));
        }
    }

    /**
     * A planner for {@code model} at inference: batch norms folded into convolutions
     * ({@link BatchNormFolding#forInference}, so {@code -Dresnet4j.foldBatchNorm=false} keeps them).
     */
    public static OpPlanner forInference(Model model) {
        return new OpPlanner(BatchNormFolding.forInference(model));
    }

    /** A planner for {@code model} as it is, batch norms included. */
    public static OpPlanner of(Model model) {
        return new OpPlanner(model);
    }

    /** The model the plans run: the one given, with batch norms folded by {@link #forInference}. */
    public Model model() {
        return model;
    }

    /**
     * The data of a weight a step names: a parameter of {@link #model()}, or a constant a layer uploaded while the
     * model was traced. A backend uploads each once and keeps it until it closes.
     */
    public HostTensor weight(String name) {
        if (name.startsWith(CONSTANT_PREFIX)) {
            synchronized (constants) {
                return constants.get(Integer.parseInt(name.substring(CONSTANT_PREFIX.length())));
            }
        }
        return model.parameters().get(name);
    }

    /** The name of {@code data} as a constant: the one it already has when equal data was uploaded before. */
    private String constantName(HostTensor data) {
        synchronized (constants) {
            for (int i = 0; i < constants.size(); i++) {
                HostTensor known = constants.get(i);
                if (known.shape().equals(data.shape()) && Arrays.equals(known.data(), data.data())) {
                    return CONSTANT_PREFIX + i;
                }
            }
            constants.add(data.copy());
            return CONSTANT_PREFIX + (constants.size() - 1);
        }
    }

    /** The plan for these batched input shapes, one per model input: a cached one, or traced now. */
    public OpPlan plan(List<Shape> inputShapes) {
        List<Shape> key = List.copyOf(inputShapes);
        synchronized (plans) {
            OpPlan cached = plans.get(key);
            if (cached != null) {
                return cached;
            }
        }
        OpPlan traced = trace(key); // outside the lock: other shapes need not wait; a race only traces twice
        synchronized (plans) {
            return plans.computeIfAbsent(key, k -> traced);
        }
    }

    private OpPlan trace(List<Shape> inputShapes) {
        OpTracer tracer = new OpTracer(this::constantName);
        List<Tensor> inputs = new ArrayList<>(inputShapes.size());
        List<PlanOperand> inputOperands = new ArrayList<>(inputShapes.size());
        for (Shape shape : inputShapes) {
            TracedTensor in = tracer.input(shape);
            inputs.add(in);
            inputOperands.add(new PlanOperand(in.value(), shape));
        }
        List<PlanOperand> outputs = new ArrayList<>();
        for (Tensor out : model.forward(tracer, weights, inputs)) {
            TracedTensor traced = (TracedTensor) out;
            if (traced.weight() != null) {
                throw new IllegalArgumentException("Model \"" + model.name() + "\" returns its parameter "
                        + traced.weight() + " as an output; a planned model's outputs must be computed values");
            }
            outputs.add(new PlanOperand(traced.value(), traced.shape()));
        }
        PlanDraft draft = new PlanDraft(tracer.steps(), inputOperands, outputs, tracer.valueCount());
        return OpPlan.of(InPlaceWrites.apply(ReluFusion.apply(draft)));
    }
}
