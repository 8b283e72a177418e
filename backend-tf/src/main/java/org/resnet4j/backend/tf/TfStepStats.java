package org.resnet4j.backend.tf;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.resnet4j.spi.SettingValues;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * TensorFlow's own timing of one compiled training step or prediction, for finding where it spends its time:
 * {@code -Dresnet4j.tf.stepStats=N} runs step N (1-based, per step object; 2 or later skips the first run's
 * one-off graph optimisation), and the Nth call of each compiled model, with {@code RunOptions.FULL_TRACE} and
 * prints, on stderr, the time summed per op
 * type (the kernels' own time, the wall-clock end of each node minus its start; with several threads the sum exceeds
 * the step's duration), most expensive first.
 */
final class TfStepStats {
    static final String PROPERTY = "resnet4j.tf.stepStats";

    private TfStepStats() {
    }

    /** The step to trace, or 0 for none. */
    static long tracedStep() {
        return SettingValues.wholeInt(System.getProperty(PROPERTY), "-D" + PROPERTY, 1, "a step number >= 1")
                .orElse(0);
    }

    static RunOptions fullTrace() {
        return RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    }

    /** Prints the per-op-type summary of {@code metadata} to {@code out}. */
    static void print(RunMetadata metadata, long step, int batch, PrintStream out) {
        Map<String, long[]> byType = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
            for (NodeExecStats node : device.getNodeStatsList()) {
                long[] sum = byType.computeIfAbsent(opType(node), k -> new long[2]);
                sum[0] += node.getAllEndRelMicros();
                sum[1]++;
                first = Math.min(first, node.getAllStartMicros());
                last = Math.max(last, node.getAllStartMicros() + node.getAllEndRelMicros());
            }
        }
        long total = byType.values().stream().mapToLong(s -> s[0]).sum();
        out.printf("tf step stats: step %d, batch %d, %.1f ms from the first node's start to the last node's end,"
                + " %.1f ms of kernel time in %d nodes%n", step, batch, (last - first) / 1e3, total / 1e3,
                byType.values().stream().mapToLong(s -> s[1]).sum());
        byType.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(30)
                .forEach(e -> out.printf("  %-40s %9.1f ms %5.1f %% %5d nodes%n", e.getKey(), e.getValue()[0] / 1e3,
                        100.0 * e.getValue()[0] / Math.max(total, 1), e.getValue()[1]));
    }

    /** The op type from a node's timeline label, {@code "name = Type(inputs)"}; the node's name otherwise. */
    static String opType(NodeExecStats node) {
        String label = node.getTimelineLabel();
        int equals = label.indexOf(" = ");
        int paren = label.indexOf('(', equals + 3);
        if (equals >= 0 && paren > equals) {
            return label.substring(equals + 3, paren);
        }
        return node.getNodeName();
    }
}
