// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The expected numbers come from an independent numpy reference; the same
// CHECK lines are matched against its output:
// RUN: %python %S/Inputs/contraction_reference.py | FileCheck %s

#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#w8 = #sparq.quant<si8:f32, symmetric, channel(1)>
#w8dense = #sparq.encoding<dense, quant = #w8>
#w8csr = #sparq.encoding<csr, quant = #w8>
#csr = #sparq.encoding<csr>
#nm = #sparq.encoding<nm<2, 4>>
#bitmap1 = #sparq.encoding<bitmap, row_dims = 1>
#f8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>

func.func @main() {
  %c0 = arith.constant 0 : index
  %fpad = arith.constant -99.0 : f32
  %ipad = arith.constant -99 : i32

  // A: ui8 activations (scale 0.5, zero point 3); W: si8 CSR weights with
  // channel(1) scales. Integer accumulation, one scale per output element.
  // CHECK-LABEL: quantized-csr
  // CHECK-NEXT: ( ( -0.875, -2.25, 444.5 ), ( -31, 0, 15998 ) )
  // CHECK-LABEL: quantized-csr-i32
  // CHECK-NEXT: ( ( -7, -9, 889 ), ( -248, 0, 31996 ) )
  %av = arith.constant dense<[[3, 5, 0, 10], [7, 3, 3, -1]]> : tensor<2x4xi8>
  %as = arith.constant dense<[0.5]> : tensor<1xf32>
  %az = arith.constant dense<[3]> : tensor<1xi32>
  %a = sparq.assemble values(%av : tensor<2x4xi8>) scales(%as : tensor<1xf32>)
      zero_points(%az : tensor<1xi32>) : tensor<2x4xi8, #a8>
  %wv = arith.constant dense<[[1, 0, -2], [0, 0, 0], [0, 3, 0], [-1, 0, 127]]> : tensor<4x3xi8>
  %ws = arith.constant dense<[0.25, 0.5, 1.0]> : tensor<3xf32>
  %wd = sparq.assemble values(%wv : tensor<4x3xi8>) scales(%ws : tensor<3xf32>) : tensor<4x3xi8, #w8dense>
  %w = sparq.pack %wd : tensor<4x3xi8, #w8dense> -> tensor<4x3xi8, #w8csr>
  %qc = sparq.matmul %a, %w acc(i32) : tensor<2x4xi8, #a8>, tensor<4x3xi8, #w8csr> -> tensor<2x3xf32>
  %qcv = vector.transfer_read %qc[%c0, %c0], %fpad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "quantized-csr\n"
  vector.print %qcv : vector<2x3xf32>
  %qi = sparq.matmul %a, %w acc(i32) : tensor<2x4xi8, #a8>, tensor<4x3xi8, #w8csr> -> tensor<2x3xi32>
  %qiv = vector.transfer_read %qi[%c0, %c0], %ipad : tensor<2x3xi32>, vector<2x3xi32>
  vector.print str "quantized-csr-i32\n"
  vector.print %qiv : vector<2x3xi32>

  // Float matmuls with a sparse B: CSR, N:M stored transposed, batched.
  // CHECK-LABEL: float-csr
  // CHECK-NEXT: ( ( -3, 0, 1.5 ), ( 0.5, -3, 1 ) )
  // CHECK-LABEL: float-nm-transposed
  // CHECK-NEXT: ( ( -3, 0, 1.5 ), ( 0.5, -3, 1 ) )
  // CHECK-LABEL: float-batch
  // CHECK-NEXT: ( ( ( -3, 0, 1.5 ), ( 0.5, -3, 1 ) ), ( ( -6, 0, 3 ), ( 1, -6, 2 ) ) )
  %fa = arith.constant dense<[[1.0, 2.0, 0.0, -1.0], [0.5, 0.0, 3.0, 0.0]]> : tensor<2x4xf32>
  %fb = arith.constant dense<[[1.0, 0.0, 2.0], [0.0, 0.0, 0.0], [0.0, -1.0, 0.0], [4.0, 0.0, 0.5]]> : tensor<4x3xf32>
  %fbc = sparq.pack %fb : tensor<4x3xf32> -> tensor<4x3xf32, #csr>
  %fc = sparq.matmul %fa, %fbc acc(f32) : tensor<2x4xf32>, tensor<4x3xf32, #csr> -> tensor<2x3xf32>
  %fcv = vector.transfer_read %fc[%c0, %c0], %fpad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "float-csr\n"
  vector.print %fcv : vector<2x3xf32>
  %fbt = arith.constant dense<[[1.0, 0.0, 0.0, 4.0], [0.0, 0.0, -1.0, 0.0], [2.0, 0.0, 0.0, 0.5]]> : tensor<3x4xf32>
  %fbn = sparq.pack %fbt : tensor<3x4xf32> -> tensor<3x4xf32, #nm>
  %ft = sparq.matmul %fa, %fbn transpose_b acc(f32) : tensor<2x4xf32>, tensor<3x4xf32, #nm> -> tensor<2x3xf32>
  %ftv = vector.transfer_read %ft[%c0, %c0], %fpad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "float-nm-transposed\n"
  vector.print %ftv : vector<2x3xf32>
  %fa3 = arith.constant dense<[[[1.0, 2.0, 0.0, -1.0], [0.5, 0.0, 3.0, 0.0]],
                               [[2.0, 4.0, 0.0, -2.0], [1.0, 0.0, 6.0, 0.0]]]> : tensor<2x2x4xf32>
  %f3 = sparq.matmul %fa3, %fbc acc(f32) : tensor<2x2x4xf32>, tensor<4x3xf32, #csr> -> tensor<2x2x3xf32>
  %f3v = vector.transfer_read %f3[%c0, %c0, %c0], %fpad : tensor<2x2x3xf32>, vector<2x2x3xf32>
  vector.print str "float-batch\n"
  vector.print %f3v : vector<2x2x3xf32>

  // conv2d NHWC with a CSR filter (rows KH*KW*C = 18, columns F = 2),
  // strides 2, padding 1 on every side.
  // CHECK-LABEL: conv-nhwc
  // CHECK-NEXT: ( ( ( ( -4, 0 ), ( 4, 3 ) ), ( ( 0, 1 ), ( -6, -4 ) ) ) )
  %x = arith.constant dense<[[[[-3.0, -2.0], [-1.0, 0.0], [1.0, 2.0], [3.0, -3.0]], [[-2.0, -1.0], [0.0, 1.0], [2.0, 3.0], [-3.0, -2.0]], [[-1.0, 0.0], [1.0, 2.0], [3.0, -3.0], [-2.0, -1.0]], [[0.0, 1.0], [2.0, 3.0], [-3.0, -2.0], [-1.0, 0.0]]]]> : tensor<1x4x4x2xf32>
  %f = arith.constant dense<[[[[1.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 3.0]]], [[[0.0, 0.0], [0.0, 0.5]], [[0.0, 0.0], [2.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]], [[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]], [[0.0, -1.0], [0.0, 0.0]]]]> : tensor<3x3x2x2xf32>
  %fcsr = sparq.pack %f : tensor<3x3x2x2xf32> -> tensor<3x3x2x2xf32, #csr>
  %y = sparq.conv2d %x, %fcsr layout(nhwc_hwcf) acc(f32) strides = [2, 2] padding = [1, 1, 1, 1]
      : tensor<1x4x4x2xf32>, tensor<3x3x2x2xf32, #csr> -> tensor<1x2x2x2xf32>
  %yv = vector.transfer_read %y[%c0, %c0, %c0, %c0], %fpad : tensor<1x2x2x2xf32>, vector<1x2x2x2xf32>
  vector.print str "conv-nhwc\n"
  vector.print %yv : vector<1x2x2x2xf32>

  // conv2d NCHW with a bitmap filter viewed as [F, C*KH*KW], dilations 2,
  // padding [top 0, bottom 1, left 2, right 0].
  // CHECK-LABEL: conv-nchw
  // CHECK-NEXT: ( ( ( ( 4, -2, 3 ), ( 0, 0, -2 ) ), ( ( 0.5, -2, -1 ), ( 2, -0.5, 0.5 ) ) ) )
  %xc = arith.constant dense<[[[[-3.0, 0.0, 3.0, -1.0, 2.0], [-2.0, 1.0, -3.0, 0.0, 3.0], [-1.0, 2.0, -2.0, 1.0, -3.0], [0.0, 3.0, -1.0, 2.0, -2.0], [1.0, -3.0, 0.0, 3.0, -1.0]], [[2.0, -2.0, 1.0, -3.0, 0.0], [3.0, -1.0, 2.0, -2.0, 1.0], [-3.0, 0.0, 3.0, -1.0, 2.0], [-2.0, 1.0, -3.0, 0.0, 3.0], [-1.0, 2.0, -2.0, 1.0, -3.0]]]]> : tensor<1x2x5x5xf32>
  %fcd = arith.constant dense<[[[[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, -2.0]]], [[[0.0, 0.0, 0.0], [0.0, 0.5, 0.0], [0.0, 0.0, 0.0]], [[0.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]]]> : tensor<2x2x3x3xf32>
  %fcb = sparq.pack %fcd : tensor<2x2x3x3xf32> -> tensor<2x2x3x3xf32, #bitmap1>
  %yc = sparq.conv2d %xc, %fcb layout(nchw_fchw) acc(f32) dilations = [2, 2] padding = [0, 1, 2, 0]
      : tensor<1x2x5x5xf32>, tensor<2x2x3x3xf32, #bitmap1> -> tensor<1x2x2x3xf32>
  %ycv = vector.transfer_read %yc[%c0, %c0, %c0, %c0], %fpad : tensor<1x2x2x3xf32>, vector<1x2x2x3xf32>
  vector.print str "conv-nchw\n"
  vector.print %ycv : vector<1x2x2x3xf32>

  // Quantized conv2d NHWC: ui8 input (scale 0.5, zero point 2) padded with
  // its zero point, si8 filter with channel(3) scales, i32 accumulator.
  // CHECK-LABEL: conv-quantized
  // CHECK-NEXT: ( ( ( ( 0, -2 ), ( 0.5, -2 ), ( -5, -0.625 ) ), ( ( -8.5, 1.125 ), ( 0.5, 2 ), ( 2.5, 1.5 ) ), ( ( 5, 1.5 ), ( 5, 0.125 ), ( -2, 0.75 ) ) ) )
  %xqv = arith.constant dense<[[[[0, 5], [1, 6], [2, 7]], [[3, 8], [4, 0], [5, 1]], [[6, 2], [7, 3], [8, 4]]]]> : tensor<1x3x3x2xi8>
  %xqs = arith.constant dense<[0.5]> : tensor<1xf32>
  %xqz = arith.constant dense<[2]> : tensor<1xi32>
  %xq = sparq.assemble values(%xqv : tensor<1x3x3x2xi8>) scales(%xqs : tensor<1xf32>)
      zero_points(%xqz : tensor<1xi32>) : tensor<1x3x3x2xi8, #a8>
  %fqv = arith.constant dense<[[[[-2, -1], [0, 1]], [[2, -2], [-1, 0]]], [[[1, 2], [-2, -1]], [[0, 1], [2, -2]]]]> : tensor<2x2x2x2xi8>
  %fqs = arith.constant dense<[1.0, 0.25]> : tensor<2xf32>
  %fq = sparq.assemble values(%fqv : tensor<2x2x2x2xi8>) scales(%fqs : tensor<2xf32>) : tensor<2x2x2x2xi8, #f8>
  %yq = sparq.conv2d %xq, %fq layout(nhwc_hwcf) acc(i32) padding = [1, 0, 0, 1]
      : tensor<1x3x3x2xi8, #a8>, tensor<2x2x2x2xi8, #f8> -> tensor<1x3x3x2xf32>
  %yqv = vector.transfer_read %yq[%c0, %c0, %c0, %c0], %fpad : tensor<1x3x3x2xf32>, vector<1x3x3x2xf32>
  vector.print str "conv-quantized\n"
  vector.print %yqv : vector<1x3x3x2xf32>
  return
}
