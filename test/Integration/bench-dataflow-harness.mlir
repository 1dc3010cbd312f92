// The correctness check of bench/dataflow's timing harness, on tiny odd
// shapes and without timing (REPS = 0): kernels that compute X * W must be
// reported ok, and a kernel built from another weight must be reported
// WRONG (bench/dataflow times only the kernels that pass). Not a timed test.
// REQUIRES: openblas-eigen
// RUN: rm -rf %t && mkdir -p %t
// RUN: %sparq_src_root/bench/dataflow/compile.sh harness %t/bench
//
// f32, 50% unstructured, W in CSR and in CSC, in both orientations (X * W,
// and W^T * X^T: X^T in, C^T out, checked transposed); sparq_dense and
// sparq_dense_wx come from a weight of another seed.
// RUN: %python %sparq_src_root/bench/dataflow/gen.py %t/f 5 8 6 0.5 f32 3
// RUN: %python %sparq_src_root/bench/dataflow/gen.py %t/g 5 8 6 0.5 f32 4
// RUN: SPARQ_OPT=sparq-opt SPARQ_FLAGS= SPARQ_PARALLEL=0 %sparq_src_root/bench/dataflow/compile.sh case %t/f "csr csc" %t/g/sparq.mlir
// RUN: %t/bench %t/f %t/f/kernels.so 0 | FileCheck %s --check-prefix=F32
// F32: kernel=openblas status=ok
// F32: kernel=eigen status=ok
// F32: kernel=eigen_wx status=ok
// F32: kernel=sparq_csr status=ok check=1e-4*|X||W|+1e-5_vs_openblas
// F32: kernel=sparq_csc status=ok check=1e-4*|X||W|+1e-5_vs_openblas
// F32: kernel=sparq_dense status=WRONG err=
// F32: kernel=sparq_wx_csr status=ok check=1e-4*|X||W|+1e-5_vs_openblas
// F32: kernel=sparq_wx_csc status=ok check=1e-4*|X||W|+1e-5_vs_openblas
// F32: kernel=sparq_dense_wx status=WRONG err=
// F32: kernel=up_xw status=ok
// F32: kernel=up_wx status=ok
// F32: kernel=up_xw_v8 status=ok
// F32: kernel=up_wx_v8 status=ok
//
// int8, 2:4 along K, SparQ's nm format; bit-exact against the plain C++ GEMM.
// RUN: %python %sparq_src_root/bench/dataflow/gen.py %t/i 5 8 6 2:4 i8 5
// RUN: SPARQ_OPT=sparq-opt SPARQ_FLAGS= SPARQ_PARALLEL=0 %sparq_src_root/bench/dataflow/compile.sh case %t/i nm %t/i/sparq.mlir
// RUN: %t/bench %t/i %t/i/kernels.so 0 | FileCheck %s --check-prefix=I8
// I8: kernel=i8gemm status=ok
// I8: kernel=eigen status=ok
// I8: kernel=eigen_wx status=ok
// I8: kernel=sparq_nm status=ok check=bit-exact_vs_i8gemm
// I8: kernel=sparq_dense status=ok check=bit-exact_vs_i8gemm
// I8: kernel=sparq_wx_nm status=ok check=bit-exact_vs_i8gemm
// I8: kernel=sparq_dense_wx status=ok check=bit-exact_vs_i8gemm
// I8: kernel=up_xw status=ok check=bit-exact_vs_i8gemm
// I8: kernel=up_wx status=ok check=bit-exact_vs_i8gemm
