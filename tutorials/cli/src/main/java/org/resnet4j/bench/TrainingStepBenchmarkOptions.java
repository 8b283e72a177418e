package org.resnet4j.bench;

import static org.resnet4j.bench.OptionValues.atLeast;
import static org.resnet4j.bench.OptionValues.oneOf;

import java.util.List;
import java.util.function.Supplier;

/**
 * The command-line options of {@link TrainingStepBenchmark}, parsed and checked: its own, and the ones every
 * benchmark shares ({@link BackendRunOptions}).
 *
 * @param network the network to train
 * @param batch   images per training step
 * @param engine  the engine name the records of the one backend carry instead of the backend's name (a variant
 *                such as TensorFlow without oneDNN, set through the environment), or {@code null}
 * @param run     the backends, threads, warm-up and timed steps, JVMs and record files
 */
record TrainingStepBenchmarkOptions(TrainingNetwork network, int batch, String engine, BackendRunOptions run) {

    static final String USAGE = "usage: TrainingStepBenchmark [--network resnet50|mnist-resnet18]"
            + " [--backend NAME[,NAME...]] [--batch N (8 for resnet50, 128 for mnist-resnet18)] [--threads 2]"
            + " [--warmup 3] [--warmup-seconds 20] [--runs 5] [--in-process] [--records FILE]"
            + " [--reference ENGINE[,ENGINE...]] [--records-out FILE] [--engine NAME (with one --backend)]";

    /**
     * The default warm-up and timed steps. The warm-up time as the inference benchmark's: nd4j runs about 300 ops per
     * step through its Java executioner, which the JIT compiler takes several steps to compile (ResNet-50: 2.46 s a
     * step after 1 warm-up step, 1.46 s after 4).
     */
    static final BenchmarkPlan DEFAULT_PLAN = new BenchmarkPlan(3, 5, 20);

    /** Parses {@code args}; an unknown option or a bad value is an {@link IllegalArgumentException}. */
    static TrainingStepBenchmarkOptions parse(String... args) {
        Own own = new Own();
        BackendRunOptions run = BackendRunOptions.parse(args, DEFAULT_PLAN, own);
        List<String> backends = run.backends();
        if (own.engine != null && backends.size() != 1) {
            throw new IllegalArgumentException("--engine names the records of one backend, so it expects exactly one"
                    + " --backend. Received: " + (backends.isEmpty() ? "none (every available backend)" : backends));
        }
        // The default batch depends on the network, which may come after --batch or not at all.
        int batch = own.batch == 0 ? own.network.defaultBatch() : own.batch;
        return new TrainingStepBenchmarkOptions(own.network, batch, own.engine, run);
    }

    /** The arguments that make a child JVM benchmark {@code backend} with these settings. */
    List<String> childArguments(String backend) {
        return run.childArguments(backend, List.of("--network", network.id(), "--batch", Integer.toString(batch)));
    }

    /** {@code records} with the engine renamed to {@link #engine()} when one is given. */
    List<BenchmarkRecord> named(List<BenchmarkRecord> measured) {
        if (engine == null) {
            return measured;
        }
        return measured.stream().map(r -> new BenchmarkRecord(engine, r.network(), r.batch(), r.medianMs(),
                r.minMs(), r.runs())).toList();
    }

    /** This benchmark's own options, {@code --network}, {@code --batch} and {@code --engine}, as they are read. */
    private static final class Own implements BackendRunOptions.OwnOptions {
        private TrainingNetwork network = TrainingNetwork.RESNET50;
        /** 0 until {@code --batch} is read: the network's default batch. */
        private int batch;
        private String engine;

        @Override
        public boolean read(String option, Supplier<String> value) {
            switch (option) {
                case "--network" -> network = TrainingNetwork.named(oneOf(value.get(), option, TrainingNetwork.ids()));
                case "--batch" -> batch = atLeast(value.get(), option, 1);
                case "--engine" -> engine = value.get();
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
