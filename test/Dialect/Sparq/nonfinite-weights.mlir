// A weight holding NaN or infinity cannot be ranked or put on a grid: the
// compression passes say so instead of producing garbage.
// RUN: split-file %s %t
// RUN: sparq-opt %t/prune.mlir --sparq-prune -verify-diagnostics
// RUN: sparq-opt %t/quantize.mlir --sparq-quantize -verify-diagnostics
// RUN: sparq-opt %t/mixed.mlir --sparq-mixed-precision="candidates=4,8 avg-bits=8" -verify-diagnostics

//--- prune.mlir
func.func @nan_weight(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[0x7FC00000, 0.02], [0.03, 1.0], [0.5, 0x7F800000], [0.1, 0.2]]> : tensor<4x2xf32>
  %z = arith.constant dense<0.0> : tensor<2x2xf32>
  // expected-error@+1 {{'linalg.matmul' op cannot prune the weight: it holds NaN or infinite values}}
  %a = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x2xf32>) outs(%z : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %a : tensor<2x2xf32>
}

//--- quantize.mlir
func.func @nan_weight(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[0x7FC00000, 0.02], [0.03, 1.0], [0.5, 0x7F800000], [0.1, 0.2]]> : tensor<4x2xf32>
  %z = arith.constant dense<0.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: the weight holds NaN or infinite values}}
  %a = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x2xf32>) outs(%z : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %a : tensor<2x2xf32>
}

//--- mixed.mlir
func.func @nan_weight(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[0x7FC00000, 0.02], [0.03, 1.0], [0.5, 0x7F800000], [0.1, 0.2]]> : tensor<4x2xf32>
  %z = arith.constant dense<0.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-mixed-precision: the weight holds NaN or infinite values}}
  %a = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x2xf32>) outs(%z : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %a : tensor<2x2xf32>
}
