// RUN: sparq-opt %s --sparq-to-pe | FileCheck %s

// Buffers of 64 bytes: an activation row of K = 16 i8 is 16 bytes, so 4 rows
// fit (TM = 4); a weight column of 16 i4 is 8 bytes, so all N = 6 columns
// fit, but the i32 accumulator tile 4 x 6 = 96 bytes exceeds 64 and the
// larger side is halved: TN = 3. M = 6 gives row tiles at 0 and 4 (the last
// of 2 rows), N gives column tiles at 0 and 3; weights reload per row tile.
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<input_buffer = 64, weight_buffer = 64, output_buffer = 64>} {
// CHECK-LABEL: func.func @tiled
// CHECK: %[[OUT:.*]] = tensor.empty() : tensor<6x6xi32>
// CHECK: sparq_pe.load %{{.*}} [0, 0] into input : tensor<6x16xi8> -> tensor<4x16xi8>
// CHECK: sparq_pe.load %{{.*}} [0, 0] into weight : tensor<16x6xi4> -> tensor<16x3xi4>
// CHECK: %[[T0:.*]] = sparq_pe.fused_mac
// CHECK: %[[S0:.*]] = sparq_pe.store %[[T0]] into %[[OUT]] [0, 0] : tensor<4x3xi32> into tensor<6x6xi32>
// CHECK: sparq_pe.load %{{.*}} [0, 3] into weight : tensor<16x6xi4> -> tensor<16x3xi4>
// CHECK: %[[T1:.*]] = sparq_pe.fused_mac
// CHECK: %[[S1:.*]] = sparq_pe.store %[[T1]] into %[[S0]] [0, 3] : tensor<4x3xi32> into tensor<6x6xi32>
// CHECK: sparq_pe.load %{{.*}} [4, 0] into input : tensor<6x16xi8> -> tensor<2x16xi8>
// CHECK: sparq_pe.load %{{.*}} [0, 0] into weight : tensor<16x6xi4> -> tensor<16x3xi4>
// CHECK: %[[S2:.*]] = sparq_pe.store %{{.*}} into %[[S1]] [4, 0] : tensor<2x3xi32> into tensor<6x6xi32>
// CHECK: sparq_pe.load %{{.*}} [0, 3] into weight : tensor<16x6xi4> -> tensor<16x3xi4>
// CHECK: %[[S3:.*]] = sparq_pe.store %{{.*}} into %[[S2]] [4, 3] : tensor<2x3xi32> into tensor<6x6xi32>
// CHECK: return %[[S3]]
func.func @tiled(%a: tensor<6x16xi8>, %w: tensor<16x6xi4>) -> tensor<6x6xi32> {
  %c = sparq.matmul %a, %w acc(i32) : tensor<6x16xi8>, tensor<16x6xi4> -> tensor<6x6xi32>
  return %c : tensor<6x6xi32>
}
}
