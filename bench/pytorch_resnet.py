#!/usr/bin/env python3
"""PyTorch's CPU inference time for ResNet-50 or ResNet-18, a peer in ResNet4J's benchmark.

Exactly the settings of the issues: torchvision.models.NETWORK().eval() (--network resnet50 or resnet18; random
weights: the time does not depend on them), torch.no_grad(), torch.set_num_threads(THREADS), eager mode, 224x224
NCHW float32 input, batch 1 and 8. The warm-up is the Java benchmark's: at least --warmup runs and
--warmup-seconds. Prints one tab-separated line per batch in the format of org.resnet4j.bench.BenchmarkRecord:
    bench-result  pytorch  BATCH  MEDIAN_MS  MIN_MS  RUNS  NETWORK
Progress and versions go to standard error. (Called pytorch_resnet50.py until issue #17 added ResNet-18.)
"""
import argparse
import os
import sys
import time

import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_record import print_result  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", default="resnet50", choices=("resnet50", "resnet18"))
    parser.add_argument("--batches", default="1,8")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs per batch size, at least")
    parser.add_argument("--warmup-seconds", type=float, default=10.0,
                        help="untimed runs go on until this much time has passed as well")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = getattr(torchvision.models, args.network)().eval()
    print(f"pytorch {torch.__version__}, torchvision {torchvision.__version__}, "
          f"{torch.get_num_threads()} threads, mkldnn {torch.backends.mkldnn.is_available()}", file=sys.stderr)
    for batch in [int(b) for b in args.batches.split(",")]:
        images = torch.randn(batch, 3, 224, 224)
        samples = []
        with torch.no_grad():
            warmup_start = time.perf_counter()
            done = 0
            while done < args.warmup or time.perf_counter() - warmup_start < args.warmup_seconds:
                model(images)
                done += 1
            for _ in range(args.runs):
                start = time.perf_counter()
                model(images)
                samples.append((time.perf_counter() - start) * 1000.0)
        print_result("pytorch", f"pytorch {args.network} batch {batch}", args.network, batch, samples)


if __name__ == "__main__":
    main()
