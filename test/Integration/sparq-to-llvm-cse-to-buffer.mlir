// Regression test (found 2026-11-26): three integer matmuls where the first
// and the third widen the same constant weight %w. sparq-lower-dataflow
// widens each operand with a linalg.generic into a tensor.empty and hands it
// to its loops through `bufferization.to_buffer read_only`; the pipeline's
// CSE used to (1) merge the identical tensor.empty inits of all three
// widenings and (2) replace the third widening of %w by the first. One-shot
// bufferization does not see reads through the memref of a to_buffer, so it
// wrote the second widening (of %w2) in place into the buffer the third
// product still read: y3 came out as y2. sparq-to-llvm now turns tensor.empty
// into bufferization.alloc_tensor (never merged) before CSE. The same fault
// made a per-batch product of sparq-unbatch-matmul read the previous loop's
// last weight slice.
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

// By hand: x . column of ones = 1 + ... + 8 = 36; of twos: 72.
// CHECK: ( ( 36, 36, 36, 36 ) )
// CHECK-NEXT: ( ( 72, 72, 72, 72 ) )
// CHECK-NEXT: ( ( 36, 36, 36, 36 ) )
func.func @main() {
  %c0 = arith.constant 0 : index
  %ipad = arith.constant -99 : i32
  %x = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8]]> : tensor<1x8xi8>
  %w = arith.constant dense<1> : tensor<8x4xi8>
  %w2 = arith.constant dense<2> : tensor<8x4xi8>
  %y1 = sparq.matmul %x, %w acc(i32) : tensor<1x8xi8>, tensor<8x4xi8> -> tensor<1x4xi32>
  %y2 = sparq.matmul %x, %w2 acc(i32) : tensor<1x8xi8>, tensor<8x4xi8> -> tensor<1x4xi32>
  %y3 = sparq.matmul %x, %w acc(i32) : tensor<1x8xi8>, tensor<8x4xi8> -> tensor<1x4xi32>
  %v1 = vector.transfer_read %y1[%c0, %c0], %ipad : tensor<1x4xi32>, vector<1x4xi32>
  %v2 = vector.transfer_read %y2[%c0, %c0], %ipad : tensor<1x4xi32>, vector<1x4xi32>
  %v3 = vector.transfer_read %y3[%c0, %c0], %ipad : tensor<1x4xi32>, vector<1x4xi32>
  vector.print %v1 : vector<1x4xi32>
  vector.print %v2 : vector<1x4xi32>
  vector.print %v3 : vector<1x4xi32>
  return
}
