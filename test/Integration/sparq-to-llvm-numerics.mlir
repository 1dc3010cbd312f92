// Narrow expressed types and mixed float operands through --sparq-to-llvm.
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

#q = #sparq.encoding<dense, quant = #sparq.quant<ui16:f16, asymmetric, tensor>>

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32

  // Dequantizing to f16 computes scale * q in f64 and rounds once:
  // f16(1e-4) = 1.000165939e-4, so 65535 * s = 6.5545875 -> 6.5546875 (no
  // overflow to inf), 4097 * s -> 0.40966797, 2049 * s = 0.2049340 ->
  // 0.20495605 (rounding the product of f16 values twice gave 0.204834).
  // CHECK: ( 6.55469, 0.409668, 0.204956 )
  %v = arith.constant dense<[65535, 4097, 2049]> : tensor<3xi16>
  %s = arith.constant dense<0.0001> : tensor<1xf16>
  %z = arith.constant dense<0> : tensor<1xi32>
  %a = sparq.assemble values(%v : tensor<3xi16>) scales(%s : tensor<1xf16>) zero_points(%z : tensor<1xi32>) : tensor<3xi16, #q>
  %d = sparq.dequantize %a : tensor<3xi16, #q> -> tensor<3xf16>
  // Whole-tensor elementwise arith is lowered too (convert-elementwise-to-linalg).
  %e = arith.extf %d : tensor<3xf16> to tensor<3xf32>
  %ve = vector.transfer_read %e[%c0], %pad : tensor<3xf32>, vector<3xf32>
  vector.print %ve : vector<3xf32>

  // An f16 operand times a bf16 operand, accumulated in bf16: [1, 2] . [3, 4] = 11.
  // CHECK: ( ( 11 ) )
  %h = arith.constant dense<[[1.0, 2.0]]> : tensor<1x2xf16>
  %b = arith.constant dense<[[3.0], [4.0]]> : tensor<2x1xbf16>
  %m = sparq.matmul %h, %b acc(bf16) : tensor<1x2xf16>, tensor<2x1xbf16> -> tensor<1x1xbf16>
  %mf = arith.extf %m : tensor<1x1xbf16> to tensor<1x1xf32>
  %vm = vector.transfer_read %mf[%c0, %c0], %pad : tensor<1x1xf32>, vector<1x1xf32>
  vector.print %vm : vector<1x1xf32>
  return
}
