// dataflow(dense) x format of A x format of B (dense, csr, csc, coo, bitmap,
// nm<2, 4>, bcsr), every pair once with run-time operands (scattered into a
// zeroed dense matrix by generated code) and once with constants
// (decompressed in the compiler), JIT-run through --sparq-to-llvm and
// compared with numpy by Inputs/gen_harness.py; ui8 activations x asymmetric si8, i32 / f32 / requantized si8 results: integers bit-exact.
// RUN: %python %S/Inputs/gen_harness.py --dtype u8asym --dataflows dense,dense --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK: u8asym: 98 products, 0 mismatches
