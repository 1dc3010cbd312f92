// The OpenMP path of the dataflow loops (--sparq-to-llvm="parallel=true",
// scf.parallel over blocks of rows lowered by convert-scf-to-openmp), JIT-run
// with LLVM's libomp (Debian libomp-22-dev) on two threads over the cases of
// Inputs/dataflow_tiles.py (every tile edge; numpy's products embedded; the
// number of differing outputs must be 0). min-parallel-work=0 makes every
// matmul parallel, however small.
// REQUIRES: libomp
// RUN: %python %S/Inputs/dataflow_tiles.py > %t.mlir
// RUN: sparq-opt %t.mlir --sparq-lower-dataflow="parallel=true min-parallel-work=0" --sparq-to-llvm=parallel=true > %t.llvm.mlir
// RUN: FileCheck %s --check-prefix=IR < %t.llvm.mlir
// RUN: env OMP_NUM_THREADS=2 mlir-runner %t.llvm.mlir -e main -entry-point-result=void -shared-libs=%mlir_runner_libs,%libomp | FileCheck %s

// IR: omp.parallel
// IR: omp.wsloop

// CHECK: csc_13x37x70 mismatches 0
// CHECK-NEXT: csr_13x37x70 mismatches 0
// CHECK-NEXT: csc_75x20x16 mismatches 0
// CHECK-NEXT: csc_9x12x5 mismatches 0
// CHECK-NEXT: csra_21x30x75 mismatches 0
// CHECK-NEXT: nm_11x40x24 mismatches 0
// CHECK-NEXT: dense_13x260x530 mismatches 0
// CHECK-NEXT: dense_7x9x5 mismatches 0
// CHECK-NEXT: i8csc_13x37x70 mismatches 0
// CHECK-NEXT: i8dense_13x260x40 mismatches 0
// CHECK-NEXT: u8dense_9x33x20 mismatches 0
