// RUN: sparq-opt %s -split-input-file --sparq-pe-simulate="report=-" -o /dev/null | FileCheck %s

// How the simulator finds the values that decide data-dependent work:
// region_select top(R) (ranking by mean |x|, ties to the first region),
// loads at offsets, tensor.extract_slice, integer casts and dense_resource
// constants. Every expected figure is computed by hand.

// top(1) on [2 x 6] in regions [2, 4]: region 0 has 8 elements, region 1 (the
// edge) 4. @tie: means 40/8 = 5 and |-5| * 4 / 4 = 5 tie, so region 0 (first)
// is sensitive: 8 of 12 positions at 8 bits (N = 1): 8 * 4 + 4 * 1 = 36
// cycles on one PE, all 8-bit 48: r = 2/3, speedup 48 / 36.
// @magnitude: region 1 holds -6 (mean |x| 6 > 5): 4 positions at 8 bits:
// 4 * 4 + 8 = 24 cycles, r = 1/3, speedup 2 (a signed mean would pick
// region 0).
// CHECK:      "function": "tie",
// CHECK:      "total": {
// CHECK:        "compute_cycles": 36,
// CHECK:        "macs_by_precision": {
// CHECK-NEXT:     "4x8": 4,
// CHECK-NEXT:     "8x8": 8
// CHECK:        "sensitive_fraction": 0.66666666666666663,
// CHECK-NEXT:   "skipped_work": 0,
// CHECK-NEXT:   "speedup_vs_8bit": 1.3333333333333333
// CHECK:      "function": "magnitude",
// CHECK:      "total": {
// CHECK:        "compute_cycles": 24,
// CHECK:        "macs_by_precision": {
// CHECK-NEXT:     "4x8": 8,
// CHECK-NEXT:     "8x8": 4
// CHECK:        "sensitive_fraction": 0.33333333333333331,
// CHECK-NEXT:   "skipped_work": 0,
// CHECK-NEXT:   "speedup_vs_8bit": 2
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0>} {
  func.func @tie(%w: tensor<6x1xi8>) -> tensor<2x1xi32> {
    %x = arith.constant dense<[[5, 5, 5, 5, -5, -5], [5, 5, 5, 5, -5, -5]]> : tensor<2x6xi8>
    %acc = arith.constant dense<0> : tensor<2x1xi32>
    %mask = sparq_pe.region_select %x(signed) regions [2, 4] top(1)
        : tensor<2x6xi8> -> tensor<1x2xi1>
    %r0 = sparq_pe.mac %x(signed), %w(signed), %acc
        regions(%mask : tensor<1x2xi1>, sensitive, [2, 4])
        : tensor<2x6xi8>, tensor<6x1xi8>, tensor<2x1xi32>
    %hi = sparq_pe.high_bits %x(signed) : tensor<2x6xi8> -> tensor<2x6xi4>
    %r1 = sparq_pe.mac %hi(signed), %w(signed), %r0 shift(4)
        regions(%mask : tensor<1x2xi1>, insensitive, [2, 4])
        : tensor<2x6xi4>, tensor<6x1xi8>, tensor<2x1xi32>
    return %r1 : tensor<2x1xi32>
  }
  func.func @magnitude(%w: tensor<6x1xi8>) -> tensor<2x1xi32> {
    %x = arith.constant dense<[[5, 5, 5, 5, -6, -6], [5, 5, 5, 5, -6, -6]]> : tensor<2x6xi8>
    %acc = arith.constant dense<0> : tensor<2x1xi32>
    %mask = sparq_pe.region_select %x(signed) regions [2, 4] top(1)
        : tensor<2x6xi8> -> tensor<1x2xi1>
    %r0 = sparq_pe.mac %x(signed), %w(signed), %acc
        regions(%mask : tensor<1x2xi1>, sensitive, [2, 4])
        : tensor<2x6xi8>, tensor<6x1xi8>, tensor<2x1xi32>
    %hi = sparq_pe.high_bits %x(signed) : tensor<2x6xi8> -> tensor<2x6xi4>
    %r1 = sparq_pe.mac %hi(signed), %w(signed), %r0 shift(4)
        regions(%mask : tensor<1x2xi1>, insensitive, [2, 4])
        : tensor<2x6xi4>, tensor<6x1xi8>, tensor<2x1xi32>
    return %r1 : tensor<2x1xi32>
  }
}

// -----

// Atoms through a load at offsets [2, 0] (rows 2 and 3 of %g: [1, 2, 3, 4]
// and [5, 0, 0, 0]), a tensor.extract_slice (the first 4 rows of %w4: all 1)
// and arith.extsi. Atoms of a per column: 1 + 2 (5 = 01 01), 1, 1, 1 (4 =
// 01 00); of w: 1 each. Pairs 3 + 1 + 1 + 1 = 6 of 2 * 4 * 1 * 16 = 128
// (122 skipped); products with both operands nonzero: 5.
// CHECK:      "function": "atoms_through_loads",
// CHECK:      "total": {
// CHECK-NEXT:   "bitbrick_ops": 6,
// CHECK:        "macs_by_precision": {
// CHECK-NEXT:     "8x8": 5
// CHECK:        "skipped_work": 122
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0>} {
  func.func @atoms_through_loads() -> tensor<2x1xi32> {
    %g = arith.constant dense<[[0, 0, 0, 0], [0, 0, 0, 0], [1, 2, 3, 4], [5, 0, 0, 0]]> : tensor<4x4xi8>
    %a = sparq_pe.load %g [2, 0] into input : tensor<4x4xi8> -> tensor<2x4xi8>
    %w4 = arith.constant dense<[[1], [1], [1], [1], [7], [7]]> : tensor<6x1xi4>
    %ws = tensor.extract_slice %w4[0, 0] [4, 1] [1, 1] : tensor<6x1xi4> to tensor<4x1xi4>
    %w = arith.extsi %ws : tensor<4x1xi4> to tensor<4x1xi8>
    %acc = arith.constant dense<0> : tensor<2x1xi32>
    %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc
        : tensor<2x4xi8>, tensor<4x1xi8>, tensor<2x1xi32>
    return %r : tensor<2x1xi32>
  }
}

// -----

// A bitmap join whose weight is a dense_resource constant
// ([[1, 0], [0, 4], [5, 6]] as bytes after the 4-byte alignment header):
// 4 matched positions of 12, as in sparq-pe-simulate.mlir.
// CHECK:      "function": "join_resource",
// CHECK:      "total": {
// CHECK:        "bitmap_words": 4,
// CHECK:        "macs_by_precision": {
// CHECK-NEXT:     "8x8": 4
// CHECK:        "skipped_work": 8
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, cols = 2, bandwidth = 0>} {
  func.func @join_resource() -> tensor<2x2xi32> {
    %a = arith.constant dense<[[1, 0, 2], [0, 3, 0]]> : tensor<2x3xi8>
    %w = arith.constant dense_resource<wjoin> : tensor<3x2xi8>
    %acc = arith.constant dense<0> : tensor<2x2xi32>
    %av, %ab = sparq_pe.bitmap_encode %a along 1 : tensor<2x3xi8> -> tensor<2x3xi8>, tensor<2x3xi1>
    %wv, %wb = sparq_pe.bitmap_encode %w along 0 : tensor<3x2xi8> -> tensor<3x2xi8>, tensor<3x2xi1>
    %r = sparq_pe.inner_join %av(signed), %ab, %wv(signed), %wb, %acc
        : tensor<2x3xi8>, tensor<2x3xi1>, tensor<3x2xi8>, tensor<3x2xi1>, tensor<2x2xi32>
    return %r : tensor<2x2xi32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      wjoin: "0x04000000010000040506"
    }
  }
#-}
