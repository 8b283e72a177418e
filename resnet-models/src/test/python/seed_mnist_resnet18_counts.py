#!/usr/bin/python3
"""Parameter counts and output shapes of the seed's MNIST ResNet-18, computed twice, written as a JSON golden.

The seed post (Chinese, "... 实现了手写数字识别") builds this network in Keras:

    def conv_block(inputs, filters, strides):
        x = layers.Conv2D(filters, 3, strides=strides, padding="same")(inputs)
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
        return x

    def identity_block(inputs, filters):
        x = layers.Conv2D(filters, 3, padding="same")(inputs)
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
        x = layers.Conv2D(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Add()([inputs, x])
        x = layers.ReLU()(x)
        return x

    def resnet18():
        inputs = keras.Input(shape=(28, 28, 1))
        x = conv_block(inputs, 64, strides=1)
        x = identity_block(x, 64)
        x = identity_block(x, 64)
        x = conv_block(x, 128, strides=2)
        ... (identity x2, conv_block 256/2, identity x2, conv_block 512/2, identity x2)
        x = layers.GlobalAveragePooling2D()(x)
        outputs = layers.Dense(10, activation="softmax")(x)
        return keras.Model(inputs, outputs)

TensorFlow is not installed here, so the Keras numbers are computed in two independent ways:

1. By Keras' rules, layer by layer, with Keras' automatic names (input_1, conv2d, conv2d_1, batch_normalization,
   re_lu, add, global_average_pooling2d, dense): Conv2D has k*k*in*out + out weights (bias on by default);
   BatchNormalization has 4*C, gamma and beta trainable, moving mean and variance (2*C) not; Dense has in*out + out;
   padding "same" gives ceil(size / stride).
2. By building the same network in PyTorch (TensorFlow's "same" padding done by an explicit F.pad that puts the odd
   pixel at the bottom/right), counting parameters() as trainable and the BatchNorm running_mean / running_var
   buffers as Keras' non-trainable weights (num_batches_tracked has no Keras counterpart), and reading every layer's
   output shape with forward hooks on one sample.

The script stops with an error if the two disagree anywhere, then writes the golden for the seed's 28x28x1 input
and for a 32x32x3 (CIFAR-10) input, both with 10 classes.

usage: /usr/bin/python3 seed_mnist_resnet18_counts.py [OUT.json]
(default: ../resources/org/resnet4j/models/resnet/seed_mnist_resnet18_counts.json next to this script;
 Debian: apt-get install -y python3-torch; written with torch 1.13)
"""
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class KerasNames:
    """Keras' automatic layer names: the first layer of a kind has the bare name, later ones _1, _2, ..."""

    def __init__(self):
        self.counts = {}

    def next(self, base):
        k = self.counts.get(base, 0)
        self.counts[base] = k + 1
        return base if k == 0 else "%s_%d" % (base, k)


def keras_rules(height, width, channels, classes):
    """The seed's layers as Keras would list them: name, type, per-sample output shape, params, non-trainable."""
    names = KerasNames()
    layers = [{"name": "input_1", "type": "InputLayer", "output_shape": [height, width, channels],
               "params": 0, "non_trainable": 0}]

    def add(base, type_name, shape, params=0, non_trainable=0):
        layers.append({"name": names.next(base), "type": type_name, "output_shape": list(shape),
                       "params": params, "non_trainable": non_trainable})
        return layers[-1]["name"]

    def conv(shape, filters, strides):
        h, w, c = shape
        out = (math.ceil(h / strides), math.ceil(w / strides), filters)
        add("conv2d", "Conv2D", out, 3 * 3 * c * filters + filters)
        return out

    def bn(shape):
        c = shape[2]
        add("batch_normalization", "BatchNormalization", shape, 4 * c, 2 * c)
        return shape

    def conv_block(shape, filters, strides):
        shape = bn(conv(shape, filters, strides))
        add("re_lu", "ReLU", shape)
        return shape

    def identity_block(shape, filters):
        x = bn(conv(shape, filters, 1))
        add("re_lu", "ReLU", x)
        x = bn(conv(x, filters, 1))
        assert x == shape, "identity_block changes the shape: %s -> %s" % (shape, x)
        add("add", "Add", x)
        add("re_lu", "ReLU", x)
        return x

    shape = (height, width, channels)
    for filters, strides in ((64, 1), (128, 2), (256, 2), (512, 2)):
        shape = conv_block(shape, filters, strides)
        shape = identity_block(shape, filters)
        shape = identity_block(shape, filters)
    add("global_average_pooling2d", "GlobalAveragePooling2D", (shape[2],))
    add("dense", "Dense", (classes,), shape[2] * classes + classes)
    return layers


class SameConv(nn.Conv2d):
    """A 3x3 convolution with TensorFlow's "same" padding: total ((ceil(n/s) - 1) * s + k - n), odd pixel last."""

    def forward(self, x):
        pads = []
        for n, k, s in ((x.shape[3], 3, self.stride[1]), (x.shape[2], 3, self.stride[0])):
            total = max((math.ceil(n / s) - 1) * s + k - n, 0)
            pads += [total // 2, total - total // 2]
        return super().forward(F.pad(x, pads))


class TorchSeedResNet18(nn.Module):
    """The seed's network in PyTorch; module names are the Keras names, so hooks report shapes by Keras name."""

    def __init__(self, channels, classes):
        super().__init__()
        self.names = KerasNames()
        self.plan = []  # (kind, name or names) in the order Keras creates the layers
        c = channels
        for filters, strides in ((64, 1), (128, 2), (256, 2), (512, 2)):
            self.plan.append(("conv_block", self.conv_bn(c, filters, strides), self.names.next("re_lu")))
            c = filters
            for _ in range(2):
                first = self.conv_bn(c, c, 1)
                relu = self.names.next("re_lu")
                second = self.conv_bn(c, c, 1)
                self.plan.append(("identity_block", first, relu, second, self.names.next("add"),
                                  self.names.next("re_lu")))
        self.pool_name = self.names.next("global_average_pooling2d")
        self.dense = nn.Linear(c, classes)

    def conv_bn(self, cin, cout, stride):
        conv, norm = self.names.next("conv2d"), self.names.next("batch_normalization")
        # Keras' BatchNormalization: epsilon 1e-3, momentum 0.99 (PyTorch's momentum is 1 - Keras').
        self.add_module(conv, SameConv(cin, cout, 3, stride=stride, bias=True))
        self.add_module(norm, nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01))
        return conv, norm

    def run(self, pair, x):
        conv, norm = pair
        return getattr(self, norm)(getattr(self, conv)(x))

    def forward(self, x, record):
        for step in self.plan:
            if step[0] == "conv_block":
                x = F.relu(self.run(step[1], x))
                record(step[2], x)
            else:
                _, first, relu, second, add_name, out_relu = step
                y = F.relu(self.run(first, x))
                record(relu, y)
                y = x + self.run(second, y)
                record(add_name, y)
                x = F.relu(y)
                record(out_relu, x)
        x = x.mean(dim=(2, 3))
        record(self.pool_name, x)
        return torch.softmax(self.dense(x), dim=1)


def torch_counts(height, width, channels, classes):
    model = TorchSeedResNet18(channels, classes).eval()
    shapes = {"input_1": [height, width, channels]}

    def record(name, t):
        # NCHW -> Keras' per-sample NHWC
        shapes[name] = [t.shape[2], t.shape[3], t.shape[1]] if t.dim() == 4 else list(t.shape[1:])

    for name, module in model.named_children():
        module.register_forward_hook(
            lambda m, i, o, name=name: record(name, o))
    with torch.no_grad():
        out = model(torch.zeros(1, channels, height, width), record)
    shapes["dense"] = list(out.shape[1:])
    params = {}
    for name, module in model.named_children():
        trainable = sum(p.numel() for p in module.parameters())
        moving = sum(b.numel() for n, b in module.named_buffers() if n in ("running_mean", "running_var"))
        params[name] = (trainable + moving, moving)
    trainable = sum(p.numel() for p in model.parameters())
    non_trainable = sum(b.numel() for n, b in model.named_buffers()
                        if n.endswith("running_mean") or n.endswith("running_var"))
    return shapes, params, trainable, non_trainable


def golden(height, width, channels, classes):
    layers = keras_rules(height, width, channels, classes)
    total = sum(l["params"] for l in layers)
    non_trainable = sum(l["non_trainable"] for l in layers)
    shapes, params, t_trainable, t_non_trainable = torch_counts(height, width, channels, classes)
    problems = []
    if (total - non_trainable, non_trainable) != (t_trainable, t_non_trainable):
        problems.append("totals: keras rules %d trainable / %d non-trainable, torch %d / %d"
                        % (total - non_trainable, non_trainable, t_trainable, t_non_trainable))
    for layer in layers:
        name = layer["name"]
        if shapes.get(name) != layer["output_shape"]:
            problems.append("%s: shape %s by the rules, %s in torch" % (name, layer["output_shape"], shapes.get(name)))
        if layer["params"] and params.get(name) != (layer["params"], layer["non_trainable"]):
            problems.append("%s: params %s by the rules, %s in torch"
                            % (name, (layer["params"], layer["non_trainable"]), params.get(name)))
    if len(shapes) != len(layers):
        problems.append("torch recorded %d layers, the rules list %d" % (len(shapes), len(layers)))
    if problems:
        sys.exit("The Keras rules and PyTorch disagree:\n  " + "\n  ".join(problems))
    return {
        "input_shape": [height, width, channels],
        "classes": classes,
        "total_params": total,
        "trainable_params": total - non_trainable,
        "non_trainable_params": non_trainable,
        "conv2d_layers": sum(1 for l in layers if l["type"] == "Conv2D"),
        "add_layers": sum(1 for l in layers if l["type"] == "Add"),
        "layers": layers,
    }


def readable_json(value, indent=""):
    """JSON with one layer per line, so a diff of the golden reads layer by layer."""
    if isinstance(value, dict) and "layers" not in value and indent.count(" ") > 2:
        return json.dumps(value)
    if isinstance(value, dict):
        inner = indent + "  "
        items = ['%s%s: %s' % (inner, json.dumps(k), readable_json(v, inner)) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and isinstance(value[0], dict):
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + json.dumps(v) for v in value) + "\n" + indent + "]"
    return json.dumps(value)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "resources", "org", "resnet4j", "models", "resnet", "seed_mnist_resnet18_counts.json")
    result = {
        "source": "seed_mnist_resnet18_counts.py: Keras' counting rules, cross-checked against PyTorch "
                  + torch.__version__,
        "mnist": golden(28, 28, 1, 10),
        "cifar10": golden(32, 32, 3, 10),
    }
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        f.write(readable_json(result) + "\n")
    for key in ("mnist", "cifar10"):
        g = result[key]
        print("%-8s total %s, trainable %s, non-trainable %s, %d Conv2D, %d Add"
              % (key, format(g["total_params"], ","), format(g["trainable_params"], ","),
                 format(g["non_trainable_params"], ","), g["conv2d_layers"], g["add_layers"]))
    print("wrote", out)


if __name__ == "__main__":
    main()
