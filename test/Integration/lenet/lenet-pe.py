# The committed LeNet's W8A8 configuration (static activation scales) on the
# PE array, as README command 1 runs it: the imported model at batch 1 (its
# static batch of 100 replaced by 1), compressed, lowered by --sparq-to-pe
# (BitFusion, default accelerator: 16 x 16 PEs, 64 KiB buffers, 16 bytes per
# cycle) and simulated in the same sparq-opt run. Checked below: the PE
# program, executed bit-exactly by sparq-run, gives the CPU's logits bit for
# bit on 10 images (zero points and f32 scales applied after each layer's
# program), and the simulator's per-layer figures equal the ones computed
# here by hand from the layer shapes: one tile per layer, compute cycles
# ceil(M * K * N / 256) (8x8 products, one per PE per cycle), memory bytes
# im2col / activation M*K + weights K*N + i32 results 4*M*N, cycles
# max(sum of compute, all bytes / 16).
#
# DEFINE: %{lenet} = %sparq_src_root/examples/lenet
# DEFINE: %{images} = /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz
# RUN: sparq-import-onnx %{lenet}/lenet.onnx -o %t.mlir
# RUN: sed 's/tensor<100x/tensor<1x/g' %t.mlir > %t.b1.mlir
# RUN: sparq-calibrate %t.mlir --input=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz --rows=0:200 --batch=100 --output=%t.calib.json
# RUN: sparq-opt %t.b1.mlir --sparq-quantize="scheme=symmetric bits=8 granularity=channel" --sparq-quantize-activations="scheme=asymmetric bits=8 calibration=%t.calib.json observer=minmax" --sparq-pack=format=auto -o %t.w8a8.mlir
# RUN: sparq-run %t.w8a8.mlir --entry=main --input=%{images} --rows=0:10 --batch=1 --output=%t.cpu.npy
# RUN: sparq-opt %t.b1.mlir --sparq-quantize="scheme=symmetric bits=8 granularity=channel" --sparq-quantize-activations="scheme=asymmetric bits=8 calibration=%t.calib.json observer=minmax" --sparq-pack=format=auto --sparq-to-pe --sparq-pe-simulate=report=%t.pe.json -o %t.pe.mlir
# RUN: sparq-run %t.pe.mlir --entry=main --input=%{images} --rows=0:10 --batch=1 --output=%t.pe.npy
# RUN: %python %s %t | FileCheck %s
#
# CHECK: PE program logits equal the CPU's bit for bit on 10 / 10 images
# CHECK: /conv1/Conv: compute 613 (by hand 613), bytes 44888 (by hand 44888)
# CHECK: /conv2/Conv: compute 1250 (by hand 1250), bytes 29600 (by hand 29600)
# CHECK: /fc1/Gemm: compute 200 (by hand 200), bytes 52112 (by hand 52112)
# CHECK: /fc2/Gemm: compute 32 (by hand 32), bytes 8576 (by hand 8576)
# CHECK: /fc3/Gemm: compute 3 (by hand 3), bytes 744 (by hand 744)
# CHECK: total: 8495 cycles (by hand 8495), memory-bound, rescale host work 8074
# CHECK: all figures as computed by hand

import json
import sys

import numpy as np

prefix = sys.argv[1]
cpu = np.load(f"{prefix}.cpu.npy").reshape(-1, 10).astype(np.float32)
pe = np.load(f"{prefix}.pe.npy").reshape(-1, 10).astype(np.float32)
same = int((cpu.view(np.uint32) == pe.view(np.uint32)).all(1).sum())
print(f"PE program logits equal the CPU's bit for bit on {same} / {len(cpu)} images")
status = same != len(cpu) or len(cpu) != 10

# [M, K] x [K, N] of each layer for one image (convolutions: im2col).
SHAPES = {"/conv1/Conv": (28 * 28, 1 * 5 * 5, 8), "/conv2/Conv": (10 * 10, 8 * 5 * 5, 16),
          "/fc1/Gemm": (1, 400, 128), "/fc2/Gemm": (1, 128, 64), "/fc3/Gemm": (1, 64, 10)}
PES, BANDWIDTH = 256, 16
with open(f"{prefix}.pe.json") as f:
    fn = json.load(f)["functions"][0]
layers = {}
for op in fn["ops"]:
    entry = layers.setdefault(op.get("layer"), [0, 0])
    entry[0] += op["compute_cycles"]
    entry[1] += op["memory_traffic_bytes"]
total_compute = total_bytes = 0
for name, (m, k, n) in SHAPES.items():
    compute = -(-(m * k * n) // PES)
    nbytes = m * k + k * n + 4 * m * n
    total_compute += compute
    total_bytes += nbytes
    got = layers.get(name, [None, None])
    print(f"{name}: compute {got[0]} (by hand {compute}), bytes {got[1]} (by hand {nbytes})")
    status |= got != [compute, nbytes]
cycles = max(total_compute, -(-total_bytes // BANDWIDTH))
t = fn["total"]
print(f"total: {t['cycles']} cycles (by hand {cycles}), {t['bound']}-bound, "
      f"rescale host work {fn.get('host_work', {}).get('rescale')}")
# Rescale: one per output of every layer (784*8 + 100*16 + 128 + 64 + 10).
status |= t["cycles"] != cycles or fn.get("host_work") != {"rescale": 784 * 8 + 100 * 16 + 128 + 64 + 10}
if not status:
    print("all figures as computed by hand")
sys.exit(status)
