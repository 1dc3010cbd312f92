// Add / Sub / Mul / Div with numpy broadcasting (bias [5], scale [3, 1, 5],
// scalar constants), Relu, Sigmoid, Tanh, Clip (ReLU6, clamp, hardtanh).
// Each runs within |got - ref| <= 1e-5 + 1e-4 |ref| of PyTorch's output.
// RUN: sparq-import-onnx %S/Inputs/elementwise.onnx -o %t.elementwise.mlir
// RUN: sparq-run %t.elementwise.mlir --input=%S/Inputs/elementwise.in.npy --output=%t.elementwise.npy
// RUN: %python %S/Inputs/compare.py %t.elementwise.npy %S/Inputs/elementwise.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok
