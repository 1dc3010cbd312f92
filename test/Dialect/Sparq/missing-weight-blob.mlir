// A dense_resource weight whose blob is not in the file: every compression
// pass reports it at the op.
// RUN: split-file %s %t
// RUN: sparq-opt %t/prune.mlir --sparq-prune -verify-diagnostics
// RUN: sparq-opt %t/quantize.mlir --sparq-quantize -verify-diagnostics
// RUN: sparq-opt %t/float.mlir --sparq-float-format=type=f16 -verify-diagnostics
// RUN: sparq-opt %t/mixed.mlir --sparq-mixed-precision="candidates=4,8 avg-bits=8" -verify-diagnostics

//--- prune.mlir
func.func @missing(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense_resource<absent> : tensor<4x2xf32>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: the dense_resource blob of the weight is missing}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- quantize.mlir
func.func @missing(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense_resource<absent> : tensor<4x2xf32>
  // expected-error@+1 {{sparq-quantize: cannot read the weight: the dense_resource blob of the weight is missing}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- float.mlir
func.func @missing(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense_resource<absent> : tensor<4x2xf32>
  // expected-error@+1 {{sparq-float-format: cannot read the weight: the dense_resource blob of the weight is missing}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- mixed.mlir
func.func @missing(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense_resource<absent> : tensor<4x2xf32>
  // expected-error@+1 {{sparq-mixed-precision: cannot read the weight: the dense_resource blob of the weight is missing}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
