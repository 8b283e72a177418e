#!/usr/bin/env bash
# ResNet inference, 224x224, batch 1 and 8, 2 threads: PyTorch (eager, torch.no_grad), ONNX Runtime Java (the
# yardstick) and every ResNet4J CPU backend, each in its own process, one after the other; one table per network
# and round, with each row's time relative to ONNX Runtime's and PyTorch's; then a summary over the rounds.
#
#   bench/compare.sh [--runs N] [--warmup N] [--warmup-seconds S] [--batches 1,8] [--threads 2] [--rounds N]
#                    [--networks resnet50,resnet18]
#
# --rounds N repeats the whole comparison N times (each round runs every network on every engine), to show the
# spread. The summary gives per engine, network and batch the median of the round medians, their range, the ratio
# to ONNX Runtime in each round and the longest run of rounds in a row within 1.2x of it (the target of issue #17).
#
# Installs Debian's python3-torch and python3-torchvision first when they are missing (bench/install-pytorch.sh,
# needs root or sudo). Exports the networks to ONNX once (bench/export_onnx.py, into bench/target/onnx or
# $ONNX_MODELS; delete the folder to export again). Builds the modules it runs from this checkout, ONNX Runtime's
# with -Ponnxruntime (no `mvn install` needed). Never run by the build or by CI. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

USAGE="usage: bench/compare.sh [--runs N] [--warmup N] [--warmup-seconds S] [--batches 1,8] [--threads 2] [--rounds N] [--networks resnet50,resnet18]"
RUNS=10
WARMUP=5
WARMUP_SECONDS=10
BATCHES=1,8
THREADS=2
ROUNDS=1
NETWORKS=resnet50,resnet18
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
        --batches) BATCHES="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --networks) NETWORKS="$2"; shift 2 ;;
        *) echo "$USAGE (received: $1)" >&2
           exit 2 ;;
    esac
done
for NETWORK in ${NETWORKS//,/ }; do
    case "$NETWORK" in
        resnet50|resnet18) ;;
        *) echo "--networks expects names from resnet50,resnet18. Received: \"$NETWORK\"" >&2; exit 2 ;;
    esac
done

PYTHON="${PYTHON:-/usr/bin/python3}"
source bench/malloc-keep.sh
"$PYTHON" -c 'import torch, torchvision' 2>/dev/null || PYTHON="$PYTHON" bash bench/install-pytorch.sh

# The export runs once: later runs reuse the files (the weights come from a fixed seed, so they would not change).
ONNX_MODELS="${ONNX_MODELS:-$PWD/bench/target/onnx}"
for NETWORK in ${NETWORKS//,/ }; do
    if [ ! -f "$ONNX_MODELS/$NETWORK.onnx" ] || [ ! -f "$ONNX_MODELS/$NETWORK.input.f32" ] \
            || [ ! -f "$ONNX_MODELS/$NETWORK.logits.f32" ]; then
        echo "== exporting $NETWORK to ONNX ($ONNX_MODELS)" >&2
        "$PYTHON" bench/export_onnx.py --out "$ONNX_MODELS" --networks "$NETWORK"
    fi
done

echo "== building the benchmark (tutorials/cli with every backend, bench/onnxruntime, and the modules they need)" >&2
./mvnw -B -q -Ponnxruntime -pl tutorials/cli,bench/onnxruntime -am package -DskipTests >&2
JAR="$PWD/tutorials/target/resnet4j.jar"
ORT_CLASSPATH="$PWD/bench/onnxruntime/target/classes:$(cat bench/onnxruntime/target/classpath.txt)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# TensorFlow's C++ start-up lines go away only through the environment of the JVM that loads it.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
TIMING=(--threads "$THREADS" --warmup "$WARMUP" --warmup-seconds "$WARMUP_SECONDS" --runs "$RUNS" --batches "$BATCHES")
ROUND_FILES=()
for ROUND in $(seq 1 "$ROUNDS"); do
    echo "== round $ROUND of $ROUNDS; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx|fma|amx)' | sort | tr '\n' ' ')), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    ROUND_FILE="$WORK/round-$ROUND.txt"
    : > "$ROUND_FILE"
    ROUND_FILES+=("$ROUND_FILE")
    for NETWORK in ${NETWORKS//,/ }; do
        PEERS="$WORK/peers-$ROUND-$NETWORK.txt"
        echo "== $NETWORK: pytorch" >&2
        # PyTorch with glibc's malloc keeping freed memory (bench/malloc-keep.sh says why)
        env "${MALLOC_KEEP[@]}" \
            "$PYTHON" bench/pytorch_resnet.py --network "$NETWORK" "${TIMING[@]}" | tee "$PEERS" >&2
        echo "== $NETWORK: onnxruntime" >&2
        OMP_NUM_THREADS="$THREADS" java -cp "$ORT_CLASSPATH" org.resnet4j.bench.onnxruntime.OnnxRuntimeBenchmark \
            --models "$ONNX_MODELS" --network "$NETWORK" "${TIMING[@]}" | tee -a "$PEERS" >&2
        echo "== $NETWORK: resnet4j backends" >&2
        echo
        echo "Round $ROUND of $ROUNDS, $NETWORK"
        java -cp "$JAR" org.resnet4j.bench.ResNetBenchmark --network "$NETWORK" "${TIMING[@]}" \
            --records "$PEERS" --reference onnxruntime,pytorch --records-out "$WORK/all-$ROUND-$NETWORK.txt"
        cat "$WORK/all-$ROUND-$NETWORK.txt" >> "$ROUND_FILE"
    done
done

echo
echo "Summary of $ROUNDS round(s): the median of the round medians, their range, and each round's ratio to ONNX Runtime"
java -cp "$JAR" org.resnet4j.bench.BenchmarkSummary --reference onnxruntime --target 1.2 "${ROUND_FILES[@]}"
