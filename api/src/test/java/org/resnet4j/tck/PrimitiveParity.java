package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * Every primitive a backend computes along a real run (a model's training step, say), recomputed by
 * {@link ReferenceTrainingOps} on the very inputs the backend received, and the two results compared element by
 * element. Where a whole run is too sensitive to compare end to end (float32 rounding that one op leaves at 1e-6 can
 * grow by orders of magnitude through dozens of training-mode batch norms, or flip a ReLU), this still finds the
 * primitive that computes something else, on the shapes and values the run really produces.
 *
 * <p>The error of one result is {@code max |actual - reference| / max |reference|} (a single wrong element counts in
 * full); every result of a call is compared, records such as {@code BatchNormTraining} component by component. Calls
 * that return nothing (in-place updates) and the transfers ({@code upload}, {@code download}) are passed through
 * unchecked.
 */
public final class PrimitiveParity {
    private final Ops backend;
    private final ReferenceTrainingOps reference = new ReferenceTrainingOps();
    private final Map<String, Double> largestByPrimitive = new TreeMap<>();
    private String worstCall = "no call compared";
    private double worstError;
    private int compared;

    /** Checks the calls made through {@link #ops()} against {@code backend}'s own (which must implement both). */
    public PrimitiveParity(Ops backend) {
        GradientOps.require(backend);
        this.backend = backend;
    }

    /** The backend's ops, every call checked: implements {@link Ops} and {@link GradientOps}. */
    public Ops ops() {
        return (Ops) Proxy.newProxyInstance(PrimitiveParity.class.getClassLoader(),
                new Class<?>[] {Ops.class, GradientOps.class}, (proxy, method, args) -> call(method, args));
    }

    /**
     * Fails, naming the call and its arguments' shapes, when a result differs from the reference by more than
     * {@code tolerance}, or when no call was compared.
     */
    public void assertWithin(String what, double tolerance) {
        assertThat(compared).as("%s: primitive calls compared", what).isPositive();
        assertThat(worstError).as("%s: the largest error of a primitive against the reference, at %s; per primitive %s",
                what, worstCall, largestByPrimitive).isLessThanOrEqualTo(tolerance);
    }

    /** The largest error per primitive, by name. */
    public Map<String, Double> largestByPrimitive() {
        return largestByPrimitive;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        if (args == null || method.getReturnType() == void.class || method.getName().equals("upload")
                || method.getName().equals("download")) {
            return invoke(method, backend, args);
        }
        // The arguments as they are before the call: an op may update one in place (a batch norm's moving mean).
        Object[] hostArgs = new Object[args.length];
        boolean anyTensor = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Tensor t) {
                hostArgs[i] = backend.download(t);
                anyTensor = true;
            } else {
                hostArgs[i] = args[i];
            }
        }
        Object result = invoke(method, backend, args);
        if (!anyTensor) {
            return result;
        }
        List<Tensor> actual = results(result);
        List<Tensor> expected = results(invoke(method, reference, hostArgs));
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i) == null || expected.get(i) == null) {
                continue;
            }
            double error = error(backend.download(actual.get(i)).data(), ((HostTensor) expected.get(i)).data());
            compared++;
            largestByPrimitive.merge(method.getName(), error, Math::max);
            if (error > worstError) {
                worstError = error;
                worstCall = method.getName() + " result " + i + " of " + shapes(args);
            }
        }
        return result;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A result's tensors: itself, or a record's components in order (null where a component is not a tensor). */
    private static List<Tensor> results(Object result) throws ReflectiveOperationException {
        List<Tensor> tensors = new ArrayList<>();
        if (result instanceof Tensor t) {
            tensors.add(t);
        } else if (result != null && result.getClass().isRecord()) {
            for (RecordComponent c : result.getClass().getRecordComponents()) {
                tensors.add(c.getAccessor().invoke(result) instanceof Tensor t ? t : null);
            }
        }
        return tensors;
    }

    private static double error(float[] actual, float[] expected) {
        double scale = 0;
        double difference = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
        }
        return scale == 0 ? difference : difference / scale;
    }

    private static String shapes(Object[] args) {
        List<String> shapes = new ArrayList<>();
        for (Object a : args) {
            shapes.add(a instanceof Tensor t ? t.shape().toString() : String.valueOf(a));
        }
        return shapes.toString();
    }
}
