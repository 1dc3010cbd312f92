// RUN: sparq-opt %s --sparq-float-format="type=f16 ops=f16" --sparq-float-format="type=bf16 ops=bf16" --sparq-float-format="type=f8E4M3FN ops=e4m3" --sparq-to-llvm 2>/dev/null | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The expected numbers come from an independent numpy reference
// (Inputs/float_format_reference.py, no code shared with the compiler); the
// same CHECK lines are matched against its output:
// RUN: %python %S/Inputs/float_format_reference.py | FileCheck %s
//
// f16 and bf16 weights are stored in their own type and extended inside the
// contraction; f8E4M3FN weights are stored as narrowed f32 values.
// 2>/dev/null drops the expected warning about the weight (1000) that
// overflows f8E4M3FN.

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -99.0 : f32
  %zero = arith.constant 0.0 : f32
  %x = arith.constant dense<[[1.0, 2.0, -1.0, 0.5], [-2.0, 0.5, 3.0, 1.0]]> : tensor<2x4xf32>
  %w = arith.constant dense<[[0.1, -1.7, 464.0], [2.3, 0.4, -0.05], [-1.1, 3.3, 1000.0], [0.6, 2.2, -0.8]]> : tensor<4x3xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>

  // CHECK-LABEL: f16
  // CHECK-NEXT: ( ( 6.1012, -3.10156, -536.5 ), ( -1.74829, 15.7019, 2071.18 ) )
  %y0 = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x3xf32>) outs(%fill : tensor<2x3xf32>) -> tensor<2x3xf32> loc("f16")
  %v0 = vector.transfer_read %y0[%c0, %c0], %pad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "f16\n"
  vector.print %v0 : vector<2x3xf32>

  // CHECK-LABEL: bf16
  // CHECK-NEXT: ( ( 6.09619, -3.09766, -536.5 ), ( -1.75488, 15.7002, 2071.17 ) )
  %y1 = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32> loc("bf16")
  %v1 = vector.transfer_read %y1[%c0, %c0], %pad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "bf16\n"
  vector.print %v1 : vector<2x3xf32>

  // 1000 overflows f8E4M3FN: NaN in the third column.
  // CHECK-LABEL: f8E4M3FN
  // CHECK-NEXT: ( ( 6.03906, -3.0625, nan ), ( -1.82812, 15.7031, nan ) )
  %y2 = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x3xf32>) outs(%fill : tensor<2x3xf32>) -> tensor<2x3xf32> loc("e4m3")
  %v2 = vector.transfer_read %y2[%c0, %c0], %pad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "f8E4M3FN\n"
  vector.print %v2 : vector<2x3xf32>
  return
}
