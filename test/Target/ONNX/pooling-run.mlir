// MaxPool (padding + ceil_mode, dilation), AveragePool (padding counted and
// not counted, ceil_mode), GlobalAveragePool, Flatten, Concat.
// Each runs within |got - ref| <= 1e-5 + 1e-4 |ref| of PyTorch's output.
// RUN: sparq-import-onnx %S/Inputs/pooling.onnx -o %t.pooling.mlir
// RUN: sparq-run %t.pooling.mlir --input=%S/Inputs/pooling.in.npy --output=%t.pooling.npy
// RUN: %python %S/Inputs/compare.py %t.pooling.npy %S/Inputs/pooling.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok
