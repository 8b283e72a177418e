#!/usr/bin/env bash
# How often a fresh JVM runs ND4J's ResNet-50 (batch 1, 2 threads) in the slow mode with a page-fault storm
# (docs/performance.md, "A slow mode, and op contexts"): starts N JVMs one after the other, each running the
# benchmark in-process with 100 warm-up passes, counts the JVM's minor page faults between 12 and 15 s after its
# start (timed passes by then; --at S counts from S s instead), prints the rate per JVM, and stops it. Settled JVMs
# fault a few thousand pages per second at most; the slow mode faults tens to hundreds of thousands.
#
#   bench/nd4j-page-faults.sh [--jvms N] [--at S] [JVM option ...]    e.g. bench/nd4j-page-faults.sh --jvms 8 -Xmn4m
#
# Needs Linux (/proc) and builds the modules it runs, like compare.sh. Never run by the build or by CI.
set -euo pipefail
cd "$(dirname "$0")/.."

JVMS=8
AT=12
while [ $# -gt 0 ]; do
    case "$1" in
        --jvms) JVMS="$2"; shift 2 ;;
        --at) AT="$2"; shift 2 ;;
        *) break ;;
    esac
done

echo "== building the benchmark (tutorials and the modules it needs)" >&2
CLASSPATH_FILE="$PWD/tutorials/target/bench-classpath.txt"
./mvnw -B -q -pl tutorials -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime >&2

echo "minor page faults per second, $AT-$((AT + 3)) s after start, one JVM each:"
for i in $(seq 1 "$JVMS"); do
    OMP_NUM_THREADS=2 java "$@" -cp "$PWD/tutorials/target/classes:$(cat "$CLASSPATH_FILE")" \
        org.resnet4j.bench.ResNet50Benchmark --backend nd4j --batches 1 --threads 2 --in-process \
        --warmup 100 --warmup-seconds 0 --runs 100000 > /dev/null 2>&1 &
    PID=$!
    sleep "$AT"
    BEFORE=$(cut -d' ' -f10 "/proc/$PID/stat")
    sleep 3
    AFTER=$(cut -d' ' -f10 "/proc/$PID/stat")
    kill "$PID"
    wait "$PID" 2> /dev/null || true
    echo "jvm $i: $(( (AFTER - BEFORE) / 3 ))"
done
