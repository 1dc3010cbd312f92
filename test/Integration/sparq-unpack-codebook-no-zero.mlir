// Unstored entries of a codebook-quantized compressed tensor are real zeros;
// with no zero centroid there is no index for them: unpacking aborts at run
// time with a message. stdbuf keeps stdout line-buffered across the abort.
// RUN: sparq-opt %s --sparq-to-llvm | not --crash stdbuf -oL mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs 2>&1 | FileCheck %s

#cbcsr = #sparq.encoding<csr, quant = #sparq.quant<ui2:f32, codebook, tensor>>
#cb = #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>

func.func @main() {
  // CHECK: before
  // CHECK-NEXT: sparq.unpack: the codebook has no zero centroid, so the unstored entries of a codebook-quantized compressed tensor have no index
  // CHECK-NOT: after
  vector.print str "before\n"
  %v = arith.constant dense<[0]> : tensor<1xi2>
  %vd = tensor.cast %v : tensor<1xi2> to tensor<?xi2>
  %p = arith.constant dense<[0, 1, 1]> : tensor<3xi32>
  %c = arith.constant dense<[1]> : tensor<1xi32>
  %cd = tensor.cast %c : tensor<1xi32> to tensor<?xi32>
  %cb = arith.constant dense<[1.0, -1.0, 0.5, 2.0]> : tensor<4xf32>
  %t = sparq.assemble values(%vd : tensor<?xi2>) positions(%p : tensor<3xi32>)
      coordinates(%cd : tensor<?xi32>) codebook(%cb : tensor<4xf32>) : tensor<2x3xi2, #cbcsr>
  %u = sparq.unpack %t : tensor<2x3xi2, #cbcsr> -> tensor<2x3xi2, #cb>
  %uv = sparq.part values of %u : tensor<2x3xi2, #cb> -> tensor<2x3xi2>
  %c0 = arith.constant 0 : index
  %e = tensor.extract %uv[%c0, %c0] : tensor<2x3xi2>
  %w = arith.extui %e : i2 to i32
  vector.print str "after\n"
  vector.print %w : i32
  return
}
