// RUN: sparq-opt %s -split-input-file --sparq-pe-simulate="report=-" -o /dev/null | FileCheck %s
// RUN: sparq-opt %s -split-input-file --sparq-pe-simulate="report=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=FILE < %t.json

// Every expected value below is computed by hand from docs/pe-cycle-model.md.
// Energy table: dram 1, buffer 0.5, bitbrick 0.25, mac4 1, mac8 4,
// atom pair 0.125, bitmap word 2 (pJ). llvm::json prints keys sorted.

// BitFusion on 2 x 2 fusion units of 16 BitBricks, unconstrained memory.
// fused_mac 8x2 on [4x4] x [4x4]: 64 products, floor(8/8) * floor(8/2) = 4
// per unit per round -> 64 / (4 * 4) = 4 cycles; 64 * 4 = 256 BitBrick ops;
// buffer 16 + 4 + 2 * 64 = 148 B; energy 148 * 0.5 + 256 * 0.25 = 138.
// Loads 16 B (i8) and 4 B (i2), store 64 B: memory 84 B, buffer 232 B,
// energy 24 + 6 + 138 + 96 = 264.
// CHECK:      "accelerator": {
// CHECK-NEXT:   "bandwidth": 0,
// CHECK-NEXT:   "bitbricks": 16,
// CHECK-NEXT:   "cols": 2,
// CHECK-NEXT:   "rows": 2
// CHECK:      "function": "bitfusion",
// CHECK-NEXT: "ops": [
// CHECK:        "buffer_traffic_bytes": 16,
// CHECK-NEXT:   "compute_cycles": 0,
// CHECK-NEXT:   "cycles": 0,
// CHECK-NEXT:   "energy": 24,
// CHECK-NEXT:   "index": 0,
// CHECK:        "memory_traffic_bytes": 16,
// CHECK-NEXT:   "op": "sparq_pe.load",
// CHECK:        "bitbrick_ops": 256,
// CHECK-NEXT:   "bitmap_words": 0,
// CHECK-NEXT:   "bound": "compute",
// CHECK-NEXT:   "buffer_traffic_bytes": 148,
// CHECK-NEXT:   "compute_cycles": 4,
// CHECK-NEXT:   "cycles": 4,
// CHECK-NEXT:   "energy": 138,
// CHECK-NEXT:   "index": 2,
// CHECK-NEXT:   "macs_by_precision": {
// CHECK-NEXT:     "8x2": 64
// CHECK-NEXT:   },
// CHECK-NEXT:   "memory_cycles": 0,
// CHECK-NEXT:   "memory_traffic_bytes": 0,
// CHECK-NEXT:   "op": "sparq_pe.fused_mac",
// CHECK-NEXT:   "pe_utilization": 1,
// CHECK-NEXT:   "skipped_work": 0
// CHECK:      "total": {
// CHECK-NEXT:   "bitbrick_ops": 256,
// CHECK-NEXT:   "bitmap_words": 0,
// CHECK-NEXT:   "bound": "compute",
// CHECK-NEXT:   "buffer_traffic_bytes": 232,
// CHECK-NEXT:   "compute_cycles": 4,
// CHECK-NEXT:   "cycles": 4,
// CHECK-NEXT:   "energy": 264,
// CHECK-NEXT:   "macs_by_precision": {
// CHECK-NEXT:     "8x2": 64
// CHECK-NEXT:   },
// CHECK-NEXT:   "memory_cycles": 0,
// CHECK-NEXT:   "memory_traffic_bytes": 84,
// CHECK-NEXT:   "pe_utilization": 1,
// CHECK-NEXT:   "skipped_work": 0
#energy = {dram_byte = 1.0, buffer_byte = 0.5, bitbrick = 0.25, mac4 = 1.0, mac8 = 4.0, atom_pair = 0.125, bitmap_word = 2.0}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, cols = 2, bandwidth = 0, energy = #energy>} {
  func.func @bitfusion(%x: tensor<4x4xi8>, %wt: tensor<4x4xi2>, %y: tensor<4x4xi32>) -> tensor<4x4xi32> {
    %a = sparq_pe.load %x [0, 0] into input : tensor<4x4xi8> -> tensor<4x4xi8>
    %w = sparq_pe.load %wt [0, 0] into weight : tensor<4x4xi2> -> tensor<4x4xi2>
    %acc = arith.constant dense<0> : tensor<4x4xi32>
    %r = sparq_pe.fused_mac %a(signed), %w(signed), %acc
        : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32> {
    ^bb0(%ba: tensor<4x4xi8>, %bw: tensor<4x4xi2>, %c0: tensor<4x4xi32>):
      %c1 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c0 digits(0, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      %c2 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c1 digits(1, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      %c3 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c2 digits(2, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      %c4 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c3 digits(3, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      sparq_pe.yield %c4 : tensor<4x4xi32>
    }
    %s = sparq_pe.store %r into %y [0, 0] : tensor<4x4xi32> into tensor<4x4xi32>
    return %s : tensor<4x4xi32>
  }
}

// -----

// The same program with 8 bytes per cycle: 84 B take ceil(84 / 8) = 11 >
// 4 cycles, so the function is memory-bound at 11 cycles and the units are
// busy 16 of 4 * 11 PE-cycles. The 16-byte load alone takes 2 cycles.
// CHECK:      "bandwidth": 8,
// CHECK:        "bound": "memory",
// CHECK-NEXT:   "buffer_traffic_bytes": 16,
// CHECK-NEXT:   "compute_cycles": 0,
// CHECK-NEXT:   "cycles": 2,
// CHECK:        "memory_cycles": 2,
// CHECK:      "total": {
// CHECK:        "bound": "memory",
// CHECK-NEXT:   "buffer_traffic_bytes": 232,
// CHECK-NEXT:   "compute_cycles": 4,
// CHECK-NEXT:   "cycles": 11,
// CHECK:        "memory_cycles": 11,
// CHECK-NEXT:   "memory_traffic_bytes": 84,
// CHECK-NEXT:   "pe_utilization": 0.36363636363636365,
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, cols = 2, bandwidth = 8>} {
  func.func @bitfusion_narrow(%x: tensor<4x4xi8>, %wt: tensor<4x4xi2>, %y: tensor<4x4xi32>) -> tensor<4x4xi32> {
    %a = sparq_pe.load %x [0, 0] into input : tensor<4x4xi8> -> tensor<4x4xi8>
    %w = sparq_pe.load %wt [0, 0] into weight : tensor<4x4xi2> -> tensor<4x4xi2>
    %acc = arith.constant dense<0> : tensor<4x4xi32>
    %r = sparq_pe.fused_mac %a(signed), %w(signed), %acc
        : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32> {
    ^bb0(%ba: tensor<4x4xi8>, %bw: tensor<4x4xi2>, %c0: tensor<4x4xi32>):
      %c1 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c0 digits(0, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      %c2 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c1 digits(1, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      %c3 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c2 digits(2, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      %c4 = sparq_pe.bitbrick %ba(signed), %bw(signed), %c3 digits(3, 0)
          : tensor<4x4xi8>, tensor<4x4xi2>, tensor<4x4xi32>
      sparq_pe.yield %c4 : tensor<4x4xi32>
    }
    %s = sparq_pe.store %r into %y [0, 0] : tensor<4x4xi32> into tensor<4x4xi32>
    return %s : tensor<4x4xi32>
  }
}

// -----

// DRQ on one PE with constant activations: [4 x 8] in regions [2, 4] (a
// 2 x 2 mask), mean |x| above 20 in region (0, 0) only: 8 of 32 elements
// sensitive, r = 0.25. N = 2: 16 MACs at 8x8 (4 cycles each) and 48 at 4x8
// (1 cycle) = 112 cycles; all at 8 bits 64 * 4 = 256; 256 / 112 =
// 4 / (1 + 3 * 0.25).
// CHECK:      "function": "drq_constant",
// CHECK:        "compute_cycles": 64,
// CHECK:        "macs_by_precision": {
// CHECK-NEXT:     "8x8": 16
// CHECK:        "sensitive_fraction": 1,
// CHECK-NEXT:   "skipped_work": 0,
// CHECK-NEXT:   "speedup_vs_8bit": 1
// CHECK:        "compute_cycles": 48,
// CHECK:        "macs_by_precision": {
// CHECK-NEXT:     "4x8": 48
// CHECK:        "sensitive_fraction": 0,
// CHECK-NEXT:   "skipped_work": 0,
// CHECK-NEXT:   "speedup_vs_8bit": 4
// Buffer: (32 + 16 + 2 * 32) + (16 + 16 + 2 * 32) = 208 B; energy
// 208 * 0.5 + 48 * 1 + 16 * 4 = 216.
// CHECK:      "total": {
// CHECK:        "buffer_traffic_bytes": 208,
// CHECK-NEXT:   "compute_cycles": 112,
// CHECK-NEXT:   "cycles": 112,
// CHECK-NEXT:   "energy": 216,
// CHECK:        "macs_by_precision": {
// CHECK-NEXT:     "4x8": 48,
// CHECK-NEXT:     "8x8": 16
// CHECK:        "sensitive_fraction": 0.25,
// CHECK-NEXT:   "skipped_work": 0,
// CHECK-NEXT:   "speedup_vs_8bit": 2.2857142857142856
#energy = {dram_byte = 1.0, buffer_byte = 0.5, bitbrick = 0.25, mac4 = 1.0, mac8 = 4.0, atom_pair = 0.125, bitmap_word = 2.0}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0, energy = #energy>} {
  func.func @drq_constant(%w: tensor<8x2xi8>) -> tensor<4x2xi32> {
    %x = arith.constant dense<[[100, 100, 100, 100, 1, 1, 1, 1],
                               [100, 100, 100, 100, 1, 1, 1, 1],
                               [1, 1, 1, 1, 1, 1, 1, 1],
                               [1, 1, 1, 1, 1, 1, 1, 1]]> : tensor<4x8xi8>
    %acc = arith.constant dense<0> : tensor<4x2xi32>
    %mask = sparq_pe.region_select %x(signed) regions [2, 4] threshold(20)
        : tensor<4x8xi8> -> tensor<2x2xi1>
    %r0 = sparq_pe.mac %x(signed), %w(signed), %acc
        regions(%mask : tensor<2x2xi1>, sensitive, [2, 4])
        : tensor<4x8xi8>, tensor<8x2xi8>, tensor<4x2xi32>
    %hi = sparq_pe.high_bits %x(signed) : tensor<4x8xi8> -> tensor<4x8xi4>
    %r1 = sparq_pe.mac %hi(signed), %w(signed), %r0 shift(4)
        regions(%mask : tensor<2x2xi1>, insensitive, [2, 4])
        : tensor<4x8xi4>, tensor<8x2xi8>, tensor<4x2xi32>
    return %r1 : tensor<4x2xi32>
  }
}

// -----

// 2-bit atoms on one 16-brick unit, constant operands (4-bit signed):
// a = [5, -4] (atoms 01 01 -> 2, 01 00 -> 1), w = [[3, 0], [-1, 6]] (atoms 1,
// 0, 1, 2 (6 = 01 10)). Pairs: k = 0: 2 * (1 + 0), k = 1: 1 * (1 + 2) = 5 of
// 1 * 2 * 2 * (2 * 2) = 16 (11 skipped); 3 products with both operands
// nonzero. ceil(5 / 16) = 1 cycle, 5 of 16 BitBricks busy. Buffer 1 + 2 +
// 2 * 8 = 19 B; energy 19 * 0.5 + 5 * 0.125 = 10.125.


// CHECK:      "function": "atoms",
// CHECK:      "total": {
// CHECK-NEXT:   "bitbrick_ops": 5,
// CHECK-NEXT:   "bitmap_words": 0,
// CHECK-NEXT:   "bound": "compute",
// CHECK-NEXT:   "buffer_traffic_bytes": 19,
// CHECK-NEXT:   "compute_cycles": 1,
// CHECK-NEXT:   "cycles": 1,
// CHECK-NEXT:   "energy": 10.125,
// CHECK-NEXT:   "macs_by_precision": {
// CHECK-NEXT:     "4x4": 3
// CHECK-NEXT:   },
// CHECK-NEXT:   "memory_cycles": 0,
// CHECK-NEXT:   "memory_traffic_bytes": 0,
// CHECK-NEXT:   "pe_utilization": 0.3125,
// CHECK-NEXT:   "skipped_work": 11
#energy = {dram_byte = 1.0, buffer_byte = 0.5, bitbrick = 0.25, mac4 = 1.0, mac8 = 4.0, atom_pair = 0.125, bitmap_word = 2.0}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0, energy = #energy>} {
  func.func @atoms() -> tensor<1x2xi32> {
    %a = arith.constant dense<[[5, -4]]> : tensor<1x2xi4>
    %w = arith.constant dense<[[3, 0], [-1, 6]]> : tensor<2x2xi4>
    %acc = arith.constant dense<0> : tensor<1x2xi32>
    %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc
        : tensor<1x2xi4>, tensor<2x2xi4>, tensor<1x2xi32>
    return %r : tensor<1x2xi32>
  }
}

// -----

// Bitmap inner join on 2 x 2 PEs: A = [[1, 0, 2], [0, 3, 0]], W = [[1, 0],
// [0, 4], [5, 6]]: positions set in both: (0,0): k = 0, 2; (0,1): k = 2;
// (1,1): k = 1 -> 4 of 12 (8 skipped), ceil(4 / 4) = 1 cycle, 2 * 2 * 1
// bitmap words. Buffer 6 + 1 + 6 + 1 + 2 * 16 = 46 B; energy 46 * 0.5 +
// 4 * 2 = 31.
// FILE:       "function": "join",
// CHECK:      "function": "join",
// CHECK:      "total": {
// CHECK-NEXT:   "bitbrick_ops": 0,
// CHECK-NEXT:   "bitmap_words": 4,
// CHECK-NEXT:   "bound": "compute",
// CHECK-NEXT:   "buffer_traffic_bytes": 46,
// CHECK-NEXT:   "compute_cycles": 1,
// CHECK-NEXT:   "cycles": 1,
// CHECK-NEXT:   "energy": 31,
// CHECK-NEXT:   "macs_by_precision": {
// CHECK-NEXT:     "8x8": 4
// CHECK-NEXT:   },
// CHECK-NEXT:   "memory_cycles": 0,
// CHECK-NEXT:   "memory_traffic_bytes": 0,
// CHECK-NEXT:   "pe_utilization": 1,
// CHECK-NEXT:   "skipped_work": 8
#energy = {dram_byte = 1.0, buffer_byte = 0.5, bitbrick = 0.25, mac4 = 1.0, mac8 = 4.0, atom_pair = 0.125, bitmap_word = 2.0}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, cols = 2, bandwidth = 0, energy = #energy>} {
  func.func @join() -> tensor<2x2xi32> {
    %a = arith.constant dense<[[1, 0, 2], [0, 3, 0]]> : tensor<2x3xi8>
    %w = arith.constant dense<[[1, 0], [0, 4], [5, 6]]> : tensor<3x2xi8>
    %acc = arith.constant dense<0> : tensor<2x2xi32>
    %av, %ab = sparq_pe.bitmap_encode %a along 1 : tensor<2x3xi8> -> tensor<2x3xi8>, tensor<2x3xi1>
    %wv, %wb = sparq_pe.bitmap_encode %w along 0 : tensor<3x2xi8> -> tensor<3x2xi8>, tensor<3x2xi1>
    %r = sparq_pe.inner_join %av(signed), %ab, %wv(signed), %wb, %acc
        : tensor<2x3xi8>, tensor<2x3xi1>, tensor<3x2xi8>, tensor<3x2xi1>, tensor<2x2xi32>
    return %r : tensor<2x2xi32>
  }
}
