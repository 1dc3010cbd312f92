// Conv: grouped (2 groups, stride (2, 1)), depthwise with dilation 2, 1x1
// without bias, and a rectangular kernel with per-axis strides / dilations /
// pads; BatchNormalization that cannot be folded (after a Relu, and after a
// Conv whose result has a second use).
// Each runs within |got - ref| <= 1e-5 + 1e-4 |ref| of PyTorch's output.
// RUN: sparq-import-onnx %S/Inputs/conv-groups.onnx -o %t.conv-groups.mlir
// RUN: sparq-run %t.conv-groups.mlir --input=%S/Inputs/conv-groups.in.npy --output=%t.conv-groups.npy
// RUN: %python %S/Inputs/compare.py %t.conv-groups.npy %S/Inputs/conv-groups.out.npy | FileCheck %s
// RUN: sparq-import-onnx %S/Inputs/batchnorm-unfolded.onnx -o %t.batchnorm-unfolded.mlir
// RUN: sparq-run %t.batchnorm-unfolded.mlir --input=%S/Inputs/batchnorm-unfolded.in.npy --output=%t.batchnorm-unfolded.npy
// RUN: %python %S/Inputs/compare.py %t.batchnorm-unfolded.npy %S/Inputs/batchnorm-unfolded.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok
