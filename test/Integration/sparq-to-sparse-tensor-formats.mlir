// Checks at run time that the arrays upstream stores for each converted
// format are sparq's parts (SparqTypes.h): sparq.pack / sparq.part /
// sparq.assemble / sparq.unpack go through --sparq-to-sparse-tensor, the
// upstream --sparsifier and mlir-runner. Expected values are worked out by
// hand from the sparq layouts below.
//
// RUN: sparq-opt %s --sparq-to-sparse-tensor \
// RUN: | sparq-opt --sparsifier \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs \
// RUN: | FileCheck %s

#csc = #sparq.encoding<csc>
#coo = #sparq.encoding<coo>
#bcsr = #sparq.encoding<bcsr<2x3>>

// a = [[1, 2, 0, 0, 0, 0],
//      [0, 4, 0, 0, 0, 0],
//      [0, 0, 0, 5, 6, 0],
//      [7, 0, 0, 0, 8, 0]]
func.func @matrix() -> tensor<4x6xf32> {
  %a = arith.constant dense<[[1.0, 2.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 4.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 5.0, 6.0, 0.0],
                             [7.0, 0.0, 0.0, 0.0, 8.0, 0.0]]> : tensor<4x6xf32>
  return %a : tensor<4x6xf32>
}

func.func @csc() {
  %c0 = arith.constant 0 : index
  %f0 = arith.constant 0.0 : f32
  %i0 = arith.constant 0 : i32
  %a = call @matrix() : () -> tensor<4x6xf32>
  %s = sparq.pack %a : tensor<4x6xf32> -> tensor<4x6xf32, #csc>
  %v = sparq.part values of %s : tensor<4x6xf32, #csc> -> tensor<?xf32>
  %p = sparq.part positions of %s : tensor<4x6xf32, #csc> -> tensor<7xi32>
  %c = sparq.part coordinates of %s : tensor<4x6xf32, #csc> -> tensor<?xi32>
  // Columns 0..5 hold rows {0, 3}, {0, 1}, {}, {2}, {2, 3}, {}.
  // CHECK: ( 1, 7, 2, 4, 5, 6, 8 )
  // CHECK-NEXT: ( 0, 2, 4, 4, 5, 7, 7 )
  // CHECK-NEXT: ( 0, 3, 0, 1, 2, 2, 3 )
  %vv = vector.transfer_read %v[%c0], %f0 : tensor<?xf32>, vector<7xf32>
  vector.print %vv : vector<7xf32>
  %pv = vector.transfer_read %p[%c0], %i0 : tensor<7xi32>, vector<7xi32>
  vector.print %pv : vector<7xi32>
  %cv = vector.transfer_read %c[%c0], %i0 : tensor<?xi32>, vector<7xi32>
  vector.print %cv : vector<7xi32>
  return
}

func.func @coo() {
  %c0 = arith.constant 0 : index
  %f0 = arith.constant 0.0 : f32
  %i0 = arith.constant 0 : i32
  %a = call @matrix() : () -> tensor<4x6xf32>
  %s = sparq.pack %a : tensor<4x6xf32> -> tensor<4x6xf32, #coo>
  %v = sparq.part values of %s : tensor<4x6xf32, #coo> -> tensor<?xf32>
  %c = sparq.part coordinates of %s : tensor<4x6xf32, #coo> -> tensor<?x2xi32>
  // (row, col) pairs in row-major order.
  // CHECK-NEXT: ( 1, 2, 4, 5, 6, 7, 8 )
  // CHECK-NEXT: ( ( 0, 0 ), ( 0, 1 ), ( 1, 1 ), ( 2, 3 ), ( 2, 4 ), ( 3, 0 ), ( 3, 4 ) )
  %vv = vector.transfer_read %v[%c0], %f0 : tensor<?xf32>, vector<7xf32>
  vector.print %vv : vector<7xf32>
  %cv = vector.transfer_read %c[%c0, %c0], %i0 : tensor<?x2xi32>, vector<7x2xi32>
  vector.print %cv : vector<7x2xi32>
  return
}

func.func @coo_assemble() {
  %c0 = arith.constant 0 : index
  %f0 = arith.constant 0.0 : f32
  // Entries (0, 2) = 1, (1, 0) = 2, (1, 3) = 3 of a 2x4 matrix.
  %v = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %c = arith.constant dense<[[0, 2], [1, 0], [1, 3]]> : tensor<3x2xi32>
  %vd = tensor.cast %v : tensor<3xf32> to tensor<?xf32>
  %cd = tensor.cast %c : tensor<3x2xi32> to tensor<?x2xi32>
  %s = sparq.assemble values(%vd : tensor<?xf32>) coordinates(%cd : tensor<?x2xi32>) : tensor<2x4xf32, #coo>
  %d = call @unpack_coo(%s) : (tensor<2x4xf32, #coo>) -> tensor<2x4xf32>
  // CHECK-NEXT: ( ( 0, 0, 1, 0 ), ( 2, 0, 0, 3 ) )
  %dv = vector.transfer_read %d[%c0, %c0], %f0 : tensor<2x4xf32>, vector<2x4xf32>
  vector.print %dv : vector<2x4xf32>
  return
}

func.func @unpack_coo(%s: tensor<2x4xf32, #coo>) -> tensor<2x4xf32> {
  %d = sparq.unpack %s : tensor<2x4xf32, #coo> -> tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}

func.func @bcsr() {
  %c0 = arith.constant 0 : index
  %f0 = arith.constant 0.0 : f32
  %i0 = arith.constant 0 : i32
  %a = call @matrix() : () -> tensor<4x6xf32>
  %s = sparq.pack %a : tensor<4x6xf32> -> tensor<4x6xf32, #bcsr>
  %v = sparq.part values of %s : tensor<4x6xf32, #bcsr> -> tensor<?x2x3xf32>
  %p = sparq.part positions of %s : tensor<4x6xf32, #bcsr> -> tensor<3xi32>
  %c = sparq.part coordinates of %s : tensor<4x6xf32, #bcsr> -> tensor<?xi32>
  // Block row 0 keeps block column 0 only (block (0, 1) is all zeros);
  // block row 1 keeps block columns 0 and 1. Each block is 2x3, row-major.
  // CHECK-NEXT: ( 0, 1, 3 )
  // CHECK-NEXT: ( 0, 0, 1 )
  // CHECK-NEXT: ( ( ( 1, 2, 0 ), ( 0, 4, 0 ) ), ( ( 0, 0, 0 ), ( 7, 0, 0 ) ), ( ( 5, 6, 0 ), ( 0, 8, 0 ) ) )
  %pv = vector.transfer_read %p[%c0], %i0 : tensor<3xi32>, vector<3xi32>
  vector.print %pv : vector<3xi32>
  %cv = vector.transfer_read %c[%c0], %i0 : tensor<?xi32>, vector<3xi32>
  vector.print %cv : vector<3xi32>
  %vv = vector.transfer_read %v[%c0, %c0, %c0], %f0 : tensor<?x2x3xf32>, vector<3x2x3xf32>
  vector.print %vv : vector<3x2x3xf32>
  return
}

// sparq.pack and sparq.assemble into nm formats are rejected by the pass
// (see invalid.mlir), so this only pins down the upstream layout the nm
// mapping relies on: the structured level's values and coordinates of a
// 2:4 tensor are sparq's row-major values and in-group positions.
// n = [[1, 0, 0, 2, 0, 3, 4, 0],    values   [1, 2, 3, 4, 5, 6, 7, 8]
//      [0, 5, 6, 0, 7, 0, 0, 8]]    metadata [0, 3, 1, 2, 1, 2, 0, 3]
#NM = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j floordiv 4 : dense, j mod 4 : structured[2, 4]), crdWidth = 8}>
func.func @nm_upstream_layout() {
  %c0 = arith.constant 0 : index
  %f0 = arith.constant 0.0 : f32
  %i0 = arith.constant 0 : i8
  %a = arith.constant dense<[[1.0, 0.0, 0.0, 2.0, 0.0, 3.0, 4.0, 0.0],
                             [0.0, 5.0, 6.0, 0.0, 7.0, 0.0, 0.0, 8.0]]> : tensor<2x8xf32>
  %s = sparse_tensor.convert %a : tensor<2x8xf32> to tensor<2x8xf32, #NM>
  %v = sparse_tensor.values %s : tensor<2x8xf32, #NM> to memref<?xf32>
  %m = sparse_tensor.coordinates %s {level = 2 : index} : tensor<2x8xf32, #NM> to memref<?xi8>
  // CHECK-NEXT: ( 1, 2, 3, 4, 5, 6, 7, 8 )
  // CHECK-NEXT: ( 0, 3, 1, 2, 1, 2, 0, 3 )
  %vv = vector.transfer_read %v[%c0], %f0 : memref<?xf32>, vector<8xf32>
  vector.print %vv : vector<8xf32>
  %mv = vector.transfer_read %m[%c0], %i0 : memref<?xi8>, vector<8xi8>
  vector.print %mv : vector<8xi8>
  return
}

func.func @main() {
  call @csc() : () -> ()
  call @coo() : () -> ()
  call @coo_assemble() : () -> ()
  call @bcsr() : () -> ()
  call @nm_upstream_layout() : () -> ()
  return
}
