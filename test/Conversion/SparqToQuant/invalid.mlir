// RUN: sparq-opt %s -split-input-file -verify-diagnostics --sparq-to-quant

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
// expected-error @+1 {{argument #0 has type 'tensor<4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>', whose scales are run-time values of the argument; a !quant.uniform type needs them at compile time}}
func.func @argument(%q: tensor<4xi8, #s8>) -> tensor<4xf32> {
  %d = sparq.dequantize %q : tensor<4xi8, #s8> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @runtime_scales(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{scales are not a constant: !quant.uniform holds them in the type, so they must be known at compile time}}
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4xf32> -> tensor<4xi8, #s8>
  %d = sparq.dequantize %q : tensor<4xi8, #s8> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @runtime_zero_points(%x: tensor<4xf32>, %z: tensor<1xi32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  // expected-error @+1 {{zero points are not a constant}}
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<4xf32> -> tensor<4xi8, #u8>
  %d = sparq.dequantize %q : tensor<4xi8, #u8> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @resource_scales(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense_resource<scale> : tensor<1xf32>
  // expected-error @+1 {{scales are a dense_resource<scale> : tensor<1xf32> constant; only dense constants can be folded into a !quant.uniform type}}
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4xf32> -> tensor<4xi8, #s8>
  %d = sparq.dequantize %q : tensor<4xi8, #s8> -> tensor<4xf32>
  return %d : tensor<4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      scale: "0x040000000000003F"
    }
  }
#-}

// -----

#cb = #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>
func.func @codebook(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant dense<[-1.0, 0.0, 0.5, 1.0]> : tensor<4xf32>
  // expected-error @+1 {{codebook quantization (#sparq.quant<ui2:f32, codebook, tensor>) maps indices to centroids; !quant.uniform has no codebooks}}
  %q = sparq.quantize %x codebook(%c : tensor<4xf32>) : tensor<4xf32> -> tensor<4xi2, #cb>
  %d = sparq.dequantize %q : tensor<4xi2, #cb> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#away = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor, rounding = nearest_away>>
func.func @rounding(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  // expected-error @+1 {{rounding = nearest_away cannot be kept: !quant.uniform has no rounding mode, and the conversion back reads it as round half to even}}
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4xf32> -> tensor<4xi8, #away>
  %d = sparq.dequantize %q : tensor<4xi8, #away> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
func.func @zero_scale(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %s = arith.constant dense<[0.5, 0.0]> : tensor<2xf32>
  // expected-error @+1 {{scale #1 is 0.000000e+00; !quant.uniform needs positive finite scales}}
  %q = sparq.quantize %x scales(%s : tensor<2xf32>) : tensor<2x2xf32> -> tensor<2x2xi8, #s8>
  %d = sparq.dequantize %q : tensor<2x2xi8, #s8> -> tensor<2x2xf32>
  return %d : tensor<2x2xf32>
}

// -----

#u4 = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, tensor>>
func.func @zero_point_range(%v: tensor<4xi4>) -> tensor<4xf32> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %z = arith.constant dense<16> : tensor<1xi32>
  // expected-error @+1 {{zero point #0 is 16, outside the storage range [0, 15]}}
  %a = sparq.assemble values(%v : tensor<4xi4>) scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<4xi4, #u4>
  %d = sparq.dequantize %a : tensor<4xi4, #u4> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#s8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @compressed(%x: tensor<4x4xf32>) -> tensor<4x4xf32, #sparq.encoding<csr>> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4x4xf32> -> tensor<4x4xi8, #s8>
  // expected-error @+1 {{quantized tensor 'tensor<4x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>>' uses the csr format; !quant.uniform tensors are dense only (sparq.unpack it first)}}
  %c = sparq.pack %q : tensor<4x4xi8, #s8> -> tensor<4x4xi8, #s8csr>
  // expected-error @+1 {{uses the csr format}}
  %d = sparq.dequantize %c : tensor<4x4xi8, #s8csr> -> tensor<4x4xf32, #sparq.encoding<csr>>
  return %d : tensor<4x4xf32, #sparq.encoding<csr>>
}

// -----

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @no_counterpart(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4x4xf32> -> tensor<4x4xi8, #s8>
  // expected-error @+1 {{'sparq.matmul' on the quantized tensor 'tensor<4x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>' has no counterpart on !quant.uniform tensors}}
  %m = sparq.matmul %q, %w acc(f32) : tensor<4x4xi8, #s8>, tensor<4x4xf32> -> tensor<4x4xf32>
  return %m : tensor<4x4xf32>
}

// -----

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func private @external(tensor<4xf32>) -> tensor<4xi8, #s8>
func.func @call(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{result #0 has no single !quant.uniform type: the callee does not always return a value quantized with the same constant parameters}}
  %q = func.call @external(%x) : (tensor<4xf32>) -> tensor<4xi8, #s8>
  %d = sparq.dequantize %q : tensor<4xi8, #s8> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
// expected-error @+1 {{result #0 is returned with different quantization parameters ('tensor<4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>' and 'tensor<4x!quant.uniform<i8<-127:127>:f32, 2.500000e-01>>'); a function has one result type}}
func.func @two_returns(%x: tensor<4xf32>, %c: i1) -> tensor<4xi8, #s8> {
  cf.cond_br %c, ^a, ^b
^a:
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4xf32> -> tensor<4xi8, #s8>
  return %q : tensor<4xi8, #s8>
^b:
  %t = arith.constant dense<0.25> : tensor<1xf32>
  %r = sparq.quantize %x scales(%t : tensor<1xf32>) : tensor<4xf32> -> tensor<4xi8, #s8>
  return %r : tensor<4xi8, #s8>
}
