// --sparq-conv2d-to-matmul rewrites every conv2d below (im2col + sparq.matmul):
// RUN: sparq-opt %s --sparq-conv2d-to-matmul | FileCheck %s --check-prefix=IR
// IR-NOT: sparq.conv2d
// IR-COUNT-5: sparq.matmul
// IR-NOT: sparq.conv2d
// The rewritten module computes the numbers of an independent numpy
// reference (a direct convolution, not im2col); the same CHECK lines are
// matched against its output. Integer results are bit-exact; the float
// operands are small multiples of 1/2, so the float sums are exact too.
// RUN: sparq-opt %s --sparq-conv2d-to-matmul --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: %python %S/Inputs/conv2d_to_matmul_reference.py | FileCheck %s

#csr = #sparq.encoding<csr>
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#w8 = #sparq.quant<si8:f32, symmetric, channel(3)>
#w8dense = #sparq.encoding<dense, quant = #w8>
#w8csr = #sparq.encoding<csr, quant = #w8>

func.func @main() {
  %c0 = arith.constant 0 : index
  %fpad = arith.constant -99.0 : f32
  %ipad = arith.constant -99 : i32

  // f32, plain filter, strides 2, padding 1.
  // CHECK-LABEL: f32-plain
  // CHECK-NEXT: ( ( ( ( 2, -6.5, -10, 6 ), ( -7, 7.5, 1.5, -12 ), ( 5, 7.5, 16.5, 1 ), ( -3, -2, 2, -2 ) ), ( ( -10, 0, 7.5, -17 ), ( 6.5, -14.5, 9.5, 21.5 ), ( -3.5, -11, -2, 0 ), ( -3, 12, -5.5, 5 ) ), ( ( -2.5, -2.5, -1, 4.5 ), ( 12, -7.5, -11.5, -4 ), ( -3.5, 2.5, -8.5, 11.5 ), ( 0, 3.5, 6.5, -10 ) ), ( ( 0, -2.5, 5.5, -4.5 ), ( -2.5, 1, 4.5, -4 ), ( 1.5, 1, -1.5, 6 ), ( -2.5, -5.5, -4, 9 ) ) ) )
  %xa = arith.constant dense<[[[[-1.0, 3.0, 2.0], [-2.0, -3.0, -3.0], [-1.0, -2.0, -1.0], [1.0, 2.0, 3.0], [-2.0, -3.0, 1.0], [-1.0, 1.0, 3.0], [3.0, -1.0, 1.0]], [[0.0, -3.0, 2.0], [2.0, -2.0, 3.0], [2.0, 3.0, -3.0], [-1.0, 3.0, 2.0], [3.0, -3.0, -2.0], [-1.0, -1.0, -3.0], [-3.0, 0.0, -1.0]], [[2.0, -2.0, -3.0], [3.0, 2.0, 1.0], [0.0, -1.0, 0.0], [-1.0, -2.0, -1.0], [-2.0, -3.0, -2.0], [-2.0, -2.0, 0.0], [-3.0, 1.0, -1.0]], [[3.0, 3.0, 0.0], [3.0, 3.0, 0.0], [-3.0, -1.0, 3.0], [2.0, -1.0, -2.0], [-1.0, 2.0, 0.0], [-3.0, 2.0, 3.0], [1.0, 0.0, 0.0]], [[0.0, 0.0, -3.0], [-2.0, 2.0, -3.0], [0.0, -1.0, 2.0], [3.0, -3.0, 3.0], [1.0, 3.0, 0.0], [-3.0, 1.0, -3.0], [-2.0, 3.0, -2.0]], [[2.0, 2.0, 1.0], [3.0, -1.0, 0.0], [0.0, 1.0, 3.0], [3.0, -3.0, 1.0], [-3.0, 0.0, 0.0], [2.0, 3.0, 1.0], [3.0, -1.0, -2.0]], [[0.0, -2.0, 1.0], [0.0, 3.0, 2.0], [-3.0, -1.0, -3.0], [2.0, 3.0, 3.0], [-3.0, 0.0, 1.0], [1.0, -3.0, -1.0], [-2.0, 3.0, -1.0]]]]> : tensor<1x7x7x3xf32>
  %fa = arith.constant dense<[[[[-1.0, -1.0, -0.5, 1.0], [0.5, -0.5, 0.5, 0.0], [1.0, -1.0, 0.5, 0.0]], [[-0.5, -0.5, 0.5, 0.0], [0.0, -0.5, 1.0, 1.0], [0.5, 0.5, -1.0, -1.0]], [[-0.5, -0.5, 0.0, -1.0], [0.0, 1.0, 0.0, 0.5], [-1.0, 0.5, 1.0, -0.5]]], [[[1.0, -1.0, 0.5, 1.0], [1.0, 0.5, 1.0, -1.0], [0.0, 0.5, 0.5, 0.5]], [[-0.5, -0.5, 1.0, -1.0], [0.5, 1.0, -1.0, 0.0], [1.0, 0.0, -0.5, -0.5]], [[-1.0, -0.5, 0.5, -0.5], [0.0, 0.5, 0.0, -0.5], [1.0, 1.0, 1.0, 0.0]]], [[[0.0, -0.5, 0.0, -0.5], [-0.5, -1.0, 1.0, 0.5], [1.0, 1.0, 0.0, 0.0]], [[-0.5, 0.5, 1.0, -1.0], [1.0, 0.5, -1.0, 0.0], [1.0, -0.5, -0.5, 1.0]], [[0.5, -0.5, -0.5, 0.5], [-1.0, 0.0, 1.0, -1.0], [-1.0, -1.0, 0.0, -0.5]]]]> : tensor<3x3x3x4xf32>
  %ya = sparq.conv2d %xa, %fa layout(nhwc_hwcf) acc(f32) strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x7x7x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x4x4x4xf32>
  %yav = vector.transfer_read %ya[%c0, %c0, %c0, %c0], %fpad : tensor<1x4x4x4xf32>, vector<1x4x4x4xf32>
  vector.print str "f32-plain\n"
  vector.print %yav : vector<1x4x4x4xf32>

  // f32, CSR filter (the [KH*KW*C, F] = [8, 3] matrix), batch 2,
  // dilations 2, strides [1, 2], padding [top 0, bottom 1, left 1, right 0].
  // CHECK-LABEL: f32-csr
  // CHECK-NEXT: ( ( ( ( 1, -3, 6 ), ( -6, 2, 3 ), ( 0, 1, -6 ) ), ( ( -4, 3, 3 ), ( -2, 2, -4 ), ( 10, 3, -8 ) ), ( ( -1, -2, -6 ), ( 12, 1, 4 ), ( 11, -2, -7 ) ), ( ( 5, -2, -6 ), ( 12, -2, 0 ), ( 12, 1, -13 ) ), ( ( -2, 0, 0 ), ( 1, 0, -8 ), ( -2, 0, -8 ) ) ), ( ( ( -2, 2, 3 ), ( -1, 0, 0 ), ( 11, 1, 1 ) ), ( ( 0, 2, -9 ), ( 10, -2, 7 ), ( -10, 1, 17 ) ), ( ( 1, 3, 3 ), ( -5, -3, 4 ), ( 0, 3, -14 ) ), ( ( 5, 2, -9 ), ( 10, 2, -14 ), ( -1, 3, 16 ) ), ( ( 3, 0, 0 ), ( -3, 0, 4 ), ( 3, 0, 4 ) ) ) )
  %xb = arith.constant dense<[[[[-2.0, -3.0], [0.0, -3.0], [1.0, 0.0], [1.0, -2.0], [0.0, -3.0], [1.0, 0.0]], [[2.0, 3.0], [-2.0, 3.0], [2.0, 0.0], [3.0, 1.0], [1.0, 0.0], [-2.0, 0.0]], [[1.0, -3.0], [-2.0, 3.0], [3.0, -2.0], [0.0, -2.0], [3.0, 3.0], [0.0, -1.0]], [[-1.0, -1.0], [-1.0, -3.0], [0.0, -2.0], [3.0, -2.0], [-1.0, 3.0], [-2.0, -3.0]], [[3.0, -3.0], [2.0, 2.0], [-3.0, -2.0], [2.0, -1.0], [0.0, -3.0], [2.0, 2.0]], [[3.0, 3.0], [2.0, 2.0], [-3.0, -2.0], [2.0, 2.0], [0.0, 2.0], [1.0, -1.0]]], [[[-2.0, 1.0], [-2.0, 1.0], [-2.0, -2.0], [-1.0, -1.0], [-3.0, 1.0], [-2.0, -2.0]], [[-2.0, -3.0], [0.0, 3.0], [0.0, -3.0], [-3.0, -1.0], [-3.0, 1.0], [-2.0, -3.0]], [[-1.0, -2.0], [-1.0, -2.0], [2.0, 1.0], [2.0, 0.0], [3.0, 2.0], [1.0, -1.0]], [[0.0, 0.0], [3.0, -2.0], [2.0, 0.0], [-3.0, 2.0], [0.0, 3.0], [-1.0, -1.0]], [[1.0, 1.0], [-1.0, -3.0], [-1.0, 2.0], [-1.0, 3.0], [1.0, -1.0], [3.0, -3.0]], [[1.0, -1.0], [3.0, -2.0], [-3.0, 1.0], [0.0, -2.0], [-3.0, 2.0], [-2.0, -3.0]]]]> : tensor<2x6x6x2xf32>
  %fb = arith.constant dense<[[[[0.0, 0.0, -4.0], [0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0], [-1.0, 0.0, 0.0]]], [[[4.0, 0.0, 0.0], [0.0, 0.0, 1.0]], [[1.0, 0.0, -3.0], [0.0, -1.0, 0.0]]]]> : tensor<2x2x2x3xf32>
  %fbc = sparq.pack %fb : tensor<2x2x2x3xf32> -> tensor<2x2x2x3xf32, #csr>
  %yb = sparq.conv2d %xb, %fbc layout(nhwc_hwcf) acc(f32) strides = [1, 2] dilations = [2, 2] padding = [0, 1, 1, 0]
      : tensor<2x6x6x2xf32>, tensor<2x2x2x3xf32, #csr> -> tensor<2x5x3x3xf32>
  %ybv = vector.transfer_read %yb[%c0, %c0, %c0, %c0], %fpad : tensor<2x5x3x3xf32>, vector<2x5x3x3xf32>
  vector.print str "f32-csr\n"
  vector.print %ybv : vector<2x5x3x3xf32>

  // int8: ui8 activations (scale 0.5, zero point 5: the padding is 5, whose
  // real value is 0), si8 filter with channel(3) scales, i32 accumulator,
  // strides 2, dilations 2, padding 1; dense and CSR filter.
  // CHECK-LABEL: int8-f32
  // CHECK-NEXT: ( ( ( ( 0.5, -15.25, 0.5 ), ( 6, -5.75, 0.5625 ), ( 4.125, 23.75, 6.9375 ) ), ( ( 6.125, -15.25, 4.625 ), ( 8.875, -1, 4.25 ), ( 8.5, 28, 15 ) ), ( ( -2.5, 8.75, 4.875 ), ( 2.25, -18.5, 8.25 ), ( -11.25, 19.25, 4.3125 ) ) ) )
  // CHECK-LABEL: int8-i32
  // CHECK-NEXT: ( ( ( ( 4, -61, 8 ), ( 48, -23, 9 ), ( 33, 95, 111 ) ), ( ( 49, -61, 74 ), ( 71, -4, 68 ), ( 68, 112, 240 ) ), ( ( -20, 35, 78 ), ( 18, -74, 132 ), ( -90, 77, 69 ) ) ) )
  // CHECK-LABEL: int8-csr-f32
  // CHECK-NEXT: ( ( ( ( 0.5, -15.25, 0.5 ), ( 6, -5.75, 0.5625 ), ( 4.125, 23.75, 6.9375 ) ), ( ( 6.125, -15.25, 4.625 ), ( 8.875, -1, 4.25 ), ( 8.5, 28, 15 ) ), ( ( -2.5, 8.75, 4.875 ), ( 2.25, -18.5, 8.25 ), ( -11.25, 19.25, 4.3125 ) ) ) )
  %xq = arith.constant dense<[[[[13, 10], [14, 0], [0, 12], [6, 13], [7, 6], [9, 5], [2, 13]], [[14, 14], [4, 7], [5, 19], [18, 13], [14, 2], [4, 9], [10, 11]], [[12, 13], [0, 15], [13, 17], [13, 1], [12, 19], [18, 13], [1, 8]], [[4, 4], [6, 18], [15, 16], [8, 14], [1, 2], [20, 16], [14, 7]], [[15, 0], [12, 14], [17, 9], [11, 3], [0, 18], [19, 19], [16, 13]], [[2, 5], [13, 14], [12, 1], [15, 9], [8, 16], [17, 11], [4, 2]], [[13, 5], [7, 15], [6, 10], [11, 16], [7, 3], [20, 0], [14, 10]]]]> : tensor<1x7x7x2xi8>
  %xqs = arith.constant dense<[0.5]> : tensor<1xf32>
  %xqz = arith.constant dense<[5]> : tensor<1xi32>
  %xqa = sparq.assemble values(%xq : tensor<1x7x7x2xi8>) scales(%xqs : tensor<1xf32>)
      zero_points(%xqz : tensor<1xi32>) : tensor<1x7x7x2xi8, #a8>
  %fq = arith.constant dense<[[[[2, 0, 7], [0, 0, 6]], [[-4, 0, -5], [-4, 7, 7]], [[0, -3, 0], [2, -3, 0]]], [[[0, 0, 0], [2, -3, 1]], [[0, 1, -1], [0, 0, 0]], [[1, 0, 0], [2, -7, 0]]], [[[0, 0, -1], [0, 0, 0]], [[7, 8, 7], [-8, 0, 0]], [[0, -1, 0], [8, -1, 0]]]]> : tensor<3x3x2x3xi8>
  %fqs = arith.constant dense<[0.25, 0.5, 0.125]> : tensor<3xf32>
  %fqd = sparq.assemble values(%fq : tensor<3x3x2x3xi8>) scales(%fqs : tensor<3xf32>) : tensor<3x3x2x3xi8, #w8dense>
  %yq = sparq.conv2d %xqa, %fqd layout(nhwc_hwcf) acc(i32) strides = [2, 2] dilations = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x7x7x2xi8, #a8>, tensor<3x3x2x3xi8, #w8dense> -> tensor<1x3x3x3xf32>
  %yqv = vector.transfer_read %yq[%c0, %c0, %c0, %c0], %fpad : tensor<1x3x3x3xf32>, vector<1x3x3x3xf32>
  vector.print str "int8-f32\n"
  vector.print %yqv : vector<1x3x3x3xf32>
  %yi = sparq.conv2d %xqa, %fqd layout(nhwc_hwcf) acc(i32) strides = [2, 2] dilations = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x7x7x2xi8, #a8>, tensor<3x3x2x3xi8, #w8dense> -> tensor<1x3x3x3xi32>
  %yiv = vector.transfer_read %yi[%c0, %c0, %c0, %c0], %ipad : tensor<1x3x3x3xi32>, vector<1x3x3x3xi32>
  vector.print str "int8-i32\n"
  vector.print %yiv : vector<1x3x3x3xi32>
  %fqc = sparq.pack %fqd : tensor<3x3x2x3xi8, #w8dense> -> tensor<3x3x2x3xi8, #w8csr>
  %yc = sparq.conv2d %xqa, %fqc layout(nhwc_hwcf) acc(i32) strides = [2, 2] dilations = [2, 2] padding = [1, 1, 1, 1] dataflow(row)
      : tensor<1x7x7x2xi8, #a8>, tensor<3x3x2x3xi8, #w8csr> -> tensor<1x3x3x3xf32>
  %ycv = vector.transfer_read %yc[%c0, %c0, %c0, %c0], %fpad : tensor<1x3x3x3xf32>, vector<1x3x3x3xf32>
  vector.print str "int8-csr-f32\n"
  vector.print %ycv : vector<1x3x3x3xf32>
  return
}
