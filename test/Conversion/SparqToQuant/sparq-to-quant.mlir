// RUN: sparq-opt %s --sparq-to-quant | FileCheck %s

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#s4c0 = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, channel(0)>>
#u4c1 = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>
#s8g1 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
#s4g0 = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, asymmetric, group(0, 2)>>
#h8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f16, symmetric, channel(0)>>
#u8f = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>

// Per-tensor symmetric: narrow signed range, no zero point; the scale
// constant is folded into the type and removed.
// CHECK-LABEL: func.func @per_tensor_symmetric_si8(
// CHECK-SAME:    %[[X:.*]]: tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK-NOT:     arith.constant
// CHECK:         %[[Q:.*]] = quant.qcast %[[X]] : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>
// CHECK:         %[[D:.*]] = quant.dcast %[[Q]] : tensor<2x4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>> to tensor<2x4xf32>
// CHECK:         return %[[D]]
func.func @per_tensor_symmetric_si8(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #s8>
  %d = sparq.dequantize %q : tensor<2x4xi8, #s8> -> tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}

// Per-tensor asymmetric unsigned: full range, zero point in the type.
// CHECK-LABEL: func.func @per_tensor_asymmetric_ui8(
// CHECK:         quant.qcast %{{.*}} : tensor<8xf32> to tensor<8x!quant.uniform<u8:f32, 2.500000e-01:128>>
// CHECK:         quant.dcast %{{.*}} : tensor<8x!quant.uniform<u8:f32, 2.500000e-01:128>> to tensor<8xf32>
func.func @per_tensor_asymmetric_ui8(%x: tensor<8xf32>) -> tensor<8xf32> {
  %s = arith.constant dense<0.25> : tensor<1xf32>
  %z = arith.constant dense<128> : tensor<1xi32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<8xf32> -> tensor<8xi8, #u8>
  %d = sparq.dequantize %q : tensor<8xi8, #u8> -> tensor<8xf32>
  return %d : tensor<8xf32>
}

// Per-axis symmetric 4-bit on axis 0.
// CHECK-LABEL: func.func @per_axis_symmetric_si4(
// CHECK:         quant.qcast %{{.*}} : tensor<3x2xf32> to tensor<3x2x!quant.uniform<i4<-7:7>:f32:0, {5.000000e-01,1.000000e+00,1.500000e+00}>>
func.func @per_axis_symmetric_si4(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %s = arith.constant dense<[0.5, 1.0, 1.5]> : tensor<3xf32>
  %q = sparq.quantize %x scales(%s : tensor<3xf32>) : tensor<3x2xf32> -> tensor<3x2xi4, #s4c0>
  %d = sparq.dequantize %q : tensor<3x2xi4, #s4c0> -> tensor<3x2xf32>
  return %d : tensor<3x2xf32>
}

// Per-axis asymmetric unsigned 4-bit on axis 1: zero points per channel
// (printed only when nonzero).
// CHECK-LABEL: func.func @per_axis_asymmetric_ui4(
// CHECK:         quant.qcast %{{.*}} : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u4:f32:1, {5.000000e-01,2.500000e-01:3,1.000000e+00:8,2.000000e+00:15}>>
func.func @per_axis_asymmetric_ui4(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %s = arith.constant dense<[0.5, 0.25, 1.0, 2.0]> : tensor<4xf32>
  %z = arith.constant dense<[0, 3, 8, 15]> : tensor<4xi32>
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) zero_points(%z : tensor<4xi32>) : tensor<2x4xf32> -> tensor<2x4xi4, #u4c1>
  %d = sparq.dequantize %q : tensor<2x4xi4, #u4c1> -> tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}

// Groups of 2 along axis 1: block size 2 on axis 1 and 1 on axis 0; the
// scales keep sparq's [2, 2] shape.
// CHECK-LABEL: func.func @group_symmetric_si8(
// CHECK:         quant.qcast %{{.*}} : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32:{0:1, 1:2}, {{\{}}{5.000000e-01, 2.500000e-01}, {1.000000e+00, 2.000000e+00}}>>
func.func @group_symmetric_si8(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %s = arith.constant dense<[[0.5, 0.25], [1.0, 2.0]]> : tensor<2x2xf32>
  %q = sparq.quantize %x scales(%s : tensor<2x2xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #s8g1>
  %d = sparq.dequantize %q : tensor<2x4xi8, #s8g1> -> tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}

// Asymmetric signed 4-bit groups along axis 0, built with sparq.assemble:
// the assemble becomes a storage cast of its values.
// CHECK-LABEL: func.func @group_asymmetric_si4_assemble(
// CHECK-SAME:    %[[V:.*]]: tensor<4x2xi4>)
// CHECK:         %[[Q:.*]] = quant.scast %[[V]] : tensor<4x2xi4> to tensor<4x2x!quant.uniform<i4:f32:{0:2, 1:1}, {{\{}}{5.000000e-01:-8, 2.500000e-01}, {1.000000e+00:7, 2.000000e+00:1}}>>
// CHECK:         quant.dcast %[[Q]]
func.func @group_asymmetric_si4_assemble(%v: tensor<4x2xi4>) -> tensor<4x2xf32> {
  %s = arith.constant dense<[[0.5, 0.25], [1.0, 2.0]]> : tensor<2x2xf32>
  %z = arith.constant dense<[[-8, 0], [7, 1]]> : tensor<2x2xi32>
  %a = sparq.assemble values(%v : tensor<4x2xi4>) scales(%s : tensor<2x2xf32>) zero_points(%z : tensor<2x2xi32>) : tensor<4x2xi4, #s4g0>
  %d = sparq.dequantize %a : tensor<4x2xi4, #s4g0> -> tensor<4x2xf32>
  return %d : tensor<4x2xf32>
}

// An f16 expressed type: the f16 scales become the type's scales.
// CHECK-LABEL: func.func @per_axis_f16(
// CHECK:         quant.qcast %{{.*}} : tensor<2x3xf16> to tensor<2x3x!quant.uniform<i8<-127:127>:f16:0, {1.250000e-01,3.000000e+00}>>
func.func @per_axis_f16(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %s = arith.constant dense<[0.125, 3.0]> : tensor<2xf16>
  %q = sparq.quantize %x scales(%s : tensor<2xf16>) : tensor<2x3xf16> -> tensor<2x3xi8, #h8>
  %d = sparq.dequantize %q : tensor<2x3xi8, #h8> -> tensor<2x3xf16>
  return %d : tensor<2x3xf16>
}

// Parts: the values become a storage cast, the scales and zero points the
// constants the type holds; a quantized result takes the !quant.uniform type.
// CHECK-LABEL: func.func @parts_and_result(
// CHECK-SAME:    -> (tensor<4xi8>, tensor<1xf32>, tensor<1xi32>, tensor<4x!quant.uniform<u8:f32, 2.000000e+00:10>>)
// CHECK:         %[[Q:.*]] = quant.qcast %{{.*}} : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 2.000000e+00:10>>
// CHECK:         %[[V:.*]] = quant.scast %[[Q]] : tensor<4x!quant.uniform<u8:f32, 2.000000e+00:10>> to tensor<4xi8>
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<2.000000e+00> : tensor<1xf32>
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<10> : tensor<1xi32>
// CHECK:         return %[[V]], %[[S]], %[[Z]], %[[Q]]
func.func @parts_and_result(%x: tensor<4xf32>)
    -> (tensor<4xi8>, tensor<1xf32>, tensor<1xi32>, tensor<4xi8, #u8f>) {
  %s = arith.constant dense<2.0> : tensor<1xf32>
  %z = arith.constant dense<10> : tensor<1xi32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<4xf32> -> tensor<4xi8, #u8f>
  %v = sparq.part values of %q : tensor<4xi8, #u8f> -> tensor<4xi8>
  %ps = sparq.part scales of %q : tensor<4xi8, #u8f> -> tensor<1xf32>
  %pz = sparq.part zero_points of %q : tensor<4xi8, #u8f> -> tensor<1xi32>
  return %v, %ps, %pz, %q : tensor<4xi8>, tensor<1xf32>, tensor<1xi32>, tensor<4xi8, #u8f>
}

// Unquantized sparq tensors are not this pass's business.
// CHECK-LABEL: func.func @unquantized_untouched(
// CHECK:         sparq.pack
// CHECK-NOT:     quant.
func.func @unquantized_untouched(%x: tensor<4x4xf32>) -> tensor<4x4xf32, #sparq.encoding<csr>> {
  %p = sparq.pack %x : tensor<4x4xf32> -> tensor<4x4xf32, #sparq.encoding<csr>>
  return %p : tensor<4x4xf32, #sparq.encoding<csr>>
}

// A dynamic channel dimension: the per-axis type holds the constant's three
// scales; the scale part gets its dynamic type back through a tensor.cast.
#c0 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
// CHECK-LABEL: func.func @dynamic_channel(
// CHECK:         %[[Q:.*]] = quant.qcast %{{.*}} : tensor<?x4xf32> to tensor<?x4x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,1.000000e+00,1.500000e+00}>>
// CHECK:         %[[S:.*]] = arith.constant dense<[5.000000e-01, 1.000000e+00, 1.500000e+00]> : tensor<3xf32>
// CHECK:         %[[C:.*]] = tensor.cast %[[S]] : tensor<3xf32> to tensor<?xf32>
// CHECK:         return %{{.*}}, %[[C]]
func.func @dynamic_channel(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?xf32>) {
  %s = arith.constant dense<[0.5, 1.0, 1.5]> : tensor<3xf32>
  %q = sparq.quantize %x scales(%s : tensor<3xf32>) : tensor<?x4xf32> -> tensor<?x4xi8, #c0>
  %d = sparq.dequantize %q : tensor<?x4xi8, #c0> -> tensor<?x4xf32>
  %p = sparq.part scales of %q : tensor<?x4xi8, #c0> -> tensor<?xf32>
  return %d, %p : tensor<?x4xf32>, tensor<?xf32>
}

// A call result takes the type of the value its callee returns.
#u8c = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
// CHECK-LABEL: func.func @make(
// CHECK-SAME:    -> tensor<4x!quant.uniform<u8:f32, 5.000000e-01:7>>
func.func @make(%x: tensor<4xf32>) -> tensor<4xi8, #u8c> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %z = arith.constant dense<7> : tensor<1xi32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<4xf32> -> tensor<4xi8, #u8c>
  return %q : tensor<4xi8, #u8c>
}
// CHECK-LABEL: func.func @use(
// CHECK:         %[[R:.*]] = call @make(%{{.*}}) : (tensor<4xf32>) -> tensor<4x!quant.uniform<u8:f32, 5.000000e-01:7>>
// CHECK:         quant.dcast %[[R]] : tensor<4x!quant.uniform<u8:f32, 5.000000e-01:7>> to tensor<4xf32>
func.func @use(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = func.call @make(%x) : (tensor<4xf32>) -> tensor<4xi8, #u8c>
  %d = sparq.dequantize %q : tensor<4xi8, #u8c> -> tensor<4xf32>
  return %d : tensor<4xf32>
}
