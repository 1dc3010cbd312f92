// Gemm (nn.Linear: transB = 1; addmm: alpha = 2, beta = 0.5) and MatMul
// ([B, M, K] x constant [K, N], batched x batched, matrix x vector).
// Each runs within |got - ref| <= 1e-5 + 1e-4 |ref| of PyTorch's output.
// RUN: sparq-import-onnx %S/Inputs/gemm.onnx -o %t.gemm.mlir
// RUN: sparq-run %t.gemm.mlir --input=%S/Inputs/gemm.in.npy --output=%t.gemm.npy
// RUN: %python %S/Inputs/compare.py %t.gemm.npy %S/Inputs/gemm.out.npy | FileCheck %s
// RUN: sparq-import-onnx %S/Inputs/matmul.onnx -o %t.matmul.mlir
// RUN: sparq-run %t.matmul.mlir --input=%S/Inputs/matmul.in.npy --output=%t.matmul.npy
// RUN: %python %S/Inputs/compare.py %t.matmul.npy %S/Inputs/matmul.out.npy | FileCheck %s
// CHECK: max abs error {{.*}}: ok
