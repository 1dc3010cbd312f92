// LeNet-5 exported by torch.onnx.export (opset 13: Conv, Relu, MaxPool,
// Flatten, Gemm) runs within float tolerance of PyTorch's output on the same
// input (Inputs/make_models.py wrote both).
// RUN: sparq-import-onnx %S/Inputs/lenet.onnx -o %t.mlir
// RUN: %python %S/Inputs/harness.py wrap %t.mlir main %S/Inputs/lenet.in.npy > %t.run.mlir
// RUN: sparq-opt %t.run.mlir --sparq-to-llvm | mlir-runner -e harness_main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.out
// RUN: %python %S/Inputs/harness.py compare %t.out %S/Inputs/lenet.out.npy --atol 1e-5 --rtol 1e-4 | FileCheck %s
// CHECK: max abs error {{.*}}: ok

// The same model with BatchNormalization after each Conv (folded into the
// filters) and AvgPool2d (opset 17 exports it as Pad + AveragePool).
// RUN: sparq-import-onnx %S/Inputs/lenet-bn-avgpool.onnx -o %t.bn.mlir
// RUN: %python %S/Inputs/harness.py wrap %t.bn.mlir main %S/Inputs/lenet-bn-avgpool.in.npy > %t.bn.run.mlir
// RUN: sparq-opt %t.bn.run.mlir --sparq-to-llvm | mlir-runner -e harness_main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.bn.out
// RUN: %python %S/Inputs/harness.py compare %t.bn.out %S/Inputs/lenet-bn-avgpool.out.npy --atol 1e-5 --rtol 1e-4 | FileCheck %s
