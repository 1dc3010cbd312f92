// A group of M columns with more than N nonzeros cannot be stored in nm<N, M>:
// packing it at run time aborts with a message instead of dropping values.
// stdbuf keeps stdout line-buffered so the message survives the abort.
// RUN: sparq-opt %s --sparq-to-llvm | not --crash stdbuf -oL mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs 2>&1 | FileCheck %s

#nm24 = #sparq.encoding<nm<2, 4>>

func.func @main() {
  // CHECK: before
  // CHECK-NEXT: sparq.pack: a group of 4 columns holds more than 2 nonzeros, which nm<2, 4> cannot store
  // CHECK-NOT: after
  vector.print str "before\n"
  // Row 1, group 0 holds three nonzeros.
  %b = arith.constant dense<[[0.0, 1.0, 0.0, 2.0],
                             [1.0, 2.0, 3.0, 0.0]]> : tensor<2x4xf32>
  %nm = sparq.pack %b : tensor<2x4xf32> -> tensor<2x4xf32, #nm24>
  %v = sparq.part values of %nm : tensor<2x4xf32, #nm24> -> tensor<2x2xf32>
  %c0 = arith.constant 0 : index
  %pad = arith.constant -1.0 : f32
  %vv = vector.transfer_read %v[%c0, %c0], %pad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "after\n"
  vector.print %vv : vector<2x2xf32>
  return
}
