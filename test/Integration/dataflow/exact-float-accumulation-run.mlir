// Exact float accumulation of integer products (docs/dataflow.md, Numerics),
// JIT-run on both sides of its bound: Inputs/gen_exact_float.py writes
// kernels whose partial sums reach 2^24 exactly (1024 products of
// -128 * -128; 32768 * 512 with i16 activations; 255 * 65790 with ui8
// asymmetric activations and a folded asymmetric weight), which take the f32
// path, and kernels one step past it (C[0, 0] = 2^24 + 1, which f32 cannot
// hold), which keep i32 or, on the dense GEMM, sum in f32 per 256-deep
// reduction block and add the block sums in i32; constant dense / CSC / CSR
// (outer, inner) / left CSR weights, a 2:4 weight as --sparq-pack stores it
// (constant values, packed metadata: the column sums of |w| come from the
// values alone, which puts K = 2048 at the bound and K = 2052 past it),
// run-time CSR and 2:4 weights, both operands run-time (dense GEMM),
// dataflow(dense) on a constant 2:4, a run-time 2:4 and a run-time CSR
// weight past the bound (decompressed in the compiler or scattered), and
// K = 3456 dense GEMMs, B also stored [N, K] with transpose_b
// (C[0, 0] = 56606721, odd and above 2^24: f32 across
// blocks would round it). numpy's int64 products are embedded: every kernel
// must report 0 mismatches by default and with exact-float-accumulation=false,
// and print the adversarial C[0, 0].
// RUN: %python %S/Inputs/gen_exact_float.py > %t.mlir
// RUN: sparq-opt %t.mlir --sparq-lower-dataflow=print-plan=true -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN
// RUN: sparq-opt %t.mlir --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-lower-dataflow=exact-float-accumulation=false --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

// PLAN: accumulate in f32, exact: |partial sums| <= 128 (max |A| of its type) * 131072 (max column sum of |B|) = 16777216 <= 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 128 (max |A| of its type) * 131072 (max column sum of |B|) = 16777216 <= 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 128 (max |A| of its type) * 131072 (max column sum of |B|) = 16777216 <= 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 128 (max |A| of its type) * 131072 (max column sum of |B|) = 16777216 <= 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 1024 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 16777216 <= 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 1024 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 16777216 <= 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 128 (max |A| of its type) * 65536 (max column sum of |B|) = 8388608 <= 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 128 (max |A| of its type) * 131072 (max column sum of |B|) = 16777216 <= 2^24
// PLAN: accumulate in i32: |partial sums| <= 128 (max |A| of its type) * 131201 (max column sum of |B|) = 16793728, above 2^24
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its values) = 4194304 <= 2^24 (of all K: <= 128 (max |A| of its type) * 131201 (max column sum of |B|) = 16793728); block sums converted and added in i32
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its type) = 4194304 <= 2^24 (of all K: <= 2052 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 33619968); block sums converted and added in i32
// PLAN: accumulate in f32, exact: |partial sums| <= 128 (max |B| of its type) * 131072 (max row sum of |A|) = 16777216 <= 2^24
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its values) = 4194304 <= 2^24 (of all K: <= 128 (max |A| of its type) * 131073 (max column sum of |B|) = 16777344); block sums converted and added in i32
// PLAN: accumulate in i32: |partial sums| <= 128 (max |A| of its type) * 131073 (max column sum of |B|) = 16777344, above 2^24
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its type) = 4194304 <= 2^24 (of all K: <= 1025 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 16793600); block sums converted and added in i32
// PLAN: accumulate in f32, exact: |partial sums| <= 1024 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 16777216 <= 2^24
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its type) = 4194304 <= 2^24 (of all K: <= 1025 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 16793600); block sums converted and added in i32
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its values) = 4194304 <= 2^24 (of all K: <= 128 (max |A| of its type) * 442241 (max column sum of |B|) = 56606848); block sums converted and added in i32
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its type) = 4194304 <= 2^24 (of all K: <= 3456 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 56623104); block sums converted and added in i32
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its type) = 4194304 <= 2^24 (of all K: <= 3456 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 56623104); block sums converted and added in i32
// PLAN: accumulate in f32, exact: |partial sums| <= 32768 (max |A| of its type) * 512 (max column sum of |B|) = 16777216 <= 2^24
// PLAN: accumulate in i32: |partial sums| <= 32768 (max |A| of its type) * 513 (max column sum of |B|) = 16809984, above 2^24
// PLAN: accumulate in f32, exact: |partial sums| <= 255 (max |A| of its type) * 65790 (max column sum of |B|) = 16776450 <= 2^24
// PLAN: accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 255 (max |A| of its type) * 255 (max |B| of its values) = 16646400 <= 2^24 (of all K: <= 255 (max |A| of its type) * 66045 (max column sum of |B|) = 16841475); block sums converted and added in i32

// CHECK: dense_k1024 mismatches 0
// CHECK-NEXT: dense_k1024 c00 16777216
// CHECK-NEXT: csc_k1024 mismatches 0
// CHECK-NEXT: csc_k1024 c00 16777216
// CHECK-NEXT: csr_outer_k1024 mismatches 0
// CHECK-NEXT: csr_outer_k1024 c00 16777216
// CHECK-NEXT: csr_inner_k1024 mismatches 0
// CHECK-NEXT: csr_inner_k1024 c00 16777216
// CHECK-NEXT: rt_csr_k1024 mismatches 0
// CHECK-NEXT: rt_csr_k1024 c00 16777216
// CHECK-NEXT: nm_k1024 mismatches 0
// CHECK-NEXT: nm_k1024 c00 8388608
// CHECK-NEXT: nm_const_k1024 mismatches 0
// CHECK-NEXT: nm_const_k1024 c00 8388608
// CHECK-NEXT: nm_const_k2048 mismatches 0
// CHECK-NEXT: nm_const_k2048 c00 16777216
// CHECK-NEXT: nm_const_k2052 mismatches 0
// CHECK-NEXT: nm_const_k2052 c00 16793601
// CHECK-NEXT: nm_const_dense_k2052 mismatches 0
// CHECK-NEXT: nm_const_dense_k2052 c00 16793601
// CHECK-NEXT: nm_dense_k2052 mismatches 0
// CHECK-NEXT: nm_dense_k2052 c00 16793601
// CHECK-NEXT: lhs_csr_k1024 mismatches 0
// CHECK-NEXT: lhs_csr_k1024 c00 16777216
// CHECK-NEXT: dense_k1025 mismatches 0
// CHECK-NEXT: dense_k1025 c00 16777217
// CHECK-NEXT: csc_k1025 mismatches 0
// CHECK-NEXT: csc_k1025 c00 16777217
// CHECK-NEXT: rt_csr_dense_k1025 mismatches 0
// CHECK-NEXT: rt_csr_dense_k1025 c00 16777217
// CHECK-NEXT: rt_k1024 mismatches 0
// CHECK-NEXT: rt_k1024 c00 16777216
// CHECK-NEXT: rt_k1025 mismatches 0
// CHECK-NEXT: rt_k1025 c00 16777217
// CHECK-NEXT: dense_k3456_blocks mismatches 0
// CHECK-NEXT: dense_k3456_blocks c00 56606721
// CHECK-NEXT: rt_k3456_blocks mismatches 0
// CHECK-NEXT: rt_k3456_blocks c00 56606721
// CHECK-NEXT: rt_t_k3456_blocks mismatches 0
// CHECK-NEXT: rt_t_k3456_blocks c00 56606721
// CHECK-NEXT: i16_at_bound mismatches 0
// CHECK-NEXT: i16_at_bound c00 16777216
// CHECK-NEXT: i16_past_bound mismatches 0
// CHECK-NEXT: i16_past_bound c00 16777217
// CHECK-NEXT: u8z_asym_f32 mismatches 0
// CHECK-NEXT: u8z_asym_f32 c00 16579080
// CHECK-NEXT: u8z_asym_i32 mismatches 0
// CHECK-NEXT: u8z_asym_i32 c00 16579080
