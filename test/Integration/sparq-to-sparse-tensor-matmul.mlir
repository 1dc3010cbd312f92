// Converts a sparq float CSR matmul (and the CSR arrays it reads) to upstream
// sparse_tensor with --sparq-to-sparse-tensor, compiles it with the upstream
// --sparsifier and runs it. Expected values are computed by hand below.
//
// RUN: sparq-opt %s --sparq-to-sparse-tensor \
// RUN: | sparq-opt --sparsifier \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs \
// RUN: | FileCheck %s

#csr = #sparq.encoding<csr>

// x = [[1, 2, 3],      w = [[1, 0, 0, 2],
//      [4, 5, 6]]           [0, 3, 0, 0],
//                           [0, 0, 4, 5]]
// x * w = [[1*1, 2*3, 3*4, 1*2 + 3*5],   = [[1,  6, 12, 17],
//          [4*1, 5*3, 6*4, 4*2 + 6*5]]      [4, 15, 24, 38]]
func.func @matmul(%x: tensor<2x3xf32>, %w: tensor<3x4xf32, #csr>) -> tensor<2x4xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x3xf32>, tensor<3x4xf32, #csr> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// v = [[1, 0, 2],      x * v^T = [[1*1 + 3*2, 2*3],   = [[ 7,  6],
//      [0, 3, 0]]                 [4*1 + 6*2, 5*3]]      [16, 15]]
func.func @matmul_tb(%x: tensor<2x3xf32>, %v: tensor<2x3xf32, #csr>) -> tensor<2x2xf32> {
  %y = sparq.matmul %x, %v transpose_b acc(f32) : tensor<2x3xf32>, tensor<2x3xf32, #csr> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

func.func @unpack(%w: tensor<3x4xf32, #csr>) -> tensor<3x4xf32> {
  %d = sparq.unpack %w : tensor<3x4xf32, #csr> -> tensor<3x4xf32>
  return %d : tensor<3x4xf32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %f0 = arith.constant 0.0 : f32
  %i0 = arith.constant 0 : i32
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %wd = arith.constant dense<[[1.0, 0.0, 0.0, 2.0],
                              [0.0, 3.0, 0.0, 0.0],
                              [0.0, 0.0, 4.0, 5.0]]> : tensor<3x4xf32>
  %vd = arith.constant dense<[[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]]> : tensor<2x3xf32>
  %w = sparq.pack %wd : tensor<3x4xf32> -> tensor<3x4xf32, #csr>
  %v = sparq.pack %vd : tensor<2x3xf32> -> tensor<2x3xf32, #csr>

  // CHECK: ( ( 1, 6, 12, 17 ), ( 4, 15, 24, 38 ) )
  %y = call @matmul(%x, %w) : (tensor<2x3xf32>, tensor<3x4xf32, #csr>) -> tensor<2x4xf32>
  %yv = vector.transfer_read %y[%c0, %c0], %f0 : tensor<2x4xf32>, vector<2x4xf32>
  vector.print %yv : vector<2x4xf32>

  // CHECK-NEXT: ( ( 7, 6 ), ( 16, 15 ) )
  %z = call @matmul_tb(%x, %v) : (tensor<2x3xf32>, tensor<2x3xf32, #csr>) -> tensor<2x2xf32>
  %zv = vector.transfer_read %z[%c0, %c0], %f0 : tensor<2x2xf32>, vector<2x2xf32>
  vector.print %zv : vector<2x2xf32>

  // The CSR arrays of w: 5 entries, row starts [0, 2, 3, 5], columns
  // [0, 3, 1, 2, 3].
  // CHECK-NEXT: ( 1, 2, 3, 4, 5 )
  // CHECK-NEXT: ( 0, 2, 3, 5 )
  // CHECK-NEXT: ( 0, 3, 1, 2, 3 )
  %vals = sparq.part values of %w : tensor<3x4xf32, #csr> -> tensor<?xf32>
  %pos = sparq.part positions of %w : tensor<3x4xf32, #csr> -> tensor<4xi32>
  %crd = sparq.part coordinates of %w : tensor<3x4xf32, #csr> -> tensor<?xi32>
  %valsv = vector.transfer_read %vals[%c0], %f0 : tensor<?xf32>, vector<5xf32>
  vector.print %valsv : vector<5xf32>
  %posv = vector.transfer_read %pos[%c0], %i0 : tensor<4xi32>, vector<4xi32>
  vector.print %posv : vector<4xi32>
  %crdv = vector.transfer_read %crd[%c0], %i0 : tensor<?xi32>, vector<5xi32>
  vector.print %crdv : vector<5xi32>

  // Unpacking restores the dense matrix.
  // CHECK-NEXT: ( ( 1, 0, 0, 2 ), ( 0, 3, 0, 0 ), ( 0, 0, 4, 5 ) )
  %wu = call @unpack(%w) : (tensor<3x4xf32, #csr>) -> tensor<3x4xf32>
  %wuv = vector.transfer_read %wu[%c0, %c0], %f0 : tensor<3x4xf32>, vector<3x4xf32>
  vector.print %wuv : vector<3x4xf32>

  return
}
