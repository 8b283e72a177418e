package org.resnet4j.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.spi.InterpretedModel;
import org.resnet4j.tensor.HostTensor;

/**
 * Backends whose compiled models break one lifecycle rule each, run through {@link CompiledModelContract} by
 * {@code CompiledModelContractMetaTest} (never directly by surefire: the names do not end in Test) to prove that the
 * contract catches them. Their results are right when called from one thread; only closing or threading is wrong.
 */
final class BrokenCompiledModelSubjects {
    private BrokenCompiledModelSubjects() {
    }

    /** Closing the backend closes none of its models, and it still compiles afterwards. */
    static final class ForgetfulSubject extends Subject {
        ForgetfulSubject() {
            super("forgetful", false, InterpretedModel::new);
        }
    }

    /** Every prediction passes its outputs through one scratch array shared by all calls. */
    static final class SharedScratchSubject extends Subject {
        SharedScratchSubject() {
            super("shared-scratch", true, SharedScratchModel::new);
        }
    }

    /** Closing frees the model's memory at once, under the predictions still running. */
    static final class UnguardedCloseSubject extends Subject {
        UnguardedCloseSubject() {
            super("unguarded-close", true, UnguardedCloseModel::new);
        }
    }

    /** The contract on a {@link BrokenBackend} that compiles with {@code compiler}. */
    abstract static class Subject implements CompiledModelContract {
        private final BackendProvider provider;

        Subject(String name, boolean closesItsModels, BiFunction<Model, Ops, CompiledModel> compiler) {
            provider = new ProviderDouble(name, 0) {
                @Override
                public Backend create() {
                    return new BrokenBackend(name, closesItsModels, compiler);
                }
            };
        }

        @Override
        public BackendProvider provider() {
            return provider;
        }
    }

    /**
     * A backend over {@link ReferenceOps} that keeps its models in a plain list (its models need not be built on the
     * skeleton), and when told so forgets to close them and to refuse compiling once closed.
     */
    private static final class BrokenBackend implements Backend {
        private final String name;
        private final boolean closesItsModels;
        private final BiFunction<Model, Ops, CompiledModel> compiler;
        private final Ops ops = new ReferenceOps();
        private final List<CompiledModel> compiled = new ArrayList<>();
        private boolean closed;

        BrokenBackend(String name, boolean closesItsModels, BiFunction<Model, Ops, CompiledModel> compiler) {
            this.name = name;
            this.closesItsModels = closesItsModels;
            this.compiler = compiler;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Ops ops() {
            return ops;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public synchronized CompiledModel compile(Model model) {
            if (closed && closesItsModels) {
                throw new IllegalStateException("Backend \"" + name + "\" is closed; it cannot compile models");
            }
            CompiledModel m = compiler.apply(model, ops);
            compiled.add(m);
            return m;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (closesItsModels) {
                compiled.forEach(CompiledModel::close);
            }
        }
    }

    /** Right from one thread; from several, one call's outputs overwrite another's in the shared array. */
    private static final class SharedScratchModel extends AbstractCompiledModel {
        private final InterpretedModel interpreted;
        private final float[] scratch = new float[4096];

        SharedScratchModel(Model model, Ops ops) {
            super(model);
            interpreted = new InterpretedModel(model, ops);
        }

        @Override
        protected List<HostTensor> compute(HostTensor[] inputs) {
            List<HostTensor> outputs = new ArrayList<>();
            for (HostTensor out : interpreted.predictAll(inputs)) {
                System.arraycopy(out.data(), 0, scratch, 0, out.size());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // widens the window another call writes in
                float[] data = new float[out.size()];
                System.arraycopy(scratch, 0, data, 0, data.length);
                outputs.add(HostTensor.of(out.shape(), data));
            }
            return outputs;
        }

        @Override
        protected void release() {
            interpreted.close();
        }
    }

    /**
     * Says what the skeleton says when closed, but closing does not wait for the predictions in flight: like a native
     * backend that frees memory a running call still reads, those calls return garbage (here NaN). So that the
     * contract's test sees the garbage however the threads are scheduled, a call stays in flight for a while and,
     * while calls keep coming, closing frees the memory only once one is in flight (freed between calls, it would
     * pass the test by luck).
     */
    private static final class UnguardedCloseModel implements CompiledModel {
        private final InterpretedModel interpreted;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile long lastCallStarted = System.nanoTime();
        private volatile boolean closed;

        UnguardedCloseModel(Model model, Ops ops) {
            interpreted = new InterpretedModel(model, ops);
        }

        @Override
        public Model model() {
            return interpreted.model();
        }

        @Override
        public List<HostTensor> predictAll(HostTensor... inputs) {
            if (closed) {
                throw new IllegalStateException("Compiled model \"" + model().name()
                        + "\" is closed; compile the model again to predict");
            }
            lastCallStarted = System.nanoTime();
            inFlight.incrementAndGet();
            try {
                List<HostTensor> outputs = interpreted.predictAll(inputs);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a long call: the close lands inside it
                if (closed) {
                    outputs.forEach(out -> Arrays.fill(out.data(), Float.NaN)); // read after it was freed
                }
                return outputs;
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void close() {
            long calm = TimeUnit.MILLISECONDS.toNanos(200);
            while (inFlight.get() == 0 && System.nanoTime() - lastCallStarted < calm) {
                Thread.onSpinWait();
            }
            closed = true;
        }
    }
}
