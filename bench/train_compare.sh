#!/usr/bin/env bash
# One training step (forward, backward, Adam update) of torchvision's ResNet-50 (224x224x3, batch 8) and of the
# seed's 28x28x1 ResNet-18 (mnist-resnet18, batch 128), 2 threads each (issue #15): PyTorch's eager step twice
# (plain, then "pytorch-malloc" with glibc's malloc told to keep freed memory, see below), then ResNet4J's tf and nd4j
# through TrainingStepBenchmark, each backend in its own JVM, one after the other; one table per network and round,
# with each row's time relative to both PyTorch rows; with --rounds 2 or more, a summary over the rounds.
#
#   bench/train_compare.sh [--runs 5] [--warmup 3] [--warmup-seconds 20] [--threads 2] [--rounds 1]
#                          [--networks resnet50,mnist-resnet18] [--backends tf,nd4j] [--tf-no-onednn]
#
# --tf-no-onednn adds a row "tf-no-onednn": tf again, with TF_ENABLE_ONEDNN_OPTS=0 (TensorFlow's Eigen kernels).
#
# Why two PyTorch rows: Debian's PyTorch allocates and frees large activation buffers on every step, and glibc's
# malloc hands buffers above its mmap threshold back to the kernel on free, so every step pays page faults to get
# them again. pytorch-malloc runs the same script with MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_ and
# MALLOC_TOP_PAD_ set so that freed memory stays in the process (what a PyTorch built with jemalloc or tcmalloc, or
# any long-running trainer, would see). Both are PyTorch; the faster one is the bar. See docs/performance.md.
#
# Needs Debian's python3-torch and python3-torchvision (bench/install-pytorch.sh installs them). Builds tutorials/cli
# and the modules it needs from this checkout (no `mvn install`). Never run by the build or by CI.
set -euo pipefail
cd "$(dirname "$0")/.."

USAGE="usage: bench/train_compare.sh [--runs 5] [--warmup 3] [--warmup-seconds 20] [--threads 2] [--rounds 1] [--networks resnet50,mnist-resnet18] [--backends tf,nd4j] [--tf-no-onednn]"
RUNS=5
WARMUP=3
WARMUP_SECONDS=20
THREADS=2
ROUNDS=1
NETWORKS=resnet50,mnist-resnet18
BACKENDS=tf,nd4j
TF_NO_ONEDNN=false
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --networks) NETWORKS="$2"; shift 2 ;;
        --backends) BACKENDS="$2"; shift 2 ;;
        --tf-no-onednn) TF_NO_ONEDNN=true; shift ;;
        *) echo "$USAGE (received: $1)" >&2
           exit 2 ;;
    esac
done
for NETWORK in ${NETWORKS//,/ }; do
    case "$NETWORK" in
        resnet50|mnist-resnet18) ;;
        *) echo "--networks expects names from resnet50,mnist-resnet18. Received: \"$NETWORK\"" >&2; exit 2 ;;
    esac
done

PYTHON="${PYTHON:-/usr/bin/python3}"
"$PYTHON" -c 'import torch, torchvision' 2>/dev/null || PYTHON="$PYTHON" bash bench/install-pytorch.sh

echo "== building the benchmark (tutorials/cli with every backend, and the modules it needs)" >&2
./mvnw -B -q -pl tutorials/cli -am package -DskipTests >&2
JAR="$PWD/tutorials/target/resnet4j.jar"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# TensorFlow's C++ start-up lines go away only through the environment of the JVM that loads it.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
TIMING=(--threads "$THREADS" --warmup "$WARMUP" --warmup-seconds "$WARMUP_SECONDS" --runs "$RUNS")
# 4 GiB mmap threshold: no buffer is ever mmap'ed on its own; 64 GiB trim threshold: the heap is never given back;
# 256 MiB top pad: the heap grows in large steps.
source bench/malloc-keep.sh
ROUND_FILES=()
for ROUND in $(seq 1 "$ROUNDS"); do
    echo "== round $ROUND of $ROUNDS; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    ROUND_FILE="$WORK/round-$ROUND.txt"
    : > "$ROUND_FILE"
    ROUND_FILES+=("$ROUND_FILE")
    for NETWORK in ${NETWORKS//,/ }; do
        PEERS="$WORK/peers-$ROUND-$NETWORK.txt"
        echo "== $NETWORK: pytorch (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        "$PYTHON" bench/pytorch_train_step.py --network "$NETWORK" "${TIMING[@]}" --engine pytorch | tee "$PEERS" >&2
        echo "== $NETWORK: pytorch-malloc (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        env "${MALLOC_KEEP[@]}" "$PYTHON" bench/pytorch_train_step.py --network "$NETWORK" "${TIMING[@]}" \
            --engine pytorch-malloc | tee -a "$PEERS" >&2
        if [ "$TF_NO_ONEDNN" = true ]; then
            echo "== $NETWORK: tf with TF_ENABLE_ONEDNN_OPTS=0 (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
            TF_ENABLE_ONEDNN_OPTS=0 java -cp "$JAR" org.resnet4j.bench.TrainingStepBenchmark --network "$NETWORK" \
                "${TIMING[@]}" --backend tf --engine tf-no-onednn --records-out "$WORK/no-onednn.txt" >&2
            cat "$WORK/no-onednn.txt" >> "$PEERS"
        fi
        echo "== $NETWORK: resnet4j backends $BACKENDS (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        echo
        echo "Round $ROUND of $ROUNDS, $NETWORK training step (load before the backends: $(cut -d' ' -f1-3 /proc/loadavg))"
        java -cp "$JAR" org.resnet4j.bench.TrainingStepBenchmark --network "$NETWORK" "${TIMING[@]}" \
            --backend "$BACKENDS" --records "$PEERS" --reference pytorch,pytorch-malloc \
            --records-out "$WORK/all-$ROUND-$NETWORK.txt"
        echo "(load after the backends: $(cut -d' ' -f1-3 /proc/loadavg))"
        cat "$WORK/all-$ROUND-$NETWORK.txt" >> "$ROUND_FILE"
    done
done

if [ "$ROUNDS" -gt 1 ]; then
    echo
    echo "Summary of $ROUNDS rounds: the median of the round medians, their range, and each round's ratio to pytorch-malloc"
    java -cp "$JAR" org.resnet4j.bench.BenchmarkSummary --reference pytorch-malloc --target 1.0 "${ROUND_FILES[@]}"
fi
