package org.resnet4j.spi;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.tensor.HostTensor;

/**
 * A compiled model for the skeleton's tests: counts its computations and releases, can hold a computation until
 * told to go on, and records any computation that overlapped a release (what the skeleton must prevent).
 */
final class CountingCompiledModel extends AbstractCompiledModel {
    final AtomicInteger computations = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    final AtomicInteger computingWhileReleased = new AtomicInteger();
    final CountDownLatch computing = new CountDownLatch(1);
    final CountDownLatch goOn;
    private volatile boolean released;
    private final RuntimeException releaseFailure;

    private CountingCompiledModel(CountDownLatch goOn, RuntimeException releaseFailure) {
        super(countedModel());
        this.goOn = goOn;
        this.releaseFailure = releaseFailure;
    }

    /** Computes at once. */
    static CountingCompiledModel immediate() {
        return new CountingCompiledModel(new CountDownLatch(0), null);
    }

    /** Each computation waits for {@link #goOn} to count down. */
    static CountingCompiledModel held() {
        return new CountingCompiledModel(new CountDownLatch(1), null);
    }

    /** Computes at once; {@link #release} counts, then throws {@code failure}. */
    static CountingCompiledModel failingToRelease(RuntimeException failure) {
        return new CountingCompiledModel(new CountDownLatch(0), failure);
    }

    /** A model named "counted" with one input of sample shape [2]. */
    static Model countedModel() {
        Node x = Input.of(2);
        return Model.of("counted", x, ReLU.of().apply(x));
    }

    @Override
    protected List<HostTensor> compute(HostTensor[] inputs) {
        computations.incrementAndGet();
        computing.countDown();
        try {
            if (!goOn.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("nobody let the held computation go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (released) {
            computingWhileReleased.incrementAndGet();
        }
        return List.of(inputs[0].copy());
    }

    @Override
    protected void release() {
        released = true;
        releases.incrementAndGet();
        if (releaseFailure != null) {
            throw releaseFailure;
        }
    }
}
