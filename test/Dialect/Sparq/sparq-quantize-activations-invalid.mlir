// Bad options and unsupported cases of --sparq-quantize-activations.
// RUN: split-file %s %t
// RUN: sparq-opt %t/scheme.mlir --sparq-quantize-activations="scheme=kmeans" -verify-diagnostics
// RUN: sparq-opt %t/granularity.mlir --sparq-quantize-activations="granularity=channel" -verify-diagnostics
// RUN: sparq-opt %t/bits.mlir --sparq-quantize-activations="bits=1" -verify-diagnostics
// RUN: sparq-opt %t/bits17.mlir --sparq-quantize-activations="scheme=asymmetric bits=17" -verify-diagnostics
// RUN: sparq-opt %t/ops.mlir --sparq-quantize-activations="granularity=row" -split-input-file -verify-diagnostics

//--- scheme.mlir
// expected-error@+1 {{sparq-quantize-activations: unknown scheme 'kmeans' (expected symmetric or asymmetric)}}
module {}

//--- granularity.mlir
// expected-error@+1 {{sparq-quantize-activations: unknown granularity 'channel' (expected tensor or row)}}
module {}

//--- bits.mlir
// expected-error@+1 {{sparq-quantize-activations: bits must be in [2, 16] for symmetric activations, got 1}}
module {}

//--- bits17.mlir
// expected-error@+1 {{sparq-quantize-activations: bits must be in [1, 16] for asymmetric activations, got 17}}
module {}

//--- ops.mlir
#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>
func.func @row_on_conv(%x: tensor<1x4x4x2xf32>, %f: tensor<3x3x2x2xi8, #w8>) -> tensor<1x2x2x2xf32> {
  // expected-error@+1 {{'sparq.conv2d' op granularity=row needs a rank-2 matmul activation; use granularity=tensor here}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x2xf32>, tensor<3x3x2x2xi8, #w8> -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @dynamic(%x: tensor<?x4xf32>, %w: tensor<4x2xi8, #w8>) -> tensor<?x2xf32> {
  // expected-error@+1 {{'sparq.matmul' op cannot quantize an activation of dynamic shape 'tensor<?x4xf32>' yet}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<?x4xf32>, tensor<4x2xi8, #w8> -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// -----

func.func @float_weight(%x: tensor<2x4xf32>, %w: tensor<4x2xf32>) -> tensor<2x2xf32> {
  // expected-warning@+1 {{activations left in f32: the weight is not linearly quantized (run --sparq-quantize with a symmetric or asymmetric scheme first)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x2xf32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

#cb = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>
func.func @codebook_weight(%x: tensor<2x4xf32>, %w: tensor<4x2xi4, #cb>) -> tensor<2x2xf32> {
  // expected-warning@+1 {{activations left in f32: the weight is not linearly quantized}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x2xi4, #cb> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// Run twice (or on a hand-quantized model): the activation is not a plain
// f32 tensor any more, and the second run's options cannot apply.
#a8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @already_quantized(%x: tensor<2x4xi8, #a8>, %w: tensor<4x2xi8, #w8>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'sparq.matmul' op the activation is already quantized (#sparq.quant<si8:f32, symmetric, tensor>); --sparq-quantize-activations quantizes each f32 activation once (restrict repeated runs with ops=)}}
  %y = sparq.matmul %x, %w acc(i32) : tensor<2x4xi8, #a8>, tensor<4x2xi8, #w8> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @f16_activation(%x: tensor<2x4xf16>, %w: tensor<4x2xi8, #w8>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'sparq.matmul' op cannot quantize the activation 'tensor<2x4xf16>': only plain f32 activations are quantized}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf16>, tensor<4x2xi8, #w8> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// A linalg contraction with a constant weight that --sparq-quantize has not
// rewritten gets the same warning as a sparq op with a float weight.
func.func @linalg_float_weight(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  // expected-warning@+1 {{activations left in f32: the weight is not linearly quantized (run --sparq-quantize with a symmetric or asymmetric scheme first)}}
  %y = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x2xf32>) outs(%i : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
