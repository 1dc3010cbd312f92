// Mixed precision, JIT-run: three layers share a budget of 80 bits (grid at
// 2 bits, spread and mid at 4), and a fourth keeps its outlier channel at 8
// bits (the rest at 4). Sub-byte weights are stored packed (--sparq-pack).
// The same CHECK lines are matched by an independent numpy reference that
// quantizes and chooses the bits by brute force over every assignment.
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=80 ops=grid,spread,mid" --sparq-mixed-precision="candidates=2,4,8 budget=40 granularity=tensor outlier-fraction=0.25 outlier-bits=8 ops=out" --sparq-pack="format=dense" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: %python %S/Inputs/mixed_precision_reference.py | FileCheck %s --check-prefixes=CHECK,REF
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=80 ops=grid,spread,mid" --sparq-mixed-precision="candidates=2,4,8 budget=40 granularity=tensor outlier-fraction=0.25 outlier-bits=8 ops=out" | FileCheck %s --check-prefix=IR

// REF: bits 2 4 4 4
// IR-LABEL: func @main
// IR: sparq.bits = 2
// IR: sparq.bits = 4
// IR: sparq.bits = 4
// IR: sparq.bits = 4 : i64, sparq.outlier_channels = array<i64: 0>
// IR: sparq.bits = 8 : i64, sparq.outlier_part

// Every activation is a small integer and every dequantized weight an
// integer (scales 889, 127 and 112), so the products are exact.
// CHECK-LABEL: grid
// CHECK-NEXT: ( ( 3556, -889 ), ( -1778, 2667 ), ( 2667, -3556 ) )
// CHECK-LABEL: spread
// CHECK-NEXT: ( ( 889, -889 ), ( 381, 2667 ), ( 1524, -3556 ) )
// CHECK-LABEL: mid
// CHECK-NEXT: ( ( 1143, 889 ), ( 127, -2667 ), ( 1524, 3556 ) )
// CHECK-LABEL: out
// CHECK-NEXT: ( ( 14224, 1143, 0, -889 ), ( -14224, -762, 0, 889 ), ( 42672, 2667, 0, -2667 ) )
func.func @main() {
  %x = arith.constant dense<[[1.0, 0.0, -1.0, 2.0], [0.0, 3.0, 1.0, -1.0], [2.0, -2.0, 0.0, 1.0]]> : tensor<3x4xf32>
  %xo = arith.constant dense<[[1.0, 2.0], [-1.0, 1.0], [3.0, 0.0]]> : tensor<3x2xf32>
  %grid = arith.constant dense<[[889.0, -889.0], [0.0, 889.0], [-889.0, 0.0], [889.0, 0.0]]> : tensor<4x2xf32>
  %spread = arith.constant dense<[[889.0, -889.0], [70.0, 889.0], [-35.0, 7.0], [14.0, -7.0]]> : tensor<4x2xf32>
  %mid = arith.constant dense<[[889.0, 889.0], [127.0, -889.0], [-254.0, 0.0], [0.0, 0.0]]> : tensor<4x2xf32>
  %w = arith.constant dense<[[14224.0, 889.0, -35.0, -889.0], [0.0, 70.0, 14.0, 0.0]]> : tensor<2x4xf32>
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %e = tensor.empty() : tensor<3x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<3x2xf32>) -> tensor<3x2xf32>
  %a = linalg.matmul ins(%x, %grid : tensor<3x4xf32>, tensor<4x2xf32>) outs(%f : tensor<3x2xf32>) -> tensor<3x2xf32> loc("grid")
  %b = sparq.matmul %x, %spread acc(f32) : tensor<3x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32> loc("spread")
  %c = linalg.matmul ins(%x, %mid : tensor<3x4xf32>, tensor<4x2xf32>) outs(%f : tensor<3x2xf32>) -> tensor<3x2xf32> loc("mid")
  %eo = tensor.empty() : tensor<3x4xf32>
  %fo = linalg.fill ins(%zero : f32) outs(%eo : tensor<3x4xf32>) -> tensor<3x4xf32>
  %o = linalg.matmul ins(%xo, %w : tensor<3x2xf32>, tensor<2x4xf32>) outs(%fo : tensor<3x4xf32>) -> tensor<3x4xf32> loc("out")
  %va = vector.transfer_read %a[%c0, %c0], %zero : tensor<3x2xf32>, vector<3x2xf32>
  vector.print str "grid\n"
  vector.print %va : vector<3x2xf32>
  %vb = vector.transfer_read %b[%c0, %c0], %zero : tensor<3x2xf32>, vector<3x2xf32>
  vector.print str "spread\n"
  vector.print %vb : vector<3x2xf32>
  %vc = vector.transfer_read %c[%c0, %c0], %zero : tensor<3x2xf32>, vector<3x2xf32>
  vector.print str "mid\n"
  vector.print %vc : vector<3x2xf32>
  %vo = vector.transfer_read %o[%c0, %c0], %zero : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "out\n"
  vector.print %vo : vector<3x4xf32>
  return
}
