// Every dataflow (inner, outer, row) x format of A x format of B (dense, csr,
// csc, coo, bitmap, nm<2, 4>, bcsr), shapes with odd sizes and empty rows and
// columns, densities 0 to 1, JIT-run through --sparq-to-llvm and compared
// with numpy by Inputs/gen_harness.py: asymmetric ui8 activations with a
// per-tensor zero point in [100, 155] x asymmetric si8 weights with
// per-channel zero points, acc(i32). Each third product has an i32 result
// (bit-exact), each third an f32 result (sa * sb[n] * sum, within 1e-5
// relative), and each third is requantized to si8 by a sparq.requantize
// that the dataflow lowering applies in the matmul's epilogue: per output
// channel power-of-two scales, so that exact ties (round half to even) and
// saturation both occur; bit-exact against numpy's rint and clip.
// RUN: %python %S/Inputs/gen_harness.py --dtype u8asym --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t --known-rejection "cannot lower this matmul" | FileCheck %s
// CHECK-NOT: MISMATCH
// CHECK-NOT: REJECTED
// CHECK: u8asym: 147 products, 147 compared, 0 rejected by the compiler, 0 mismatches
