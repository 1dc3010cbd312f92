// RUN: sparq-opt %s --sparq-to-pe --sparq-pe-simulate="report=-" -o /dev/null | FileCheck %s

// The programs sparq-to-pe emits are what the cycle model counts: on one
// fusion unit of 16 BitBricks (unconstrained memory), a 4x4x4 matmul (64
// products) at a x w takes 64 / (floor(8/a) * floor(8/w)) cycles:
// 8x8 -> 64, 8x4 -> 32, 4x4 -> 16, 8x2 -> 16, 4x2 -> 8, 2x2 -> 4.
// CHECK: "op": "sparq_pe.load"
// CHECK: "compute_cycles": 64,
// CHECK: "8x8": 64
// CHECK: "op": "sparq_pe.fused_mac"
// CHECK: "compute_cycles": 32,
// CHECK: "8x4": 64
// CHECK: "op": "sparq_pe.fused_mac"
// CHECK: "compute_cycles": 16,
// CHECK: "4x4": 64
// CHECK: "op": "sparq_pe.fused_mac"
// CHECK: "compute_cycles": 16,
// CHECK: "8x2": 64
// CHECK: "op": "sparq_pe.fused_mac"
// CHECK: "compute_cycles": 8,
// CHECK: "4x2": 64
// CHECK: "op": "sparq_pe.fused_mac"
// CHECK: "compute_cycles": 4,
// CHECK: "2x2": 64
// CHECK: "op": "sparq_pe.fused_mac"
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0>} {
func.func @pairs() -> (tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>) {
  %a8 = arith.constant dense<3> : tensor<4x4xi8>
  %a4 = arith.constant dense<3> : tensor<4x4xi4>
  %a2 = arith.constant dense<1> : tensor<4x4xi2>
  %w8 = arith.constant dense<5> : tensor<4x4xi8>
  %w4 = arith.constant dense<5> : tensor<4x4xi4>
  %w2 = arith.constant dense<1> : tensor<4x4xi2>
  %0 = sparq.matmul %a8, %w8 acc(i32) : tensor<4x4xi8>, tensor<4x4xi8> -> tensor<4x4xi32>
  %1 = sparq.matmul %a8, %w4 acc(i32) : tensor<4x4xi8>, tensor<4x4xi4> -> tensor<4x4xi32>
  %2 = sparq.matmul %a4, %w4 acc(i32) : tensor<4x4xi4>, tensor<4x4xi4> -> tensor<4x4xi32>
  %3 = sparq.matmul %a8, %w2 acc(i32) : tensor<4x4xi8>, tensor<4x4xi2> -> tensor<4x4xi32>
  %4 = sparq.matmul %a4, %w2 acc(i32) : tensor<4x4xi4>, tensor<4x4xi2> -> tensor<4x4xi32>
  %5 = sparq.matmul %a2, %w2 acc(i32) : tensor<4x4xi2>, tensor<4x4xi2> -> tensor<4x4xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>, tensor<4x4xi32>
}
}
