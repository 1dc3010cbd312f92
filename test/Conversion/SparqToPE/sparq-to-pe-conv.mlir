// RUN: sparq-opt %s -split-input-file --sparq-to-pe | FileCheck %s

// NHWC/HWCF: the im2col matrix [N*OH*OW, KH*KW*C] = [1*2*2, 2*2*3] times the
// filter collapsed to [KH*KW*C, F] = [12, 5]; the [4, 5] result is expanded
// back to [1, 2, 2, 5].
// CHECK-LABEL: func.func @nhwc
// CHECK: %[[COL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x12xi8>)
// CHECK: tensor.extract %arg0[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : tensor<1x3x3x3xi8>
// CHECK: %[[W:.*]] = tensor.collapse_shape %arg1 {{\[\[}}0, 1, 2], [3]] : tensor<2x2x3x5xi4> into tensor<12x5xi4>
// CHECK: sparq_pe.load %[[COL]] [0, 0] into input : tensor<4x12xi8> -> tensor<4x12xi8>
// CHECK: sparq_pe.load %[[W]] [0, 0] into weight : tensor<12x5xi4> -> tensor<12x5xi4>
// CHECK: sparq_pe.fused_mac
// CHECK: %[[S:.*]] = sparq_pe.store
// CHECK: tensor.expand_shape %[[S]] {{\[\[}}0, 1, 2], [3]] output_shape [1, 2, 2, 5] : tensor<4x5xi32> into tensor<1x2x2x5xi32>
func.func @nhwc(%x: tensor<1x3x3x3xi8>, %f: tensor<2x2x3x5xi4>) -> tensor<1x2x2x5xi32> {
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x3x3x3xi8>, tensor<2x2x3x5xi4> -> tensor<1x2x2x5xi32>
  return %y : tensor<1x2x2x5xi32>
}

// -----

// NCHW/FCHW: the filter [F, C*KH*KW] is transposed to [C*KH*KW, F], the
// result transposed from [N, OH, OW, F] to [N, F, OH, OW].
// CHECK-LABEL: func.func @nchw
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<8x12xi2>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %arg1 {{\[\[}}0], [1, 2, 3]] : tensor<4x3x2x2xi2> into tensor<4x12xi2>
// CHECK: linalg.transpose ins(%[[FLAT]] : tensor<4x12xi2>) outs(%{{.*}} : tensor<12x4xi2>) permutation = [1, 0]
// CHECK: sparq_pe.fused_mac
// CHECK: tensor.expand_shape {{.*}} : tensor<8x4xi32> into tensor<2x2x2x4xi32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x2x2x4xi32>) outs(%{{.*}} : tensor<2x4x2x2xi32>) permutation = [0, 3, 1, 2]
func.func @nchw(%x: tensor<2x3x4x3xi2>, %f: tensor<4x3x2x2xi2>) -> tensor<2x4x2x2xi32> {
  %y = sparq.conv2d %x, %f layout(nchw_fchw) acc(i32) strides = [2, 1] : tensor<2x3x4x3xi2>, tensor<4x3x2x2xi2> -> tensor<2x4x2x2xi32>
  return %y : tensor<2x4x2x2xi32>
}
