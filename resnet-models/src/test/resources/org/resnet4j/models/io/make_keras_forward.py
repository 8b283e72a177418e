#!/usr/bin/env python3
"""Writes tiny_seed_resnet.h5 and tiny_seed_resnet_io.npz for KerasH5ForwardTest.

Run from this directory with Debian's python3-h5py and python3-numpy:
    /usr/bin/python3 make_keras_forward.py
A miniature of the seed's Keras ResNet50, same layer kinds and options, narrower and with one block:
ZeroPadding2D(3) -> conv1 7x7/2 VALID with bias -> bn_conv1 (epsilon 1e-3) -> relu -> 3x3/2 VALID max pool ->
conv block "2a" (res2a_branch2a 1x1 stride 2, branch2b 3x3 SAME, branch2c 1x1, shortcut res2a_branch1 1x1 stride 2,
each followed by its BatchNormalization; ReLU after the add) -> average pool over the whole map -> fc1000 softmax.
The weights are saved with the original file's Caffe-style layer names and Keras 1 weight names; the output for a
random input is computed here with plain numpy (written for this script, not Keras), so the Java test compares the
whole import against an independent forward pass.
"""
import h5py
import numpy as np

rng = np.random.default_rng(424242)
EPS = 1e-3


def conv(x, k, b, stride, padding):
    kh, kw, cin, cout = k.shape
    if padding == "same":  # stride 1 here: symmetric (k - 1) / 2
        ph, pw = (kh - 1) // 2, (kw - 1) // 2
        x = np.pad(x, ((0, 0), (ph, kh - 1 - ph), (pw, kw - 1 - pw), (0, 0)))
    n, h, w, _ = x.shape
    oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
    out = np.zeros((n, oh, ow, cout), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i:i + stride * (oh - 1) + 1:stride, j:j + stride * (ow - 1) + 1:stride, :]
            out += np.einsum("nhwc,co->nhwo", patch, k[i, j])
    return out + b


def bn(x, p):
    gamma, beta, mean, var = p
    return gamma * (x - mean) / np.sqrt(var + EPS) + beta


def maxpool(x, size, stride):
    n, h, w, c = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.full((n, oh, ow, c), -np.inf)
    for i in range(size):
        for j in range(size):
            out = np.maximum(out, x[:, i:i + stride * (oh - 1) + 1:stride, j:j + stride * (ow - 1) + 1:stride, :])
    return out


def relu(x):
    return np.maximum(x, 0)


def conv_params(kh, kw, cin, cout):
    return [rng.standard_normal((kh, kw, cin, cout)).astype(np.float32) * np.float32(0.3),
            rng.standard_normal(cout).astype(np.float32) * np.float32(0.1)]


def bn_params(c):
    return [rng.uniform(0.5, 1.5, c).astype(np.float32), rng.standard_normal(c).astype(np.float32) * np.float32(0.1),
            rng.standard_normal(c).astype(np.float32) * np.float32(0.1), rng.uniform(0.5, 2.0, c).astype(np.float32)]


W = {
    "conv1": conv_params(7, 7, 3, 4), "bn_conv1": bn_params(4),
    "res2a_branch2a": conv_params(1, 1, 4, 2), "bn2a_branch2a": bn_params(2),
    "res2a_branch2b": conv_params(3, 3, 2, 2), "bn2a_branch2b": bn_params(2),
    "res2a_branch2c": conv_params(1, 1, 2, 8), "bn2a_branch2c": bn_params(8),
    "res2a_branch1": conv_params(1, 1, 4, 8), "bn2a_branch1": bn_params(8),
    "fc1000": [rng.standard_normal((8, 5)).astype(np.float32), rng.standard_normal(5).astype(np.float32)],
}
x_in = rng.uniform(-2, 2, (2, 19, 19, 3)).astype(np.float32)

x = np.pad(x_in.astype(np.float64), ((0, 0), (3, 3), (3, 3), (0, 0)))
x = relu(bn(conv(x, *W["conv1"], 2, "valid"), W["bn_conv1"]))
x = maxpool(x, 3, 2)
y = relu(bn(conv(x, *W["res2a_branch2a"], 2, "valid"), W["bn2a_branch2a"]))
y = relu(bn(conv(y, *W["res2a_branch2b"], 1, "same"), W["bn2a_branch2b"]))
y = bn(conv(y, *W["res2a_branch2c"], 1, "valid"), W["bn2a_branch2c"])
s = bn(conv(x, *W["res2a_branch1"], 2, "valid"), W["bn2a_branch1"])
x = relu(y + s)
x = x.mean(axis=(1, 2))
logits = x @ W["fc1000"][0] + W["fc1000"][1]
e = np.exp(logits - logits.max(axis=1, keepdims=True))
probs = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)

KERAS1_CONV = ["W", "b"]
KERAS1_BN = ["gamma", "beta", "running_mean", "running_std"]
with h5py.File("tiny_seed_resnet.h5", "w") as f:
    names = ["input_1", "zero_padding2d_1"]
    for layer, params in W.items():
        names.append(layer)
        g = f.create_group(layer)
        suffixes = KERAS1_BN if layer.startswith("bn") else KERAS1_CONV
        wn = []
        for suffix, value in zip(suffixes, params):
            name = "%s_%s:0" % (layer, suffix)
            g.create_dataset(name, data=value)
            wn.append(name.encode("utf8"))
        g.attrs["weight_names"] = np.array(wn)
    for free in ["input_1", "zero_padding2d_1"]:
        f.create_group(free).attrs["weight_names"] = np.array([])
    f.attrs["layer_names"] = np.array([n.encode("utf8") for n in names])
np.savez("tiny_seed_resnet_io.npz", input=x_in, output=probs)
print("probabilities", probs)
