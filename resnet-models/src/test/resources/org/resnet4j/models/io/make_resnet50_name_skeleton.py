#!/usr/bin/env python3
"""Writes resnet50_caffe_names_skeleton.h5 and resnet50_keras_applications_names.txt for KerasH5WeightsTest.

Run from this directory with Debian's python3-h5py and python3-numpy:
    /usr/bin/python3 make_resnet50_name_skeleton.py
The .h5 file has the layer and weight names of the original Keras ResNet50 weights
(resnet50_weights_tf_dim_ordering_tf_kernels.h5: conv1, bn_conv1, res2a_branch2a, ..., fc1000, Keras 1 weight names
such as conv1_W:0) in the save_weights layout, but every tensor is a single float so the file stays small: it tests
the name translation of the whole network, not shapes. The text file lists, written independently from
keras.applications' naming rule, the parameter names this project must give those tensors, in file order.
"""
import h5py
import numpy as np

STAGES = [(2, 3), (3, 4), (4, 6), (5, 3)]  # ResNet50: blocks per stage
CONV = [("kernel", "W"), ("bias", "b")]
BN = [("gamma", "gamma"), ("beta", "beta"), ("moving_mean", "running_mean"), ("moving_variance", "running_std")]

layers = [("conv1", "conv1_conv", CONV), ("bn_conv1", "conv1_bn", BN)]
for stage, blocks in STAGES:
    for b in range(blocks):
        letter = "abcdefghijklmnopqrstuvwxyz"[b]
        branches = [("2a", 1), ("2b", 2), ("2c", 3)] + ([("1", 0)] if b == 0 else [])
        for caffe_branch, apps_index in branches:
            apps = "conv%d_block%d_%d" % (stage, b + 1, apps_index)
            layers.append(("res%d%s_branch%s" % (stage, letter, caffe_branch), apps + "_conv", CONV))
            layers.append(("bn%d%s_branch%s" % (stage, letter, caffe_branch), apps + "_bn", BN))
layers.append(("fc1000", "predictions", CONV))

expected = []
with h5py.File("resnet50_caffe_names_skeleton.h5", "w") as f:
    for caffe, apps, params in layers:
        g = f.create_group(caffe)
        names = []
        for ours, keras1 in params:
            name = "%s_%s:0" % (caffe, keras1)
            g.create_dataset(name, data=np.zeros((1,), np.float32))
            names.append(name.encode("utf8"))
            expected.append(apps + "/" + ours)
        g.attrs["weight_names"] = np.array(names)
    f.attrs["layer_names"] = np.array([c.encode("utf8") for c, _, _ in layers])
with open("resnet50_keras_applications_names.txt", "w") as out:
    out.write("\n".join(expected) + "\n")
print(len(layers), "layers,", len(expected), "tensors")
