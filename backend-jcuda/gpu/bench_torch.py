#!/usr/bin/env python3
"""ResNet-50 224x224 float32 inference throughput with PyTorch + cuDNN, TF32 off: the reference the jcuda
backend is compared with. Usage: bench_torch.py BATCH [BATCH ...]. Prints one line per batch in the same
format as CudaResNet50Benchmark."""
import sys
import time

import torch
import torchvision

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
torch.backends.cudnn.benchmark = True


def bench(batch, warmup=10, iterations=30):
    model = torchvision.models.resnet50(weights=None).cuda().eval()
    x = torch.randn(batch, 3, 224, 224, device="cuda")
    with torch.no_grad():
        for _ in range(warmup):
            model(x)
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(iterations):
            model(x)
        torch.cuda.synchronize()
        seconds = (time.perf_counter() - start) / iterations
    print("resnet50 backend=torch-cudnn batch=%d ms_per_batch=%.3f images_per_s=%.1f device=%s torch=%s"
          % (batch, seconds * 1e3, batch / seconds, torch.cuda.get_device_name(0), torch.__version__))


if __name__ == "__main__":
    for b in (sys.argv[1:] or ["1", "64"]):
        bench(int(b))
