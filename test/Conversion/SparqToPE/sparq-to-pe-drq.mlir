// RUN: sparq-opt %s --sparq-to-pe="scheme=drq region-rows=2 region-cols=4 threshold=20" | FileCheck %s --check-prefix=THRESH
// RUN: sparq-opt %s --sparq-to-pe="scheme=drq region-rows=2 region-cols=4 top-fraction=0.36" | FileCheck %s --check-prefix=TOP

// 4 x 8 activations in 2 x 4 regions: a 2 x 2 mask. top-fraction 0.36 of 4
// regions is round(1.44) = 1 region.
// THRESH-LABEL: func.func @drq
// THRESH: %[[A:.*]] = sparq_pe.load %{{.*}} [0, 0] into input : tensor<4x8xi8> -> tensor<4x8xi8>
// THRESH: %[[W:.*]] = sparq_pe.load %{{.*}} [0, 0] into weight : tensor<8x3xi4> -> tensor<8x3xi4>
// THRESH: %[[Z:.*]] = arith.constant dense<0> : tensor<4x3xi32>
// THRESH: %[[M:.*]] = sparq_pe.region_select %[[A]](signed) regions [2, 4] threshold(20) : tensor<4x8xi8> -> tensor<2x2xi1>
// THRESH: %[[H:.*]] = sparq_pe.high_bits %[[A]](signed) : tensor<4x8xi8> -> tensor<4x8xi4>
// THRESH: %[[S:.*]] = sparq_pe.mac %[[A]](signed), %[[W]](signed), %[[Z]] regions(%[[M]] : tensor<2x2xi1>, sensitive, [2, 4]) : tensor<4x8xi8>, tensor<8x3xi4>, tensor<4x3xi32>
// THRESH: %[[I:.*]] = sparq_pe.mac %[[H]](signed), %[[W]](signed), %[[S]] shift(4) regions(%[[M]] : tensor<2x2xi1>, insensitive, [2, 4]) : tensor<4x8xi4>, tensor<8x3xi4>, tensor<4x3xi32>
// THRESH: sparq_pe.store %[[I]]
// TOP-LABEL: func.func @drq
// TOP: sparq_pe.region_select %{{.*}}(signed) regions [2, 4] top(1) : tensor<4x8xi8> -> tensor<2x2xi1>
func.func @drq(%a: tensor<4x8xi8>, %w: tensor<8x3xi4>) -> tensor<4x3xi32> {
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x3xi4> -> tensor<4x3xi32>
  return %c : tensor<4x3xi32>
}
