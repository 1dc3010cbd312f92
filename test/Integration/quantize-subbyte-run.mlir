// A 3-bit weight straight from --sparq-quantize (stored packed, read by
// sparq.from_bytes) runs through --sparq-to-llvm without --sparq-pack.
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=3 granularity=tensor" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-quantize="scheme=asymmetric bits=4 granularity=tensor" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=ASYM

// si3: max|w| = 3, scale 1, q = [[3, -3], [2, 0]] (1.5 -> 2, 0.5 -> 0, ties
// to even); x * W = [1 * 3 + 2 * 2, 1 * -3 + 2 * 0] = [7, -3].
// CHECK: ( ( 7, -3 ) )
// ui4 asymmetric: range [-3, 3], scale 6 / 15 = 0.4 (f32 0.40000001),
// zp = round(3 / 0.4) = round(7.4999999) = 7; q = round(w / s) + 7 =
// [[14, 0], [11, 8]] (1.5 / s = 3.7499999 -> 4, 0.5 / s = 1.2499999 -> 1);
// W = 0.4 * (q - 7) = [[2.8, -2.8], [1.6, 0.4]]; x * W = [6, -2].
// ASYM: ( ( 6, -2 ) )
func.func @main() {
  %x = arith.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %w = arith.constant dense<[[3.0, -3.0], [1.5, 0.5]]> : tensor<2x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%f : tensor<1x2xf32>) -> tensor<1x2xf32>
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %v = vector.transfer_read %y[%c0, %c0], %pad : tensor<1x2xf32>, vector<1x2xf32>
  vector.print %v : vector<1x2xf32>
  return
}
