// Scales grouped along K (acc(i32), f32 results) with both operands run-time
// values, and with csr / csc results, under each dataflow (inner, outer,
// row), JIT-run through --sparq-to-llvm and compared bit for bit with numpy
// by Inputs/gen_grouped_scales.py: 60 products with plain results (20
// format pairs: sparse x dense, dense x sparse, sparse x sparse over csr,
// csc, coo, bitmap, nm and bcsr, and dense x dense; x 3 dataflows) and 9
// with compressed results (7 with two run-time operands, 2 with a constant
// B), K odd (7, 9, 15, 21) or even, groups of 1 to 7, A ui8 asymmetric per
// tensor or grouped along K, or si8 per row, B si8 asymmetric grouped along
// K. The reference is the reference lowering's definition (exact integer
// partial sum per group, scaled and summed in f64 in group order, rounded
// once to f32), and the plain products are also run through the reference
// lowering itself (dataflow=false), which must print the same bits.
// RUN: %python %S/Inputs/gen_grouped_scales.py --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t --reference | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK: reference lowering: 60 plain products compared
// CHECK: grouped: 69 products (60 plain, 9 compressed), 0 mismatches
