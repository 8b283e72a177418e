#!/usr/bin/env bash
# ResNet-50 inference, 224x224, batch 1 and 8, 2 threads: PyTorch (eager, torch.no_grad) and every ResNet4J CPU
# backend in one run, one after the other, each in its own process, then one table side by side.
#
#   bench/compare.sh [--runs N] [--warmup N] [--warmup-seconds S] [--batches 1,8] [--threads 2] [--rounds N]
#
# --rounds N repeats the whole comparison N times and prints one table per round, to show the spread.
#
# Installs Debian's python3-torch and python3-torchvision first when they are missing (bench/install-pytorch.sh,
# needs root or sudo). Builds the modules it runs from this checkout (no `mvn install` needed). Never run by the
# build or by CI. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=10
WARMUP=5
WARMUP_SECONDS=10
BATCHES=1,8
THREADS=2
ROUNDS=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
        --batches) BATCHES="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        *) echo "usage: bench/compare.sh [--runs N] [--warmup N] [--warmup-seconds S] [--batches 1,8] [--threads 2] [--rounds N] (received: $1)" >&2
           exit 2 ;;
    esac
done

PYTHON="${PYTHON:-/usr/bin/python3}"
"$PYTHON" -c 'import torch, torchvision' 2>/dev/null || PYTHON="$PYTHON" bash bench/install-pytorch.sh

echo "== building the benchmark (tutorials/cli, its runnable jar with every backend, and the modules it needs)" >&2
./mvnw -B -q -pl tutorials/cli -am package -DskipTests >&2
JAR="$PWD/tutorials/target/resnet4j.jar"

RECORDS="$(mktemp)"
trap 'rm -f "$RECORDS"' EXIT

# TensorFlow's C++ start-up lines go away only through the environment of the JVM that loads it.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
for ROUND in $(seq 1 "$ROUNDS"); do
    echo "== round $ROUND of $ROUNDS; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    echo "== pytorch" >&2
    "$PYTHON" bench/pytorch_resnet50.py --threads "$THREADS" --warmup "$WARMUP" --warmup-seconds "$WARMUP_SECONDS" \
        --runs "$RUNS" --batches "$BATCHES" | tee "$RECORDS" >&2
    echo "== resnet4j backends" >&2
    if [ "$ROUNDS" -gt 1 ]; then
        echo "Round $ROUND of $ROUNDS"
    fi
    java -cp "$JAR" org.resnet4j.bench.ResNet50Benchmark \
        --threads "$THREADS" --warmup "$WARMUP" --warmup-seconds "$WARMUP_SECONDS" --runs "$RUNS" \
        --batches "$BATCHES" --records "$RECORDS" --reference pytorch
done
