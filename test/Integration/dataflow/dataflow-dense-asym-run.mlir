// dataflow(dense) with an f32 accumulator on a constant asymmetric-quantized
// CSR operand: its unstored entries are the zero point, so a dense constant
// of the stored integers would be wrong; the plan scatters the dequantized
// values at run time instead. By hand: row 0 (3 - 1) * 0.5 + (5 - 1) * 0.5
// = 3, row 1 empty, row 2 (1 - 1) * 0.5 + (9 - 1) * 0.5 = 4 (B all ones).
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-lower-dataflow=print-plan=true -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN
// CHECK: ( ( 3, 3 ), ( 0, 0 ), ( 4, 4 ) )
// PLAN: convert A csr(rows) -> dense(rows) at run time

#csra = #sparq.encoding<csr, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @main() {
  %b = arith.constant dense<1.0> : tensor<8x2xf32>
  %v = arith.constant dense<[3, 5, 1, 9]> : tensor<4xi8>
  %p = arith.constant dense<[0, 2, 2, 4]> : tensor<4xi32>
  %c = arith.constant dense<[0, 5, 1, 7]> : tensor<4xi32>
  %s = arith.constant dense<0.5> : tensor<1xf32>
  %z = arith.constant dense<1> : tensor<1xi32>
  %a = sparq.assemble values(%v : tensor<4xi8>) positions(%p : tensor<4xi32>) coordinates(%c : tensor<4xi32>) scales(%s : tensor<1xf32>) zero_points(%z : tensor<1xi32>) : tensor<3x8xi8, #csra>
  %y = sparq.matmul %a, %b acc(f32) dataflow(dense) : tensor<3x8xi8, #csra>, tensor<8x2xf32> -> tensor<3x2xf32>
  %c0 = arith.constant 0 : index
  %pad = arith.constant -1.0 : f32
  %r = vector.transfer_read %y[%c0, %c0], %pad : tensor<3x2xf32>, vector<3x2xf32>
  vector.print %r : vector<3x2xf32>
  return
}
