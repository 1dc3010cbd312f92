// A small MobileNet-like CNN at opset 17: Conv + BatchNorm (folded) + Clip
// (ReLU6), depthwise + pointwise blocks, MaxPool, GlobalAveragePool,
// x.view(x.size(0), -1) (Constant / Unsqueeze / Concat shape arithmetic
// folded at import), Gemm, Softmax.
// Each runs within |got - ref| <= 1e-5 + 1e-4 |ref| of PyTorch's output.
// RUN: sparq-import-onnx %S/Inputs/small-cnn.onnx -o %t.small-cnn.mlir
// RUN: sparq-run %t.small-cnn.mlir --input=%S/Inputs/small-cnn.in.npy --output=%t.small-cnn.npy
// RUN: %python %S/Inputs/compare.py %t.small-cnn.npy %S/Inputs/small-cnn.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok
