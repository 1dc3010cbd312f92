// Transpose, Reshape (-1), Softmax on a middle and the last axis, Concat,
// Flatten; at opset 13 and at opset 11 (where the exporter transposes around
// Softmax).
// Each runs within |got - ref| <= 1e-5 + 1e-4 |ref| of PyTorch's output.
// RUN: sparq-import-onnx %S/Inputs/shape-softmax.onnx -o %t.shape-softmax.mlir
// RUN: sparq-run %t.shape-softmax.mlir --input=%S/Inputs/shape-softmax.in.npy --output=%t.shape-softmax.npy
// RUN: %python %S/Inputs/compare.py %t.shape-softmax.npy %S/Inputs/shape-softmax.out.npy | FileCheck %s
// RUN: sparq-import-onnx %S/Inputs/shape-softmax-opset11.onnx -o %t.shape-softmax-opset11.mlir
// RUN: sparq-run %t.shape-softmax-opset11.mlir --input=%S/Inputs/shape-softmax-opset11.in.npy --output=%t.shape-softmax-opset11.npy
// RUN: %python %S/Inputs/compare.py %t.shape-softmax-opset11.npy %S/Inputs/shape-softmax-opset11.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok
