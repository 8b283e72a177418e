#!/usr/bin/env bash
# One-command verification of the jcuda backend on a GPU machine without Java (made by build-bundle.sh):
#   1. the JUnit suite: the backend's tests (contract, kernels against plain-Java loops, the plan on the host) and
#      the shared torchvision goldens of the models module (CudaGoldenTest);
#   2. ResNet-50 224x224 float32 at batch 1 and 64 on this backend;
#   3. the same with PyTorch + cuDNN (TF32 off), for comparison, when python3 has torch and torchvision.
# Writes everything to ./results (junit XML, logs). Exit status: non-zero when a test failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
java="$here/runtime/bin/java"
results="$here/results"
mkdir -p "$results"
cp_list="$(ls "$here"/lib/*.jar | tr '\n' ':')$here/test-classes:$here/models-test-classes"

echo "== GPU and driver"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | tee "$results/gpu.txt"
echo "(the shipped PTX needs NVIDIA driver 580 or newer: CUDA 13.0)"

echo "== JUnit suite"
"$java" -jar "$here"/launcher/junit-platform-console-standalone-*.jar execute \
    --class-path "$cp_list" --select-package org.resnet4j.backend.jcuda \
    --select-class org.resnet4j.models.resnet.CudaGoldenTest \
    --details=tree --reports-dir="$results/junit" 2>&1 | tee "$results/junit.log"
tests_status=${PIPESTATUS[0]}

echo "== ResNet-50 on jcuda (float32)"
"$java" -cp "$cp_list" org.resnet4j.models.resnet.CudaResNet50Benchmark 1 64 2>&1 | tee "$results/bench-jcuda.txt"

echo "== ResNet-50 on PyTorch cuDNN (float32, TF32 off)"
if python3 -c "import torch, torchvision" 2>/dev/null; then
    python3 "$here/bench_torch.py" 1 64 2>&1 | tee "$results/bench-torch.txt"
else
    echo "skipped: python3 cannot import torch and torchvision" | tee "$results/bench-torch.txt"
fi

echo "== Summary"
grep -E "tests (successful|failed|aborted|skipped)" "$results/junit.log" || true
grep -h "^resnet50" "$results/bench-jcuda.txt" "$results/bench-torch.txt" || true
exit "$tests_status"
