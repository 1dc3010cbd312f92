// Compressed (csr / csc) results of --sparq-lower-dataflow, JIT-run through
// --sparq-to-llvm. Inputs/gen_sparse_result.py generates 22 products per
// element type (every dataflow; sparse x sparse, sparse x dense, dense x
// sparse, dense x dense; empty rows and columns; an all-zero result; csr and
// csc results; built line by line, compacted band by band (13 bands of one
// line with a growing buffer, 4 bands of 5, csc by C^T rows, bitmap and N:M
// left operands cut into bands) and compacted whole), 4 more for int8 with asymmetric operands (zero points: the
// epilogue's correction terms, per-entry shifts), and compares positions, coordinates and values exactly with
// numpy's csr / csc of A @ B (only the nonzero results are stored, so the
// results that cancel to zero, counted below, must be absent), and with
// sparq.pack of the same product computed with a plain result (same run,
// every printed part equal).
// RUN: %python %S/Inputs/gen_sparse_result.py --dtype f32 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s --check-prefix=F32
// RUN: %python %S/Inputs/gen_sparse_result.py --dtype i8 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s --check-prefix=I8
// F32-NOT: MISMATCH
// F32: f32: 22 products, 0 mismatches
// F32-NEXT: by line: 7, by bands: 9, compacted: 6
// F32-NEXT: cancelled results (not stored): 15
// I8-NOT: MISMATCH
// I8: i8: 26 products, 0 mismatches
// I8-NEXT: by line: 8, by bands: 9, compacted: 9
// I8-NEXT: cancelled results (not stored): 20
//
// The worked example of test/Conversion/SparqToLoops/sparse-result.mlir:
//   A = [[1, 0, 2, 0], [0, 0, 0, 0], [0, 3, 1, 0]],
//   B = [[1, 0, 0, 2, 0], [0, 1, 0, 0, 0], [0, 0, 0, -1, 4], [5, 0, 0, 0, 0]],
//   C = [[1, 0, 0, 2 - 2, 8], [0, 0, 0, 0, 0], [0, 3, 0, -1, 4]]:
// C[0, 3] cancels and is not stored; row 1 is empty. As csr: positions
// [0, 2, 2, 5], coordinates [0, 4, 1, 3, 4], values [1, 8, 3, -1, 4].
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// CHECK:      sizes = [4]
// CHECK-NEXT: [0,  2,  2,  5]
// CHECK:      sizes = [5]
// CHECK-NEXT: [0,  4,  1,  3,  4]
// CHECK:      sizes = [5]
// CHECK-NEXT: [1,  8,  3,  -1,  4]

#csr = #sparq.encoding<csr>
func.func private @printMemrefF32(memref<*xf32>)
func.func private @printMemrefI32(memref<*xi32>)

func.func @row_csr(%a: tensor<3x4xf32, #csr>, %b: tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #csr> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr> -> tensor<3x5xf32, #csr>
  return %c : tensor<3x5xf32, #csr>
}

func.func @main() {
  %a = arith.constant dense<[[1.0, 0.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 3.0, 1.0, 0.0]]> : tensor<3x4xf32>
  %b = arith.constant dense<[[1.0, 0.0, 0.0, 2.0, 0.0], [0.0, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, -1.0, 4.0], [5.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<4x5xf32>
  %ac = sparq.pack %a : tensor<3x4xf32> -> tensor<3x4xf32, #csr>
  %bc = sparq.pack %b : tensor<4x5xf32> -> tensor<4x5xf32, #csr>
  %c = call @row_csr(%ac, %bc) : (tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #csr>
  %v = sparq.part values of %c : tensor<3x5xf32, #csr> -> tensor<?xf32>
  %p = sparq.part positions of %c : tensor<3x5xf32, #csr> -> tensor<4xi32>
  %x = sparq.part coordinates of %c : tensor<3x5xf32, #csr> -> tensor<?xi32>
  %vb = bufferization.to_buffer %v : tensor<?xf32> to memref<?xf32>
  %pb = bufferization.to_buffer %p : tensor<4xi32> to memref<4xi32>
  %xb = bufferization.to_buffer %x : tensor<?xi32> to memref<?xi32>
  %vu = memref.cast %vb : memref<?xf32> to memref<*xf32>
  %pu = memref.cast %pb : memref<4xi32> to memref<*xi32>
  %xu = memref.cast %xb : memref<?xi32> to memref<*xi32>
  call @printMemrefI32(%pu) : (memref<*xi32>) -> ()
  call @printMemrefI32(%xu) : (memref<*xi32>) -> ()
  call @printMemrefF32(%vu) : (memref<*xf32>) -> ()
  return
}
