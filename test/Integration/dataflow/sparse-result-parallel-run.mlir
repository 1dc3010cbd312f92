// Compressed results with the OpenMP path of the dataflow loops
// (--sparq-lower-dataflow="parallel=true min-parallel-work=0",
// --sparq-to-llvm="parallel=true", two threads): the int8 products of
// sparse-result-run.mlir (csr / csc results) against numpy, as there. The
// whole-matrix compaction runs the product loops in parallel (5 of these
// products lower to omp.parallel); the line-by-line and band-by-band paths
// stay sequential, so the plan counts are those of the sequential run.
// REQUIRES: libomp
// RUN: %python %S/Inputs/gen_sparse_result.py --parallel --set csr --dtype i8 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs,%libomp --work %t | FileCheck %s
// The compressed-result kernels (@kN; the @pN kernels compute the plain
// results that sparq.pack checks them against) that lower to omp.parallel:
// RUN: sparq-opt %t/sparse-result-csr-i8.mlir --sparq-lower-dataflow="parallel=true min-parallel-work=0" --sparq-to-llvm=parallel=true | awk '/llvm.func @/ { f = $2 } /omp.parallel/ && f ~ /^@k/ { print f }' | FileCheck %s --check-prefix=IR
// CHECK-NOT: MISMATCH
// CHECK: i8: 26 products, 0 mismatches
// CHECK-NEXT: by line: 8, by bands: 9, compacted: 9
// IR:      @k8(
// IR-NEXT: @k11(
// IR-NEXT: @k12(
// IR-NEXT: @k22(
// IR-NEXT: @k25(
// IR-NOT: @k
