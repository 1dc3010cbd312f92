// coo, bitmap and bcsr results of --sparq-lower-dataflow, JIT-run through
// --sparq-to-llvm (docs/dataflow.md, "Compressed results").
// Inputs/gen_sparse_result.py --set formats generates 25 products per element
// type: coo, bitmap and bcsr results under every dataflow (inner, outer,
// row), sparse x sparse, sparse x dense and dense x sparse (csr, csc, coo,
// bitmap, nm, bcsr operands), odd sizes (N = 66, 67: two bitmap words),
// bcsr<2x3>, <3x1>, <1x4> and <2x2> blocks, all-zero results (density 0),
// full density, empty rows and columns; 5 more for int8 with asymmetric
// operands (zero-point correction terms in the epilogue, per-entry shifts).
// int8 is si8 per-channel symmetric, acc(i32), an i32 result (bit-exact) or,
// every third product, an f32 result (sa[m] * sb[n] * acc; values within
// 1e-5 * |ref| + 1e-7, printMemrefF32 keeps 6 digits). Every part is
// compared with what sparq.pack stores for numpy's A @ B: coo coordinates
// (row, column) and values in row-major order, bitmap words (bit c % 64 of
// word c / 64) and row-major values, bcsr positions, block columns and
// whole blocks (explicit zeros included) for every block holding a nonzero;
// index parts and f32 / i32 values exactly; and every printed part must
// equal that of sparq.pack applied (in the same run) to the same product
// computed with a plain result. Results whose products cancel to zero
// (counted below) must be absent.
// RUN: %python %S/Inputs/gen_sparse_result.py --set formats --dtype f32 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s --check-prefix=F32
// RUN: %python %S/Inputs/gen_sparse_result.py --set formats --dtype i8 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s --check-prefix=I8
// F32-NOT: MISMATCH
// F32: f32: 25 products, 0 mismatches
// F32-NEXT: by line: 6, by bands: 11, compacted: 8
// F32-NEXT: cancelled results (not stored): 46
// I8-NOT: MISMATCH
// I8: i8: 30 products, 0 mismatches
// I8-NEXT: by line: 8, by bands: 12, compacted: 10
// I8-NEXT: cancelled results (not stored): 47
//
// The worked example of sparse-result-run.mlir:
//   C = [[1, 0, 0, 2 - 2, 8], [0, 0, 0, 0, 0], [0, 3, 0, -1, 4]]
// (C[0, 3] cancels, row 1 is empty) as coo (row-wise, built line by line),
// bitmap (inner over a dense B, compacted) and bcsr<1x5> (row-wise, line by
// line): coo coordinates (0,0) (0,4) (2,1) (2,3) (2,4); bitmap words
// 2^0 + 2^4 = 17, 0, 2^1 + 2^3 + 2^4 = 26; bcsr positions [0, 1, 1, 2] and
// the blocks of rows 0 and 2 whole, zeros included.
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// CHECK:      sizes = [5, 2]
// CHECK-NEXT: {{\[}}[0,   0],
// CHECK-NEXT:  [0,   4],
// CHECK-NEXT:  [2,   1],
// CHECK-NEXT:  [2,   3],
// CHECK-NEXT:  [2,   4]]
// CHECK:      sizes = [5]
// CHECK-NEXT: [1,  8,  3,  -1,  4]
// CHECK:      sizes = [3, 1]
// CHECK-NEXT: {{\[}}[17],
// CHECK-NEXT:  [0],
// CHECK-NEXT:  [26]]
// CHECK:      sizes = [5]
// CHECK-NEXT: [1,  8,  3,  -1,  4]
// CHECK:      sizes = [4]
// CHECK-NEXT: [0,  1,  1,  2]
// CHECK:      sizes = [2, 1, 5]
// CHECK-NEXT: {{\[}}{{\[}}[1,    0,    0,    0,    8]],
// CHECK-NEXT:  {{\[}}[0,    3,    0,    -1,    4]]]

#csr = #sparq.encoding<csr>
#coo = #sparq.encoding<coo>
#bm = #sparq.encoding<bitmap>
#bcsr = #sparq.encoding<bcsr<1x5>>
func.func private @printMemrefF32(memref<*xf32>)
func.func private @printMemrefI32(memref<*xi32>)
func.func private @printMemrefI64(memref<*xi64>)
func.func @k_coo(%a: tensor<3x4xf32, #csr>, %b: tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #coo> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr> -> tensor<3x5xf32, #coo>
  return %c : tensor<3x5xf32, #coo>
}
func.func @k_bm(%a: tensor<3x4xf32, #csr>, %b: tensor<4x5xf32>) -> tensor<3x5xf32, #bm> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<3x4xf32, #csr>, tensor<4x5xf32> -> tensor<3x5xf32, #bm>
  return %c : tensor<3x5xf32, #bm>
}
func.func @k_bcsr(%a: tensor<3x4xf32, #csr>, %b: tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #bcsr> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr> -> tensor<3x5xf32, #bcsr>
  return %c : tensor<3x5xf32, #bcsr>
}
func.func @main() {
  %a = arith.constant dense<[[1.0, 0.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 3.0, 1.0, 0.0]]> : tensor<3x4xf32>
  %b = arith.constant dense<[[1.0, 0.0, 0.0, 2.0, 0.0], [0.0, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, -1.0, 4.0], [5.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<4x5xf32>
  %ac = sparq.pack %a : tensor<3x4xf32> -> tensor<3x4xf32, #csr>
  %bc = sparq.pack %b : tensor<4x5xf32> -> tensor<4x5xf32, #csr>
  %c = call @k_coo(%ac, %bc) : (tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #coo>
  %v = sparq.part values of %c : tensor<3x5xf32, #coo> -> tensor<?xf32>
  %x = sparq.part coordinates of %c : tensor<3x5xf32, #coo> -> tensor<?x2xi32>
  %vb = bufferization.to_buffer %v : tensor<?xf32> to memref<?xf32>
  %xb = bufferization.to_buffer %x : tensor<?x2xi32> to memref<?x2xi32>
  %vu = memref.cast %vb : memref<?xf32> to memref<*xf32>
  %xu = memref.cast %xb : memref<?x2xi32> to memref<*xi32>
  call @printMemrefI32(%xu) : (memref<*xi32>) -> ()
  call @printMemrefF32(%vu) : (memref<*xf32>) -> ()
  %c2 = call @k_bm(%ac, %b) : (tensor<3x4xf32, #csr>, tensor<4x5xf32>) -> tensor<3x5xf32, #bm>
  %v2 = sparq.part values of %c2 : tensor<3x5xf32, #bm> -> tensor<?xf32>
  %x2 = sparq.part bitmap of %c2 : tensor<3x5xf32, #bm> -> tensor<3x1xi64>
  %vb2 = bufferization.to_buffer %v2 : tensor<?xf32> to memref<?xf32>
  %xb2 = bufferization.to_buffer %x2 : tensor<3x1xi64> to memref<3x1xi64>
  %vu2 = memref.cast %vb2 : memref<?xf32> to memref<*xf32>
  %xu2 = memref.cast %xb2 : memref<3x1xi64> to memref<*xi64>
  call @printMemrefI64(%xu2) : (memref<*xi64>) -> ()
  call @printMemrefF32(%vu2) : (memref<*xf32>) -> ()
  %c3 = call @k_bcsr(%ac, %bc) : (tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #bcsr>
  %v3 = sparq.part values of %c3 : tensor<3x5xf32, #bcsr> -> tensor<?x1x5xf32>
  %p3 = sparq.part positions of %c3 : tensor<3x5xf32, #bcsr> -> tensor<4xi32>
  %vb3 = bufferization.to_buffer %v3 : tensor<?x1x5xf32> to memref<?x1x5xf32>
  %pb3 = bufferization.to_buffer %p3 : tensor<4xi32> to memref<4xi32>
  %vu3 = memref.cast %vb3 : memref<?x1x5xf32> to memref<*xf32>
  %pu3 = memref.cast %pb3 : memref<4xi32> to memref<*xi32>
  call @printMemrefI32(%pu3) : (memref<*xi32>) -> ()
  call @printMemrefF32(%vu3) : (memref<*xf32>) -> ()
  return
}
