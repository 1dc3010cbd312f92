// RUN: sparq-opt %s -split-input-file --sparq-to-pe | FileCheck %s

// The array multiplies the stored integers; zero points not known to be 0
// (here function arguments) are corrected after the program from the row
// sums of the activation and the column sums of the weight:
// acc - zb[n] * rowsum[m] - za * colsum[n] + K * za * zb[n]; then the float
// result is acc * sa * sb in f64, the reference lowering's rescale.
// Both are tagged as host work.
#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#s8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, channel(1)>>
// CHECK-LABEL: func.func @both
// CHECK: %[[A:.*]] = sparq.part values of %arg0
// CHECK: %[[W:.*]] = sparq.part values of %arg1
// CHECK: sparq_pe.fused_mac %{{.*}}(unsigned), %{{.*}}(signed)
// CHECK: %[[P:.*]] = sparq_pe.store
// CHECK: %[[RS:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[A]] : tensor<4x8xi8>) outs(%{{.*}} : tensor<4xi32>) attrs = {sparq_pe.host_work = "zero_point_correction"}
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: %[[ZB:.*]] = sparq.part zero_points of %arg1 : tensor<8x2xi8, #{{.*}}> -> tensor<2xi32>
// CHECK: %[[CS:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins(%[[W]] : tensor<8x2xi8>) outs(%{{.*}} : tensor<2xi32>) attrs = {sparq_pe.host_work = "zero_point_correction"}
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: %[[ZA:.*]] = sparq.part zero_points of %arg0 : tensor<4x8xi8, #{{.*}}> -> tensor<1xi32>
// CHECK: %[[C:.*]] = linalg.generic {{.*}} ins(%[[P]], %[[RS]], %[[ZB]], %[[CS]], %[[ZA]] : {{.*}}) outs(%{{.*}} : tensor<4x2xi32>) attrs = {sparq_pe.host_work = "zero_point_correction"}
// CHECK: ^bb0(%[[ACC:.*]]: i32, %[[ROW:.*]]: i32, %[[ZBN:.*]]: i32, %[[COL:.*]]: i32, %[[ZAV:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[T0:.*]] = arith.muli %[[ZBN]], %[[ROW]]
// CHECK: %[[T1:.*]] = arith.subi %[[ACC]], %[[T0]]
// CHECK: %[[T2:.*]] = arith.muli %[[ZAV]], %[[COL]]
// CHECK: %[[T3:.*]] = arith.subi %[[T1]], %[[T2]]
// CHECK: %[[K:.*]] = arith.constant 8 : i32
// CHECK: %[[T4:.*]] = arith.muli %[[ZAV]], %[[ZBN]]
// CHECK: %[[T5:.*]] = arith.muli %[[K]], %[[T4]]
// CHECK: arith.addi %[[T3]], %[[T5]]
// CHECK: %[[SA:.*]] = sparq.part scales of %arg0
// CHECK: %[[SB:.*]] = sparq.part scales of %arg1
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[C]], %[[SA]], %[[SB]] : tensor<4x2xi32>, tensor<1xf32>, tensor<2xf32>) outs(%{{.*}} : tensor<4x2xf32>) attrs = {sparq_pe.host_work = "rescale"}
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: return %[[R]]
func.func @both(%a: tensor<4x8xi8, #u8>, %w: tensor<8x2xi8, #s8c>) -> tensor<4x2xf32> {
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8, #u8>, tensor<8x2xi8, #s8c> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

// Constant zero zero points (what static calibration gives a ReLU output)
// need no correction: the operand is read as unsigned and only the rescale
// follows the program.
#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
// CHECK-LABEL: func.func @static
// CHECK: sparq_pe.fused_mac %{{.*}}(unsigned), %{{.*}}(signed)
// CHECK-NOT: zero_point_correction
// CHECK: sparq_pe.host_work = "rescale"
func.func @static(%x: tensor<4x8xf32>, %w: tensor<8x2xi8, #s8>) -> tensor<4x2xf32> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %z = arith.constant dense<0> : tensor<1xi32>
  %a = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<4x8xf32> -> tensor<4x8xi8, #u8>
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8, #u8>, tensor<8x2xi8, #s8> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

// A padded convolution of an asymmetric input pads its im2col matrix with
// the input's zero point (real value 0), truncated to the storage type.
#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
// CHECK-LABEL: func.func @conv_pad
// CHECK: %[[ZP:.*]] = sparq.part zero_points of %arg0
// CHECK: %[[Z0:.*]] = tensor.extract %[[ZP]][%{{.*}}] : tensor<1xi32>
// CHECK: %[[PAD:.*]] = arith.trunci %[[Z0]] : i32 to i8
// CHECK: linalg.generic
// CHECK: arith.select %{{.*}}, %{{.*}}, %[[PAD]] : i8
// CHECK: sparq_pe.fused_mac
func.func @conv_pad(%x: tensor<1x3x3x2xi8, #u8>, %f: tensor<2x2x2x3xi8>) -> tensor<1x4x4x3xi32> {
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) padding = [1, 1, 1, 1] : tensor<1x3x3x2xi8, #u8>, tensor<2x2x2x3xi8> -> tensor<1x4x4x3xi32>
  return %y : tensor<1x4x4x3xi32>
}
