// Every dataflow (inner, outer, row) x format of A x format of B (dense, csr,
// csc, coo, bitmap, nm<2, 4>, bcsr), shapes with odd sizes and empty rows and
// columns, densities 0 to 1, JIT-run through --sparq-to-llvm and compared
// with numpy by Inputs/gen_harness.py (which says how); asymmetric per-channel si8 operands (per-channel zero points), acc(i32), i32 results bit-exact and (every third) f32 results within 1e-5 relative.
// RUN: %python %S/Inputs/gen_harness.py --dtype i8asym --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK: i8asym: 147 products, 0 mismatches
