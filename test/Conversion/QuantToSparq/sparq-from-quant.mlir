// RUN: sparq-opt %s --sparq-from-quant | FileCheck %s

// CHECK-DAG: #[[S8T:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
// CHECK-DAG: #[[U8T:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
// CHECK-DAG: #[[I8T:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, tensor>>
// CHECK-DAG: #[[S4C:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, channel(0)>>
// CHECK-DAG: #[[U4C:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>
// CHECK-DAG: #[[S8G:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
// CHECK-DAG: #[[S4G:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, asymmetric, group(0, 2)>>
// CHECK-DAG: #[[U8C:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, channel(1)>>
// CHECK-DAG: #[[H8T:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f16, symmetric, tensor>>

// Narrow signed range with zero point 0: symmetric, no zero-point part.
// CHECK-LABEL: func.func @per_tensor_symmetric(
// CHECK-SAME:    %[[X:.*]]: tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK:         %[[S:.*]] = arith.constant dense<5.000000e-01> : tensor<1xf32>
// CHECK:         %[[Q:.*]] = sparq.quantize %[[X]] scales(%[[S]] : tensor<1xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #[[S8T]]>
// CHECK:         %[[D:.*]] = sparq.dequantize %[[Q]] : tensor<2x4xi8, #[[S8T]]> -> tensor<2x4xf32>
// CHECK:         return %[[D]]
func.func @per_tensor_symmetric(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %q = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32, 0.5>>
  %d = quant.dcast %q : tensor<2x4x!quant.uniform<i8<-127:127>:f32, 0.5>> to tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}

// Full unsigned range: asymmetric with its zero point.
// CHECK-LABEL: func.func @per_tensor_asymmetric_u8(
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<2.500000e-01> : tensor<1xf32>
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<128> : tensor<1xi32>
// CHECK:         sparq.quantize %{{.*}} scales(%[[S]] : tensor<1xf32>) zero_points(%[[Z]] : tensor<1xi32>) : tensor<8xf32> -> tensor<8xi8, #[[U8T]]>
func.func @per_tensor_asymmetric_u8(%x: tensor<8xf32>) -> tensor<8xf32> {
  %q = quant.qcast %x : tensor<8xf32> to tensor<8x!quant.uniform<u8:f32, 0.25:128>>
  %d = quant.dcast %q : tensor<8x!quant.uniform<u8:f32, 0.25:128>> to tensor<8xf32>
  return %d : tensor<8xf32>
}

// Full signed range, zero point 0: still asymmetric (sparq's symmetric grid
// excludes -128), with an explicit zero zero point.
// CHECK-LABEL: func.func @full_range_signed_is_asymmetric(
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<1.000000e+00> : tensor<1xf32>
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK:         sparq.quantize %{{.*}} scales(%[[S]] : tensor<1xf32>) zero_points(%[[Z]] : tensor<1xi32>) : tensor<8xf32> -> tensor<8xi8, #[[I8T]]>
func.func @full_range_signed_is_asymmetric(%x: tensor<8xf32>) -> tensor<8xf32> {
  %q = quant.qcast %x : tensor<8xf32> to tensor<8x!quant.uniform<i8:f32, 1.0>>
  %d = quant.dcast %q : tensor<8x!quant.uniform<i8:f32, 1.0>> to tensor<8xf32>
  return %d : tensor<8xf32>
}

// Per-axis symmetric 4-bit.
// CHECK-LABEL: func.func @per_axis_symmetric_i4(
// CHECK:         %[[S:.*]] = arith.constant dense<[5.000000e-01, 1.000000e+00, 1.500000e+00]> : tensor<3xf32>
// CHECK:         sparq.quantize %{{.*}} scales(%[[S]] : tensor<3xf32>) : tensor<3x2xf32> -> tensor<3x2xi4, #[[S4C]]>
func.func @per_axis_symmetric_i4(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %q = quant.qcast %x : tensor<3x2xf32> to tensor<3x2x!quant.uniform<i4<-7:7>:f32:0, {0.5, 1.0, 1.5}>>
  %d = quant.dcast %q : tensor<3x2x!quant.uniform<i4<-7:7>:f32:0, {0.5, 1.0, 1.5}>> to tensor<3x2xf32>
  return %d : tensor<3x2xf32>
}

// Per-axis asymmetric unsigned 4-bit.
// CHECK-LABEL: func.func @per_axis_asymmetric_u4(
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01, 1.000000e+00, 2.000000e+00]> : tensor<4xf32>
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<[0, 3, 8, 15]> : tensor<4xi32>
// CHECK:         sparq.quantize %{{.*}} scales(%[[S]] : tensor<4xf32>) zero_points(%[[Z]] : tensor<4xi32>) : tensor<2x4xf32> -> tensor<2x4xi4, #[[U4C]]>
func.func @per_axis_asymmetric_u4(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %q = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u4:f32:1, {0.5, 0.25:3, 1.0:8, 2.0:15}>>
  %d = quant.dcast %q : tensor<2x4x!quant.uniform<u4:f32:1, {0.5, 0.25:3, 1.0:8, 2.0:15}>> to tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}

// Sub-channel with blocks of 2 along axis 1 and 1 along axis 0: groups.
// CHECK-LABEL: func.func @sub_channel_symmetric_i8(
// CHECK:         %[[S:.*]] = arith.constant dense<{{\[}}[5.000000e-01, 2.500000e-01], [1.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK:         sparq.quantize %{{.*}} scales(%[[S]] : tensor<2x2xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #[[S8G]]>
func.func @sub_channel_symmetric_i8(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %q = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32:{0:1, 1:2}, {{0.5, 0.25}, {1.0, 2.0}}>>
  %d = quant.dcast %q : tensor<2x4x!quant.uniform<i8<-127:127>:f32:{0:1, 1:2}, {{0.5, 0.25}, {1.0, 2.0}}>> to tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}

// Asymmetric signed 4-bit sub-channel through storage casts: int -> quant is
// a sparq.assemble with the constants, quant -> int a `sparq.part values`.
// CHECK-LABEL: func.func @sub_channel_asymmetric_i4_storage(
// CHECK-SAME:    %[[V:.*]]: tensor<4x2xi4>) -> tensor<4x2xi4>
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<{{\[}}[5.000000e-01, 2.500000e-01], [1.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<{{\[}}[-8, 0], [7, 1]]> : tensor<2x2xi32>
// CHECK:         %[[A:.*]] = sparq.assemble values(%[[V]] : tensor<4x2xi4>) scales(%[[S]] : tensor<2x2xf32>) zero_points(%[[Z]] : tensor<2x2xi32>) : tensor<4x2xi4, #[[S4G]]>
// CHECK:         %[[P:.*]] = sparq.part values of %[[A]] : tensor<4x2xi4, #[[S4G]]> -> tensor<4x2xi4>
// CHECK:         return %[[P]]
func.func @sub_channel_asymmetric_i4_storage(%v: tensor<4x2xi4>) -> tensor<4x2xi4> {
  %q = quant.scast %v : tensor<4x2xi4> to tensor<4x2x!quant.uniform<i4:f32:{0:2, 1:1}, {{0.5:-8, 0.25}, {1.0:7, 2.0:1}}>>
  %i = quant.scast %q : tensor<4x2x!quant.uniform<i4:f32:{0:2, 1:1}, {{0.5:-8, 0.25}, {1.0:7, 2.0:1}}>> to tensor<4x2xi4>
  return %i : tensor<4x2xi4>
}

// A sub-channel type whose blocks are one column each (axis 0 whole) is
// per-channel in sparq; the [1, 3] scales become a [3] part.
// CHECK-LABEL: func.func @sub_channel_as_channel(
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 4.000000e+00]> : tensor<3xf32>
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<[1, 2, 3]> : tensor<3xi32>
// CHECK:         sparq.quantize %{{.*}} scales(%[[S]] : tensor<3xf32>) zero_points(%[[Z]] : tensor<3xi32>) : tensor<2x3xf32> -> tensor<2x3xi8, #[[U8C]]>
func.func @sub_channel_as_channel(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %q = quant.qcast %x : tensor<2x3xf32> to tensor<2x3x!quant.uniform<u8:f32:{1:1}, {{1.0:1, 2.0:2, 4.0:3}}>>
  %d = quant.dcast %q : tensor<2x3x!quant.uniform<u8:f32:{1:1}, {{1.0:1, 2.0:2, 4.0:3}}>> to tensor<2x3xf32>
  return %d : tensor<2x3xf32>
}

// f16 expressed type: f16 scales, rounded to the expressed type (0.1 -> 0.0999755859375).
// CHECK-LABEL: func.func @f16_scales(
// CHECK:         %[[S:.*]] = arith.constant dense<9.997550e-02> : tensor<1xf16>
// CHECK:         sparq.quantize %{{.*}} scales(%[[S]] : tensor<1xf16>) : tensor<4xf16> -> tensor<4xi8, #[[H8T]]>
func.func @f16_scales(%x: tensor<4xf16>) -> tensor<4xf16> {
  %q = quant.qcast %x : tensor<4xf16> to tensor<4x!quant.uniform<i8<-127:127>:f16, 0.1>>
  %d = quant.dcast %q : tensor<4x!quant.uniform<i8<-127:127>:f16, 0.1>> to tensor<4xf16>
  return %d : tensor<4xf16>
}

// Function boundaries carry the storage integers; the body assembles them with
// the constants the type fixes, and takes the values out again to return.
// CHECK-LABEL: func.func @boundary(
// CHECK-SAME:    %[[ARG:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<5.000000e-01> : tensor<1xf32>
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<3> : tensor<1xi32>
// CHECK:         %[[A:.*]] = sparq.assemble values(%[[ARG]] : tensor<4xi8>) scales(%[[S]] : tensor<1xf32>) zero_points(%[[Z]] : tensor<1xi32>) : tensor<4xi8, #[[U8T]]>
// CHECK:         %[[D:.*]] = sparq.dequantize %[[A]]
// CHECK:         %[[Q:.*]] = sparq.quantize %[[D]]
// CHECK:         %[[P:.*]] = sparq.part values of %[[Q]] : tensor<4xi8, #[[U8T]]> -> tensor<4xi8>
// CHECK:         return %[[P]] : tensor<4xi8>
func.func @boundary(%a: tensor<4x!quant.uniform<u8:f32, 0.5:3>>) -> tensor<4x!quant.uniform<u8:f32, 0.5:3>> {
  %d = quant.dcast %a : tensor<4x!quant.uniform<u8:f32, 0.5:3>> to tensor<4xf32>
  %q = quant.qcast %d : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 0.5:3>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.5:3>>
}

// Calls pass the storage integers and re-assemble the result.
// CHECK-LABEL: func.func @caller(
// CHECK:         %[[Q:.*]] = sparq.quantize
// CHECK:         %[[P:.*]] = sparq.part values of %[[Q]]
// CHECK:         %[[R:.*]] = call @boundary(%[[P]]) : (tensor<4xi8>) -> tensor<4xi8>
// CHECK:         %[[A:.*]] = sparq.assemble values(%[[R]] : tensor<4xi8>)
// CHECK:         sparq.dequantize %[[A]]
// CHECK-LABEL: func.func private @external(tensor<4xi8>) -> tensor<2x2xi4>
func.func @caller(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 0.5:3>>
  %r = func.call @boundary(%q) : (tensor<4x!quant.uniform<u8:f32, 0.5:3>>) -> tensor<4x!quant.uniform<u8:f32, 0.5:3>>
  %d = quant.dcast %r : tensor<4x!quant.uniform<u8:f32, 0.5:3>> to tensor<4xf32>
  return %d : tensor<4xf32>
}
func.func private @external(tensor<4x!quant.uniform<u8:f32, 0.5:3>>) -> tensor<2x2x!quant.uniform<i4<-7:7>:f32:1, {1.0, 2.0}>>
