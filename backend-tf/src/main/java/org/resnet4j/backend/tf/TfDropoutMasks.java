package org.resnet4j.backend.tf;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.ops.TrainingModeOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The dropout masks of one traced training step: placeholders fed on every run with the masks that the
 * {@link GradientTape} of that step would draw, so that the compiled step drops exactly what the tape drops for the
 * same dropout seed ((seed, iteration) reproducibility holds on either path).
 *
 * <p>While tracing, {@link #watching} wraps the tape that the layers see: each {@code dropoutTraining} call marks the
 * tape's next upload (its mask, drawn on the JVM) as a mask, and {@link #placeholderFor} answers that upload with a
 * placeholder of the mask's shape. On each run, {@link #feed} draws the masks from {@code new Random(seed)} in the
 * order the layers ran, with the tape's rule ({@code GradientTape.dropoutTraining}: keep a value when a uniform
 * draw is at least {@code rate}, and scale it by {@code 1 / (1 - rate)}).
 */
final class TfDropoutMasks {
    private record Mask(Operand<TFloat32> placeholder, Shape shape, float rate) {
    }

    private final TfOps ops;
    private final String namePrefix;
    private final List<Mask> masks = new ArrayList<>();
    /** The rate of the dropout whose mask the tape is uploading now, or NaN. */
    private float pendingRate = Float.NaN;

    TfDropoutMasks(TfOps ops, String namePrefix) {
        this.ops = ops;
        this.namePrefix = namePrefix;
    }

    /** {@code tape} as the layers see it, with every dropout's mask upload marked. */
    TrainingModeOps watching(GradientTape tape) {
        return (TrainingModeOps) Proxy.newProxyInstance(TrainingModeOps.class.getClassLoader(),
                new Class<?>[] {TrainingModeOps.class}, (proxy, method, args) -> {
                    boolean drawsMask = method.getName().equals("dropoutTraining") && args != null && args.length == 2
                            && (float) args[1] > 0f && (float) args[1] < 1f;
                    if (drawsMask) {
                        pendingRate = (float) args[1];
                    }
                    try {
                        Object result = method.invoke(tape, args);
                        if (drawsMask && !Float.isNaN(pendingRate)) {
                            throw new IllegalStateException("TfTrainingStep expects the tape to upload one mask per"
                                    + " dropout. Received: none for rate " + pendingRate);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        pendingRate = Float.NaN;
                    }
                });
    }

    /** A placeholder for {@code host} when it is the mask the tape is drawing now; otherwise null. */
    TfTensor placeholderFor(HostTensor host) {
        if (Float.isNaN(pendingRate)) {
            return null;
        }
        TfTensor placeholder = ops.placeholder(namePrefix + masks.size(), host.shape(), false);
        masks.add(new Mask(placeholder.operand(), host.shape(), pendingRate)); // the tape closes the tensor
        pendingRate = Float.NaN;
        return placeholder;
    }

    /** Feeds the masks of the step whose dropout seed is {@code seed}; returns what was fed, for the caller to close. */
    List<TFloat32> feed(Session.Runner runner, long seed) {
        List<TFloat32> fed = new ArrayList<>();
        if (masks.isEmpty()) {
            return fed;
        }
        Random random = new Random(seed);
        for (Mask m : masks) {
            float[] values = new float[m.shape().size()];
            float kept = 1f / (1f - m.rate());
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat() >= m.rate() ? kept : 0f;
            }
            long[] dims = java.util.Arrays.stream(m.shape().toArray()).asLongStream().toArray();
            TFloat32 t = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(values, true, false));
            fed.add(t);
            runner.feed(m.placeholder(), t);
        }
        return fed;
    }
}
