// Scales grouped along K (acc(i32), f32 results) with both operands run-time
// values, and with compressed results, under each dataflow (inner, outer,
// row), JIT-run through --sparq-to-llvm and compared bit for bit with numpy
// by Inputs/gen_grouped_scales.py:
// - 60 products with plain results: 20 format pairs (sparse x dense, dense
//   x sparse, sparse x sparse over csr, csc, coo, bitmap, nm and bcsr, and
//   dense x dense) x 3 dataflows, one with an empty operand;
// - 7 with B stored transposed (transpose_b, group(1, g));
// - 12 compressed results: 9 csr / csc (checked as positions, coordinates
//   and value bits; 2 with a constant B, one all zero) and 3 coo / bitmap
//   (value bits and the unpacked matrix).
// K odd (7, 9, 15, 21) or even, groups of 1 to 7; A ui8 asymmetric per
// tensor or grouped along K, or si8 per row; B si8 asymmetric grouped along
// K. The reference is the reference lowering's definition (exact integer
// partial sum per group, scaled and summed in f64 in group order, rounded
// once to f32), and the 67 plain products are also run through the
// reference lowering itself (dataflow=false), which must print the same bits.
// RUN: %python %S/Inputs/gen_grouped_scales.py --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t --reference | FileCheck %s
// The run-time operand expanded by a counting sort, or in place (a csr / csc
// operand already along the expanded lines: new positions of the group
// boundaries, or remapped coordinates), or a constant one in the compiler:
// CHECK: expansions: counting sort 58, in place, new positions 9, in place, coordinates remapped 10, in the compiler 2
// CHECK-NOT: MISMATCH
// CHECK: reference lowering: 67 plain products compared
// CHECK: grouped: 79 products (67 plain, 12 compressed), 0 mismatches
