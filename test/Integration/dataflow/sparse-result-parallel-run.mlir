// Compressed results with the OpenMP path of the dataflow loops
// (--sparq-lower-dataflow="parallel=true min-parallel-work=0",
// --sparq-to-llvm="parallel=true", two threads): the int8 products of
// sparse-result-run.mlir (csr / csc results) against numpy and sparq.pack,
// as there. Products the pass runs in parallel keep the whole-matrix
// compaction (its product loops are parallel) instead of the sequential
// band-by-band one, so the plans count no bands here; the line-by-line path
// stays sequential.
// REQUIRES: libomp
// RUN: %python %S/Inputs/gen_sparse_result.py --parallel --set csr --dtype i8 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs,%libomp --work %t | FileCheck %s
// The compressed-result kernels (@kN; the @pN kernels compute the plain
// results that sparq.pack checks them against) that lower to omp.parallel:
// RUN: sparq-opt %t/sparse-result-csr-i8.mlir --sparq-lower-dataflow="parallel=true min-parallel-work=0" --sparq-to-llvm=parallel=true | awk '/llvm.func @/ { f = $2 } /omp.parallel/ && f ~ /^@k/ { print f }' | FileCheck %s --check-prefix=IR
// CHECK-NOT: MISMATCH
// CHECK: i8: 26 products, 0 mismatches
// CHECK-NEXT: by line: 8, by bands: 0, compacted: 18
// IR:      @k7(
// IR-NEXT: @k7(
// IR-NEXT: @k8(
// IR-NEXT: @k9(
// IR-NEXT: @k10(
// IR-NEXT: @k11(
// IR-NEXT: @k12(
// IR-NEXT: @k16(
// IR-NEXT: @k17(
// IR-NEXT: @k17(
// IR-NEXT: @k18(
// IR-NEXT: @k19(
// IR-NEXT: @k20(
// IR-NEXT: @k21(
// IR-NEXT: @k22(
// IR-NEXT: @k25(
// IR-NOT: @k
