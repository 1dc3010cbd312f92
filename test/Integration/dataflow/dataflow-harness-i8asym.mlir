// Every dataflow (inner, outer, row) x format of A x format of B (dense, csr,
// csc, coo, bitmap, nm<2, 4>, bcsr), shapes with odd sizes and empty rows and
// columns, densities 0 to 1, JIT-run through --sparq-to-llvm and compared
// with numpy by Inputs/gen_harness.py (which says how); asymmetric
// per-channel si8 operands (per-channel zero points), acc(i32), i32 results
// bit-exact and (every third) f32 results within 1e-5 relative.
//
// Through the dataflow lowering: every product, sparse operands with
// per-channel zero points included (zero points removed per stored entry, a
// dense run-time operand corrected by row / column sums; docs/dataflow.md,
// Numerics). Any product the dataflow lowering rejects is counted as
// rejected and fails the CHECK below.
// RUN: %python %S/Inputs/gen_harness.py --dtype i8asym --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t --known-rejection "cannot lower this matmul" | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK-NOT: REJECTED
// CHECK: i8asym: 147 products, 147 compared, 0 rejected by the compiler, 0 mismatches
//
// The reference lowering alone takes all 147, and they must match.
// RUN: %python %S/Inputs/gen_harness.py --dtype i8asym --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t.ref --llvm-options dataflow=false | FileCheck %s --check-prefix=REF
// REF-NOT: MISMATCH
// REF: i8asym: 147 products, 0 mismatches
