package org.resnet4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resnet4j.tensor.HostTensor;

/**
 * Rewrites a model for inference by folding every batch normalisation into the convolution before it. At
 * inference a batch norm is an affine map per channel, {@code y = s * (x - mean) + beta} with
 * {@code s = gamma / sqrt(variance + epsilon)}, so a convolution followed by it equals one convolution with the
 * kernel {@code W * s} (per output channel) and the bias {@code (b - mean) * s + beta}: one pass over the
 * activations instead of two, and no batch-norm kernel at all.
 *
 * <p>A pair is folded only when the convolution's output goes to the batch norm alone (no other consumer, not a
 * model output) and neither layer is applied anywhere else in the model. Everything else is kept as it is. The
 * folded values are computed in double precision from the model's current parameters, which are not modified.
 * Backends fold when they compile; the unfused layers remain what {@code Model.forward} and the contract tests
 * run.
 */
public final class BatchNormFolding {
    /** The system property that turns folding off in every backend's {@code compile}: {@code false}. */
    public static final String PROPERTY = "resnet4j.foldBatchNorm";

    private BatchNormFolding() {
    }

    /** {@link #fold(Model)} unless {@code -Dresnet4j.foldBatchNorm=false}, in which case {@code model} itself. */
    public static Model forInference(Model model) {
        return "false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim()) ? model : fold(model);
    }

    /**
     * A new model computing what {@code model} computes at inference, with every foldable convolution + batch
     * norm pair replaced by one convolution with bias, named after the convolution. Its parameters are the folded
     * values and, for every other layer, the very tensors of {@code model} (shared, not copied).
     */
    public static Model fold(Model model) {
        Map<Node, Integer> consumers = new IdentityHashMap<>();
        Map<Layer, Integer> applications = new IdentityHashMap<>();
        for (Node n : model.nodes()) {
            applications.merge(n.layer(), 1, Integer::sum);
            for (Node in : n.inputs()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        Set<Node> absorbed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : model.nodes()) {
            if (isFoldable(n, model, consumers, applications)) {
                absorbed.add(n.inputs().get(0));
            }
        }
        Map<Node, Node> mapped = new IdentityHashMap<>();
        Map<String, HostTensor> folded = new HashMap<>();
        for (Node n : model.nodes()) {
            if (n.layer() instanceof Input) {
                mapped.put(n, n);
            } else if (n.layer() instanceof BatchNormalization bn && absorbed.contains(n.inputs().get(0))) {
                Node convNode = n.inputs().get(0);
                Conv2D conv = (Conv2D) convNode.layer();
                Conv2D withBias = Conv2D.of(conv.filters(), conv.kernelHeight(), conv.kernelWidth())
                        .withStrides(conv.strideHeight(), conv.strideWidth())
                        .withPadding(conv.padding())
                        .named(conv.name());
                mapped.put(n, withBias.apply(mapped.get(convNode.inputs().get(0))));
                foldPair(model.parameters(), conv, bn, folded);
            } else if (!absorbed.contains(n)) {
                Node[] inputs = n.inputs().stream().map(mapped::get).toArray(Node[]::new);
                mapped.put(n, n.layer().apply(inputs));
            }
        }
        List<Node> outputs = new ArrayList<>();
        for (Node out : model.outputs()) {
            outputs.add(mapped.get(out));
        }
        return Model.withParameters(model.name(), model.inputs(), outputs,
                name -> folded.containsKey(name) ? folded.get(name) : model.parameters().get(name));
    }

    /** Whether {@code n} is a batch norm that folds into the convolution feeding it. */
    private static boolean isFoldable(Node n, Model model, Map<Node, Integer> consumers,
            Map<Layer, Integer> applications) {
        if (!(n.layer() instanceof BatchNormalization) || applications.get(n.layer()) != 1) {
            return false;
        }
        Node source = n.inputs().get(0);
        return source.layer() instanceof Conv2D && applications.get(source.layer()) == 1
                && consumers.get(source) == 1 && !model.outputs().contains(source);
    }

    private static void foldPair(ParameterStore p, Conv2D conv, BatchNormalization bn, Map<String, HostTensor> out) {
        String c = conv.name() + "/";
        String b = bn.name() + "/";
        FoldedConvolution f = FoldedConvolution.fold(p.get(c + "kernel"), conv.useBias() ? p.get(c + "bias") : null,
                p.get(b + "gamma"), p.get(b + "beta"), p.get(b + "moving_mean"), p.get(b + "moving_variance"),
                bn.epsilon());
        out.put(c + "kernel", f.kernel());
        out.put(c + "bias", f.bias());
    }
}
