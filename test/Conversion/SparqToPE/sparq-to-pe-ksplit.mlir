// RUN: sparq-opt %s --sparq-to-pe | FileCheck %s
// RUN: sparq-opt %s --sparq-to-pe --sparq-pe-simulate="report=-" -o /dev/null | FileCheck %s --check-prefix=SIM

// A reduction longer than the buffers is split into K tiles whose partial
// sums stay in the output buffer. 2 x 2 PEs, 32-byte input and weight
// buffers: one i8 row of K = 40 (40 bytes) does not fit, so TK = min(K,
// 32 / 2 rows, 32 / 2 columns) = 16, then TM = 32 / 16 = 2 rows and TN = 2
// columns (a 2 x 2 i32 tile is 16 bytes of the 64-byte output buffer).
// Each of the 2 row tiles runs K tiles at 0, 16 and 32 (the last 8 deep)
// into one accumulator, stored once.
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, cols = 2, input_buffer = 32, weight_buffer = 32, output_buffer = 64, bandwidth = 4>} {
// CHECK-LABEL: func.func @ksplit
// CHECK: %[[Z:.*]] = arith.constant dense<0> : tensor<2x2xi32>
// CHECK: sparq_pe.load %{{.*}} [0, 0] into input : tensor<4x40xi8> -> tensor<2x16xi8>
// CHECK: sparq_pe.load %{{.*}} [0, 0] into weight : tensor<40x2xi8> -> tensor<16x2xi8>
// CHECK: %[[P0:.*]] = sparq_pe.fused_mac %{{.*}}(signed), %{{.*}}(signed), %[[Z]]
// CHECK: sparq_pe.load %{{.*}} [0, 16] into input : tensor<4x40xi8> -> tensor<2x16xi8>
// CHECK: sparq_pe.load %{{.*}} [16, 0] into weight : tensor<40x2xi8> -> tensor<16x2xi8>
// CHECK: %[[P1:.*]] = sparq_pe.fused_mac %{{.*}}(signed), %{{.*}}(signed), %[[P0]]
// CHECK: sparq_pe.load %{{.*}} [0, 32] into input : tensor<4x40xi8> -> tensor<2x8xi8>
// CHECK: sparq_pe.load %{{.*}} [32, 0] into weight : tensor<40x2xi8> -> tensor<8x2xi8>
// CHECK: %[[P2:.*]] = sparq_pe.fused_mac %{{.*}}(signed), %{{.*}}(signed), %[[P1]]
// CHECK: %[[S0:.*]] = sparq_pe.store %[[P2]] into %{{.*}} [0, 0] : tensor<2x2xi32> into tensor<4x2xi32>
// CHECK: sparq_pe.load %{{.*}} [2, 0] into input : tensor<4x40xi8> -> tensor<2x16xi8>
// CHECK: sparq_pe.load %{{.*}} [2, 32] into input : tensor<4x40xi8> -> tensor<2x8xi8>
// CHECK: %[[S1:.*]] = sparq_pe.store %{{.*}} into %[[S0]] [2, 0] : tensor<2x2xi32> into tensor<4x2xi32>
// CHECK: return %[[S1]]
//
// By hand: 4 x 40 x 2 = 320 products at 8x8, one per PE per cycle on 4 PEs:
// the fused MACs take 64 / 4 = 16, 16 and 32 / 4 = 8 cycles per row tile,
// 80 in all. Memory: per row tile the activation tiles are 32 + 32 + 16 and
// the weight tiles 32 + 32 + 16 bytes, 160; two row tiles 320, plus two
// 16-byte stores = 352 bytes; at 4 bytes per cycle 88 cycles > 80, so the
// layer is memory-bound at 88 cycles.
// SIM: "compute_cycles": 16,
// SIM: "op": "sparq_pe.fused_mac"
// SIM: "compute_cycles": 8,
// SIM: "op": "sparq_pe.fused_mac"
// SIM: "total": {
// SIM: "bound": "memory",
// SIM: "compute_cycles": 80,
// SIM-NEXT: "cycles": 88,
// SIM: "macs_by_precision": {
// SIM-NEXT: "8x8": 320
// SIM: "memory_cycles": 88,
// SIM-NEXT: "memory_traffic_bytes": 352,
func.func @ksplit() -> tensor<4x2xi32> {
  %a = arith.constant dense<3> : tensor<4x40xi8>
  %w = arith.constant dense<-2> : tensor<40x2xi8>
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x40xi8>, tensor<40x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}
}
