// Every dataflow (inner, outer, row) x format of A x format of B (dense, csr,
// csc, coo, bitmap, nm<2, 4>, bcsr), shapes with odd sizes and empty rows and
// columns, densities 0 to 1, JIT-run through --sparq-to-llvm and compared
// with numpy by Inputs/gen_harness.py (which says how); f32 operands, f32 accumulator and result: within 1e-5 * sum_k |a b| + 1e-5 * |ref| + 1e-6.
// RUN: %python %S/Inputs/gen_harness.py --dtype f32 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK: f32: 147 products, 0 mismatches
