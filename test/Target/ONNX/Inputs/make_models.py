#!/usr/bin/python3
"""Regenerates the ONNX models and reference outputs of SparQ's importer tests.

Each model is a small torch.nn.Module exported by torch.onnx.export (Debian's
python3-torch 1.13). For each NAME this writes NAME.onnx, NAME.in.npy (a fixed
float32 input) and NAME.out.npy (PyTorch's output on it, in eval mode). The
files are checked in, so the tests need no torch:

    /usr/bin/python3 test/Target/ONNX/Inputs/make_models.py test/Target/ONNX/Inputs

Without model names it writes every model and the error-*.onnx graphs
("errors") that the diagnostics tests import.
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


class ConvGroups(nn.Module):
    """Grouped, depthwise, strided, dilated and bias-free convolutions."""

    def __init__(self):
        super().__init__()
        self.grouped = nn.Conv2d(4, 8, 3, stride=(2, 1), padding=1, groups=2)
        self.depthwise = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=8)
        self.pointwise = nn.Conv2d(8, 6, 1, bias=False)
        self.dilated = nn.Conv2d(6, 5, (3, 2), stride=2, padding=(0, 1),
                                 dilation=(1, 2))

    def forward(self, x):
        return self.dilated(self.pointwise(self.depthwise(self.grouped(x))))


class BatchNormUnfolded(nn.Module):
    """BatchNorm that cannot be folded: after a Relu, and after a Conv whose
    result has a second use."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.bn2 = nn.BatchNorm2d(4)

    def forward(self, x):
        y = self.conv(x)
        return self.bn2(F.relu(self.bn1(y))) + y


class GemmOps(nn.Module):
    """nn.Linear (Gemm transB=1) and addmm with alpha / beta."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 5)
        self.w = nn.Parameter(torch.randn(5, 3))
        self.c = nn.Parameter(torch.randn(3))

    def forward(self, x):
        h = self.fc(x)
        return torch.addmm(self.c, h, self.w, beta=0.5, alpha=2.0)


class MatMulOps(nn.Module):
    """MatMul: [B, M, K] x constant [K, N], batched x batched, vector."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(4, 5))
        self.v = nn.Parameter(torch.randn(5))

    def forward(self, x):
        y = torch.matmul(x, self.w)                 # [2, 3, 5]
        z = torch.matmul(y, y.transpose(1, 2))      # [2, 3, 3]
        return torch.matmul(torch.matmul(z, y), self.v)  # [2, 3]


class Elementwise(nn.Module):
    """Add / Sub / Mul / Div with broadcasting, Relu, Sigmoid, Tanh, Clip."""

    def __init__(self):
        super().__init__()
        self.bias = nn.Parameter(torch.randn(5))
        self.scale = nn.Parameter(torch.randn(3, 1, 5))

    def forward(self, x):
        a = (x + self.bias) * self.scale
        b = torch.sigmoid(a) - torch.tanh(x) / 3.0
        c = F.relu6(a * 4.0) + torch.clamp(b, min=-0.2, max=0.3)
        return F.relu(c - 1.0) + F.hardtanh(x, -0.5, 0.25)


class Pooling(nn.Module):
    """MaxPool (ceil mode, padding, dilation), AveragePool (padding with and
    without counting it, ceil mode), GlobalAveragePool."""

    def forward(self, x):
        a = F.max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True)      # 5x5
        b = F.max_pool2d(x, 2, stride=2, dilation=2)                     # 4x4
        c = F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)
        d = F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=True)
        e = F.avg_pool2d(x, 2, stride=2, ceil_mode=True)                 # 5x5
        g = F.adaptive_avg_pool2d(x, 1)
        return torch.cat([a.flatten(1), b.flatten(1), c.flatten(1),
                          d.flatten(1), e.flatten(1), g.flatten(1)], dim=1)


class ShapeOps(nn.Module):
    """Flatten, Reshape (-1), Transpose, Concat, Softmax on two axes."""

    def forward(self, x):                       # [2, 3, 4, 5]
        t = x.permute(0, 2, 3, 1)               # [2, 4, 5, 3]
        r = t.reshape(2, -1, 6)                 # [2, 10, 6]
        s = torch.softmax(r, dim=1)
        u = torch.cat([s, torch.softmax(r, dim=-1)], dim=2)  # [2, 10, 12]
        return torch.flatten(u, 1).reshape(4, 60)


class SmallCNN(nn.Module):
    """A MobileNet-like CNN: Conv-BN-ReLU6, depthwise separable block,
    MaxPool, GlobalAveragePool, view(N, -1), Linear, Softmax."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1),
                                  nn.BatchNorm2d(8), nn.ReLU6())
        self.dw = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, groups=8),
                                nn.BatchNorm2d(8), nn.ReLU())
        self.pw = nn.Sequential(nn.Conv2d(8, 16, 1), nn.BatchNorm2d(16),
                                nn.ReLU())
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        x = self.pool(self.pw(self.dw(self.stem(x))))
        x = F.adaptive_avg_pool2d(x, 1)
        x = x.view(x.size(0), -1)
        return torch.softmax(self.head(x), dim=1)


# name -> (module factory, input shape, opset, keep BatchNormalization)
# PyTorch folds BatchNorm into Conv itself when exporting in eval mode;
# TrainingMode.PRESERVE (with the module in eval mode) keeps the
# BatchNormalization nodes, so that SparQ's folding is what is tested.
MODELS = {
    "lenet": (lambda: LeNet(), (2, 1, 28, 28), 13, False),
    "lenet-bn-avgpool": (lambda: LeNet(batchnorm=True, avgpool=True),
                         (2, 1, 28, 28), 17, True),
    "conv-groups": (ConvGroups, (2, 4, 9, 9), 13, False),
    "batchnorm-unfolded": (BatchNormUnfolded, (2, 3, 5, 5), 15, True),
    "gemm": (GemmOps, (4, 6), 13, False),
    "matmul": (MatMulOps, (2, 3, 4), 14, False),
    "elementwise": (Elementwise, (2, 3, 4, 5), 13, False),
    "pooling": (Pooling, (2, 3, 9, 9), 13, False),
    "shape-softmax": (ShapeOps, (2, 3, 4, 5), 13, False),
    "shape-softmax-opset11": (ShapeOps, (2, 3, 4, 5), 11, False),
    "small-cnn": (SmallCNN, (2, 3, 16, 16), 17, True),
    # The same CNN with a dynamic batch (dynamic_axes): x.size(0) stays a
    # Shape / Gather chain; the importer gets the batch from --batch.
    "small-cnn-dynamic": (SmallCNN, (3, 3, 16, 16), 13, False),
}

DYNAMIC_BATCH = {"small-cnn-dynamic"}


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
                      do_constant_folding=not keep_bn,
                      training=(torch.onnx.TrainingMode.PRESERVE if keep_bn
                                else torch.onnx.TrainingMode.EVAL),
                      dynamic_axes=({"input": {0: "batch"},
                                     "output": {0: "batch"}}
                                    if name in DYNAMIC_BATCH else None))
    np.save(os.path.join(out_dir, name + ".in.npy"), x.numpy())
    np.save(os.path.join(out_dir, name + ".out.npy"), y.numpy())


def make_error_models(out_dir):
    """Hand-built graphs (onnx.helper) that the importer must reject with a
    message naming the node, one per error class."""
    import onnx
    from onnx import TensorProto, helper

    def value(name, shape, elem=TensorProto.FLOAT):
        return helper.make_tensor_value_info(name, elem, shape)

    def save(name, nodes, inputs, outputs, inits=(), opset=13):
        graph = helper.make_graph(nodes, name, inputs, outputs,
                                  initializer=list(inits))
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", opset)])
        onnx.save(model, os.path.join(out_dir, "error-" + name + ".onnx"))

    x = value("x", [1, 3, 4, 4])
    y = value("y", [1, 3, 4, 4])
    save("unsupported-op", [helper.make_node("LRN", ["x"], ["y"], name="lrn1",
                                             size=3)], [x], [y])
    save("unknown-attribute",
         [helper.make_node("Relu", ["x"], ["y"], name="relu1", alpha=0.5)],
         [x], [y])
    save("attribute-value",
         [helper.make_node("MaxPool", ["x"], ["y"], name="pool1",
                           kernel_shape=[1, 1], storage_order=1)], [x], [y])
    save("pad-mode",
         [helper.make_node("Pad", ["x", "pads"], ["y"], name="pad1",
                           mode="reflect")],
         [x], [y], [helper.make_tensor("pads", TensorProto.INT64, [8],
                                       [0] * 8)])
    save("dynamic-shape",
         [helper.make_node("Relu", ["x"], ["y"], name="relu1")],
         [value("x", ["batch", 3, 4, 4])], [value("y", ["batch", 3, 4, 4])])
    save("int-input",
         [helper.make_node("Relu", ["x"], ["y"], name="relu1")],
         [value("x", [2, 2], TensorProto.INT64)],
         [value("y", [2, 2], TensorProto.INT64)])
    save("bad-reshape",
         [helper.make_node("Reshape", ["x", "s"], ["y"], name="reshape1")],
         [x], [value("y", [3, 16])],
         [helper.make_tensor("s", TensorProto.INT64, [2], [-1, -1])])
    save("matmul-broadcast",
         [helper.make_node("MatMul", ["a", "b"], ["y"], name="mm1")],
         [value("a", [2, 1, 3, 4]), value("b", [3, 4, 5])],
         [value("y", [2, 3, 3, 5])])
    save("old-opset",
         [helper.make_node("Relu", ["x"], ["y"], name="relu1")], [x], [y],
         opset=9)
    save("conv-3d",
         [helper.make_node("Conv", ["x5", "w"], ["y5"], name="conv3d")],
         [value("x5", [1, 1, 2, 2, 2])], [value("y5", [1, 1, 1, 1, 1])],
         [helper.make_tensor("w", TensorProto.FLOAT, [1, 1, 2, 2, 2],
                             [1.0] * 8)])
    save("training-batchnorm",
         [helper.make_node("BatchNormalization",
                           ["x", "s", "b", "m", "v"], ["y"], name="bn1",
                           training_mode=1)],
         [x], [y],
         [helper.make_tensor(n, TensorProto.FLOAT, [3], [1.0] * 3)
          for n in "sbmv"], opset=15)
    save("output-shape",
         [helper.make_node("Relu", ["x"], ["y"], name="relu1")],
         [x], [value("y", [1, 3, 4, 5])])
    with open(os.path.join(out_dir, "error-not-onnx.onnx"), "wb") as f:
        f.write(b"this is not a protobuf message\xff\xff\xff")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    names = sys.argv[2:] or list(MODELS) + ["errors"]
    for name in names:
        if name == "errors":
            make_error_models(out_dir)
        else:
            export(name, out_dir)


if __name__ == "__main__":
    main()
