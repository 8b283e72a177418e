#!/usr/bin/python3
"""The PyTorch peer for `resnet4j train`: the seed post's MNIST "ResNet-18" trained with the seed's recipe.

The network is the seed's Keras code (conv_block / identity_block, 28x28x1, global average pool, dense 10 + softmax)
written with Keras' defaults in PyTorch terms: convolutions with bias, BatchNorm eps=1e-3 and Keras momentum 0.99
(PyTorch momentum 0.01), Adam with Keras' defaults (lr 1e-3, betas 0.9/0.999, eps 1e-7), categorical cross-entropy
on the softmax output. The data are IDX files (MNIST or Fashion-MNIST, plain or gzip), scaled to [0, 1] as the seed
does; the last `--validation-split` of the training samples are held out before shuffling, as Keras does.

    /usr/bin/python3 bench/pytorch_train_seed.py --data-dir /usr/share/datasets/fashion-mnist \
        [--epochs 10] [--batch-size 128] [--threads 2] [--limit-train N] [--max-steps N] [--seed 42]

Prints the CPU, one line per epoch (loss, accuracy, validation, seconds) and the test accuracy. `--max-steps` stops
each epoch early, for timing a few hundred steps only (the seconds per epoch are then projected from them).
"""
import argparse
import gzip
import os
import platform
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    magic, count = struct.unpack(">II", raw[:8])
    if magic == 0x00000803:
        rows, cols = struct.unpack(">II", raw[8:16])
        return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(count, rows, cols)
    if magic == 0x00000801:
        return np.frombuffer(raw, dtype=np.uint8, offset=8).reshape(count)
    raise ValueError(f"{path}: not an IDX images or labels file (magic {magic:#010x})")


def find(data_dir, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(data_dir, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"{data_dir}: no {stem}[.gz]")


def load(data_dir, split):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(find(data_dir, f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(find(data_dir, f"{prefix}-labels-idx1-ubyte"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)  # NCHW
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


class ConvBlock(nn.Module):
    """conv_block: Conv2D(3x3, same) -> BatchNormalization -> ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride, padding=1, bias=True)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class IdentityBlock(nn.Module):
    """identity_block: two 3x3 convolutions with BN, the input added, then ReLU."""

    def __init__(self, channels):
        super().__init__()
        self.first = ConvBlock(channels, channels, 1)
        self.conv = nn.Conv2d(channels, channels, 3, 1, padding=1, bias=True)
        self.bn = nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)

    def forward(self, x):
        return F.relu(x + self.bn(self.conv(self.first(x))))


def seed_resnet18(channels=1, classes=10):
    layers = []
    cin = channels
    for width, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        layers += [ConvBlock(cin, width, stride), IdentityBlock(width), IdentityBlock(width)]
        cin = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, classes))


def cross_entropy_of_softmax(logits, labels):
    # Keras' categorical_crossentropy on a softmax output clips the probabilities to [1e-7, 1 - 1e-7]
    probabilities = torch.softmax(logits, dim=1).clamp(1e-7, 1 - 1e-7)
    return -torch.log(probabilities.gather(1, labels.unsqueeze(1))).mean()


def evaluate(model, x, y, batch_size):
    model.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(x), batch_size):
            logits = model(x[start:start + batch_size])
            labels = y[start:start + batch_size]
            loss_sum += cross_entropy_of_softmax(logits, labels).item() * len(labels)
            correct += (logits.argmax(1) == labels).sum().item()
    model.train()
    return loss_sum / len(x), correct / len(x)


def cpu_description():
    model_name, flags = platform.processor(), ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and not model_name:
                    model_name = line.split(":", 1)[1].strip()
                if line.startswith("flags") and not flags:
                    flags = " ".join(x for x in line.split(":", 1)[1].split() if x.startswith(("avx", "fma")))
    except OSError:
        pass
    return f"{model_name} ({os.cpu_count()} CPUs; {flags})"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", required=True)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--validation-split", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit-train", type=int, default=0)
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y = load(a.data_dir, "train")
    if a.limit_train:
        x, y = x[:a.limit_train], y[:a.limit_train]
    held_out = int(len(x) * a.validation_split)
    x_train, y_train, x_val, y_val = x[:len(x) - held_out], y[:len(x) - held_out], x[len(x) - held_out:], y[len(x) - held_out:]
    x_test, y_test = load(a.data_dir, "test")
    model = seed_resnet18(x.shape[1], 10)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    print(f"cpu: {cpu_description()}")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; train {len(x_train)}, validation {len(x_val)}, "
          f"test {len(x_test)}; batch {a.batch_size}")
    steps_per_epoch = (len(x_train) + a.batch_size - 1) // a.batch_size
    generator = torch.Generator().manual_seed(a.seed)
    for epoch in range(1, a.epochs + 1):
        order = torch.randperm(len(x_train), generator=generator)
        start, loss_sum, correct, seen, steps = time.perf_counter(), 0.0, 0, 0, 0
        for begin in range(0, len(x_train), a.batch_size):
            index = order[begin:begin + a.batch_size]
            images, labels = x_train[index], y_train[index]
            logits = model(images)
            loss = cross_entropy_of_softmax(logits, labels)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(labels)
            correct += (logits.argmax(1) == labels).sum().item()
            seen += len(labels)
            steps += 1
            if a.max_steps and steps >= a.max_steps:
                break
        seconds = time.perf_counter() - start
        projected = seconds * steps_per_epoch / steps
        line = (f"epoch {epoch}/{a.epochs}: loss={loss_sum / seen:.4f} accuracy={correct / seen:.4f} "
                f"seconds={seconds:.1f} ({steps} steps, {1000 * seconds / steps:.0f} ms/step, "
                f"{seen / seconds:.0f} img/s, projected epoch {projected:.0f} s)")
        if len(x_val) and not a.max_steps:
            val_loss, val_accuracy = evaluate(model, x_val, y_val, 512)
            line += f" val_loss={val_loss:.4f} val_accuracy={val_accuracy:.4f}"
        print(line, flush=True)
    if not a.max_steps:
        test_loss, test_accuracy = evaluate(model, x_test, y_test, 512)
        print(f"test: loss={test_loss:.4f} accuracy={test_accuracy:.4f}")


if __name__ == "__main__":
    main()
