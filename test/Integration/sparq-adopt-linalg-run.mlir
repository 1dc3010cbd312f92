// Plain f32 linalg contractions run through --sparq-to-llvm, which first
// replaces them by sparq ops (sparq-adopt-linalg) and lowers those with the
// dataflow loops. The expected values were computed with numpy (x @ w + bias,
// einsum for the batch, A @ v); the operands are small integers, so every
// float sum is exact in any order and the results are compared exactly.
// RUN: sparq-opt %s --sparq-adopt-linalg | FileCheck %s --check-prefix=IR
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// IR-NOT: linalg.{{matmul|batch_matmul|matvec}}
// IR-COUNT-4: sparq.matmul
// IR-NOT: linalg.{{matmul|batch_matmul|matvec}}

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -99.0 : f32
  %zero = arith.constant 0.0 : f32
  %x = arith.constant dense<[[3.0, 1.0, 1.0, 3.0, 1.0, 2.0, 2.0], [-2.0, -3.0, -1.0, -2.0, 3.0, 3.0, -3.0], [0.0, 2.0, -3.0, 2.0, -3.0, 0.0, 2.0], [-1.0, -1.0, -2.0, 2.0, -2.0, 3.0, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0, 3.0, 2.0]]> : tensor<5x7xf32>
  %w = arith.constant dense<[[1.0, 1.0, 1.0, -1.0, 2.0, 0.0], [-1.0, 2.0, -2.0, 2.0, 1.0, -2.0], [-2.0, 0.0, -2.0, -2.0, 0.0, 2.0], [0.0, 2.0, 2.0, 2.0, 1.0, 0.0], [0.0, -1.0, 0.0, -1.0, -1.0, 2.0], [-2.0, -2.0, -2.0, 2.0, 1.0, 2.0], [-1.0, 1.0, -1.0, 0.0, -2.0, 1.0]]> : tensor<7x6xf32>
  %bias = arith.constant dense<[[4.0, 2.0, -4.0, 0.0, -3.0, 5.0], [4.0, 2.0, -4.0, 0.0, -3.0, 5.0], [4.0, 2.0, -4.0, 0.0, -3.0, 5.0], [4.0, 2.0, -4.0, 0.0, -3.0, 5.0], [4.0, 2.0, -4.0, 0.0, -3.0, 5.0]]> : tensor<5x6xf32>

  // A +0.0 fill init: dropped.
  // CHECK-LABEL: matmul_zero
  // CHECK-NEXT: ( ( -6, 8, -1, 6, 7, 8 ), ( 0, -24, -1, -3, -3, 13 ), ( 2, 13, 4, 17, 3, -14 ), ( -2, -3, 3, 15, 4, 0 ), ( -10, -4, -10, 4, -1, 10 ) )
  %e0 = tensor.empty() : tensor<5x6xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<5x6xf32>) -> tensor<5x6xf32>
  %m0 = linalg.matmul ins(%x, %w : tensor<5x7xf32>, tensor<7x6xf32>) outs(%f0 : tensor<5x6xf32>) -> tensor<5x6xf32>
  %v0 = vector.transfer_read %m0[%c0, %c0], %pad : tensor<5x6xf32>, vector<5x6xf32>
  vector.print str "matmul_zero\n"
  vector.print %v0 : vector<5x6xf32>

  // A bias init: added after the product.
  // CHECK-LABEL: matmul_bias
  // CHECK-NEXT: ( ( -2, 10, -5, 6, 4, 13 ), ( 4, -22, -5, -3, -6, 18 ), ( 6, 15, 0, 17, 0, -9 ), ( 2, -1, -1, 15, 1, 5 ), ( -6, -2, -14, 4, -4, 15 ) )
  %m1 = linalg.matmul ins(%x, %w : tensor<5x7xf32>, tensor<7x6xf32>) outs(%bias : tensor<5x6xf32>) -> tensor<5x6xf32>
  %v1 = vector.transfer_read %m1[%c0, %c0], %pad : tensor<5x6xf32>, vector<5x6xf32>
  vector.print str "matmul_bias\n"
  vector.print %v1 : vector<5x6xf32>

  // CHECK-LABEL: batch_matmul
  // CHECK-NEXT: ( ( ( -1, -1, -3, 2, 0 ), ( -1, -2, -2, -6, -9 ), ( -8, 1, -2, -4, -11 ) ), ( ( -6, -1, 4, -2, -2 ), ( -12, -3, 3, -1, -6 ), ( -4, -7, -3, 13, -6 ) ) )
  %bx = arith.constant dense<[[[3.0, -2.0, 0.0, 3.0], [2.0, 1.0, 1.0, -3.0], [2.0, 0.0, -3.0, -2.0]], [[0.0, 2.0, 0.0, 1.0], [3.0, 1.0, -1.0, 1.0], [1.0, -3.0, -3.0, 1.0]]]> : tensor<2x3x4xf32>
  %bw = arith.constant dense<[[[-1.0, 0.0, -1.0, -1.0, -2.0], [-1.0, 2.0, 0.0, -1.0, 0.0], [2.0, -1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 1.0, 2.0]], [[-2.0, 0.0, 0.0, -1.0, -1.0], [-2.0, 0.0, 2.0, -2.0, 0.0], [2.0, 2.0, -1.0, -2.0, 1.0], [-2.0, -1.0, 0.0, 2.0, -2.0]]]> : tensor<2x4x5xf32>
  %e2 = tensor.empty() : tensor<2x3x5xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
  %m2 = linalg.batch_matmul ins(%bx, %bw : tensor<2x3x4xf32>, tensor<2x4x5xf32>) outs(%f2 : tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
  %v2 = vector.transfer_read %m2[%c0, %c0, %c0], %pad : tensor<2x3x5xf32>, vector<2x3x5xf32>
  vector.print str "batch_matmul\n"
  vector.print %v2 : vector<2x3x5xf32>

  // CHECK-LABEL: matvec
  // CHECK-NEXT: ( 4, 0, -2, -5 )
  %a = arith.constant dense<[[1.0, 0.0, -3.0, 2.0, 2.0, 0.0, 3.0, 1.0, 3.0], [3.0, 0.0, -2.0, -2.0, 0.0, -2.0, 2.0, 3.0, -2.0], [0.0, -3.0, -2.0, -1.0, 3.0, 3.0, 1.0, 1.0, 0.0], [-3.0, -1.0, 3.0, -1.0, -2.0, -2.0, 1.0, -3.0, 3.0]]> : tensor<4x9xf32>
  %v = arith.constant dense<[2.0, 0.0, 0.0, 1.0, 0.0, 0.0, -1.0, 0.0, 1.0]> : tensor<9xf32>
  %e3 = tensor.empty() : tensor<4xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<4xf32>) -> tensor<4xf32>
  %m3 = linalg.matvec ins(%a, %v : tensor<4x9xf32>, tensor<9xf32>) outs(%f3 : tensor<4xf32>) -> tensor<4xf32>
  %v3 = vector.transfer_read %m3[%c0], %pad : tensor<4xf32>, vector<4xf32>
  vector.print str "matvec\n"
  vector.print %v3 : vector<4xf32>
  return
}
