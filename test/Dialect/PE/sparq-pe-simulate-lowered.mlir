// The simulator on what --sparq-to-pe emits from sparq.matmul, one scheme
// per part; every figure is computed by hand from docs/pe.md (tiling) and
// docs/pe-cycle-model.md.
// RUN: split-file %s %t
// RUN: sparq-opt %t/tiled.mlir --sparq-to-pe --sparq-pe-simulate="report=-" -o /dev/null | FileCheck %s --check-prefix=TILED
// RUN: sparq-opt %t/drq.mlir --sparq-to-pe="scheme=drq region-rows=2 region-cols=4 threshold=20" --sparq-pe-simulate="report=- input=%t/drq.json" -o /dev/null | FileCheck %s --check-prefix=DRQ
// RUN: sparq-opt %t/sparse.mlir --sparq-to-pe="scheme=atoms" --sparq-pe-simulate="report=- input=%t/sparse.json" -o /dev/null | FileCheck %s --check-prefix=ATOMS
// RUN: sparq-opt %t/sparse.mlir --sparq-to-pe="scheme=bitmap" --sparq-pe-simulate="report=- input=%t/sparse.json" -o /dev/null | FileCheck %s --check-prefix=BITMAP

// BitFusion, 8x4, [6 x 16] x [16 x 6] with 64-byte buffers on 16 x 16 PEs at
// 16 B/cycle: TM = 64*8/(16*8) = 4, TN = min(6, 64*8/(16*4)) = 6 -> the 4 x 6
// i32 accumulator (96 B) is halved to 4 x 3. Tiles: rows {0-3, 4-5} x cols
// {0-2, 3-5}. Memory: activations 64 + 32, weights 4 * 24, results 2 * 48 +
// 2 * 24 = 336 B -> 21 cycles. Compute: each of the 4 fused_macs is
// ceil(192 or 96 / (256 * 2)) = 1 cycle -> 4: memory-bound. 576 products,
// 4608 BitBrick ops (8 each), busy 4608 / 16 = 288 of 256 * 21 PE-cycles.
// Buffer: loads 192 + stores 144 + fused_macs 2 * (64 + 24 + 96) +
// 2 * (32 + 24 + 48) = 912 B. Energy 336 * 1 + 912 * 0.5 + 4608 * 0.25.
// TILED:      "function": "tiled",
// TILED:      "total": {
// TILED-NEXT:   "bitbrick_ops": 4608,
// TILED-NEXT:   "bitmap_words": 0,
// TILED-NEXT:   "bound": "memory",
// TILED-NEXT:   "buffer_traffic_bytes": 912,
// TILED-NEXT:   "compute_cycles": 4,
// TILED-NEXT:   "cycles": 21,
// TILED-NEXT:   "energy": 1944,
// TILED-NEXT:   "macs_by_precision": {
// TILED-NEXT:     "8x4": 576
// TILED-NEXT:   },
// TILED-NEXT:   "memory_cycles": 21,
// TILED-NEXT:   "memory_traffic_bytes": 336,
// TILED-NEXT:   "pe_utilization": 0.053571428571428568,
// TILED-NEXT:   "skipped_work": 0

//--- tiled.mlir
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<input_buffer = 64, weight_buffer = 64, output_buffer = 64, energy = {dram_byte = 1.0, buffer_byte = 0.5, bitbrick = 0.25}>} {
  func.func @tiled(%a: tensor<6x16xi8>, %w: tensor<16x6xi4>) -> tensor<6x6xi32> {
    %c = sparq.matmul %a, %w acc(i32) : tensor<6x16xi8>, tensor<16x6xi4> -> tensor<6x6xi32>
    return %c : tensor<6x6xi32>
  }
}

// DRQ on one PE: the activations of sparq-pe-simulate.mlir's @drq_constant
// given at run time (region (0, 0) of [2, 4] at |x| = 100, the rest 1):
// r = 0.25, 16 * 4 + 48 * 1 = 112 cycles, speedup 256 / 112.
// DRQ:      "function": "drq",
// DRQ:      "total": {
// DRQ:        "compute_cycles": 112,
// DRQ-NEXT:   "cycles": 112,
// DRQ:        "macs_by_precision": {
// DRQ-NEXT:     "4x8": 48,
// DRQ-NEXT:     "8x8": 16
// DRQ:        "sensitive_fraction": 0.25,
// DRQ-NEXT:   "skipped_work": 0,
// DRQ-NEXT:   "speedup_vs_8bit": 2.2857142857142856

//--- drq.json
{"drq": {"0": [100, 100, 100, 100, 1, 1, 1, 1, 100, 100, 100, 100, 1, 1, 1, 1,
               -1, 1, -1, 1, -1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}}
//--- drq.mlir
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0>} {
  func.func @drq(%a: tensor<4x8xi8>) -> tensor<4x2xi32> {
    %w = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8], [-1, -2], [-3, -4], [-5, -6], [-7, -8]]> : tensor<8x2xi8>
    %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi8> -> tensor<4x2xi32>
    return %c : tensor<4x2xi32>
  }
}

// Atoms: a = [[1, 0, 2], [0, 3, 0]] (run time), w = [[1, 0], [0, 4], [5, 6]]
// (4-bit, constant). Atoms of a's columns: 1, 1, 1; of w's rows: 1, 1
// (4 = 01 00), 2 + 2 (5 = 01 01, 6 = 01 10). Pairs 1 + 1 + 4 = 6 of
// 2 * 3 * 2 * (4 * 2) = 96 (90 skipped); 4 products with both nonzero.
// ATOMS:      "function": "layer",
// ATOMS:      "total": {
// ATOMS-NEXT:   "bitbrick_ops": 6,
// ATOMS:        "macs_by_precision": {
// ATOMS-NEXT:     "8x4": 4
// ATOMS:        "skipped_work": 90
// Bitmap join: positions set in both: (0,0): k = 0, 2; (0,1): k = 2; (1,1):
// k = 1 -> 4 of 12 (8 skipped), 2 * 2 * 1 bitmap words.
// BITMAP:      "function": "layer",
// BITMAP:      "total": {
// BITMAP-NEXT:   "bitbrick_ops": 0,
// BITMAP-NEXT:   "bitmap_words": 4,
// BITMAP:        "macs_by_precision": {
// BITMAP-NEXT:     "8x4": 4
// BITMAP:        "skipped_work": 8

//--- sparse.json
{"layer": {"0": [1, 0, 2, 0, 3, 0]}}
//--- sparse.mlir
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0>} {
  func.func @layer(%a: tensor<2x3xi8>) -> tensor<2x2xi32> {
    %w = arith.constant dense<[[1, 0], [0, 4], [5, 6]]> : tensor<3x2xi4>
    %c = sparq.matmul %a, %w acc(i32) : tensor<2x3xi8>, tensor<3x2xi4> -> tensor<2x2xi32>
    return %c : tensor<2x2xi32>
  }
}
