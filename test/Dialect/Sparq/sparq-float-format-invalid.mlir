// A bad type is reported at the module; overflows (warnings) and weights
// the pass cannot handle are reported at the op.

// RUN: split-file %s %t
// RUN: sparq-opt %t/type.mlir -verify-diagnostics --sparq-float-format="type=f8E4M3"
// RUN: sparq-opt %t/ops.mlir -split-input-file -verify-diagnostics --sparq-float-format="type=f16"
// RUN: sparq-opt %t/nan.mlir -verify-diagnostics --sparq-float-format="type=f8E4M3FN"

//--- type.mlir
// expected-error@+1 {{sparq-float-format: unknown type 'f8E4M3' (expected f16, bf16, tf32, f8E4M3FN or f8E5M2)}}
module {}

//--- nan.mlir
func.func @overflow_nan(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[500.0, 1.0], [-1000.0, 448.0]]> : tensor<2x2xf32>
  // expected-warning@+1 {{sparq-float-format: 2 of 4 weights overflow f8E4M3FN and become NaN}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

//--- ops.mlir
func.func @overflow_inf(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[65520.0, 1.0], [1.0, 1.0]]> : tensor<2x2xf32>
  // expected-warning@+1 {{sparq-float-format: 1 of 4 weights overflow f16 and become infinite}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @custom_maps(%x: tensor<2x3xf32>, %init: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-float-format: linalg.matmul with custom indexing maps is not supported}}
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<2x3xf32>, tensor<2x2xf32>) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @short_blob(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense_resource<short> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-float-format: cannot read the weight: the dense_resource blob holds 8 bytes, not the 16 of the weight type}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      short: "0x040000000000803F0000803F"
    }
  }
#-}
