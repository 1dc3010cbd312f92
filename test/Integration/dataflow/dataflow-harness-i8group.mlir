// Every dataflow (inner, outer, row) x format of A x format of B (dense, csr,
// csc, coo, bitmap, nm<2, 4>, bcsr), shapes with odd sizes and empty rows and
// columns, densities 0 to 1, JIT-run through --sparq-to-llvm and compared
// with numpy by Inputs/gen_harness.py: asymmetric ui8 A (per-tensor zero
// point) x asymmetric si8 B whose scales and zero points are grouped along K
// (group(0, g), g the largest of 4, 3, 2 dividing K, else channel(0)),
// acc(i32), f32 results sum_k (a - za) sa (b - zb[k/g, n]) sb[k/g, n] within
// 1e-5 relative. One operand is a constant in every product: both in half of
// them, B in a quarter (A a function argument), A in a quarter (B an
// argument, so A is the operand expanded per group and B's group zero points
// are removed in generated code). The dataflow lowering sums each group
// exactly in i32 and scales per group.
// RUN: %python %S/Inputs/gen_harness.py --dtype i8group --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t --known-rejection "cannot lower this matmul" | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK-NOT: REJECTED
// CHECK: i8group: 147 products, 147 compared, 0 rejected by the compiler, 0 mismatches
