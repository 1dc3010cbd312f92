// --sparq-conv2d-to-matmul rewrites every nchw_fchw conv2d below as
// S[F, C*KH*KW] * X^T[C*KH*KW, N*OH*OW] (the filter on the left):
// RUN: sparq-opt %s --sparq-conv2d-to-matmul | FileCheck %s --check-prefix=IR
// IR-NOT: sparq.conv2d
// and sparq-lower-dataflow turns every one of those matmuls into loops:
// RUN: sparq-opt %s --sparq-conv2d-to-matmul --sparq-lower-dataflow | FileCheck %s --check-prefix=LOOPS
// LOOPS-NOT: sparq.matmul
// LOOPS: scf.for
// LOOPS-NOT: sparq.matmul
// IR-COUNT-6: sparq.matmul
// IR-NOT: sparq.conv2d
// The rewritten module, lowered by the dataflow loops (sparq-to-llvm runs
// sparq-conv2d-to-matmul before sparq-lower-dataflow), computes the numbers
// of an independent numpy reference (a direct convolution, not im2col); the
// same CHECK lines are matched against its output. Integer results are
// bit-exact; the float operands are small multiples of 1/2, so the float
// sums are exact too.
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: %python %S/Inputs/conv2d_nchw_to_matmul_reference.py | FileCheck %s

#csr = #sparq.encoding<csr, row_dims = 1>
#nm = #sparq.encoding<nm<2, 4>, row_dims = 1>
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#w8 = #sparq.quant<si8:f32, symmetric, channel(0)>
#w8dense = #sparq.encoding<dense, quant = #w8>
#w8csr = #sparq.encoding<csr, row_dims = 1, quant = #w8>

func.func @main() {
  %c0 = arith.constant 0 : index
  %fpad = arith.constant -99.0 : f32
  %ipad = arith.constant -99 : i32

  // f32, plain filter, strides 2, padding 1 (batch 1: no transpose).
  // CHECK-LABEL: f32-plain
  // CHECK-NEXT: ( ( ( ( 5.5, 0.5, 2.5, 4.5 ), ( 3, -7.5, 9.5, 2 ), ( 3, -4, -4, 1.5 ), ( 2, 11, -2, -3 ) ), ( ( -4, -2, 3, 5 ), ( -6, 11, 0.5, 16 ), ( 1, -2.5, 1, 1 ), ( -1, 12, 8.5, -3 ) ), ( ( -4.5, 3, -3.5, 2 ), ( 0, 7, -3.5, 5.5 ), ( -1.5, 4.5, 6.5, -6 ), ( 5.5, 0.5, 2, 3.5 ) ), ( ( 5, -8.5, -5, 8 ), ( 2, 0.5, 9.5, 9 ), ( 4.5, -1.5, 0.5, -2 ), ( 7, 0, -7, -3 ) ) ) )
  %xa = arith.constant dense<[[[[-1.0, -2.0, 0.0, 1.0, -1.0, 2.0, -1.0], [-3.0, 3.0, -2.0, -2.0, 0.0, 2.0, -2.0], [-1.0, -2.0, 1.0, 3.0, 1.0, -2.0, -3.0], [-1.0, 1.0, 1.0, 0.0, -1.0, 2.0, 2.0], [-1.0, -2.0, 3.0, -1.0, 0.0, 2.0, 2.0], [-2.0, 1.0, 2.0, 3.0, -3.0, -1.0, -1.0], [0.0, 2.0, 1.0, 1.0, 0.0, -2.0, 2.0]], [[-1.0, -1.0, 3.0, -3.0, 2.0, 3.0, -1.0], [-1.0, -1.0, 0.0, 2.0, 0.0, -2.0, -1.0], [0.0, 3.0, -2.0, 0.0, -2.0, -3.0, -3.0], [-1.0, 0.0, 1.0, 0.0, -3.0, -2.0, 1.0], [-1.0, 1.0, -2.0, 2.0, 2.0, 2.0, 0.0], [3.0, -2.0, -2.0, 1.0, -3.0, 2.0, -1.0], [-3.0, 2.0, -2.0, -2.0, -1.0, -1.0, -2.0]], [[2.0, 1.0, -1.0, 1.0, 2.0, -2.0, 3.0], [0.0, 3.0, 0.0, -2.0, 1.0, -2.0, -3.0], [1.0, 3.0, -1.0, -1.0, -1.0, 1.0, 3.0], [-1.0, -2.0, 3.0, 1.0, -1.0, 2.0, -1.0], [0.0, 1.0, 1.0, 3.0, 3.0, 1.0, 3.0], [2.0, 1.0, 1.0, -2.0, 1.0, -2.0, 0.0], [2.0, 1.0, -1.0, -3.0, -3.0, 2.0, -3.0]]]]> : tensor<1x3x7x7xf32>
  %fa = arith.constant dense<[[[[-1.0, 0.0, 1.0], [1.0, -1.0, -0.5], [0.0, -1.0, 1.0]], [[-1.0, 0.5, 0.5], [-0.5, -1.0, -0.5], [0.5, 0.0, 0.5]], [[0.5, 0.5, -1.0], [0.5, 0.0, -0.5], [0.5, -1.0, -1.0]]], [[[1.0, -1.0, 0.5], [0.5, 0.0, 1.0], [0.5, 1.0, -0.5]], [[-1.0, -1.0, 0.5], [0.0, -0.5, -1.0], [-1.0, -0.5, -1.0]], [[-1.0, -0.5, -1.0], [-0.5, 1.0, -1.0], [-0.5, 1.0, -0.5]]], [[[1.0, -0.5, 0.0], [-0.5, -0.5, 0.5], [1.0, 0.0, -1.0]], [[1.0, 0.0, 0.0], [1.0, -0.5, 1.0], [0.0, -0.5, 0.0]], [[-1.0, 0.5, 0.0], [0.0, 0.0, -1.0], [1.0, 0.5, 0.0]]], [[[-1.0, -0.5, 1.0], [0.0, -1.0, 0.0], [0.5, 1.0, 0.0]], [[0.5, 0.5, -0.5], [1.0, -1.0, 0.0], [-0.5, -0.5, -0.5]], [[0.0, -1.0, -0.5], [-0.5, 1.0, 0.0], [0.0, 0.5, 1.0]]]]> : tensor<4x3x3x3xf32>
  %ya = sparq.conv2d %xa, %fa layout(nchw_fchw) acc(f32) strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x3x7x7xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x4xf32>
  %yav = vector.transfer_read %ya[%c0, %c0, %c0, %c0], %fpad : tensor<1x4x4x4xf32>, vector<1x4x4x4xf32>
  vector.print str "f32-plain\n"
  vector.print %yav : vector<1x4x4x4xf32>

  // f32, CSR and 2:4 filters (the [F, C*KH*KW] = [3, 8] matrix), batch 2,
  // dilations 2, strides [1, 2], padding [top 0, bottom 1, left 1, right 0].
  // CHECK-LABEL: f32-csr
  // CHECK-NEXT: ( ( ( ( -16, -14, -8 ), ( 6, -3, -2 ), ( -6, 5, 7 ), ( -14, -5, 14 ), ( 0, -9, -6 ) ), ( ( -1, -2, -12 ), ( -12, 18, 15 ), ( -21, -3, -4 ), ( 6, 19, -21 ), ( 0, 12, 2 ) ), ( ( 4, 8, -2 ), ( -12, 3, 5 ), ( 8, 15, 10 ), ( -12, -5, 5 ), ( -12, -2, -10 ) ) ), ( ( ( 2, 1, 6 ), ( -4, 6, -5 ), ( -16, 10, 6 ), ( -8, 0, 13 ), ( 0, 6, -6 ) ), ( ( 7, -9, -21 ), ( -3, -8, 0 ), ( -1, -3, -7 ), ( -6, 1, 2 ), ( 0, 2, -2 ) ), ( ( 0, 7, -13 ), ( 12, -6, -6 ), ( 4, -12, 0 ), ( 0, 2, 7 ), ( 8, -2, -14 ) ) ) )
  // CHECK-LABEL: f32-nm
  // CHECK-NEXT: ( ( ( ( 16, 8, 4 ), ( -8, -4, -12 ), ( 20, 32, 12 ), ( -12, -8, -8 ), ( 0, -12, -8 ) ), ( ( 20, 16, -8 ), ( -14, -10, -2 ), ( 14, 16, 12 ), ( -6, -2, -6 ), ( 0, 0, -12 ) ), ( ( 9, 1, -4 ), ( 0, -15, 11 ), ( 9, -29, -4 ), ( 6, -2, 18 ), ( 0, 3, 2 ) ) ), ( ( ( -4, -4, 0 ), ( 8, -12, 4 ), ( 0, 4, -8 ), ( 4, 8, 4 ), ( 20, -20, -4 ) ), ( ( -2, -2, -20 ), ( 8, -20, -6 ), ( 4, -8, -4 ), ( 4, 2, 2 ), ( 20, -8, -16 ) ), ( ( -3, 11, -8 ), ( 3, -7, 1 ), ( 9, -14, 8 ), ( 6, -11, -6 ), ( 0, -2, 2 ) ) ) )
  %xb = arith.constant dense<[[[[-1.0, -1.0, -3.0, -2.0, 2.0, 0.0], [1.0, 3.0, 1.0, 2.0, 3.0, -3.0], [2.0, -2.0, 2.0, 0.0, -3.0, 0.0], [1.0, 3.0, 1.0, -1.0, 3.0, -3.0], [2.0, 3.0, 3.0, 2.0, -3.0, 2.0], [1.0, -3.0, -1.0, -1.0, -3.0, 3.0]], [[-2.0, 3.0, 2.0, -1.0, 0.0, -1.0], [0.0, 1.0, -1.0, -2.0, -1.0, -3.0], [2.0, 3.0, 2.0, 2.0, -3.0, 2.0], [-1.0, 0.0, 1.0, -2.0, -1.0, -1.0], [-1.0, 3.0, -2.0, -1.0, 0.0, 0.0], [-1.0, 2.0, -2.0, -3.0, 2.0, 1.0]]], [[[1.0, 0.0, 1.0, -3.0, 1.0, 3.0], [-2.0, -3.0, -1.0, 1.0, 0.0, 0.0], [2.0, -1.0, 1.0, 1.0, 2.0, 2.0], [3.0, 0.0, -1.0, 0.0, 0.0, -1.0], [-1.0, -2.0, 1.0, 2.0, -2.0, 2.0], [3.0, 0.0, -2.0, 1.0, -1.0, 1.0]], [[0.0, -1.0, -1.0, -2.0, 0.0, 1.0], [-2.0, -1.0, -2.0, -3.0, -2.0, 1.0], [-3.0, -1.0, -3.0, 1.0, 1.0, 1.0], [0.0, 1.0, -2.0, 0.0, -1.0, 0.0], [1.0, 3.0, 1.0, -3.0, -1.0, 1.0], [3.0, 2.0, 2.0, -1.0, -2.0, -2.0]]]]> : tensor<2x2x6x6xf32>
  %fb = arith.constant dense<[[[[-3.0, 0.0], [0.0, 2.0]], [[0.0, 0.0], [-3.0, -4.0]]], [[[2.0, 0.0], [0.0, -4.0]], [[2.0, 0.0], [0.0, -3.0]]], [[[0.0, -4.0], [3.0, 0.0]], [[2.0, 0.0], [0.0, 0.0]]]]> : tensor<3x2x2x2xf32>
  %fb24 = arith.constant dense<[[[[0.0, -4.0], [4.0, 0.0]], [[0.0, 4.0], [4.0, 0.0]]], [[[0.0, -4.0], [0.0, -2.0]], [[4.0, 4.0], [0.0, 0.0]]], [[[1.0, 0.0], [-4.0, 0.0]], [[0.0, 0.0], [-4.0, 3.0]]]]> : tensor<3x2x2x2xf32>
  %fbc = sparq.pack %fb : tensor<3x2x2x2xf32> -> tensor<3x2x2x2xf32, #csr>
  %yb = sparq.conv2d %xb, %fbc layout(nchw_fchw) acc(f32) strides = [1, 2] dilations = [2, 2] padding = [0, 1, 1, 0]
      : tensor<2x2x6x6xf32>, tensor<3x2x2x2xf32, #csr> -> tensor<2x3x5x3xf32>
  %ybv = vector.transfer_read %yb[%c0, %c0, %c0, %c0], %fpad : tensor<2x3x5x3xf32>, vector<2x3x5x3xf32>
  vector.print str "f32-csr\n"
  vector.print %ybv : vector<2x3x5x3xf32>
  %fbn = sparq.pack %fb24 : tensor<3x2x2x2xf32> -> tensor<3x2x2x2xf32, #nm>
  %yn = sparq.conv2d %xb, %fbn layout(nchw_fchw) acc(f32) strides = [1, 2] dilations = [2, 2] padding = [0, 1, 1, 0]
      : tensor<2x2x6x6xf32>, tensor<3x2x2x2xf32, #nm> -> tensor<2x3x5x3xf32>
  %ynv = vector.transfer_read %yn[%c0, %c0, %c0, %c0], %fpad : tensor<2x3x5x3xf32>, vector<2x3x5x3xf32>
  vector.print str "f32-nm\n"
  vector.print %ynv : vector<2x3x5x3xf32>

  // int8: ui8 activations (scale 0.5, zero point 5: the padding is 5, whose
  // real value is 0), si8 filter with channel(0) scales, i32 accumulator,
  // batch 2, strides 2, dilations 2, padding 1; dense and CSR filter.
  // CHECK-LABEL: int8-f32
  // CHECK-NEXT: ( ( ( ( -8.375, -17.25, -3.5 ), ( 4.875, 3.75, -11 ), ( 10.75, -5.375, -1.25 ) ), ( ( 2.25, 9.75, -5 ), ( -3.75, 2, 6.75 ), ( -25.5, -56.75, -10.25 ) ), ( ( -6.25, -2.5625, -1.4375 ), ( -4.4375, 4.3125, 2.3125 ), ( 4.5, 6.1875, 3.1875 ) ) ), ( ( ( 1.625, -2.25, -8.375 ), ( 9.25, 4.125, 1.75 ), ( 3.625, -24.25, -9.125 ) ), ( ( 32.5, 7.5, -0.5 ), ( 6, -63.75, -55.25 ), ( -7.25, -1.5, 5.5 ) ), ( ( -1.5625, -9.75, -0.1875 ), ( 5.125, 8.125, 1.6875 ), ( -2.3125, 3.125, 0.25 ) ) ) )
  // CHECK-LABEL: int8-i32
  // CHECK-NEXT: ( ( ( ( -67, -138, -28 ), ( 39, 30, -88 ), ( 86, -43, -10 ) ), ( ( 9, 39, -20 ), ( -15, 8, 27 ), ( -102, -227, -41 ) ), ( ( -100, -41, -23 ), ( -71, 69, 37 ), ( 72, 99, 51 ) ) ), ( ( ( 13, -18, -67 ), ( 74, 33, 14 ), ( 29, -194, -73 ) ), ( ( 130, 30, -2 ), ( 24, -255, -221 ), ( -29, -6, 22 ) ), ( ( -25, -156, -3 ), ( 82, 130, 27 ), ( -37, 50, 4 ) ) ) )
  // CHECK-LABEL: int8-csr-f32
  // CHECK-NEXT: ( ( ( ( -8.375, -17.25, -3.5 ), ( 4.875, 3.75, -11 ), ( 10.75, -5.375, -1.25 ) ), ( ( 2.25, 9.75, -5 ), ( -3.75, 2, 6.75 ), ( -25.5, -56.75, -10.25 ) ), ( ( -6.25, -2.5625, -1.4375 ), ( -4.4375, 4.3125, 2.3125 ), ( 4.5, 6.1875, 3.1875 ) ) ), ( ( ( 1.625, -2.25, -8.375 ), ( 9.25, 4.125, 1.75 ), ( 3.625, -24.25, -9.125 ) ), ( ( 32.5, 7.5, -0.5 ), ( 6, -63.75, -55.25 ), ( -7.25, -1.5, 5.5 ) ), ( ( -1.5625, -9.75, -0.1875 ), ( 5.125, 8.125, 1.6875 ), ( -2.3125, 3.125, 0.25 ) ) ) )
  %xq = arith.constant dense<[[[[11, 1, 3, 14, 12, 0, 1], [11, 12, 2, 8, 13, 13, 11], [0, 16, 12, 18, 15, 5, 9], [5, 20, 17, 15, 15, 9, 3], [11, 16, 0, 2, 10, 12, 1], [5, 13, 5, 1, 18, 0, 7], [12, 14, 16, 3, 9, 3, 20]], [[17, 3, 12, 1, 0, 18, 7], [18, 12, 6, 18, 9, 8, 11], [19, 7, 15, 17, 14, 8, 9], [11, 1, 14, 14, 6, 3, 1], [9, 17, 3, 10, 19, 4, 4], [10, 6, 16, 9, 17, 4, 4], [2, 18, 16, 17, 6, 13, 2]]], [[[16, 0, 0, 4, 9, 5, 3], [2, 19, 7, 20, 12, 18, 17], [13, 2, 8, 6, 18, 12, 12], [4, 17, 11, 6, 5, 0, 20], [17, 12, 0, 5, 10, 0, 4], [7, 16, 2, 13, 15, 14, 5], [1, 20, 3, 3, 5, 3, 18]], [[3, 10, 18, 0, 10, 20, 4], [3, 1, 5, 4, 7, 10, 15], [19, 9, 7, 19, 5, 20, 16], [2, 12, 15, 5, 0, 17, 12], [8, 13, 13, 17, 2, 19, 13], [9, 19, 9, 10, 0, 6, 9], [7, 18, 2, 5, 6, 8, 10]]]]> : tensor<2x2x7x7xi8>
  %xqs = arith.constant dense<[0.5]> : tensor<1xf32>
  %xqz = arith.constant dense<[5]> : tensor<1xi32>
  %xqa = sparq.assemble values(%xq : tensor<2x2x7x7xi8>) scales(%xqs : tensor<1xf32>)
      zero_points(%xqz : tensor<1xi32>) : tensor<2x2x7x7xi8, #a8>
  %fq = arith.constant dense<[[[[0, 0, 7], [-7, 2, 0], [0, -1, -3]], [[0, 0, 0], [-7, 0, 0], [8, 0, -4]]], [[[-8, -6, 4], [0, 0, 8], [-2, 0, 5]], [[7, 0, 0], [0, 0, -5], [0, 0, 0]]], [[[5, 0, 7], [0, 0, 0], [-1, -3, 8]], [[0, 0, 3], [0, -1, -6], [0, -1, -6]]]]> : tensor<3x2x3x3xi8>
  %fqs = arith.constant dense<[0.25, 0.5, 0.125]> : tensor<3xf32>
  %fqd = sparq.assemble values(%fq : tensor<3x2x3x3xi8>) scales(%fqs : tensor<3xf32>) : tensor<3x2x3x3xi8, #w8dense>
  %yq = sparq.conv2d %xqa, %fqd layout(nchw_fchw) acc(i32) strides = [2, 2] dilations = [2, 2] padding = [1, 1, 1, 1]
      : tensor<2x2x7x7xi8, #a8>, tensor<3x2x3x3xi8, #w8dense> -> tensor<2x3x3x3xf32>
  %yqv = vector.transfer_read %yq[%c0, %c0, %c0, %c0], %fpad : tensor<2x3x3x3xf32>, vector<2x3x3x3xf32>
  vector.print str "int8-f32\n"
  vector.print %yqv : vector<2x3x3x3xf32>
  %yi = sparq.conv2d %xqa, %fqd layout(nchw_fchw) acc(i32) strides = [2, 2] dilations = [2, 2] padding = [1, 1, 1, 1]
      : tensor<2x2x7x7xi8, #a8>, tensor<3x2x3x3xi8, #w8dense> -> tensor<2x3x3x3xi32>
  %yiv = vector.transfer_read %yi[%c0, %c0, %c0, %c0], %ipad : tensor<2x3x3x3xi32>, vector<2x3x3x3xi32>
  vector.print str "int8-i32\n"
  vector.print %yiv : vector<2x3x3x3xi32>
  %fqc = sparq.pack %fqd : tensor<3x2x3x3xi8, #w8dense> -> tensor<3x2x3x3xi8, #w8csr>
  %yc = sparq.conv2d %xqa, %fqc layout(nchw_fchw) acc(i32) strides = [2, 2] dilations = [2, 2] padding = [1, 1, 1, 1] dataflow(row)
      : tensor<2x2x7x7xi8, #a8>, tensor<3x2x3x3xi8, #w8csr> -> tensor<2x3x3x3xf32>
  %ycv = vector.transfer_read %yc[%c0, %c0, %c0, %c0], %fpad : tensor<2x3x3x3xf32>, vector<2x3x3x3xf32>
  vector.print str "int8-csr-f32\n"
  vector.print %ycv : vector<2x3x3x3xf32>
  return
}

