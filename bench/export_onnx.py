#!/usr/bin/env python3
"""Exports torchvision's ResNets to ONNX for the ONNX Runtime peer of ResNet4J's benchmark, with a check pair.

For each network (resnet50, resnet18): torchvision.models.NETWORK() with the weights of torch.manual_seed(0), in
eval mode, exported with torch.onnx (opset 13, input "input" NCHW float32 [batch, 3, 224, 224], output "logits"
[batch, 1000], the batch dimension dynamic). Next to each model it writes a fixed input and PyTorch's output for
it, so that the ONNX Runtime runner can prove that it runs the same network before it is timed:

    OUT/NETWORK.onnx          the model
    OUT/NETWORK.input.f32     CHECK_BATCH x 3 x 224 x 224 float32, little-endian, C order (torch.manual_seed(1))
    OUT/NETWORK.logits.f32    CHECK_BATCH x 1000 float32, little-endian: PyTorch's logits for that input

Needs only python3-torch and python3-torchvision (torch 1.13's exporter does not need the onnx package). Run with
Debian's interpreter: /usr/bin/python3 bench/export_onnx.py --out bench/target/onnx
"""
import argparse
import os
import sys

import torch
import torchvision

NETWORKS = ("resnet50", "resnet18")
CHECK_BATCH = 2
OPSET = 13


def export(network, out):
    torch.manual_seed(0)
    model = getattr(torchvision.models, network)().eval()
    torch.manual_seed(1)
    images = torch.randn(CHECK_BATCH, 3, 224, 224)
    with torch.no_grad():
        logits = model(images)
    path = os.path.join(out, network + ".onnx")
    # Written under a temporary name first, so that an interrupted export never leaves a file that looks complete.
    partial = path + ".partial"
    torch.onnx.export(model, images, partial, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=OPSET)
    write_f32(images, os.path.join(out, network + ".input.f32"))
    write_f32(logits, os.path.join(out, network + ".logits.f32"))
    os.replace(partial, path)
    print(f"{network}: {path} ({os.path.getsize(path) / 1e6:.1f} MB), check input {tuple(images.shape)}, "
          f"logits {tuple(logits.shape)} (max |logit| {logits.abs().max().item():.4g})", file=sys.stderr)


def write_f32(tensor, path):
    # numpy's tofile writes the machine's byte order: little-endian on every machine this benchmark runs on.
    assert sys.byteorder == "little", "the .f32 files are little-endian"
    tensor.detach().contiguous().to(torch.float32).numpy().tofile(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for the files (created when missing)")
    parser.add_argument("--networks", default=",".join(NETWORKS))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    print(f"pytorch {torch.__version__}, torchvision {torchvision.__version__}, opset {OPSET}", file=sys.stderr)
    for network in args.networks.split(","):
        if network not in NETWORKS:
            parser.error(f"--networks expects names from {','.join(NETWORKS)}. Received: \"{network}\"")
        export(network, args.out)


if __name__ == "__main__":
    main()
