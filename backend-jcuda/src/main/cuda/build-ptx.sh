#!/usr/bin/env bash
# Regenerates the shipped PTX from the CUDA C sources. Run by `mvn -P regenerate-ptx` or by hand:
#   backend-jcuda/src/main/cuda/build-ptx.sh [ARCH]     (ARCH defaults to compute_75)
# The same flags are used by CudaPtxResourcesTest to check that the shipped PTX matches the sources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
arch="${1:-compute_75}"
out="$here/../resources/org/resnet4j/backend/jcuda/ptx"
mkdir -p "$out"
for source in "$here"/*.cu; do
  name="$(basename "$source" .cu)"
  nvcc -ptx -arch="$arch" -Werror all-warnings -o "$out/$name.ptx" "$source"
  echo "ptx: $name.ptx"
done
