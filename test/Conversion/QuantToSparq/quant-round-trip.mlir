// RUN: sparq-opt %s --sparq-from-quant --sparq-to-quant | FileCheck %s

// quant -> sparq -> quant gives back the same !quant.uniform types (the
// scales here are exact in f32, and sub-channel block sizes are listed for
// every axis in ascending order, which is how the way back spells them).
// Function boundaries stay float / storage integers: a !quant.uniform
// argument would come back as its storage tensor.

// CHECK-LABEL: func.func @round_trip(
// CHECK-SAME:    %[[X:.*]]: tensor<2x4xf32>, %[[V:.*]]: tensor<2x4xi4>)
// CHECK-NOT:     sparq.
// CHECK:         %[[Q0:.*]] = quant.qcast %[[X]] : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>
// CHECK:         quant.dcast %[[Q0]] : tensor<2x4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>> to tensor<2x4xf32>
// CHECK:         %[[Q1:.*]] = quant.qcast %[[X]] : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u8:f32, 2.500000e-01:128>>
// CHECK:         quant.dcast %[[Q1]] : tensor<2x4x!quant.uniform<u8:f32, 2.500000e-01:128>> to tensor<2x4xf32>
// CHECK:         %[[Q2:.*]] = quant.qcast %[[X]] : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK:         quant.dcast %[[Q2]] : tensor<2x4x!quant.uniform<i8:f32, 1.000000e+00>> to tensor<2x4xf32>
// CHECK:         %[[Q3:.*]] = quant.qcast %[[X]] : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {5.000000e-01,1.500000e+00}>>
// CHECK:         quant.dcast %[[Q3]] : tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {5.000000e-01,1.500000e+00}>> to tensor<2x4xf32>
// CHECK:         %[[Q4:.*]] = quant.qcast %[[X]] : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u4:f32:1, {5.000000e-01,2.500000e-01:3,1.000000e+00:8,2.000000e+00:15}>>
// CHECK:         quant.dcast %[[Q4]] : tensor<2x4x!quant.uniform<u4:f32:1, {5.000000e-01,2.500000e-01:3,1.000000e+00:8,2.000000e+00:15}>> to tensor<2x4xf32>
// CHECK:         %[[Q5:.*]] = quant.qcast %[[X]] : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32:{0:1, 1:2}, {{\{}}{5.000000e-01, 2.500000e-01}, {1.000000e+00, 2.000000e+00}}>>
// CHECK:         quant.dcast %[[Q5]] : tensor<2x4x!quant.uniform<i8<-127:127>:f32:{0:1, 1:2}, {{\{}}{5.000000e-01, 2.500000e-01}, {1.000000e+00, 2.000000e+00}}>> to tensor<2x4xf32>
// CHECK:         %[[Q6:.*]] = quant.scast %[[V]] : tensor<2x4xi4> to tensor<2x4x!quant.uniform<i4:f32:{0:1, 1:2}, {{\{}}{5.000000e-01:-8, 2.500000e-01}, {1.000000e+00:7, 2.000000e+00:1}}>>
// CHECK:         quant.dcast %[[Q6]] : tensor<2x4x!quant.uniform<i4:f32:{0:1, 1:2}, {{\{}}{5.000000e-01:-8, 2.500000e-01}, {1.000000e+00:7, 2.000000e+00:1}}>> to tensor<2x4xf32>
// CHECK:         %[[I:.*]] = quant.scast %[[Q1]] : tensor<2x4x!quant.uniform<u8:f32, 2.500000e-01:128>> to tensor<2x4xi8>
// CHECK-NOT:     arith.constant
// CHECK:         return {{.*}}, %[[I]] :
func.func @round_trip(%x: tensor<2x4xf32>, %v: tensor<2x4xi4>)
    -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>,
        tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi8>) {
  %q0 = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32, 0.5>>
  %d0 = quant.dcast %q0 : tensor<2x4x!quant.uniform<i8<-127:127>:f32, 0.5>> to tensor<2x4xf32>
  %q1 = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u8:f32, 0.25:128>>
  %d1 = quant.dcast %q1 : tensor<2x4x!quant.uniform<u8:f32, 0.25:128>> to tensor<2x4xf32>
  %q2 = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8:f32, 1.0>>
  %d2 = quant.dcast %q2 : tensor<2x4x!quant.uniform<i8:f32, 1.0>> to tensor<2x4xf32>
  %q3 = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {0.5, 1.5}>>
  %d3 = quant.dcast %q3 : tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {0.5, 1.5}>> to tensor<2x4xf32>
  %q4 = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u4:f32:1, {0.5, 0.25:3, 1.0:8, 2.0:15}>>
  %d4 = quant.dcast %q4 : tensor<2x4x!quant.uniform<u4:f32:1, {0.5, 0.25:3, 1.0:8, 2.0:15}>> to tensor<2x4xf32>
  %q5 = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8<-127:127>:f32:{0:1, 1:2}, {{0.5, 0.25}, {1.0, 2.0}}>>
  %d5 = quant.dcast %q5 : tensor<2x4x!quant.uniform<i8<-127:127>:f32:{0:1, 1:2}, {{0.5, 0.25}, {1.0, 2.0}}>> to tensor<2x4xf32>
  %q6 = quant.scast %v : tensor<2x4xi4> to tensor<2x4x!quant.uniform<i4:f32:{0:1, 1:2}, {{0.5:-8, 0.25}, {1.0:7, 2.0:1}}>>
  %d6 = quant.dcast %q6 : tensor<2x4x!quant.uniform<i4:f32:{0:1, 1:2}, {{0.5:-8, 0.25}, {1.0:7, 2.0:1}}>> to tensor<2x4xf32>
  %i1 = quant.scast %q1 : tensor<2x4x!quant.uniform<u8:f32, 0.25:128>> to tensor<2x4xi8>
  return %d0, %d1, %d2, %d3, %d4, %d5, %d6, %i1
      : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>,
        tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi8>
}
