#!/usr/bin/python3
"""Regenerates the ONNX models and reference outputs of SparQ's importer tests.

Each model is a small torch.nn.Module exported by torch.onnx.export (Debian's
python3-torch 1.13). For each NAME this writes NAME.onnx, NAME.in.npy (a fixed
float32 input) and NAME.out.npy (PyTorch's output on it, in eval mode). The
files are checked in, so the tests need no torch:

    /usr/bin/python3 test/Target/ONNX/Inputs/make_models.py test/Target/ONNX/Inputs
"""

import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    """LeNet-5 as trained on Fashion-MNIST: Conv, Relu, MaxPool, Flatten, Gemm."""

    def __init__(self, batchnorm=False, avgpool=False):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.bn1 = nn.BatchNorm2d(6) if batchnorm else nn.Identity()
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.bn2 = nn.BatchNorm2d(16) if batchnorm else nn.Identity()
        self.pool = nn.AvgPool2d(2) if avgpool else nn.MaxPool2d(2)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = self.pool(F.relu(self.bn2(self.conv2(x))))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def randomize_batchnorm(module):
    """Gives every BatchNorm non-trivial statistics, so folding is tested."""
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.5, 0.5)


# name -> (module factory, input shape, opset, keep BatchNormalization)
# PyTorch folds BatchNorm into Conv itself when exporting in eval mode;
# TrainingMode.PRESERVE (with the module in eval mode) keeps the
# BatchNormalization nodes, so that SparQ's folding is what is tested.
MODELS = {
    "lenet": (lambda: LeNet(), (2, 1, 28, 28), 13, False),
    "lenet-bn-avgpool": (lambda: LeNet(batchnorm=True, avgpool=True),
                         (2, 1, 28, 28), 17, True),
}


def export(name, out_dir):
    factory, shape, opset, keep_bn = MODELS[name]
    torch.manual_seed(0)
    model = factory()
    randomize_batchnorm(model)
    model.eval()
    x = torch.randn(*shape, dtype=torch.float32)
    with torch.no_grad():
        y = model(x)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(model, (x,), path, opset_version=opset,
                      input_names=["input"], output_names=["output"],
                      do_constant_folding=True,
                      training=(torch.onnx.TrainingMode.PRESERVE if keep_bn
                                else torch.onnx.TrainingMode.EVAL))
    np.save(os.path.join(out_dir, name + ".in.npy"), x.numpy())
    np.save(os.path.join(out_dir, name + ".out.npy"), y.numpy())


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    names = sys.argv[2:] or list(MODELS)
    for name in names:
        export(name, out_dir)


if __name__ == "__main__":
    main()
