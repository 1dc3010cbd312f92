// RUN: sparq-opt %s --sparq-report="file=-" -o /dev/null | FileCheck %s
// RUN: split-file %s %t
// RUN: sparq-opt %t/nothing.mlir --sparq-report -verify-diagnostics

// One 2x2 f32 weight shared by two ops is one weight of 16 bytes.
// CHECK: "totals": {
// CHECK-NEXT: "bytes_after": 16,
// CHECK-NEXT: "bytes_before": 16,
// CHECK: "weights": 1,
func.func @shared(%x: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %w = arith.constant dense<[[1.0, 0.0], [0.0, 2.0]]> : tensor<2x2xf32>
  %a = sparq.matmul %x, %w acc(f32) : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32>
  %b = sparq.matmul %x, %w acc(f32) : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32>
  return %a, %b : tensor<1x2xf32>, tensor<1x2xf32>
}

//--- nothing.mlir
// expected-error@+1 {{sparq-report: nothing to write: give file=F.json (- for stdout) and/or summary=true}}
module {}
