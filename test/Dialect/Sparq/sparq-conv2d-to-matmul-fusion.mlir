// RUN: sparq-opt %s --sparq-conv2d-to-matmul --sparq-lower-dataflow --sparq-to-linalg --linalg-fuse-elementwise-ops | FileCheck %s

// The im2col gather reads its input with tensor.extract, so linalg's
// elementwise fusion (which --sparq-to-llvm runs inside the sparsifier
// pipeline) cannot fuse the activation's quantization into it: the
// quantization stays a 4-D generic, computed once per input value, instead
// of once per gathered copy (KH * KW = 9 times here). With the input as an
// operand of the gather, the f64 rounding ended up inside the 6-D loops
// (the LeNet's W8A8 convolutions: 16.9 -> 6.6 ms per batch of 100).
// CHECK-LABEL: func.func @quantized_input
// CHECK: %[[Q:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%{{.*}} : tensor<1x2x6x6xf32>) outs(%{{.*}} : tensor<1x2x6x6xi8>)
// CHECK: math.roundeven
// CHECK: linalg.yield %{{.*}} : i8
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<2x3x3x1x4x4xf32>)
// CHECK-NOT: math.roundeven
// CHECK: tensor.extract %[[Q]][
// CHECK-NOT: math.roundeven
// CHECK: linalg.yield %{{.*}} : f32
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @quantized_input(%x: tensor<1x2x6x6xf32>, %f: tensor<3x2x3x3xf32>) -> tensor<1x3x4x4xf32> {
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %z = arith.constant dense<3> : tensor<1xi32>
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<1x2x6x6xf32> -> tensor<1x2x6x6xi8, #a8>
  %y = sparq.conv2d %q, %f layout(nchw_fchw) acc(f32) : tensor<1x2x6x6xi8, #a8>, tensor<3x2x3x3xf32> -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}
