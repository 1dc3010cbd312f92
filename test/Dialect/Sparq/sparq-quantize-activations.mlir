// RUN: sparq-opt %s --sparq-quantize-activations="scheme=symmetric bits=8" --mlir-print-local-scope --split-input-file | FileCheck %s --check-prefix=SYM
// RUN: sparq-opt %s --sparq-quantize-activations="scheme=asymmetric bits=16" --mlir-print-local-scope --split-input-file | FileCheck %s --check-prefix=A16

#w = #sparq.encoding<dense, quant = #sparq.quant<si16:f32, symmetric, tensor>>

// Symmetric per tensor: max|x| (NaN-ignoring), scale = f32(f64(max) / 127)
// with 1 for a zero or non-finite scale, then sparq.quantize.
// SYM-LABEL: func @lhs_activation
// SYM: linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// SYM: arith.negf
// SYM: arith.maxnumf
// SYM: arith.maxnumf
// SYM: linalg.generic
// SYM: arith.extf %{{.*}} : f32 to f64
// SYM: arith.constant 1.270000e+02 : f64
// SYM: arith.divf
// SYM: arith.truncf %{{.*}} : f64 to f32
// SYM: arith.select
// SYM: %[[S:.*]] = tensor.expand_shape %{{.*}} [] output_shape [1] : tensor<f32> into tensor<1xf32>
// SYM: %[[Q:.*]] = sparq.quantize %{{.*}} scales(%[[S]] : tensor<1xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
// SYM: sparq.matmul %[[Q]], %{{.*}} acc(i32) : tensor<2x4xi8, {{.*}}>, tensor<4x2xi16, {{.*}}> -> tensor<2x2xf32>
// A 16-bit asymmetric activation times a 16-bit weight needs 17 + 16 bits.
// A16-LABEL: func @lhs_activation
// A16: sparq.matmul %{{.*}}, %{{.*}} acc(i64) : tensor<2x4xi16, #sparq.encoding<dense, quant = #sparq.quant<ui16:f32, asymmetric, tensor>>>, tensor<4x2xi16
func.func @lhs_activation(%x: tensor<2x4xf32>, %w: tensor<4x2xi16, #w>) -> tensor<2x2xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x2xi16, #w> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

#w = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>

// The weight is the lhs (y = W * x): the rhs is the activation.
// SYM-LABEL: func @rhs_activation
// SYM: %[[Q:.*]] = sparq.quantize %{{.*}} : tensor<4x1xf32> -> tensor<4x1xi8
// SYM: sparq.matmul %{{.*}}, %[[Q]] acc(i32) : tensor<2x4xi8, {{.*}}>, tensor<4x1xi8
// A16-LABEL: func @rhs_activation
// A16: sparq.matmul %{{.*}}, %{{.*}} acc(i32) : tensor<2x4xi8
func.func @rhs_activation(%w: tensor<2x4xi8, #w>, %x: tensor<4x1xf32>) -> tensor<2x1xf32> {
  %y = sparq.matmul %w, %x acc(f32) : tensor<2x4xi8, #w>, tensor<4x1xf32> -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}
