package org.resnet4j.autodiff;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.Float64Ops;
import org.resnet4j.tck.Float64Tensor;

/**
 * {@link Float64Ops} seen through a proxy that remembers every tensor it returns (also inside result records), so
 * that a test can check which ones are still open: what would leak native memory on a real backend.
 */
final class TrackedOps {
    private final List<Float64Tensor> made = new ArrayList<>();
    private final Object proxy;

    TrackedOps() {
        Float64Ops target = new Float64Ops();
        InvocationHandler handler = (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            remember(result);
            return result;
        };
        proxy = Proxy.newProxyInstance(TrackedOps.class.getClassLoader(), new Class<?>[] {Ops.class, GradientOps.class},
                handler);
    }

    private void remember(Object result) throws ReflectiveOperationException {
        if (result instanceof Float64Tensor t) {
            made.add(t);
        } else if (result instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                remember(c.getAccessor().invoke(r));
            }
        }
    }

    Ops ops() {
        return (Ops) proxy;
    }

    GradientOps gradients() {
        return (GradientOps) proxy;
    }

    /** Every tensor returned so far that is not closed. */
    List<Float64Tensor> open() {
        return made.stream().filter(t -> !t.isClosed()).toList();
    }
}
