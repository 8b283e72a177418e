package org.resnet4j.bench;

import static org.resnet4j.bench.OptionValues.oneOf;
import static org.resnet4j.bench.OptionValues.positiveList;

import java.util.List;
import java.util.function.Supplier;

/**
 * The command-line options of {@link ResNetBenchmark}, parsed and checked: its own, and the ones every benchmark
 * shares ({@link BackendRunOptions}).
 *
 * @param network the network to time, one of {@link ResNetBenchmark#NETWORKS}
 * @param batches batch sizes, in order
 * @param run     the backends, threads, warm-up and timed runs per batch size, JVMs and record files
 */
record ResNetBenchmarkOptions(String network, List<Integer> batches, BackendRunOptions run) {

    static final String USAGE = "usage: ResNetBenchmark [--network resnet50|resnet18] [--backend NAME[,NAME...]]"
            + " [--batches 1,8] [--threads 2] [--warmup 5] [--warmup-seconds 10] [--runs 10] [--in-process]"
            + " [--records FILE] [--reference ENGINE[,ENGINE...]] [--records-out FILE]";

    /** The default least warm-up time: long enough for the JIT compiler to finish with ND4J's calls at batch 1. */
    static final double DEFAULT_WARMUP_SECONDS = 10;

    /** The default warm-up and timed runs per batch size. */
    static final BenchmarkPlan DEFAULT_PLAN = new BenchmarkPlan(5, 10, DEFAULT_WARMUP_SECONDS);

    /** Parses {@code args}; an unknown option or a bad value is an {@link IllegalArgumentException}. */
    static ResNetBenchmarkOptions parse(String... args) {
        Own own = new Own();
        BackendRunOptions run = BackendRunOptions.parse(args, DEFAULT_PLAN, own);
        return new ResNetBenchmarkOptions(own.network, own.batches, run);
    }

    /** The arguments that make a child JVM benchmark {@code backend} with these settings. */
    List<String> childArguments(String backend) {
        return run.childArguments(backend, List.of("--network", network, "--batches",
                String.join(",", batches.stream().map(String::valueOf).toList())));
    }

    /** This benchmark's own options, {@code --network} and {@code --batches}, as they are read. */
    private static final class Own implements BackendRunOptions.OwnOptions {
        private String network = "resnet50";
        private List<Integer> batches = List.of(1, 8);

        @Override
        public boolean read(String option, Supplier<String> value) {
            switch (option) {
                case "--network" -> network = oneOf(value.get(), option, ResNetBenchmark.NETWORKS.keySet());
                case "--batches" -> batches = positiveList(value.get(), option);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
