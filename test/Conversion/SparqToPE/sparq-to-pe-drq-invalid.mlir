// RUN: sparq-opt %s -split-input-file --sparq-to-pe="scheme=drq region-rows=1 region-cols=16" -verify-diagnostics
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq top-fraction=0.5" 2>&1 | FileCheck %s --check-prefix=TOP

// With K split into tiles, a DRQ region must not straddle two K tiles:
// 8-byte buffers hold 8 columns of one row, fewer than one 16-column region.
// top-fraction ranks the regions of the whole activation, so it cannot
// split K at all:
// TOP: error: 'sparq.matmul' op drq top-fraction ranks the regions of the whole activation, which needs 64 bytes of input buffer (the accelerator has 8)
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<input_buffer = 8, weight_buffer = 8>} {
func.func @region_wider_than_tile(%a: tensor<2x32xi8>, %w: tensor<32x2xi8>) -> tensor<2x2xi32> {
  // expected-error @+1 {{the reduction (K = 32) cannot be split into tiles that fit the accelerator's buffers (input 8, weight 8 bytes, DRQ regions of 16 columns)}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<2x32xi8>, tensor<32x2xi8> -> tensor<2x2xi32>
  return %c : tensor<2x2xi32>
}
}
