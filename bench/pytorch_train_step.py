#!/usr/bin/python3
"""PyTorch's eager training step, the peer of ResNet4J's TrainingStepBenchmark (issue #15).

One timed unit is one training step in train mode: forward pass, nn.CrossEntropyLoss on the logits against integer
labels, optimizer.zero_grad(set_to_none=True), loss.backward(), optimizer.step() with Adam (lr 1e-3, betas 0.9/0.999,
eps 1e-7 as Keras' defaults, which ResNet4J's Adam.of() uses), and loss.item(). Networks (--network):
  resnet50        torchvision.models.resnet50(), 224x224x3 NCHW images, 1000 classes, batch 8
  mnist-resnet18  the seed post's ResNet-18 for 28x28x1 images, 10 classes, batch 128 (seed_resnet18 of
                  bench/pytorch_train_seed.py: Keras' defaults, convolutions with bias, BatchNorm eps 1e-3)
on one batch of random normal images and uniform labels (torch.manual_seed(0)), repeated every step. The warm-up
is the Java benchmark's: at least --warmup steps and --warmup-seconds, then --runs timed steps. Prints one
tab-separated line in the format of org.resnet4j.bench.BenchmarkRecord:
    bench-result  ENGINE  BATCH  MEDIAN_MS  MIN_MS  RUNS  NETWORK
(ENGINE is --engine, "pytorch" by default; bench/train_compare.sh runs it a second time as "pytorch-malloc" with
glibc's malloc told to keep freed memory, see docs/performance.md). Progress and versions go to standard error.

    /usr/bin/python3 bench/pytorch_train_step.py [--network resnet50|mnist-resnet18] [--batch N] [--threads 2]
        [--warmup 3] [--warmup-seconds 20] [--runs 5] [--engine pytorch]
"""
import argparse
import os
import sys
import time

import torch
import torch.nn as nn
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_record import print_result  # noqa: E402
from pytorch_train_seed import seed_resnet18  # noqa: E402

# network -> (model factory, image side, channels, classes, default batch)
NETWORKS = {
    "resnet50": (lambda: torchvision.models.resnet50(), 224, 3, 1000, 8),
    "mnist-resnet18": (lambda: seed_resnet18(1, 10), 28, 1, 10, 128),
}
MALLOC_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", default="resnet50", choices=tuple(NETWORKS))
    parser.add_argument("--batch", type=int, default=0, help="images per step (default: 8 or 128 by network)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3, help="untimed steps, at least")
    parser.add_argument("--warmup-seconds", type=float, default=20.0,
                        help="untimed steps go on until this much time has passed as well")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engine", default="pytorch", help="the engine name of the record line")
    args = parser.parse_args()

    factory, side, channels, classes, default_batch = NETWORKS[args.network]
    batch = args.batch or default_batch
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = factory().train()
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    images = torch.randn(batch, channels, side, side)
    labels = torch.randint(0, classes, (batch,))
    malloc = " ".join(f"{k}={os.environ[k]}" for k in MALLOC_SETTINGS if k in os.environ) or "glibc defaults"
    print(f"{args.engine}: pytorch {torch.__version__}, torchvision {torchvision.__version__}, "
          f"{torch.get_num_threads()} threads, mkldnn {torch.backends.mkldnn.is_available()}, malloc: {malloc}",
          file=sys.stderr)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    losses = []
    warmup_start = time.perf_counter()
    done = 0
    while done < args.warmup or time.perf_counter() - warmup_start < args.warmup_seconds:
        start = time.perf_counter()
        losses.append(step())
        done += 1
        print(f"  warm-up step {done}: {(time.perf_counter() - start) * 1000.0:.0f} ms", file=sys.stderr, flush=True)
    samples = []
    for i in range(args.runs):
        start = time.perf_counter()
        losses.append(step())
        samples.append((time.perf_counter() - start) * 1000.0)
        print(f"  step {i + 1}/{args.runs}: {samples[-1]:.0f} ms", file=sys.stderr, flush=True)
    print_result(args.engine, f"{args.engine} {args.network} training step batch {batch}", args.network, batch,
                 samples, f"; loss {losses[0]:.4f} at step 1, {losses[-1]:.4f} at step {len(losses)}")


if __name__ == "__main__":
    main()
