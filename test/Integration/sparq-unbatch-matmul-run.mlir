// --sparq-unbatch-matmul turns every batched sparq.matmul below into rank-2
// ones: a shared rank-2 rhs folds the batch into M (one collapse_shape, one
// product), a rank-3 rhs gives one scf.for over per-batch slices.
// (IR: test/Dialect/Sparq/sparq-unbatch-matmul.mlir.) sparq-lower-dataflow
// then turns every one of those matmuls into loops:
// RUN: sparq-opt %s --sparq-unbatch-matmul --sparq-lower-dataflow | FileCheck %s --check-prefix=LOOPS
// LOOPS-NOT: sparq.matmul
// LOOPS: scf.for
// LOOPS-NOT: sparq.matmul
// The lowered module (sparq-to-llvm runs sparq-unbatch-matmul before
// sparq-lower-dataflow) computes the numbers of an independent numpy
// reference (explicit loops per batch); the same CHECK lines are matched
// against its output. Integer results are bit-exact; the float operands are
// small multiples of 1/2, so the float sums are exact too.
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: %python %S/Inputs/unbatch_matmul_reference.py | FileCheck %s

#csr = #sparq.encoding<csr>
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#wn = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#bb = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
#am = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#bn = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(2)>>

func.func @main() {
  %c0 = arith.constant 0 : index
  %fpad = arith.constant -99.0 : f32
  %ipad = arith.constant -99 : i32
  %xa = arith.constant dense<[[[0.0, 1.0, -2.0, -2.0, 2.0], [-1.0, -3.0, 0.0, -3.0, -3.0], [2.0, 2.0, 1.0, -2.0, 0.0], [-1.0, 0.0, 1.0, 2.0, -2.0]], [[2.0, 2.0, -1.0, 0.0, -1.0], [3.0, 3.0, 2.0, -3.0, -2.0], [0.0, 1.0, 2.0, 2.0, 0.0], [-1.0, -2.0, -1.0, -1.0, 3.0]], [[-2.0, 2.0, 2.0, 3.0, -2.0], [0.0, 1.0, 0.0, 0.0, 3.0], [1.0, 2.0, 2.0, -3.0, 1.0], [1.0, -1.0, -3.0, 2.0, -1.0]]]> : tensor<3x4x5xf32>
  %wa = arith.constant dense<[[1.0, 0.5, -1.0, -0.5, 1.0, 0.5], [1.0, 0.5, 0.0, 0.0, 0.0, -0.5], [-1.0, -0.5, 0.0, -0.5, 0.0, 0.0], [0.5, 0.5, -1.0, -0.5, -1.0, -1.0], [-0.5, 1.0, -0.5, 1.0, -1.0, 0.0]]> : tensor<5x6xf32>
  %wc = arith.constant dense<[[0.0, -2.0, 0.0, 0.0, 1.0, -2.0], [0.0, 0.0, 4.0, 0.0, 0.0, -1.0], [4.0, 0.0, 3.0, 0.0, -4.0, -4.0], [0.0, 0.0, 0.0, 0.0, 0.0, 4.0], [-2.0, 2.0, 1.0, 0.0, 0.0, 0.0]]> : tensor<5x6xf32>
  %ba = arith.constant dense<[[[-0.5, 0.0, 1.5, -1.0, 1.5, -0.5], [0.5, -0.5, -1.0, -0.5, 0.5, -0.5], [0.5, 1.5, 0.0, -1.0, -1.0, -1.0], [0.0, 0.5, -1.5, -0.5, -1.5, -1.5], [-1.0, 1.0, -0.5, 0.5, 0.0, -0.5]], [[0.5, 1.0, -1.0, -1.0, 1.5, -1.5], [-1.0, 0.5, -1.5, -1.5, 1.0, 0.5], [-1.5, -1.0, 1.5, -1.5, 1.5, -1.0], [0.5, 1.0, 1.0, -1.0, -1.0, 1.5], [0.5, -1.0, -0.5, 0.0, 1.5, 0.0]], [[1.5, 0.5, 0.0, 0.0, 0.0, 0.5], [-0.5, -0.5, -1.5, 0.5, -1.5, 1.5], [0.0, -1.0, -1.5, -1.0, 0.5, 1.5], [1.5, -0.5, 0.5, -0.5, 1.0, -1.0], [1.0, 0.0, 1.0, 0.5, 0.5, -0.5]]]> : tensor<3x5x6xf32>
  %bt = arith.constant dense<[[[3.0, 2.0, 2.0, -2.0, -1.0], [2.0, 1.0, -1.0, 0.0, -2.0], [3.0, 1.0, -1.0, -2.0, 1.0], [-1.0, -3.0, 2.0, 0.0, -2.0], [1.0, 2.0, 0.0, -1.0, 3.0], [-2.0, 2.0, 0.0, 2.0, 1.0]], [[-1.0, 1.0, 2.0, -3.0, -3.0], [-1.0, 1.0, 0.0, 1.0, 0.0], [-2.0, -2.0, -3.0, -2.0, -2.0], [2.0, 3.0, -1.0, 0.0, 0.0], [3.0, -1.0, -1.0, 1.0, -2.0], [3.0, -1.0, 1.0, -2.0, 1.0]], [[0.0, -3.0, 3.0, -1.0, 3.0], [1.0, -2.0, 2.0, 1.0, 2.0], [-3.0, 0.0, -1.0, -3.0, -2.0], [-2.0, 0.0, 2.0, 0.0, -1.0], [2.0, 2.0, 0.0, -2.0, -3.0], [0.0, 2.0, 3.0, -3.0, -2.0]]]> : tensor<3x6x5xf32>
  %ls = arith.constant dense<[[[0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, -1.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0]], [[2.0, 2.0, 0.0, 4.0, 0.0], [-2.0, 0.0, 0.0, -2.0, 0.0], [0.0, 3.0, 0.0, 3.0, 0.0]]]> : tensor<2x3x5xf32>
  %rs = arith.constant dense<[[2.0, 2.0, 3.0, 0.0], [0.0, -1.0, 2.0, -3.0], [0.0, -1.0, 3.0, -1.0], [0.0, -1.0, 3.0, -2.0], [3.0, 0.0, -1.0, 2.0]]> : tensor<5x4xf32>

  // f32, shared plain weight: [3*4, 5] x [5, 6].
  // CHECK-LABEL: f32-shared
  // CHECK-NEXT: ( ( ( 1, 2.5, 1, 4, 0, 1.5 ), ( -4, -6.5, 5.5, -1, 5, 4 ), ( 2, 0.5, 0, -0.5, 4, 2 ), ( 0, -2, 0, -3, -1, -2.5 ) ), ( ( 5.5, 1.5, -1.5, -1.5, 3, 0 ), ( 3.5, -1.5, 1, -3, 8, 3 ), ( 0, 0.5, -2, -2, -2, -2.5 ), ( -4, 1.5, 0.5, 4.5, -3, 1.5 ) ), ( ( 0.5, -1.5, 0, -3.5, -3, -5 ), ( -0.5, 3.5, -1.5, 3, -3, -0.5 ), ( -1, 0, 1.5, 1, 3, 2.5 ), ( 4.5, 1.5, -2.5, -1, 0, -1 ) ) )
  %y1 = sparq.matmul %xa, %wa acc(f32) : tensor<3x4x5xf32>, tensor<5x6xf32> -> tensor<3x4x6xf32>
  %y1v = vector.transfer_read %y1[%c0, %c0, %c0], %fpad : tensor<3x4x6xf32>, vector<3x4x6xf32>
  vector.print str "f32-shared\n"
  vector.print %y1v : vector<3x4x6xf32>

  // f32, shared CSR weight.
  // CHECK-LABEL: f32-shared-csr
  // CHECK-NEXT: ( ( ( -12, 4, 0, 0, 8, -1 ), ( 6, -4, -15, 0, -1, -7 ), ( 4, -4, 11, 0, -2, -18 ), ( 8, -2, 1, 0, -5, 6 ) ), ( ( -2, -6, 4, 0, 6, -2 ), ( 12, -10, 16, 0, -5, -29 ), ( 8, 0, 10, 0, -8, -1 ), ( -10, 8, -8, 0, 3, 4 ) ), ( ( 12, 0, 12, 0, -10, 6 ), ( -6, 6, 7, 0, 0, -1 ), ( 6, 0, 15, 0, -7, -24 ), ( -10, -4, -14, 0, 13, 19 ) ) )
  %wcc = sparq.pack %wc : tensor<5x6xf32> -> tensor<5x6xf32, #csr>
  %y2 = sparq.matmul %xa, %wcc acc(f32) : tensor<3x4x5xf32>, tensor<5x6xf32, #csr> -> tensor<3x4x6xf32>
  %y2v = vector.transfer_read %y2[%c0, %c0, %c0], %fpad : tensor<3x4x6xf32>, vector<3x4x6xf32>
  vector.print str "f32-shared-csr\n"
  vector.print %y2v : vector<3x4x6xf32>

  // f32, fully batched: a loop over 3 slices.
  // CHECK-LABEL: f32-batched
  // CHECK-NEXT: ( ( ( -2.5, -2.5, 1, 3.5, 5.5, 3.5 ), ( 2, -3, 7.5, 2.5, 1.5, 8 ), ( 0.5, -0.5, 4, -3, 6, 0 ), ( 3, 0.5, -3.5, -2, -5.5, -2.5 ) ), ( ( 0, 5, -6, -3.5, 2, -1 ), ( -7, 1.5, -6.5, -7.5, 10.5, -9.5 ), ( -3, 0.5, 3.5, -6.5, 2, 1.5 ), ( 4, -5, 0, 6.5, 0.5, 0 ) ), ( ( -1.5, -5.5, -6.5, -3.5, 0, 3 ), ( 2.5, -0.5, 1.5, 2, 0, 0 ), ( -3, -1, -6.5, 1, -4.5, 9 ), ( 4, 3, 6, 1, 1.5, -7 ) ) )
  %y3 = sparq.matmul %xa, %ba acc(f32) dataflow(outer) : tensor<3x4x5xf32>, tensor<3x5x6xf32> -> tensor<3x4x6xf32>
  %y3v = vector.transfer_read %y3[%c0, %c0, %c0], %fpad : tensor<3x4x6xf32>, vector<3x4x6xf32>
  vector.print str "f32-batched\n"
  vector.print %y3v : vector<3x4x6xf32>

  // f32, fully batched, B stored transposed ([B, N, K]).
  // CHECK-LABEL: f32-batched-tb
  // CHECK-NEXT: ( ( ( 0, -1, 9, -11, 10, 0 ), ( 0, 1, -3, 16, -13, -13 ), ( 16, 5, 11, -6, 8, -4 ), ( -3, 1, -10, 7, -9, 4 ) ), ( ( 1, 0, -3, 11, 7, 2 ), ( 19, -3, -8, 13, 5, 12 ), ( -1, 3, -12, 1, -1, -3 ), ( -9, -2, 5, -7, -7, 3 ) ), ( ( -9, -3, -1, 10, 0, 5 ), ( 6, 4, -6, -3, -7, -4 ), ( 6, 0, 2, 1, 9, 17 ), ( -11, -3, -4, -7, -1, -15 ) ) )
  %y4 = sparq.matmul %xa, %bt transpose_b acc(f32) : tensor<3x4x5xf32>, tensor<3x6x5xf32> -> tensor<3x4x6xf32>
  %y4v = vector.transfer_read %y4[%c0, %c0, %c0], %fpad : tensor<3x4x6xf32>, vector<3x4x6xf32>
  vector.print str "f32-batched-tb\n"
  vector.print %y4v : vector<3x4x6xf32>

  // f32, a CSR batched lhs (its matrix view is [2*3, 5]) times a shared rhs.
  // CHECK-LABEL: f32-sparse-lhs
  // CHECK-NEXT: ( ( ( 0, 0, 0, 0 ), ( 0, 1, -3, 2 ), ( 0, 0, 0, 0 ) ), ( ( 4, -2, 22, -14 ), ( -4, -2, -12, 4 ), ( 0, -6, 15, -15 ) ) )
  %lsc = sparq.pack %ls : tensor<2x3x5xf32> -> tensor<2x3x5xf32, #csr>
  %y5 = sparq.matmul %lsc, %rs acc(f32) : tensor<2x3x5xf32, #csr>, tensor<5x4xf32> -> tensor<2x3x4xf32>
  %y5v = vector.transfer_read %y5[%c0, %c0, %c0], %fpad : tensor<2x3x4xf32>, vector<2x3x4xf32>
  vector.print str "f32-sparse-lhs\n"
  vector.print %y5v : vector<2x3x4xf32>

  // int8: ui8 activations (scale 0.5, zero point 7), i32 accumulator.
  %xq = arith.constant dense<[[[5, 12, 4, 12, 1, 10, 0, 1], [1, 11, 1, 10, 8, 5, 3, 4], [2, 4, 4, 0, 8, 6, 2, 13]], [[14, 3, 11, 7, 15, 10, 4, 6], [15, 7, 12, 9, 15, 11, 1, 1], [4, 13, 1, 12, 9, 4, 11, 15]]]> : tensor<2x3x8xi8>
  %wq = arith.constant dense<[[0, 0, 0, 0], [-5, 3, -7, 0], [0, 1, -4, -2], [0, 2, 7, 1], [-8, 0, 5, 0], [8, 0, 0, 6], [-7, 0, 0, 0], [-6, -7, 0, 0]]> : tensor<8x4xi8>
  %bq = arith.constant dense<[[[0, 0, 0, 0], [0, -6, 0, 1], [0, 5, 0, -2], [-7, 1, -2, 2], [-6, 0, -3, -5], [8, 0, -1, -5], [3, 0, 0, 0], [0, 0, 2, 8]], [[0, 0, 8, 0], [0, 8, 0, -8], [0, -1, 4, 7], [-5, 0, 0, 0], [1, 0, 2, 0], [2, -3, -1, 0], [-8, 0, -7, 1], [-2, 8, 0, -8]]]> : tensor<2x8x4xi8>
  %xqs = arith.constant dense<[0.5]> : tensor<1xf32>
  %xqz = arith.constant dense<[7]> : tensor<1xi32>
  %xqa = sparq.assemble values(%xq : tensor<2x3x8xi8>) scales(%xqs : tensor<1xf32>)
      zero_points(%xqz : tensor<1xi32>) : tensor<2x3x8xi8, #a8>
  %wqs = arith.constant dense<[0.25, 0.5, 0.125, 1.0]> : tensor<4xf32>
  %wqa = sparq.assemble values(%wq : tensor<8x4xi8>) scales(%wqs : tensor<4xf32>) : tensor<8x4xi8, #wn>
  %bqsb = arith.constant dense<[0.25, 0.5]> : tensor<2xf32>
  %bqb = sparq.assemble values(%bq : tensor<2x8x4xi8>) scales(%bqsb : tensor<2xf32>) : tensor<2x8x4xi8, #bb>
  %bqsn = arith.constant dense<[0.5, 0.25, 1.0, 0.125]> : tensor<4xf32>
  %bqn = sparq.assemble values(%bq : tensor<2x8x4xi8>) scales(%bqsn : tensor<4xf32>) : tensor<2x8x4xi8, #bn>

  // Shared si8 weight with channel(1) scales: one [2*3, 8] x [8, 4] product.
  // CHECK-LABEL: int8-shared-f32
  // CHECK-NEXT: ( ( ( 16.5, 16, -1.125, 14.5 ), ( 0.25, 8.25, 1.375, 1.5 ), ( -0.25, -17, -0.6875, -3.5 ) ), ( ( 0.875, -0.25, 3.25, 5 ), ( 5.75, 12.75, 2.125, 8 ), ( -18.25, -8.5, 1.6875, -0.5 ) ) )
  %y6 = sparq.matmul %xqa, %wqa acc(i32) : tensor<2x3x8xi8, #a8>, tensor<8x4xi8, #wn> -> tensor<2x3x4xf32>
  %y6v = vector.transfer_read %y6[%c0, %c0, %c0], %fpad : tensor<2x3x4xf32>, vector<2x3x4xf32>
  vector.print str "int8-shared-f32\n"
  vector.print %y6v : vector<2x3x4xf32>
  // CHECK-LABEL: int8-shared-i32
  // CHECK-NEXT: ( ( ( 132, 64, -18, 29 ), ( 2, 33, 22, 3 ), ( -2, -68, -11, -7 ) ), ( ( 7, -1, 52, 10 ), ( 46, 51, 34, 16 ), ( -146, -34, 27, -1 ) ) )
  %y7 = sparq.matmul %xqa, %wqa acc(i32) : tensor<2x3x8xi8, #a8>, tensor<8x4xi8, #wn> -> tensor<2x3x4xi32>
  %y7v = vector.transfer_read %y7[%c0, %c0, %c0], %ipad : tensor<2x3x4xi32>, vector<2x3x4xi32>
  vector.print str "int8-shared-i32\n"
  vector.print %y7v : vector<2x3x4xi32>

  // Fully batched si8 rhs scaled per batch (channel(0): each slice per
  // tensor) and per output channel (channel(2): each slice channel(1)).
  // CHECK-LABEL: int8-batched-f32
  // CHECK-NEXT: ( ( ( 0.5, -5, -0.875, -1.5 ), ( -6.875, -6.375, -1.625, 0.375 ), ( 2.5, -0.5, 3, 4.625 ) ), ( ( 10, -13.25, 26.5, 16.25 ), ( 16.5, -16.25, 34.5, 19.25 ), ( -19.25, 31.75, -17.25, -37.5 ) ) )
  %y8 = sparq.matmul %xqa, %bqb acc(i32) : tensor<2x3x8xi8, #a8>, tensor<2x8x4xi8, #bb> -> tensor<2x3x4xf32>
  %y8v = vector.transfer_read %y8[%c0, %c0, %c0], %fpad : tensor<2x3x4xf32>, vector<2x3x4xf32>
  vector.print str "int8-batched-f32\n"
  vector.print %y8v : vector<2x3x4xf32>
  // CHECK-LABEL: int8-batched-i32
  // CHECK-NEXT: ( ( ( 4, -40, -7, -12 ), ( -55, -51, -13, 3 ), ( 20, -4, 24, 37 ) ), ( ( 40, -53, 106, 65 ), ( 66, -65, 138, 77 ), ( -77, 127, -69, -150 ) ) )
  %y9 = sparq.matmul %xqa, %bqb acc(i32) : tensor<2x3x8xi8, #a8>, tensor<2x8x4xi8, #bb> -> tensor<2x3x4xi32>
  %y9v = vector.transfer_read %y9[%c0, %c0, %c0], %ipad : tensor<2x3x4xi32>, vector<2x3x4xi32>
  vector.print str "int8-batched-i32\n"
  vector.print %y9v : vector<2x3x4xi32>
  // CHECK-LABEL: int8-batched-channel-f32
  // CHECK-NEXT: ( ( ( 1, -5, -3.5, -0.75 ), ( -13.75, -6.375, -6.5, 0.1875 ), ( 5, -0.5, 12, 2.3125 ) ), ( ( 10, -6.625, 53, 4.0625 ), ( 16.5, -8.125, 69, 4.8125 ), ( -19.25, 15.875, -34.5, -9.375 ) ) )
  %y10 = sparq.matmul %xqa, %bqn acc(i32) : tensor<2x3x8xi8, #a8>, tensor<2x8x4xi8, #bn> -> tensor<2x3x4xf32>
  %y10v = vector.transfer_read %y10[%c0, %c0, %c0], %fpad : tensor<2x3x4xf32>, vector<2x3x4xf32>
  vector.print str "int8-batched-channel-f32\n"
  vector.print %y10v : vector<2x3x4xf32>

  // si8 activations with one scale per row (channel(1)): sliced per batch.
  // CHECK-LABEL: int8-per-row-f32
  // CHECK-NEXT: ( ( ( 0.75, 14.25, -0.6875, 32 ), ( -7.75, 3.25, 0.90625, 9.5 ), ( -32, -37.5, -0.5, 28 ) ), ( ( -14.875, -2, 3.6875, 22.5 ), ( -5, 5.5, 1.28125, 12.75 ), ( -68, -20.5, 4.25, 34 ) ) )
  %xrs = arith.constant dense<[0.5, 0.25, 1.0]> : tensor<3xf32>
  %xr = sparq.assemble values(%xq : tensor<2x3x8xi8>) scales(%xrs : tensor<3xf32>) : tensor<2x3x8xi8, #am>
  %y11 = sparq.matmul %xr, %wqa acc(i32) : tensor<2x3x8xi8, #am>, tensor<8x4xi8, #wn> -> tensor<2x3x4xf32>
  %y11v = vector.transfer_read %y11[%c0, %c0, %c0], %fpad : tensor<2x3x4xf32>, vector<2x3x4xf32>
  vector.print str "int8-per-row-f32\n"
  vector.print %y11v : vector<2x3x4xf32>
  return
}
