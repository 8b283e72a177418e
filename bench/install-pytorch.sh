#!/usr/bin/env bash
# Installs Debian's PyTorch and torchvision (bookworm: torch 1.13.1, torchvision 0.14.1) for the benchmark
# comparison in bench/compare.sh, and nothing else. Never run by the build or by CI: PyTorch is only the yardstick.
# Needs root (or sudo) and Debian's package lists; does nothing when both modules already import.
set -euo pipefail

# Debian's packages install for Debian's interpreter; a python3 earlier on the PATH (pyenv, a venv) would not see them.
PYTHON="${PYTHON:-/usr/bin/python3}"

if "$PYTHON" -c 'import torch, torchvision' 2>/dev/null; then
    echo "bench: PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)') is already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends python3-torch python3-torchvision
"$PYTHON" -c 'import torch, torchvision; print("bench: installed PyTorch", torch.__version__, "torchvision", torchvision.__version__)'
