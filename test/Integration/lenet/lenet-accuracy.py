# The committed LeNet (examples/lenet/lenet.onnx) end to end on the first 500
# Fashion-MNIST test images: imported by sparq-import-onnx, compressed by
# sparq-opt, compiled and run by sparq-run. Checked below: the float model's
# accuracy equals PyTorch's on the same images (pytorch_top1.npy, saved by
# train.py); W8A8 with static activation scales (sparq-calibrate on 500
# training images) is within 0.5 points of it, and its logits equal, bit for
# bit, numpy's step-by-step simulation of SparQ's integer numerics with the
# same static scales (examples/lenet/reference.py, which also checks the
# calibrated ranges against its own float model); the int4 per-group and 2:4
# models' logits match an independent numpy simulation of the same weight
# rules (reference.py: round half to even in numpy, forward pass in float64).
# The retrained 91%-sparse model (lenet_pruned.onnx), pruned and stored sparse
# by SparQ, matches numpy and PyTorch's decisions, and with 5-bit k-means
# codebooks on top (Deep Compression) it matches numpy.
#
# DEFINE: %{lenet} = %sparq_src_root/examples/lenet
# DEFINE: %{run} = sparq-run --entry=main --input=/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz --rows=0:500 --batch=100
# RUN: sparq-import-onnx %{lenet}/lenet.onnx -o %t.mlir
# RUN: %{run} %t.mlir --output=%t.float.npy
# RUN: sparq-calibrate %t.mlir --input=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz --rows=0:500 --batch=100 --output=%t.calib.json
# RUN: sparq-opt %t.mlir --sparq-quantize="scheme=symmetric bits=8 granularity=channel" --sparq-quantize-activations="scheme=asymmetric bits=8 calibration=%t.calib.json observer=minmax" --sparq-pack=format=auto -o %t.w8a8.mlir
# RUN: %{run} %t.w8a8.mlir --output=%t.w8a8.npy
# RUN: sparq-opt %t.mlir --sparq-quantize="scheme=symmetric bits=4 granularity=channel ops=/conv1/Conv" \
# RUN:   --sparq-quantize="scheme=symmetric bits=4 granularity=group group-size=8 ops=/conv2/Conv" \
# RUN:   --sparq-quantize="scheme=symmetric bits=4 granularity=group group-size=16 ops=/fc1/Gemm,/fc2/Gemm,/fc3/Gemm" \
# RUN:   --sparq-pack=format=auto -o %t.w4g16.mlir
# RUN: %{run} %t.w4g16.mlir --output=%t.w4g16.npy
# RUN: sparq-opt %t.mlir --sparq-prune="structure=nm n=2 m=4 ops=/conv2/Conv,/fc1/Gemm,/fc2/Gemm,/fc3/Gemm" --sparq-pack=format=auto -o %t.nm24.mlir
# RUN: %{run} %t.nm24.mlir --output=%t.nm24.npy
# RUN: sparq-import-onnx %{lenet}/lenet_pruned.onnx -o %t.pruned.mlir
# RUN: sparq-opt %t.pruned.mlir --sparq-prune="structure=unstructured sparsity=0.5 ops=/conv1/Conv" \
# RUN:   --sparq-prune="structure=unstructured sparsity=0.75 ops=/conv2/Conv" --sparq-prune="structure=unstructured sparsity=0.93 ops=/fc1/Gemm" \
# RUN:   --sparq-prune="structure=unstructured sparsity=0.9 ops=/fc2/Gemm" --sparq-prune="structure=unstructured sparsity=0.7 ops=/fc3/Gemm" \
# RUN:   --sparq-pack=format=auto -o %t.pruned91.mlir
# RUN: %{run} %t.pruned91.mlir --output=%t.pruned91.npy
# RUN: sparq-opt %t.pruned.mlir --sparq-prune="structure=unstructured sparsity=0.5 ops=/conv1/Conv" \
# RUN:   --sparq-prune="structure=unstructured sparsity=0.75 ops=/conv2/Conv" --sparq-prune="structure=unstructured sparsity=0.93 ops=/fc1/Gemm" \
# RUN:   --sparq-prune="structure=unstructured sparsity=0.9 ops=/fc2/Gemm" --sparq-prune="structure=unstructured sparsity=0.7 ops=/fc3/Gemm" \
# RUN:   --sparq-quantize="scheme=kmeans bits=5 granularity=tensor" --sparq-pack=format=auto -o %t.pruned91-km5.mlir
# RUN: %{run} %t.pruned91-km5.mlir --output=%t.pruned91-km5.npy
# RUN: %python %s %t %{lenet} | FileCheck %s
#
# CHECK: float: 459 / 500 correct, PyTorch 459 / 500, same top-1 on 500 / 500
# CHECK: w8a8: {{4[0-9][0-9]}} / 500 correct, within 0.5 points of float: yes
# CHECK: w8a8: calibration ranges of 500 training images: largest difference from numpy's {{.*}} of the range (tolerance 1e-05)
# CHECK: w8a8: max |SparQ - numpy| = 0 (tolerance 0); top-1 differs on 0 clear-cut images; accuracy SparQ [[ACC:0.[0-9]+]], numpy [[ACC]] on 500 images
# CHECK: w4g16: max |SparQ - numpy| = {{.*}}; top-1 differs on 0 clear-cut images; accuracy SparQ [[ACC:0.[0-9]+]], numpy [[ACC]] on 500 images
# CHECK: nm24: max |SparQ - numpy| = {{.*}}; top-1 differs on 0 clear-cut images; accuracy SparQ [[ACC:0.[0-9]+]], numpy [[ACC]] on 500 images
# CHECK: pruned91: max |SparQ - numpy| = {{.*}}; top-1 differs on 0 clear-cut images; accuracy SparQ [[ACC:0.[0-9]+]], numpy [[ACC]] on 500 images
# CHECK: pruned91-km5: max |SparQ - numpy| = {{.*}}; top-1 differs on 0 clear-cut images; accuracy SparQ [[ACC:0.[0-9]+]], numpy [[ACC]] on 500 images
# CHECK: pruned91: same top-1 as PyTorch's retrained model on 500 / 500

import os
import subprocess
import sys

import numpy as np

prefix, lenet = sys.argv[1], sys.argv[2]
sys.path.insert(0, lenet)
import reference  # noqa: E402

COUNT = 500
_, labels = reference.load_test(COUNT)
torch_top1 = np.load(os.path.join(lenet, "pytorch_top1.npy"))[:COUNT].astype(np.int64)


def top1(name):
    logits = np.load(f"{prefix}.{name}.npy")
    assert logits.shape == (COUNT, 10), logits.shape
    return logits.argmax(1)


status = 0
float_top1 = top1("float")
float_correct = int((float_top1 == labels).sum())
torch_correct = int((torch_top1 == labels).sum())
print(f"float: {float_correct} / {COUNT} correct, PyTorch {torch_correct} / {COUNT}, "
      f"same top-1 on {int((float_top1 == torch_top1).sum())} / {COUNT}")
status |= float_correct != torch_correct

w8a8_correct = int((top1("w8a8") == labels).sum())
close = abs(w8a8_correct - float_correct) / COUNT <= 0.005
print(f"w8a8: {w8a8_correct} / {COUNT} correct, within 0.5 points of float: "
      f"{'yes' if close else 'no'}")
status |= not close

for config in ("w8a8", "w4g16", "nm24", "pruned91", "pruned91-km5"):
    # W8A8 is simulated from the calibration file (whose ranges reference.py
    # checks against its own float model) and must match bit for bit.
    extra = (["--calibration", f"{prefix}.calib.json", "--calibration-count", "500"]
             if config == "w8a8" else [])
    proc = subprocess.run([sys.executable, os.path.join(lenet, "reference.py"), "check",
                           config, "--logits", f"{prefix}.{config}.npy",
                           "--count", str(COUNT), *extra], capture_output=True, text=True)
    sys.stdout.write(proc.stdout + proc.stderr)
    status |= proc.returncode != 0

# The retrained model was pruned by PyTorch with SparQ's rule at these rates,
# so SparQ's pruning changes nothing and the decisions must be PyTorch's.
pruned_torch = np.load(os.path.join(lenet, "pytorch_pruned_top1.npy"))[:COUNT]
same = int((top1("pruned91") == pruned_torch).sum())
print(f"pruned91: same top-1 as PyTorch's retrained model on {same} / {COUNT}")
status |= same != COUNT
sys.exit(status)
