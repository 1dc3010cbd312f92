// Convolutions whose filter scales (and zero points) are grouped along the
// input channels (FCHW group(1, g), HWCF group(2, g)) are rewritten by
// --sparq-conv2d-to-matmul (K order kh, kw, c; an FCHW filter permuted in
// the compiler) and JIT-run through --sparq-to-llvm; every result is compared
// with an independent numpy reference (a direct convolution, not im2col) by
// Inputs/conv2d_grouped_reference.py, which generates the module:
// - f32 activations x si8 / si4 filters (symmetric, and asymmetric with
//   grouped zero points), acc(f32): within 1e-5 * sum |x w| + 1e-6 (the
//   rewrite sums in the order kh, kw, c instead of linalg's c, kh, kw);
// - ui8 asymmetric activations (padded with their zero point) x si8
//   asymmetric filters, acc(i32): i32 results bit-exact, f32 results bit for
//   bit against the grouped-K definition (exact integer partial per group,
//   scaled and summed in f64 in the group order kh, kw, c-group, rounded once);
// odd sizes, batch 2, strides 2, dilations 2, asymmetric padding, a CSR HWCF
// filter.
// RUN: %python %S/Inputs/conv2d_grouped_reference.py --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s
// CHECK: conv2d left after the rewrite: 0
// CHECK: matmuls after the rewrite: 7
// CHECK: fchw-f32: 210 values, 0 mismatches
// CHECK: fchw-f32-si4-asym: 75 values, 0 mismatches
// CHECK: hwcf-f32: 60 values, 0 mismatches
// CHECK: fchw-i8-i32: 126 values, 0 mismatches
// CHECK: fchw-i8-f32: 126 values, 0 mismatches
// CHECK: hwcf-i8-f32: 48 values, 0 mismatches
// CHECK: hwcf-i8-csr-i32: 48 values, 0 mismatches
