package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifetimes of the non-constant values of an optimised step list, as {@link CudaBufferPlanner} requests.
 * Inputs are written before step 0; outputs are read after the last step. Pure Java.
 */
final class CudaPlanLiveness {
    /** The values that need arena memory, in a stable order, with their requests. */
    final List<CudaTraceValue> values = new ArrayList<>();
    final List<CudaBufferPlanner.Request> requests = new ArrayList<>();

    CudaPlanLiveness(List<CudaTraceStep> steps, List<CudaTraceValue> inputs, Set<CudaTraceValue> outputs) {
        int end = steps.size();
        Map<CudaTraceValue, int[]> spans = new LinkedHashMap<>();
        for (CudaTraceValue in : inputs) {
            spans.put(in, new int[] {0, 0});
        }
        for (int i = 0; i < steps.size(); i++) {
            CudaTraceStep s = steps.get(i);
            for (CudaTraceValue v : s.inputs) {
                extend(spans, v, i);
            }
            for (CudaTraceValue v : s.constants) {
                if (v != null && v.kind != CudaTraceValue.Kind.CONSTANT) {
                    extend(spans, v, i);
                }
            }
            spans.putIfAbsent(s.output, new int[] {i, i});
        }
        for (CudaTraceValue out : outputs) {
            extend(spans, out, end);
        }
        for (Map.Entry<CudaTraceValue, int[]> e : spans.entrySet()) {
            values.add(e.getKey());
            requests.add(new CudaBufferPlanner.Request(e.getKey().bytes(), e.getValue()[0], e.getValue()[1]));
        }
    }

    private static void extend(Map<CudaTraceValue, int[]> spans, CudaTraceValue v, int step) {
        int[] span = spans.get(v);
        if (span == null) {
            throw new IllegalStateException("Value " + v + " is read at step " + step + " before any step writes it");
        }
        span[1] = Math.max(span[1], step);
    }
}
