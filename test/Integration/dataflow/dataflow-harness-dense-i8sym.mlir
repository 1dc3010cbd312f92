// dataflow(dense) x format of A x format of B (dense, csr, csc, coo, bitmap,
// nm<2, 4>, bcsr), every pair once with run-time operands (scattered into a
// zeroed dense matrix by generated code) and once with constants
// (decompressed in the compiler), JIT-run through --sparq-to-llvm and
// compared with numpy by Inputs/gen_harness.py; symmetric int8, acc(i32): bit-exact (every third product an f32 result within 1e-5 * |ref| + 1e-6).
// RUN: %python %S/Inputs/gen_harness.py --dtype i8sym --dataflows dense,dense --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK: i8sym: 98 products, 0 mismatches
