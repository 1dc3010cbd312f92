// RUN: sparq-opt %s --sparq-to-quant --sparq-from-quant | FileCheck %s

// sparq -> quant -> sparq gives back the same #sparq.quant types and
// parameter constants.

// CHECK-DAG: #[[S8G:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
// CHECK-DAG: #[[U4C:[a-z0-9_]+]] = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(0)>>
#s8g = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
#u4c = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(0)>>

// CHECK-LABEL: func.func @round_trip(
// CHECK-SAME:    %[[X:.*]]: tensor<2x4xf32>, %[[V:.*]]: tensor<2x4xi4>)
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<{{\[}}[5.000000e-01, 2.500000e-01], [1.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG:     %[[CS:.*]] = arith.constant dense<[1.250000e-01, 6.250000e-02]> : tensor<2xf32>
// CHECK-DAG:     %[[CZ:.*]] = arith.constant dense<[7, 15]> : tensor<2xi32>
// CHECK-DAG:     %[[Q:.*]] = sparq.quantize %[[X]] scales(%[[S]] : tensor<2x2xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #[[S8G]]>
// CHECK-DAG:     %[[A:.*]] = sparq.assemble values(%[[V]] : tensor<2x4xi4>) scales(%[[CS]] : tensor<2xf32>) zero_points(%[[CZ]] : tensor<2xi32>) : tensor<2x4xi4, #[[U4C]]>
// CHECK-DAG:     sparq.dequantize %[[Q]] : tensor<2x4xi8, #[[S8G]]> -> tensor<2x4xf32>
// CHECK-DAG:     sparq.dequantize %[[A]] : tensor<2x4xi4, #[[U4C]]> -> tensor<2x4xf32>
func.func @round_trip(%x: tensor<2x4xf32>, %v: tensor<2x4xi4>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %s = arith.constant dense<[[0.5, 0.25], [1.0, 2.0]]> : tensor<2x2xf32>
  %q = sparq.quantize %x scales(%s : tensor<2x2xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #s8g>
  %d = sparq.dequantize %q : tensor<2x4xi8, #s8g> -> tensor<2x4xf32>
  %cs = arith.constant dense<[0.125, 0.0625]> : tensor<2xf32>
  %cz = arith.constant dense<[7, 15]> : tensor<2xi32>
  %a = sparq.assemble values(%v : tensor<2x4xi4>) scales(%cs : tensor<2xf32>) zero_points(%cz : tensor<2xi32>) : tensor<2x4xi4, #u4c>
  %e = sparq.dequantize %a : tensor<2x4xi4, #u4c> -> tensor<2x4xf32>
  return %d, %e : tensor<2x4xf32>, tensor<2x4xf32>
}
