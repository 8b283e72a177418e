package org.resnet4j.training;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.resnet4j.tensor.Tensor;

/**
 * Where a training step's time goes, primitive by primitive: with {@code -Dresnet4j.stepProfile=FROM-TO} the generic
 * {@link TapeTrainingStep} times every call of its backend's ops through a proxy, keyed by the primitive and the
 * shapes of its first two tensor arguments, and after step {@code TO} prints to standard error the milliseconds and
 * calls per step averaged over steps {@code FROM} to {@code TO}, largest first, next to the step's own wall time.
 * {@code -Dresnet4j.stepProfile=N} means steps 2 to {@code N} (the first step creates the backend's kernels and
 * pools; 1 alone means step 1). The JIT compiler needs several steps, so for the figures of a warm step start later:
 * {@code 11-15}. Each call is timed from entry to
 * return, so the figures are the primitives' for backends whose ops return after computing (nd4j, tf's eager ops);
 * a compiled step such as tf's does not run through these ops (tf has {@code -Dresnet4j.tf.stepStats}).
 */
final class PrimitiveProfile {
    /** The system property that turns the profile on: the step after which to print. */
    static final String PROPERTY = "resnet4j.stepProfile";
    private static final String EXPECTATION = "N (steps 2 to N) or FROM-TO, whole numbers with 1 <= FROM <= TO";

    private final int first;
    private final int last;
    private final PrintStream out;
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private int steps;
    private long stepStarted;
    private long timedStepNanos;

    /** A profile of steps {@code first} to {@code last} (counted from 1), printed to {@code out} after the last. */
    PrimitiveProfile(int first, int last, PrintStream out) {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("PrimitiveProfile expects steps FROM-TO with 1 <= FROM <= TO. "
                    + "Received: " + first + "-" + last);
        }
        this.first = first;
        this.last = last;
        this.out = out;
    }

    /** A step number, 1 or more ({@code spi}'s setting parsers are not used here: spi depends on this package). */
    private static int step(String text, String value) {
        try {
            int step = Integer.parseInt(text.trim());
            if (step >= 1) {
                return step;
            }
        } catch (NumberFormatException e) {
            // refused below with the whole value
        }
        throw refused(value);
    }

    private static IllegalArgumentException refused(String value) {
        return new IllegalArgumentException("-D" + PROPERTY + " expects " + EXPECTATION + ". Received: \"" + value
                + "\"");
    }

    /** The profile {@code -Dresnet4j.stepProfile} asks for, printing to standard error, or {@code null}. */
    static PrimitiveProfile requested() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.trim().split("-", -1);
        if (parts.length > 2) {
            throw refused(value);
        }
        int to = step(parts[parts.length - 1], value);
        int from = parts.length == 2 ? step(parts[0], value) : Math.min(2, to);
        if (from > to) {
            throw refused(value);
        }
        return new PrimitiveProfile(from, to, System.err);
    }

    /**
     * {@code target} behind a proxy of {@code type} (and of every other public interface {@code target} implements,
     * so that a backend's own interface checks still see it) that times each call into this profile.
     */
    <T> T timed(T target, Class<T> type) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(type);
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (Modifier.isPublic(i.getModifiers())) {
                    interfaces.add(i);
                }
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                (self, method, args) -> call(target, method, args));
        return type.cast(proxy);
    }

    private Object call(Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        long start = System.nanoTime();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            long elapsed = System.nanoTime() - start;
            if (counting()) {
                long[] total = totals.computeIfAbsent(key(method, args), k -> new long[2]);
                total[0]++;
                total[1] += elapsed;
            }
        }
    }

    /** Marks the start of a step. */
    void stepStarted() {
        stepStarted = System.nanoTime();
    }

    /** Marks the end of a step; prints the table after the step named by the property. */
    void stepEnded() {
        steps++;
        if (counting()) {
            timedStepNanos += System.nanoTime() - stepStarted;
        }
        if (steps == last) {
            out.print(table());
        }
    }

    /** Whether the current step's calls count. */
    private boolean counting() {
        int step = steps + 1;
        return step >= first && step <= last;
    }

    /** The report: per primitive and shapes, milliseconds and calls per timed step, largest first. */
    String table() {
        int timedSteps = last - first + 1;
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(totals.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        long sum = rows.stream().mapToLong(e -> e.getValue()[1]).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Primitive times per step (steps %s; ms per step, share of the primitives' time, calls per step):%n",
                first == last ? String.valueOf(first) : first + " to " + last));
        for (Map.Entry<String, long[]> row : rows) {
            long[] total = row.getValue();
            text.append(String.format(Locale.ROOT, "%10.1f ms %5.1f %% %6.1f  %s%n", millisPerStep(total[1],
                    timedSteps), 100.0 * total[1] / Math.max(1, sum), (double) total[0] / timedSteps, row.getKey()));
        }
        text.append(String.format(Locale.ROOT, "%10.1f ms in the primitives, %.1f ms per step in all%n",
                millisPerStep(sum, timedSteps), millisPerStep(timedStepNanos, timedSteps)));
        return text.toString();
    }

    private static double millisPerStep(long nanos, int steps) {
        return nanos / 1e6 / steps;
    }

    /** The primitive's name and the shapes of its first two tensor arguments. */
    private static String key(Method method, Object[] args) {
        StringBuilder key = new StringBuilder(method.getName());
        int shapes = 0;
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof Tensor tensor && shapes < 2) {
                key.append(' ').append(tensor.shape());
                shapes++;
            }
        }
        return key.toString();
    }
}
