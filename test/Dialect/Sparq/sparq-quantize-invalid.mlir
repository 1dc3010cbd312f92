// Bad pass options are reported at the module (one file per option, made by
// split-file); bad per-op settings and weights the pass cannot handle are
// reported at the op (-split-input-file on ops.mlir).

// RUN: split-file %s %t
// RUN: sparq-opt %t/ops.mlir -split-input-file -verify-diagnostics --sparq-quantize="scheme=symmetric bits=8 granularity=channel"
// RUN: sparq-opt %t/scheme.mlir -verify-diagnostics --sparq-quantize="scheme=ternary"
// RUN: sparq-opt %t/bits0.mlir -verify-diagnostics --sparq-quantize="scheme=asymmetric bits=0"
// RUN: sparq-opt %t/bits17.mlir -verify-diagnostics --sparq-quantize="scheme=asymmetric bits=17"
// RUN: sparq-opt %t/sym1.mlir -verify-diagnostics --sparq-quantize="scheme=symmetric bits=1"
// RUN: sparq-opt %t/kmeans9.mlir -verify-diagnostics --sparq-quantize="scheme=kmeans bits=9"
// RUN: sparq-opt %t/granularity.mlir -verify-diagnostics --sparq-quantize="granularity=row"
// RUN: sparq-opt %t/groupsize.mlir -verify-diagnostics --sparq-quantize="granularity=group group-size=0"
// RUN: sparq-opt %t/rounding.mlir -verify-diagnostics --sparq-quantize="rounding=up"

//--- scheme.mlir
// expected-error@+1 {{sparq-quantize: unknown scheme 'ternary' (expected symmetric, asymmetric or kmeans)}}
module {}

//--- bits0.mlir
// expected-error@+1 {{sparq-quantize: bits must be in [1, 16], got 0}}
module {}

//--- bits17.mlir
// expected-error@+1 {{sparq-quantize: bits must be in [1, 16], got 17}}
module {}

//--- sym1.mlir
// expected-error@+1 {{sparq-quantize: symmetric quantization needs bits in [2, 16] (a 1-bit symmetric grid holds only 0), got 1}}
module {}

//--- kmeans9.mlir
// expected-error@+1 {{sparq-quantize: kmeans quantization supports bits in [1, 8] (2^bits centroids per group), got 9}}
module {}

//--- granularity.mlir
// expected-error@+1 {{sparq-quantize: unknown granularity 'row' (expected tensor, channel or group)}}
module {}

//--- groupsize.mlir
// expected-error@+1 {{sparq-quantize: group-size must be positive, got 0}}
module {}

//--- rounding.mlir
// expected-error@+1 {{sparq-quantize: unknown rounding 'up' (expected nearest_even, nearest_away or toward_zero)}}
module {}

//--- ops.mlir
func.func @override_not_dict(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: the 'sparq.quantize' attribute must be a dictionary, got "int4"}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = "int4"} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_unknown_key(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: unknown key 'group_size' in 'sparq.quantize' (expected scheme, bits, granularity, group-size or rounding)}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {group_size = 2}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_scheme_not_string(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: 'sparq.quantize' key 'scheme' must be a string, got 3 : i64}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {scheme = 3}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_bits_not_integer(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: 'sparq.quantize' key 'bits' must be an integer, got "4"}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {bits = "4"}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_bad_scheme(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: unknown scheme 'binary' (from 'sparq.quantize') (expected symmetric, asymmetric or kmeans)}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {scheme = "binary"}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_bits_range(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: bits must be in [1, 16], got 32 (from 'sparq.quantize')}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {bits = 32}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_symmetric_1bit(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: symmetric quantization needs bits in [2, 16] (a 1-bit symmetric grid holds only 0), got 1 (from 'sparq.quantize')}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {bits = 1}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_kmeans_bits(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: kmeans quantization supports bits in [1, 8] (2^bits centroids per group), got 12 (from 'sparq.quantize')}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {scheme = "kmeans", bits = 12}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_granularity(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: unknown granularity 'block' (from 'sparq.quantize') (expected tensor, channel or group)}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {granularity = "block"}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_group_size(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: group-size must be positive, got -2 (from 'sparq.quantize')}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {granularity = "group", "group-size" = -2}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @override_rounding(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: unknown rounding 'stochastic' (from 'sparq.quantize') (expected nearest_even, nearest_away or toward_zero)}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {rounding = "stochastic"}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @group_does_not_divide(%x: tensor<2x6xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<6x2xf32>
  // expected-error@+1 {{sparq-quantize: group-size 4 does not divide the reduction dimension (axis 0, size 6) of the weight 'tensor<6x2xf32>'}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {granularity = "group", "group-size" = 4}} : tensor<2x6xf32>, tensor<6x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @group_conv_channels(%x: tensor<1x4x4x3xf32>, %init: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x3x3x2xf32>
  // expected-error@+1 {{sparq-quantize: group-size 2 does not divide the input-channel dimension (axis 2, size 3) of the conv weight 'tensor<3x3x3x2xf32>' (groups of a conv weight run along its input channels)}}
  %y = linalg.conv_2d_nhwc_hwcf {sparq.quantize = {granularity = "group", "group-size" = 2}}
      ins(%x, %w : tensor<1x4x4x3xf32>, tensor<3x3x3x2xf32>) outs(%init : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

func.func @f16_result(%x: tensor<2x2xf32>, %init: tensor<2x2xf16>) -> tensor<2x2xf16> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: the result must be an f32 tensor (sparq ops accumulate in f32), got 'tensor<2x2xf16>'}}
  %y = linalg.matmul ins(%x, %w : tensor<2x2xf32>, tensor<2x2xf32>) outs(%init : tensor<2x2xf16>) -> tensor<2x2xf16>
  return %y : tensor<2x2xf16>
}

// -----

func.func @f16_activation(%x: tensor<2x2xf16>, %init: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: the activation must be an f32 tensor, got 'tensor<2x2xf16>'}}
  %y = linalg.matmul ins(%x, %w : tensor<2x2xf16>, tensor<2x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @custom_maps(%x: tensor<2x3xf32>, %init: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: linalg.matmul with custom indexing maps is not supported}}
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<2x3xf32>, tensor<2x2xf32>) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @short_blob(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense_resource<short> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-quantize: cannot read the weight: the dense_resource blob holds 8 bytes, not the 16 of the weight type}}
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
