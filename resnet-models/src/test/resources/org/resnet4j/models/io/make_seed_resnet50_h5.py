#!/usr/bin/env python3
"""Writes resnet50_seed_constant.h5 and resnet50_seed_constant.txt for KerasSeedResNet50Test.

Run from this directory with Debian's python3-h5py and python3-numpy:
    /usr/bin/python3 make_seed_resnet50_h5.py
The .h5 file has the layout of the original Keras ResNet50 weights that the seed tutorial loads
(resnet50_weights_tf_dim_ordering_tf_kernels.h5, written by Keras' save_weights): the Caffe-style layer names
(conv1, bn_conv1, res2a_branch2a, ..., fc1000), Keras 1 weight names (conv1_W:0, bn_conv1_running_std:0, ...),
weightless layers listed with an empty weight_names, and every tensor at its real shape, which this script derives
from the seed's ResNet50 code (shared/seeds/004_28bb3e75fbb02a54.txt, section 3.3) on its own. Each tensor is filled
with one constant of its own and stored gzip-compressed as a single chunk, so the 25.6 million values take little
space; the file is written in HDF5's newest format version (libver="latest"), whose single-chunk index keeps it at
about 250 KB (Keras writes the oldest version, which the other test files cover). The text file
lists, for every tensor in file order, the keras.applications-style name ResNet4J must give it, its shape and its
constant.
"""
import h5py
import numpy as np

STAGES = [(2, 3, 64), (3, 4, 128), (4, 6, 256), (5, 3, 512)]  # stage, blocks, bottleneck width (filters1)


def conv(keras_name, ours, k, cin, cout):
    return (keras_name, ours, [("W", "kernel", (k, k, cin, cout)), ("b", "bias", (cout,))])


def bn(keras_name, ours, c):
    return (keras_name, ours, [("gamma", "gamma", (c,)), ("beta", "beta", (c,)),
                               ("running_mean", "moving_mean", (c,)), ("running_std", "moving_variance", (c,))])


def weightless(keras_name):
    return (keras_name, None, [])


# (Keras layer name, ResNet4J layer name, [(Keras 1 weight suffix, ResNet4J parameter, shape)])
layers = [weightless("input_1"), weightless("zeropadding2d_1"), conv("conv1", "conv1_conv", 7, 3, 64),
          bn("bn_conv1", "conv1_bn", 64), weightless("activation_1"), weightless("maxpooling2d_1")]
channels = 64
for stage, blocks, width in STAGES:
    out = 4 * width
    for b in range(blocks):
        letter = "abcdefghijklmnopqrstuvwxyz"[b]
        ours = "conv%d_block%d" % (stage, b + 1)
        # conv_block (b == 0) and identity_block: 1x1 to width, 3x3, 1x1 to 4 * width, plus the 1x1 shortcut
        specs = [("2a", 1, 1, channels if b == 0 else out, width), ("2b", 2, 3, width, width), ("2c", 3, 1, width, out)]
        if b == 0:
            specs.append(("1", 0, 1, channels, out))
        for branch, index, k, cin, cout in specs:
            layers.append(conv("res%d%s_branch%s" % (stage, letter, branch), "%s_%d_conv" % (ours, index), k, cin, cout))
            layers.append(bn("bn%d%s_branch%s" % (stage, letter, branch), "%s_%d_bn" % (ours, index), cout))
    channels = out
layers += [weightless("avg_pool"), weightless("flatten_1"),
           ("fc1000", "predictions", [("W", "kernel", (2048, 1000)), ("b", "bias", (1000,))])]

lines = []
total = 0
with h5py.File("resnet50_seed_constant.h5", "w", libver="latest") as f:
    for keras_name, ours, weights in layers:
        g = f.create_group(keras_name)
        names = []
        for keras1, param, shape in weights:
            value = np.float32(0.25 * (len(lines) + 1))
            name = "%s_%s:0" % (keras_name, keras1)
            g.create_dataset(name, data=np.full(shape, value, np.float32), compression="gzip", compression_opts=9,
                             chunks=shape)
            names.append(name.encode("utf8"))
            lines.append("%s/%s %s %r" % (ours, param, ",".join(str(d) for d in shape), float(value)))
            total += int(np.prod(shape))
        # Keras writes an empty attribute for a layer without weights
        g.attrs["weight_names"] = np.array(names) if names else np.zeros((0,), np.float32)
    f.attrs["layer_names"] = np.array([e[0].encode("utf8") for e in layers])
with open("resnet50_seed_constant.txt", "w") as out:
    out.write("\n".join(lines) + "\n")
print(len(layers), "layers,", len(lines), "tensors,", total, "values")
