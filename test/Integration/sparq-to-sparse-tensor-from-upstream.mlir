// Upstream sparse IR -> --sparq-from-sparse-tensor, then run two ways: through
// SparQ's own reference lowering (--sparq-to-llvm, which shares no code with
// the interop passes) and back through --sparq-to-sparse-tensor and the
// upstream --sparsifier. Both must print the hand-computed values.
//
// RUN: sparq-opt %s --sparq-from-sparse-tensor | sparq-opt --sparq-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs \
// RUN: | FileCheck %s
// RUN: sparq-opt %s --sparq-from-sparse-tensor --sparq-to-sparse-tensor \
// RUN: | sparq-opt --sparsifier \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs \
// RUN: | FileCheck %s

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed), posWidth = 32, crdWidth = 32}>
#COO = #sparse_tensor.encoding<{map = (i, j) -> (i : compressed(nonunique), j : singleton), posWidth = 32, crdWidth = 32}>

// linalg.matmul accumulates into a non-zero init: sparq.matmul + linalg.add.
// x * w = [[1, 6, 12, 17], [4, 15, 24, 38]] (x, w in @main), plus
// c = [[10, 20, 30, 40], [50, 60, 70, 80]].
func.func @matmul_acc(%x: tensor<2x3xf32>, %w: tensor<3x4xf32, #CSR>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x4xf32, #CSR>) outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %f0 = arith.constant 0.0 : f32
  %i0 = arith.constant 0 : i32
  %x = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %wd = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, 3.0, 0.0, 0.0], [0.0, 0.0, 4.0, 5.0]]> : tensor<3x4xf32>
  %c = arith.constant dense<[[10.0, 20.0, 30.0, 40.0], [50.0, 60.0, 70.0, 80.0]]> : tensor<2x4xf32>
  %w = sparse_tensor.convert %wd : tensor<3x4xf32> to tensor<3x4xf32, #CSR>
  %y = call @matmul_acc(%x, %w, %c) : (tensor<2x3xf32>, tensor<3x4xf32, #CSR>, tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: ( ( 11, 26, 42, 57 ), ( 54, 75, 94, 118 ) )
  %yv = vector.transfer_read %y[%c0, %c0], %f0 : tensor<2x4xf32>, vector<2x4xf32>
  vector.print %yv : vector<2x4xf32>
  // COO entries (0, 2) = 1, (1, 0) = 2, (1, 3) = 3: positions[1] = 3, so
  // the fourth slot of the arrays (1, 1) = 9 is spare capacity, not an entry.
  // CHECK-NEXT: ( ( 0, 0, 1, 0 ), ( 2, 0, 0, 3 ) )
  %p = arith.constant dense<[0, 3]> : tensor<2xi32>
  %k = arith.constant dense<[[0, 2], [1, 0], [1, 3], [1, 1]]> : tensor<4x2xi32>
  %v = arith.constant dense<[1.0, 2.0, 3.0, 9.0]> : tensor<4xf32>
  %s = sparse_tensor.assemble (%p, %k), %v : (tensor<2xi32>, tensor<4x2xi32>), tensor<4xf32> to tensor<2x4xf32, #COO>
  %d = sparse_tensor.convert %s : tensor<2x4xf32, #COO> to tensor<2x4xf32>
  %dv = vector.transfer_read %d[%c0, %c0], %f0 : tensor<2x4xf32>, vector<2x4xf32>
  vector.print %dv : vector<2x4xf32>
  // The stored values of w, row by row.
  // CHECK-NEXT: ( 1, 2, 3, 4, 5 )
  %vals = sparse_tensor.values %w : tensor<3x4xf32, #CSR> to memref<?xf32>
  %vt = bufferization.to_tensor %vals restrict : memref<?xf32> to tensor<?xf32>
  %vv = vector.transfer_read %vt[%c0], %f0 : tensor<?xf32>, vector<5xf32>
  vector.print %vv : vector<5xf32>
  return
}
