#!/usr/bin/env python3
"""Writes the small Keras-layout HDF5 weight files used by KerasH5WeightsTest.

Run from this directory with Debian's python3-h5py and python3-numpy:
    /usr/bin/python3 make_keras_h5.py
It mimics what Keras' save_weights writes (root attribute layer_names, per-layer attribute weight_names, datasets
<layer>/<weight name>), once with keras.applications layer names (Keras 2 weight names such as conv1_conv/kernel:0)
and once with the Caffe-style names of the original Keras ResNet50 and Keras 1 weight names (conv1_W:0,
bn_conv1_running_std:0). expected.npz holds every tensor under this project's parameter name, written here from the
same arrays, so the Java test checks the name translation and the data path against numpy.
"""
import h5py
import numpy as np

rng = np.random.default_rng(20261123)

# (keras.applications name, Caffe-style name, kind, shapes)
LAYERS = [
    ("conv1_conv", "conv1", "conv", (3, 3, 3, 4)),
    ("conv1_bn", "bn_conv1", "bn", 4),
    ("conv2_block1_0_conv", "res2a_branch1", "conv", (1, 1, 4, 8)),
    ("conv2_block1_0_bn", "bn2a_branch1", "bn", 8),
    ("conv2_block1_1_conv", "res2a_branch2a", "conv", (1, 1, 4, 2)),
    ("conv2_block1_1_bn", "bn2a_branch2a", "bn", 2),
    ("predictions", "fc1000", "dense", (8, 5)),
]
PARAMETER_FREE = ["input_1", "conv1_relu", "avg_pool"]


def tensors(kind, shape):
    if kind in ("conv", "dense"):
        return [("kernel", rng.standard_normal(shape).astype(np.float32)),
                ("bias", rng.standard_normal(shape[-1]).astype(np.float32))]
    n = shape
    return [("gamma", rng.standard_normal(n).astype(np.float32)),
            ("beta", rng.standard_normal(n).astype(np.float32)),
            ("moving_mean", rng.standard_normal(n).astype(np.float32)),
            ("moving_variance", rng.uniform(0.5, 2.0, n).astype(np.float32))]


VALUES = {apps: tensors(kind, shape) for apps, _, kind, shape in LAYERS}
KERAS1 = {"kernel": "W", "bias": "b", "gamma": "gamma", "beta": "beta",
          "moving_mean": "running_mean", "moving_variance": "running_std"}


def write(path, caffe_names=False, drop=None, extra=False, reshape=None, dangling=False, no_layer_names=False,
          full_model=False, chunked=False, float64=False):
    with h5py.File(path, "w") as root:
        # model.save() keeps the weights in the group model_weights, beside the model's JSON config
        f = root.create_group("model_weights") if full_model else root
        if full_model:
            root.attrs["model_config"] = b'{"class_name": "Functional"}'
        names = []
        for apps, caffe, kind, shape in LAYERS:
            layer = caffe if caffe_names else apps
            names.append(layer)
            g = f.create_group(layer)
            weight_names = []
            for short, value in VALUES[apps]:
                if drop == apps + "/" + short:
                    continue
                if reshape == apps + "/" + short:
                    value = value.reshape(-1)
                if float64:
                    value = value.astype(np.float64)
                wname = (layer + "_" + KERAS1[short] + ":0") if caffe_names else (layer + "/" + short + ":0")
                weight_names.append(wname.encode("utf8"))
                if not (dangling and short == "bias" and apps == "predictions"):
                    g.create_dataset(wname, data=value)
            g.attrs["weight_names"] = np.array(weight_names)
        for free in PARAMETER_FREE:
            names.append(free)
            g = f.create_group(free)
            g.attrs["weight_names"] = np.array([])  # what Keras writes for a layer without weights
        if extra:
            names.append("fc_extra")
            g = f.create_group("fc_extra")
            g.create_dataset("fc_extra/kernel:0", data=np.ones((2, 3), np.float32))
            g.attrs["weight_names"] = np.array([b"fc_extra/kernel:0"])
        encoded = [n.encode("utf8") for n in names]
        if chunked:  # how Keras splits attributes over HDF5's 64 KiB limit: layer_names0, layer_names1, ...
            f.attrs["layer_names0"] = np.array(encoded[:4])
            f.attrs["layer_names1"] = np.array(encoded[4:])
        elif not no_layer_names:
            f.attrs["layer_names"] = np.array(encoded)
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.2.4"


write("tiny_keras_applications.h5")
write("tiny_caffe_names.h5", caffe_names=True)
write("tiny_full_model_save.h5", full_model=True)
write("tiny_chunked_layer_names_float64.h5", chunked=True, float64=True)
write("bad_missing_tensor.h5", drop="conv1_bn/moving_variance")
write("bad_unexpected_tensor.h5", extra=True)
write("bad_wrong_shape.h5", reshape="conv1_conv/kernel")
write("bad_dangling_weight_name.h5", dangling=True)
write("bad_no_layer_names.h5", no_layer_names=True)
np.savez("expected.npz", **{apps + "/" + short: v for apps, vs in VALUES.items() for short, v in vs})
