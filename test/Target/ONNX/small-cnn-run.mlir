// A small MobileNet-like CNN at opset 17: Conv + BatchNorm (folded) + Clip
// (ReLU6), depthwise + pointwise blocks, MaxPool, GlobalAveragePool,
// x.view(x.size(0), -1) (Constant / Unsqueeze / Concat shape arithmetic
// folded at import), Gemm, Softmax.
// Each runs within |got - ref| <= 1e-5 + 1e-4 |ref| of PyTorch's output.
// RUN: sparq-import-onnx %S/Inputs/small-cnn.onnx -o %t.small-cnn.mlir
// RUN: sparq-run %t.small-cnn.mlir --input=%S/Inputs/small-cnn.in.npy --output=%t.small-cnn.npy
// RUN: %python %S/Inputs/compare.py %t.small-cnn.npy %S/Inputs/small-cnn.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok

// Exported with a dynamic batch (dynamic_axes; x.size(0) is a Shape / Gather
// / Unsqueeze / Concat chain, folded once --batch fixes the size): at the
// exported batch of 3, and at batch 1 run three times by sparq-run --batch.
// RUN: sparq-import-onnx %S/Inputs/small-cnn-dynamic.onnx --batch=3 -o %t.dyn3.mlir
// RUN: sparq-run %t.dyn3.mlir --input=%S/Inputs/small-cnn-dynamic.in.npy --output=%t.dyn3.npy
// RUN: %python %S/Inputs/compare.py %t.dyn3.npy %S/Inputs/small-cnn-dynamic.out.npy | FileCheck %s
// RUN: sparq-import-onnx %S/Inputs/small-cnn-dynamic.onnx --batch=1 -o %t.dyn1.mlir
// RUN: sparq-run %t.dyn1.mlir --input=%S/Inputs/small-cnn-dynamic.in.npy --batch=1 --output=%t.dyn1.npy
// RUN: %python %S/Inputs/compare.py %t.dyn1.npy %S/Inputs/small-cnn-dynamic.out.npy | FileCheck %s
// RUN: not sparq-import-onnx %S/Inputs/small-cnn-dynamic.onnx 2>&1 | FileCheck %s --check-prefix=NOBATCH
// NOBATCH: error: graph input 'input' has a dynamic dimension 0 ('batch') (only static shapes are supported; --batch=N gives a dynamic dimension 0 a size)
