#!/usr/bin/env python3
"""The float32 matrix-multiply rate of this machine with N threads (PyTorch's sgemm), and what it implies as a
floor for ResNet-50 inference: 4.09 GMACs (8.18 GFLOP) per 224x224 image divided by that rate. No convolution
engine beats its own sgemm by much, so this is the yardstick the benchmark table is read against.
Prints: bench-sgemm  GFLOPS  FLOOR_MS_PER_IMAGE
"""
import argparse
import statistics
import sys
import time

import torch

RESNET50_GFLOP_PER_IMAGE = 2 * 4.089


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    a = torch.randn(args.size, args.size)
    b = torch.randn(args.size, args.size)
    for _ in range(3):
        torch.mm(a, b)
    samples = []
    for _ in range(args.runs):
        start = time.perf_counter()
        torch.mm(a, b)
        samples.append(time.perf_counter() - start)
    flop = 2.0 * args.size ** 3
    best = flop / min(samples) / 1e9
    median = flop / statistics.median(samples) / 1e9
    print(f"sgemm {args.size}x{args.size}, {args.threads} threads: median {median:.0f} GFLOP/s, best {best:.0f} GFLOP/s;"
          f" ResNet-50 floor at the best rate {RESNET50_GFLOP_PER_IMAGE / best * 1000:.1f} ms/image", file=sys.stderr)
    print(f"bench-sgemm\t{best:.1f}\t{RESNET50_GFLOP_PER_IMAGE / best * 1000:.2f}")


if __name__ == "__main__":
    main()
