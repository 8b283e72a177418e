#!/usr/bin/python3
"""PyTorch float64 goldens for training: loss, gradients and optimizer steps of tiny torchvision ResNets.

For a tiny ResNet-18 and a tiny ResNet-50 (torchvision's wiring with base width 4 instead of 64, 10 classes,
input 2x3x64x64, BatchNorm in training mode) this writes three safetensors files each:

  NAME.weights.safetensors    the initial state_dict (torchvision names and layouts: OIHW conv kernels,
                              [out, in] fc weight, BatchNorm weight/bias/running_mean/running_var/num_batches_tracked)
  NAME.gradients.safetensors  "input" (NHWC), "labels" (int64 [N]), "logits", "loss" (mean softmax cross-entropy,
                              shape []), the gradient of the loss for every parameter under the parameter's own name,
                              and for every BatchNorm its moving statistics after the forward pass in Keras'
                              convention under running_mean / running_var (see below)
  NAME.steps.safetensors      the parameters after 2 steps of SGD (momentum 0.9, Nesterov) under "sgd/NAME",
                              after 3 steps of Adam under "adam/NAME", and (ResNet-18 only) after 3 steps of AdamW
                              under "adamw/NAME", each step a fresh training-mode forward pass on the same batch

Everything is computed in float64 (model.double()) from parameters, input and hyperparameters that are exactly
representable in float32, so that a float64 computation elsewhere starts from the same numbers; tensors are stored
as float32 (int64 for labels and num_batches_tracked) to keep the files small.

Conventions that differ from Keras, and how the files pin them:
  * Moving statistics: PyTorch updates running_var with the unbiased batch variance and momentum 0.1. ResNet4J
    follows Keras: momentum 0.99 (BatchNormalization's default) and the biased batch variance. The gradients file
    therefore holds 0.99 * initial + 0.01 * batch statistic, with the batch mean and biased variance of each
    BatchNorm's input taken from PyTorch's forward pass (not PyTorch's own running_var update).
  * Adam: PyTorch adds eps to sqrt(v_hat) after bias correction, Keras to sqrt(v) before it. ResNet4J's Adam has
    both forms; the test uses the PyTorch form (Adam.withPyTorchEpsilon()). eps is 1e-3, large on purpose, so that
    the two forms give clearly different numbers and a test in the wrong form fails.
  * SGD: PyTorch's velocity is Keras' divided by -lr; with a constant learning rate the steps are identical.
  * AdamW's decoupled weight decay is Keras' weight_decay: w -= lr * decay * w before the Adam step.

usage: /usr/bin/python3 make_gradient_goldens.py OUTDIR
(Debian: apt-get install -y python3-torch python3-torchvision; written with torch 1.13, torchvision 0.14.)
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

BASE_WIDTH = 4
CLASSES = 10
BATCH, SIDE = 2, 64
KERAS_MOMENTUM = 0.99


def f32(value):
    """The float32 value nearest to value, as a Python float: a hyperparameter both sides can hold exactly."""
    return float(np.float32(value))


SGD = dict(lr=f32(0.1), momentum=f32(0.9), nesterov=True)
ADAM = dict(lr=f32(0.01), betas=(f32(0.9), f32(0.999)), eps=f32(1e-3))
ADAMW = dict(lr=f32(0.01), betas=(f32(0.9), f32(0.999)), eps=f32(1e-3), weight_decay=f32(0.1))


class NarrowResNet(ResNet):
    """torchvision's ResNet wiring and state_dict names, with stage widths w, 2w, 4w, 8w instead of 64..512."""

    def __init__(self, block, layers, width, num_classes):
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes = width
        self.dilation = 1
        self.groups = 1
        self.base_width = 64  # torchvision's Bottleneck width factor base_width / 64 stays 1
        self.conv1 = nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, width, layers[0])
        self.layer2 = self._make_layer(block, 2 * width, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 4 * width, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 8 * width, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(8 * width * block.expansion, num_classes)


def initialise(model, g):
    """Random float32 parameters and statistics, so that every gradient and every BatchNorm term is exercised."""
    with torch.no_grad():
        for name, m in model.named_modules():
            if isinstance(m, nn.Conv2d):
                fan_in = m.in_channels * m.kernel_size[0] * m.kernel_size[1]
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5)
            elif isinstance(m, nn.BatchNorm2d):
                n = m.num_features
                m.weight.copy_(torch.empty(n).uniform_(0.5, 1.5, generator=g))
                m.bias.copy_(torch.randn(n, generator=g) * 0.2)
                m.running_mean.copy_(torch.randn(n, generator=g) * 0.2)
                m.running_var.copy_(torch.empty(n).uniform_(0.5, 1.5, generator=g))
                m.num_batches_tracked.fill_(100)
            elif isinstance(m, nn.Linear):
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (1.0 / m.in_features) ** 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.1)


def as_numpy(t):
    t = t.detach().cpu()
    return t.numpy().astype(np.int64 if t.dtype == torch.int64 else np.float32)


def write_safetensors(path, tensors, metadata):
    """The safetensors layout: 8-byte little-endian header length, a JSON header, then the raw little-endian data."""
    header, chunks, offset = {}, [], 0
    for name, array in tensors.items():
        array = np.array(array, order='C')  # (np.ascontiguousarray would turn a scalar into shape [1])
        dtype = {np.dtype('float32'): 'F32', np.dtype('int64'): 'I64'}[array.dtype]
        data = array.astype(array.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': dtype, 'shape': list(array.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    header['__metadata__'] = {k: str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)
    print('%-48s %7d bytes' % (os.path.basename(path), os.path.getsize(path)))


def gradients(model, x, y):
    """Loss, logits, parameter gradients and Keras-convention moving statistics of one training-mode pass."""
    captured = {}
    hooks = [m.register_forward_pre_hook(lambda mod, inp, name=name: captured.__setitem__(name, inp[0].detach()))
             for name, m in model.named_modules() if isinstance(m, nn.BatchNorm2d)]
    before = {k: v.clone() for k, v in model.state_dict().items()}
    model.zero_grad()
    logits = model(x)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    for h in hooks:
        h.remove()
    out = {'logits': as_numpy(logits), 'loss': as_numpy(loss)}
    for name, p in model.named_parameters():
        out[name] = as_numpy(p.grad)
    for name, inp in captured.items():
        mean = inp.mean(dim=(0, 2, 3))
        biased_var = inp.var(dim=(0, 2, 3), unbiased=False)
        out[name + '.running_mean'] = as_numpy(
            KERAS_MOMENTUM * before[name + '.running_mean'] + (1 - KERAS_MOMENTUM) * mean)
        out[name + '.running_var'] = as_numpy(
            KERAS_MOMENTUM * before[name + '.running_var'] + (1 - KERAS_MOMENTUM) * biased_var)
    return out


def steps(make_model, optimizer, count, x, y):
    """The trainable parameters after count optimizer steps, each on a fresh training-mode pass over (x, y)."""
    model = make_model()
    opt = optimizer(model.parameters())
    for _ in range(count):
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    return {name: as_numpy(p) for name, p in model.named_parameters()}


def network(outdir, name, block, layers, seed, adamw):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    initial = NarrowResNet(block, layers, BASE_WIDTH, CLASSES)
    initialise(initial, g)
    state = {k: v.clone() for k, v in initial.state_dict().items()}  # float32 values: exact in float64 too
    x32 = torch.randn(BATCH, 3, SIDE, SIDE, generator=g)
    y = torch.randint(0, CLASSES, (BATCH,), generator=g)

    def make_model():
        m = NarrowResNet(block, layers, BASE_WIDTH, CLASSES)
        m.load_state_dict(state)
        return m.double().train()

    x = x32.double()
    meta = dict(source='torch %s, torchvision %s %s wiring' % (torch.__version__, torchvision.__version__,
                                                                block.__name__),
                base_width=BASE_WIDTH, classes=CLASSES, input='NHWC %dx%dx%dx3' % (BATCH, SIDE, SIDE),
                precision='computed in float64, stored as float32', bn_epsilon=1e-5)
    write_safetensors(os.path.join(outdir, name + '.weights.safetensors'),
                      {k: as_numpy(v) for k, v in state.items()}, meta)

    g_out = {'input': as_numpy(x32.permute(0, 2, 3, 1)), 'labels': as_numpy(y)}
    g_out.update(gradients(make_model(), x, y))
    write_safetensors(os.path.join(outdir, name + '.gradients.safetensors'), g_out, dict(meta,
                      loss='mean softmax cross-entropy of the logits against labels (F.cross_entropy)',
                      moving_statistics='running_mean/running_var: %g * initial + %g * batch mean / biased batch'
                                        ' variance of the BatchNorm input (Keras convention)'
                                        % (KERAS_MOMENTUM, 1 - KERAS_MOMENTUM)))

    s_out = {}
    for prefix, optimizer, count in [('sgd', lambda p: torch.optim.SGD(p, **SGD), 2),
                                     ('adam', lambda p: torch.optim.Adam(p, **ADAM), 3)] + \
                                    ([('adamw', lambda p: torch.optim.AdamW(p, **ADAMW), 3)] if adamw else []):
        for k, v in steps(make_model, optimizer, count, x, y).items():
            s_out[prefix + '/' + k] = v
    write_safetensors(os.path.join(outdir, name + '.steps.safetensors'), s_out, dict(meta,
                      sgd='2 steps, %s' % SGD, adam='3 steps, %s (eps outside the bias-corrected sqrt)' % (ADAM,),
                      adamw=('3 steps, %s' % (ADAMW,)) if adamw else 'not written'))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    network(outdir, 'tiny_resnet18', BasicBlock, [2, 2, 2, 2], seed=15, adamw=True)
    network(outdir, 'tiny_resnet50', Bottleneck, [3, 4, 6, 3], seed=16, adamw=False)
