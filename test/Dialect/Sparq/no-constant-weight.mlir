// A matmul of two activations (only its init is a constant) has no weight:
// every compression pass leaves it alone instead of failing.
// RUN: sparq-opt %s --sparq-prune | FileCheck %s
// RUN: sparq-opt %s --sparq-quantize | FileCheck %s
// RUN: sparq-opt %s --sparq-float-format=type=bf16 | FileCheck %s
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=4,8 avg-bits=8" | FileCheck %s
// RUN: sparq-opt %s --sparq-pack=format=csr | FileCheck %s

// CHECK-LABEL: func @attention_scores
// CHECK: %[[Z:.*]] = arith.constant dense<0.000000e+00> : tensor<2x4xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<2x8xf32>, tensor<8x4xf32>) outs(%[[Z]] : tensor<2x4xf32>)
// CHECK-NOT: sparq.
func.func @attention_scores(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>) -> tensor<2x4xf32> {
  %z = arith.constant dense<0.0> : tensor<2x4xf32>
  %a = linalg.matmul ins(%x, %w : tensor<2x8xf32>, tensor<8x4xf32>) outs(%z : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %a : tensor<2x4xf32>
}
