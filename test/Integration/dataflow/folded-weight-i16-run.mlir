// A constant ui8 asymmetric CSR weight whose zero-point-free values
// (q - zp, up to 249) do not fit i8: --sparq-lower-dataflow stores them as an
// i16 constant made in the compiler, read by the loops with in-register
// extension, under each dataflow; ui8 activations with a per-tensor zero
// point corrected by the constant column sums. Expected values by numpy:
// (X - 4) @ (W - zw), X = [[10,20,30,40],[3,0,255,7]],
// W = [[250,.,.],[.,.,3],[.,.,.],[.,7,200]] (unstored = zw = [1,130,3]).
// The integer accumulation (i16 constant), then the default, which
// accumulates in f32 here (exact: partial sums <= 255 * 249) from an f32
// constant of the same values; both JIT-run.
// RUN: sparq-opt %s --sparq-lower-dataflow=exact-float-accumulation=false | FileCheck %s --check-prefix=IR
// RUN: sparq-opt %s --sparq-lower-dataflow=exact-float-accumulation=false --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-lower-dataflow | FileCheck %s --check-prefix=F32
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// IR: arith.constant dense<[249, 0, -123, 197]> : tensor<4xi16>
// F32: arith.constant dense<[2.490000e+02, 0.000000e+00, -1.230000e+02, 1.970000e+02]> : tensor<4xf32>
// CHECK-COUNT-3: ( ( 1494, -4428, 7092 ), ( -249, -369, 591 ) )

#w = #sparq.encoding<csr, quant = #sparq.quant<ui8:f32, asymmetric, channel(1)>>
#x = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @k_row(%x: tensor<2x4xi8, #x>) -> tensor<2x3xi32> {
  %v = arith.constant dense<[250, 3, 7, 200]> : tensor<4xi8>
  %p = arith.constant dense<[0, 1, 2, 2, 4]> : tensor<5xi32>
  %c = arith.constant dense<[0, 2, 1, 2]> : tensor<4xi32>
  %s = arith.constant dense<[0.5, 0.25, 0.125]> : tensor<3xf32>
  %z = arith.constant dense<[1, 130, 3]> : tensor<3xi32>
  %w = sparq.assemble values(%v : tensor<4xi8>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<4xi32>) scales(%s : tensor<3xf32>) zero_points(%z : tensor<3xi32>) : tensor<4x3xi8, #w>
  %y = sparq.matmul %x, %w acc(i32) dataflow(row) : tensor<2x4xi8, #x>, tensor<4x3xi8, #w> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}
func.func @k_inner(%x: tensor<2x4xi8, #x>) -> tensor<2x3xi32> {
  %v = arith.constant dense<[250, 3, 7, 200]> : tensor<4xi8>
  %p = arith.constant dense<[0, 1, 2, 2, 4]> : tensor<5xi32>
  %c = arith.constant dense<[0, 2, 1, 2]> : tensor<4xi32>
  %s = arith.constant dense<[0.5, 0.25, 0.125]> : tensor<3xf32>
  %z = arith.constant dense<[1, 130, 3]> : tensor<3xi32>
  %w = sparq.assemble values(%v : tensor<4xi8>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<4xi32>) scales(%s : tensor<3xf32>) zero_points(%z : tensor<3xi32>) : tensor<4x3xi8, #w>
  %y = sparq.matmul %x, %w acc(i32) dataflow(inner) : tensor<2x4xi8, #x>, tensor<4x3xi8, #w> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}
func.func @k_outer(%x: tensor<2x4xi8, #x>) -> tensor<2x3xi32> {
  %v = arith.constant dense<[250, 3, 7, 200]> : tensor<4xi8>
  %p = arith.constant dense<[0, 1, 2, 2, 4]> : tensor<5xi32>
  %c = arith.constant dense<[0, 2, 1, 2]> : tensor<4xi32>
  %s = arith.constant dense<[0.5, 0.25, 0.125]> : tensor<3xf32>
  %z = arith.constant dense<[1, 130, 3]> : tensor<3xi32>
  %w = sparq.assemble values(%v : tensor<4xi8>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<4xi32>) scales(%s : tensor<3xf32>) zero_points(%z : tensor<3xi32>) : tensor<4x3xi8, #w>
  %y = sparq.matmul %x, %w acc(i32) dataflow(outer) : tensor<2x4xi8, #x>, tensor<4x3xi8, #w> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}
func.func @main() {
  %xv = arith.constant dense<[[10, 20, 30, 40], [3, 0, 255, 7]]> : tensor<2x4xi8>
  %xs = arith.constant dense<[0.5]> : tensor<1xf32>
  %xz = arith.constant dense<[4]> : tensor<1xi32>
  %x = sparq.assemble values(%xv : tensor<2x4xi8>) scales(%xs : tensor<1xf32>) zero_points(%xz : tensor<1xi32>) : tensor<2x4xi8, #x>
  %i0 = arith.constant 0 : index
  %f = arith.constant 0 : i32
  %y0 = func.call @k_row(%x) : (tensor<2x4xi8, #x>) -> tensor<2x3xi32>
  %v0 = vector.transfer_read %y0[%i0, %i0], %f : tensor<2x3xi32>, vector<2x3xi32>
  vector.print %v0 : vector<2x3xi32>
  %y1 = func.call @k_inner(%x) : (tensor<2x4xi8, #x>) -> tensor<2x3xi32>
  %v1 = vector.transfer_read %y1[%i0, %i0], %f : tensor<2x3xi32>, vector<2x3xi32>
  vector.print %v1 : vector<2x3xi32>
  %y2 = func.call @k_outer(%x) : (tensor<2x4xi8, #x>) -> tensor<2x3xi32>
  %v2 = vector.transfer_read %y2[%i0, %i0], %f : tensor<2x3xi32>, vector<2x3xi32>
  vector.print %v2 : vector<2x3xi32>
  return
}
