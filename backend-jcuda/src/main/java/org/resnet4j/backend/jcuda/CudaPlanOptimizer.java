package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resnet4j.nn.FoldedConvolution;

/**
 * Rewrites a traced step list for inference before buffers are planned. Pure Java.
 * <ul>
 *   <li>a batch norm whose input is a convolution read by nothing else is folded into that convolution's
 *       weights ({@link FoldedConvolution});</li>
 *   <li>a ReLU whose input is a convolution, dense, batch norm or add read by nothing else becomes that step's
 *       fused ReLU (the {@code relu} flag of the kernels).</li>
 * </ul>
 * Values the caller reads back (the model outputs) are never folded away.
 */
final class CudaPlanOptimizer {
    private CudaPlanOptimizer() {
    }

    static List<CudaTraceStep> optimise(List<CudaTraceStep> traced, Set<CudaTraceValue> outputs) {
        List<CudaTraceStep> steps = new ArrayList<>(traced);
        foldBatchNorms(steps, outputs);
        fuseRelus(steps, outputs);
        return steps;
    }

    private static void foldBatchNorms(List<CudaTraceStep> steps, Set<CudaTraceValue> outputs) {
        Map<CudaTraceValue, CudaTraceStep> producer = producers(steps);
        Map<CudaTraceValue, Integer> uses = uses(steps);
        List<CudaTraceStep> removed = new ArrayList<>();
        for (CudaTraceStep bn : steps) {
            if (bn.op != CudaTraceStep.Op.BATCH_NORM) {
                continue;
            }
            CudaTraceValue x = bn.inputs.get(0);
            CudaTraceStep conv = producer.get(x);
            if (conv == null || conv.op != CudaTraceStep.Op.CONV2D || conv.relu || uses.get(x) != 1
                    || outputs.contains(x) || !allConstant(conv.constants) || !allConstant(bn.constants)) {
                continue;
            }
            CudaTraceValue kernel = conv.constants.get(0);
            CudaTraceValue bias = conv.constants.get(1);
            FoldedConvolution f = FoldedConvolution.fold(kernel.constant, bias == null ? null : bias.constant,
                    bn.constants.get(0).constant, bn.constants.get(1).constant, bn.constants.get(2).constant,
                    bn.constants.get(3).constant, bn.epsilon);
            String key = "folded(" + kernel.key + ", " + bn.constants.get(0).key + ")";
            conv.constants.set(0, new CudaTraceValue(kernel.id, CudaTraceValue.Kind.CONSTANT, kernel.shape,
                    f.kernel(), key + "/kernel"));
            conv.constants.set(1, new CudaTraceValue(-1, CudaTraceValue.Kind.CONSTANT, f.bias().shape(),
                    f.bias(), key + "/bias"));
            conv.output = bn.output;
            producer.put(bn.output, conv);
            removed.add(bn);
        }
        steps.removeAll(removed);
    }

    private static void fuseRelus(List<CudaTraceStep> steps, Set<CudaTraceValue> outputs) {
        Map<CudaTraceValue, CudaTraceStep> producer = producers(steps);
        Map<CudaTraceValue, Integer> uses = uses(steps);
        List<CudaTraceStep> removed = new ArrayList<>();
        for (CudaTraceStep relu : steps) {
            if (relu.op != CudaTraceStep.Op.RELU) {
                continue;
            }
            CudaTraceValue x = relu.inputs.get(0);
            CudaTraceStep p = producer.get(x);
            if (p == null || p.relu || uses.get(x) != 1 || outputs.contains(x) || !fusable(p.op)) {
                continue;
            }
            p.relu = true;
            p.output = relu.output;
            producer.put(relu.output, p);
            removed.add(relu);
        }
        steps.removeAll(removed);
    }

    private static boolean fusable(CudaTraceStep.Op op) {
        return op == CudaTraceStep.Op.CONV2D || op == CudaTraceStep.Op.DENSE || op == CudaTraceStep.Op.BATCH_NORM
                || op == CudaTraceStep.Op.ADD;
    }

    private static boolean allConstant(List<CudaTraceValue> values) {
        for (CudaTraceValue v : values) {
            if (v != null && v.kind != CudaTraceValue.Kind.CONSTANT) {
                return false;
            }
        }
        return true;
    }

    static Map<CudaTraceValue, CudaTraceStep> producers(List<CudaTraceStep> steps) {
        Map<CudaTraceValue, CudaTraceStep> m = new HashMap<>();
        for (CudaTraceStep s : steps) {
            m.put(s.output, s);
        }
        return m;
    }

    static Map<CudaTraceValue, Integer> uses(List<CudaTraceStep> steps) {
        Map<CudaTraceValue, Integer> m = new HashMap<>();
        for (CudaTraceStep s : steps) {
            Set<CudaTraceValue> read = new HashSet<>(s.inputs);
            for (CudaTraceValue c : s.constants) {
                if (c != null) {
                    read.add(c);
                }
            }
            for (CudaTraceValue v : read) {
                m.merge(v, 1, Integer::sum);
            }
        }
        return m;
    }
}
