#!/usr/bin/python3
"""Where PyTorch's time goes in one training step of the seed network (bench/pytorch_train_seed.py's model and loss).

Runs warm-up steps on random 28x28x1 images, then profiles a few steps with torch.autograd.profiler and prints,
per step, the wall and process CPU milliseconds and the operators by self CPU time; compare with nd4j's per-op
figures in docs/training.md ("Speed").

    /usr/bin/python3 bench/pytorch_profile_seed.py [--threads 2] [--batch-size 128] [--steps 3] [--warmup 2]
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_train_seed import cpu_description, cross_entropy_of_softmax, seed_resnet18  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--steps", type=int, default=3)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--rows", type=int, default=30)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    model = seed_resnet18(1, 10)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    images = torch.rand(a.batch_size, 1, 28, 28)
    labels = torch.randint(0, 10, (a.batch_size,))

    def step():
        loss = cross_entropy_of_softmax(model(images), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    print(f"cpu: {cpu_description()}; torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"batch {a.batch_size}")
    for i in range(a.warmup + a.steps):
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        print(f"step {i}: {1000 * (time.perf_counter() - wall):.0f} ms wall, "
              f"{1000 * (time.process_time() - cpu):.0f} ms cpu{' (warm-up)' if i < a.warmup else ''}", flush=True)
    with torch.autograd.profiler.profile() as prof:
        for _ in range(a.steps):
            step()
    print(f"profile of {a.steps} steps (totals over them):")
    print(prof.key_averages(group_by_input_shape=True).table(sort_by="self_cpu_time_total", row_limit=a.rows))


if __name__ == "__main__":
    main()
