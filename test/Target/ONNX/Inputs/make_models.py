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
    """Flatten, Reshape (-1), Transpose, Concat, Softmax on two axes,
    LogSoftmax."""

    def forward(self, x):                       # [2, 3, 4, 5]
        t = x.permute(0, 2, 3, 1)               # [2, 4, 5, 3]
        r = t.reshape(2, -1, 6)                 # [2, 10, 6]
        s = torch.softmax(r, dim=1)
        u = torch.cat([s, torch.softmax(r, dim=-1)], dim=2)  # [2, 10, 12]
        v = torch.cat([u, F.log_softmax(r, dim=1)], dim=2)   # [2, 10, 18]
        return torch.flatten(v, 1).reshape(4, 90)


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
    message naming the node, one per diagnostic, written to
    errors/NAME.onnx (errors.mlir checks each message)."""
    import onnx
    from onnx import TensorProto, helper

    err_dir = os.path.join(out_dir, "errors")
    os.makedirs(err_dir, exist_ok=True)
    F, I64 = TensorProto.FLOAT, TensorProto.INT64

    def value(name, shape, elem=F):
        return helper.make_tensor_value_info(name, elem, shape)

    def const(name, dims, vals, elem=F):
        return helper.make_tensor(name, elem, dims, vals)

    def node(op, inputs, outputs=("y",), name="n1", **attrs):
        return helper.make_node(op, list(inputs), list(outputs), name=name,
                                **attrs)

    def save(name, nodes, inputs, outputs, inits=(), opset=13,
             domain_opsets=()):
        graph = helper.make_graph(nodes, name, inputs, outputs,
                                  initializer=list(inits))
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", opset)] +
            [helper.make_opsetid(d, v) for d, v in domain_opsets])
        onnx.save(model, os.path.join(err_dir, name + ".onnx"))

    x = value("x", [1, 3, 4, 4])
    y = value("y", [1, 3, 4, 4])
    w = const("w", [2, 3, 3, 3], [0.5] * 54)

    def unary(name, op, attrs=None, shape_in=(1, 3, 4, 4),
              shape_out=(1, 3, 4, 4), inits=(), extra_inputs=(), opset=13):
        save(name, [node(op, ["x"] + list(extra_inputs), **(attrs or {}))],
             [value("x", list(shape_in))], [value("y", list(shape_out))],
             inits, opset)

    # Graph-level errors.
    unary("unsupported-op", "LRN", {"size": 3})
    save("custom-domain", [helper.make_node("Relu", ["x"], ["y"], name="n1",
                                            domain="com.example")],
         [x], [y], domain_opsets=[("com.example", 1)])
    unary("unknown-attribute", "Relu", {"alpha": 0.5})
    unary("old-opset", "Relu", opset=9)
    save("dynamic-shape", [node("Relu", ["x"])],
         [value("x", ["batch", 3, 4, 4])], [value("y", ["batch", 3, 4, 4])])
    save("dynamic-inner-dim", [node("Relu", ["x"])],
         [value("x", [1, "c", 4, 4])], [value("y", [1, "c", 4, 4])])
    save("no-shape", [node("Relu", ["x"])],
         [helper.make_tensor_value_info("x", F, None)], [y])
    save("zero-dim", [node("Relu", ["x"])], [value("x", [0, 3])],
         [value("y", [0, 3])])
    save("int-input", [node("Relu", ["x"])], [value("x", [2, 2], I64)],
         [value("y", [2, 2], I64)])
    unary("output-shape", "Relu", shape_out=(1, 3, 4, 5))
    save("output-undefined", [node("Relu", ["x"], ["z"])], [x], [y])
    save("output-constant", [], [x], [value("c", [2])],
         [const("c", [2], [1.0, 2.0])])
    save("unsorted", [node("Relu", ["t"], ["y"], name="second"),
                      node("Relu", ["x"], ["t"], name="first")], [x], [y])
    save("defined-twice", [node("Relu", ["x"], ["t"], name="first"),
                           node("Relu", ["x"], ["t"], name="second"),
                           node("Relu", ["t"], ["y"], name="third")], [x], [y])
    save("float16-constant", [node("Add", ["x", "h"])], [x], [y],
         [helper.make_tensor("h", TensorProto.FLOAT16, [1], [1.0])])
    save("int-operand", [node("Add", ["x", "k"])], [x], [y],
         [const("k", [1], [1], I64)])
    short = TensorProto(name="r", data_type=F, dims=[4], raw_data=b"\0" * 4)
    save("bad-raw-data", [node("Add", ["x", "r"])], [x], [y], [short])
    save("missing-input", [node("Add", ["x", ""])], [x], [y])
    save("too-many-inputs", [node("Relu", ["x", "x"])], [x], [y])
    save("used-extra-output",
         [node("MaxPool", ["x"], ["p", "idx"], kernel_shape=[1, 1]),
          node("Add", ["p", "idx"], ["y"], name="n2")], [x], [y])
    save("attribute-kind", [node("Conv", ["x", "w"], strides=[1.0, 1.0])],
         [x], [value("y", [1, 2, 2, 2])], [w])
    with open(os.path.join(err_dir, "not-onnx.onnx"), "wb") as f:
        f.write(b"this is not a protobuf message\xff\xff\xff")

    # Conv.
    def conv(name, attrs=None, xs=(1, 3, 4, 4), ws=(2, 3, 3, 3), ys=(1, 2, 2, 2),
             bias=None):
        n = 1
        for d in ws:
            n *= d
        inits = [const("w", list(ws), [0.5] * n)]
        ins = ["x", "w"]
        if bias is not None:
            inits.append(const("b", [len(bias)], bias))
            ins.append("b")
        save(name, [node("Conv", ins, **(attrs or {}))], [value("x", list(xs))],
             [value("y", list(ys))], inits)

    conv("conv-3d", xs=(1, 3, 4, 4, 4), ws=(2, 3, 3, 3, 3), ys=(1, 2, 2, 2, 2))
    conv("conv-filter-rank", ws=(2, 3, 9))
    conv("conv-group", {"group": 2})
    conv("conv-kernel-shape", {"kernel_shape": [2, 2]})
    conv("conv-strides-length", {"strides": [1, 1, 1]})
    conv("conv-stride-zero", {"strides": [0, 1]})
    conv("conv-negative-pads", {"pads": [-1, 0, 0, 0]})
    conv("conv-auto-pad", {"auto_pad": "FOO"})
    conv("conv-window-too-large", ws=(2, 3, 5, 5))
    conv("conv-bias-shape", bias=[1.0, 2.0, 3.0])

    # BatchNormalization.
    stats = [const(n, [3], [1.0] * 3) for n in "sbmv"]
    save("batchnorm-training", [node("BatchNormalization",
                                     ["x", "s", "b", "m", "v"],
                                     training_mode=1)], [x], [y], stats,
         opset=15)
    save("batchnorm-dynamic-stats", [node("BatchNormalization",
                                          ["x", "s", "b", "m", "v2"])],
         [x, value("v2", [3])], [y], stats[:3])
    save("batchnorm-stats-shape", [node("BatchNormalization",
                                        ["x", "s", "b", "m", "v4"])],
         [x], [y], stats[:3] + [const("v4", [4], [1.0] * 4)])
    save("batchnorm-rank", [node("BatchNormalization",
                                 ["x1", "s", "b", "m", "v"])],
         [value("x1", [3])], [value("y", [3])], stats)

    # Pooling.
    unary("maxpool-storage-order", "MaxPool",
          {"kernel_shape": [1, 1], "storage_order": 1})
    unary("maxpool-no-kernel", "MaxPool")
    unary("maxpool-3d", "MaxPool", {"kernel_shape": [1, 1, 1]},
          shape_in=(1, 3, 4, 4, 4), shape_out=(1, 3, 4, 4, 4))
    unary("maxpool-ceil-mode", "MaxPool",
          {"kernel_shape": [2, 2], "ceil_mode": 2})
    unary("avgpool-dilations", "AveragePool",
          {"kernel_shape": [2, 2], "dilations": [2, 2]})
    unary("avgpool-window-in-padding", "AveragePool",
          {"kernel_shape": [2, 2], "pads": [2, 2, 0, 0]},
          shape_out=(1, 3, 5, 5))
    unary("avgpool-rank", "AveragePool", {"kernel_shape": [2]},
          shape_in=(1, 3, 4), shape_out=(1, 3, 3))
    unary("globalpool-rank", "GlobalAveragePool", shape_in=(3, 4),
          shape_out=(3, 4))

    # Gemm / MatMul.
    def binary(name, op, a, b, out, attrs=None, inits=()):
        names = [n for n, _ in (a, b)]
        ins = [value(n, list(s)) for n, s in (a, b) if s is not None]
        save(name, [node(op, names, **(attrs or {}))], ins,
             [value("y", list(out))], inits)

    binary("gemm-rank", "Gemm", ("a", (2, 3, 4)), ("b", (4, 5)), (2, 5))
    binary("gemm-b-rank", "Gemm", ("a", (2, 4)), ("b", (4,)), (2, 5))
    binary("gemm-shapes", "Gemm", ("a", (2, 4)), ("b", (3, 5)), (2, 5))
    save("gemm-c-shape", [node("Gemm", ["a", "b", "c"])],
         [value("a", [2, 4]), value("b", [4, 5]), value("c", [3, 5])],
         [value("y", [2, 5])])
    binary("matmul-shapes", "MatMul", ("a", (2, 4)), ("b", (3, 5)), (2, 5))
    binary("matmul-broadcast", "MatMul", ("a", (2, 1, 3, 4)),
           ("b", (3, 4, 5)), (2, 3, 3, 5))
    binary("matmul-scalar", "MatMul", ("a", (2, 4)), ("s", None), (2, 4),
           inits=[const("s", [], [2.0])])

    # Elementwise.
    binary("add-broadcast", "Add", ("a", (2, 3)), ("b", (4,)), (2, 3))
    save("clip-dynamic-bound", [node("Clip", ["x", "lo"])],
         [x, value("lo", [])], [y])
    save("clip-bound-shape", [node("Clip", ["x", "lo"])], [x], [y],
         [const("lo", [2], [0.0, 1.0])])
    unary("softmax-axis", "Softmax", {"axis": 4})
    unary("softmax-rank", "Softmax", shape_in=(), shape_out=())

    # Shape ops.
    def reshape(name, shape, out, attrs=None):
        save(name, [node("Reshape", ["x", "s"], **(attrs or {}))], [x],
             [value("y", list(out))], [const("s", [len(shape)], shape, I64)])

    reshape("reshape-two-inferred", [-1, -1], (3, 16))
    reshape("reshape-count", [5, 5], (5, 5))
    reshape("reshape-indivisible", [5, -1], (5, 5))
    reshape("reshape-copy-rank", [1, 3, 16, 1, 0], (1, 3, 16, 1, 1))
    reshape("reshape-negative", [-2, 24], (2, 24))
    reshape("reshape-allowzero", [0, 48], (1, 48), {"allowzero": 1})
    save("reshape-float-shape", [node("Reshape", ["x", "s"])], [x],
         [value("y", [48])], [const("s", [1], [48.0])])
    save("reshape-dynamic-shape", [node("Reshape", ["x", "s"])],
         [x, value("s", [1], I64)], [value("y", [48])])
    unary("flatten-axis", "Flatten", {"axis": 5}, shape_out=(1, 48))
    unary("transpose-perm", "Transpose", {"perm": [0, 1, 1, 2]})
    save("concat-no-axis", [node("Concat", ["x", "x"])], [x],
         [value("y", [2, 3, 4, 4])])
    save("concat-shapes", [node("Concat", ["x", "z"], axis=1)],
         [x, value("z", [1, 3, 5, 4])], [value("y", [1, 6, 4, 4])])
    save("concat-axis", [node("Concat", ["x", "x"], axis=7)], [x],
         [value("y", [2, 3, 4, 4])])
    save("pad-mode", [node("Pad", ["x", "pads"], mode="reflect")], [x], [y],
         [const("pads", [8], [0] * 8, I64)])
    save("pad-length", [node("Pad", ["x", "pads"])], [x], [y],
         [const("pads", [4], [0] * 4, I64)])
    save("pad-negative", [node("Pad", ["x", "pads"])], [x],
         [value("y", [1, 3, 3, 4])], [const("pads", [8], [0, 0, 0, 0, 0, 0, -1, 0], I64)])
    save("dropout-training", [node("Dropout", ["x", "r", "t"])], [x], [y],
         [const("r", [], [0.5]),
          helper.make_tensor("t", TensorProto.BOOL, [], [True])])
    save("constant-sparse", [helper.make_node(
        "Constant", [], ["c"], name="c1",
        sparse_value=helper.make_sparse_tensor(
            const("v", [1], [1.0]), const("i", [1], [0], I64), [4])),
        node("Add", ["x", "c"], name="n2")], [x], [y])
    save("constant-two-values", [helper.make_node(
        "Constant", [], ["c"], name="c1", value_float=1.0, value_int=2),
        node("Add", ["x", "c"], name="n2")], [x], [y])
    save("gather-float", [node("Gather", ["x", "i"], axis=0)], [x],
         [value("y", [1, 3, 4, 4])], [const("i", [1], [0], I64)])
    save("gather-index", [node("Shape", ["x"], ["s"], name="shape"),
                          node("Gather", ["s", "i"], ["g"], name="gather"),
                          node("Reshape", ["x", "g"], name="reshape")],
         [x], [value("y", [48])], [const("i", [1], [7], I64)])
    save("unsqueeze-no-axes", [node("Unsqueeze", ["x"])], [x],
         [value("y", [1, 1, 3, 4, 4])])
    save("unsqueeze-repeated", [node("Unsqueeze", ["x", "a"])], [x],
         [value("y", [1, 1, 1, 3, 4, 4])], [const("a", [2], [0, 0], I64)])
    save("squeeze-not-one", [node("Squeeze", ["x", "a"])], [x],
         [value("y", [1, 4, 4])], [const("a", [1], [1], I64)])
    save("cast-int", [node("Cast", ["x"], ["c"], to=TensorProto.INT32),
                      node("Add", ["c", "c"], name="n2")], [x], [y])
    save("concat-int-rank", [node("Concat", ["k", "k"], ["c"], axis=0),
                             node("Reshape", ["x", "c"], name="n2")], [x],
         [value("y", [48])], [const("k", [1, 1], [48], I64)])
    save("concat-int-axis", [node("Concat", ["k", "k"], ["c"], axis=1),
                             node("Reshape", ["x", "c"], name="n2")], [x],
         [value("y", [48])], [const("k", [1], [48], I64)])
    save("unsqueeze-no-axes-opset11", [node("Unsqueeze", ["x"])], [x],
         [value("y", [1, 1, 3, 4, 4])], opset=11)
    save("no-outputs", [node("Relu", ["x"], []),
                        node("Relu", ["x"], name="n2")], [x], [y])
    unary("attribute-float", "Conv", {"group": 1.5}, extra_inputs=["w"],
          shape_out=(1, 2, 2, 2), inits=[w])
    unary("attribute-string", "Conv", {"auto_pad": 1}, extra_inputs=["w"],
          shape_out=(1, 2, 2, 2), inits=[w])
    save("attribute-alpha", [node("Gemm", ["a", "b"], alpha=2)],
         [value("a", [2, 4]), value("b", [4, 5])], [value("y", [2, 5])])


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
