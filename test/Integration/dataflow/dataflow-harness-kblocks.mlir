// The correctness harness (Inputs/gen_harness.py) with the K-blocked row
// kernels forced onto its small shapes: blocks of 4 K indices and row blocks
// of 3 rows (rounded up to the vector lanes where the output is transposed),
// so the products whose sparse operand is a constant CSR / CSC / COO / BCSR
// (block positions computed in the compiler) or N:M, times a dense operand,
// take several blocks with a partial last one. Same tolerance and
// bit-exactness as the unblocked runs (gen_harness.py says which).
// RUN: %python %S/Inputs/gen_harness.py --dtype f32 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t --opt-flags="'--sparq-lower-dataflow=k-block-size=4 k-block-rows=3'" | FileCheck %s --check-prefix=F32
// RUN: %python %S/Inputs/gen_harness.py --dtype i8sym --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t --opt-flags="'--sparq-lower-dataflow=k-block-size=4 k-block-rows=3 vector-lanes=16'" | FileCheck %s --check-prefix=I8
// F32-NOT: MISMATCH
// F32: f32: 147 products, 0 mismatches
// I8-NOT: MISMATCH
// I8: i8sym: 147 products, 0 mismatches
