// RUN: sparq-opt %s --sparq-prune="structure=nm n=2 m=4" | FileCheck %s

// A weight shared by two ops is pruned once: one new blob, used by both.
// CHECK-LABEL: func @shared
// CHECK: %[[W:.*]] = arith.constant dense_resource<sparq_pruned> : tensor<4x2xf32>
// CHECK-NOT: arith.constant
// CHECK: sparq.matmul %{{.*}}, %[[W]] acc(f32) {sparq.sparsity = 5.000000e-01 : f64
// CHECK: sparq.matmul %{{.*}}, %[[W]] acc(f32) {sparq.sparsity = 5.000000e-01 : f64
// CHECK: sparq_pruned: "0x080000000000000000008040000040C00000804000000040000000000000000000000000"
// CHECK-NOT: sparq_pruned_
func.func @shared(%x: tensor<1x4xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %w = arith.constant dense<[[1.0, 4.0], [-3.0, 4.0], [2.0, 1.0], [0.5, 4.0]]> : tensor<4x2xf32>
  %a = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  %b = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  return %a, %b : tensor<1x2xf32>, tensor<1x2xf32>
}
