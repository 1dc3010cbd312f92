// si8 activations with one scale per row (channel(1) of [B, M, K]: not
// foldable into M) times a shared per-channel si8 weight: sparq-unbatch-matmul
// takes the loop form (per-batch slices, channel(1) -> channel(0)), and the
// dataflow lowering runs every matmul.
// RUN: sparq-opt %s --sparq-unbatch-matmul --sparq-lower-dataflow | FileCheck %s --check-prefix=LOOPS
// LOOPS: scf.for
// LOOPS-NOT: sparq.matmul
// JIT vs numpy (unbatch_matmul_reference.py: explicit loops per batch):
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: %python %S/Inputs/unbatch_matmul_reference.py --per-row | FileCheck %s

#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#am = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#wn = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>

func.func @main() {
  %c0 = arith.constant 0 : index
  %fpad = arith.constant -99.0 : f32
  %xq = arith.constant dense<[[[5, 12, 4, 12, 1, 10, 0, 1], [1, 11, 1, 10, 8, 5, 3, 4], [2, 4, 4, 0, 8, 6, 2, 13]], [[14, 3, 11, 7, 15, 10, 4, 6], [15, 7, 12, 9, 15, 11, 1, 1], [4, 13, 1, 12, 9, 4, 11, 15]]]> : tensor<2x3x8xi8>
  %wq = arith.constant dense<[[0, 0, 0, 0], [-5, 3, -7, 0], [0, 1, -4, -2], [0, 2, 7, 1], [-8, 0, 5, 0], [8, 0, 0, 6], [-7, 0, 0, 0], [-6, -7, 0, 0]]> : tensor<8x4xi8>
  %wqs = arith.constant dense<[0.25, 0.5, 0.125, 1.0]> : tensor<4xf32>
  %wqa = sparq.assemble values(%wq : tensor<8x4xi8>) scales(%wqs : tensor<4xf32>) : tensor<8x4xi8, #wn>
  // CHECK-LABEL: int8-per-row-f32
  // CHECK-NEXT: ( ( ( 0.75, 14.25, -0.6875, 32 ), ( -7.75, 3.25, 0.90625, 9.5 ), ( -32, -37.5, -0.5, 28 ) ), ( ( -14.875, -2, 3.6875, 22.5 ), ( -5, 5.5, 1.28125, 12.75 ), ( -68, -20.5, 4.25, 34 ) ) )
  %xrs = arith.constant dense<[0.5, 0.25, 1.0]> : tensor<3xf32>
  %xr = sparq.assemble values(%xq : tensor<2x3x8xi8>) scales(%xrs : tensor<3xf32>) : tensor<2x3x8xi8, #am>
  %y11 = sparq.matmul %xr, %wqa acc(i32) : tensor<2x3x8xi8, #am>, tensor<8x4xi8, #wn> -> tensor<2x3x4xf32>
  %y11v = vector.transfer_read %y11[%c0, %c0, %c0], %fpad : tensor<2x3x4xf32>, vector<2x3x4xf32>
  vector.print str "int8-per-row-f32\n"
  vector.print %y11v : vector<2x3x4xf32>
  return
}
