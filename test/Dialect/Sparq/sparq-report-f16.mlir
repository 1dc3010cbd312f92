// RUN: sparq-opt %s --sparq-report="file=-" -o /dev/null | FileCheck %s

// An f16 weight's zeros (of either sign) are counted from its raw storage:
// 0.0, -0.0, 0.0, 0.0 are 4 of 8 entries.
// CHECK: "weights": [
// CHECK: "bits": 16,
// CHECK: "sparsity": 0.5,
// CHECK: "zeros": 4
func.func @f16(%x: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %w = arith.constant dense<[[1.0, 0.0], [-0.0, 2.0], [0.0, 0.0], [3.0, 0.5]]> : tensor<4x2xf16>
  %y = sparq.matmul %x, %w acc(f16) : tensor<1x4xf16>, tensor<4x2xf16> -> tensor<1x2xf16>
  return %y : tensor<1x2xf16>
}
