// The edges of the dataflow loops' tiles, JIT-run: Inputs/dataflow_tiles.py
// writes sparq.matmul cases whose shapes are not multiples of the register
// tiles (8 x vector<8>), of the 8 x 8 transposed blocks of the C^T
// orientation (and X^T copies with padded rows), of the dense GEMM's 6 x 16 tiles, 256-deep reduction blocks
// and 512-wide column blocks, with empty rows and columns, in f32 (CSC, CSR
// on either side, 2:4, dense x dense) and int8 (si8 CSC and dense, ui8 with
// a zero point); numpy's products are embedded and @main prints, per case,
// how many outputs differ (all values are small integers: float sums are
// exact, so every count must be 0).
// RUN: %python %S/Inputs/dataflow_tiles.py > %t.mlir
// RUN: sparq-opt %t.mlir --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The 16-lane variant (AVX-512 sized vectors, wider tiles and blocks):
// RUN: sparq-opt %t.mlir --sparq-lower-dataflow="vector-lanes=16 register-tile=4" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// K-blocked row kernels with small forced blocks (K not a multiple of the
// block, row blocks not a multiple of the rows, N:M blocks rounded up to
// whole groups), at 8 and 16 lanes:
// RUN: sparq-opt %t.mlir --sparq-lower-dataflow="k-block-size=8 k-block-rows=3" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-lower-dataflow="vector-lanes=16 register-tile=4 k-block-size=10 k-block-rows=5" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The CSC weights compressed at compile time instead (--sparq-pack: constant
// parts, so the K-blocks' entry positions are computed in the compiler, and
// each block of a line is padded with zeros to a multiple of the accumulator
// chains, 2 at 16 lanes x 8 vectors and at 8 lanes x 4 vectors):
// RUN: %python %S/Inputs/dataflow_tiles.py csc_ --plain-weights > %t.plain.mlir
// RUN: sparq-opt %t.plain.mlir --sparq-pack=format=csc --sparq-lower-dataflow="vector-lanes=16 k-block-size=8 k-block-rows=3" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=PLAIN
// RUN: sparq-opt %t.plain.mlir --sparq-pack=format=csc --sparq-lower-dataflow="vector-lanes=8 register-tile=4 k-block-size=8 k-block-rows=5" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=PLAIN
// PLAIN: csc_13x37x70 mismatches 0
// PLAIN-NEXT: csc_75x20x16 mismatches 0
// PLAIN-NEXT: csc_9x12x5 mismatches 0
// PLAIN-NEXT: i8csc_13x37x70 mismatches 0
// PLAIN-NEXT: csc_128x37x21 mismatches 0
// PLAIN-NEXT: i8csc_128x37x21 mismatches 0
// PLAIN-NEXT: i8csc_21x37x32 mismatches 0
// The 2:4 weight compressed at compile time (--sparq-pack=format=nm: 2-bit
// metadata packed into bytes, which the loops read packed): at 16 lanes
// unblocked and in blocks of 2 groups (a byte per loop step, two groups'
// fields at constant shifts), in blocks of 1 group (the field's shift
// computed per slot), and at 8 lanes:
// RUN: %python %S/Inputs/dataflow_tiles.py nm_ --plain-weights > %t.nm.mlir
// RUN: sparq-opt %t.nm.mlir --sparq-pack=format=nm --sparq-lower-dataflow="vector-lanes=16" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=NM
// RUN: sparq-opt %t.nm.mlir --sparq-pack=format=nm --sparq-lower-dataflow="vector-lanes=16 k-block-size=8 k-block-rows=5" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=NM
// RUN: sparq-opt %t.nm.mlir --sparq-pack=format=nm --sparq-lower-dataflow="vector-lanes=16 k-block-size=4 k-block-rows=3" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=NM
// RUN: sparq-opt %t.nm.mlir --sparq-pack=format=nm --sparq-lower-dataflow="vector-lanes=8 register-tile=4" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=NM
// NM: nm_11x40x24 mismatches 0
// NM-NOT: mismatches
// C^T = W^T X^T written as such, X^T a run-time argument whose 37-float
// rows start off cache lines: with W^T compressed at compile time (constant
// positions) the row kernel reads an aligned copy of X^T (alignedRowsCopy;
// int8: the converting copy), at 16 and 8 lanes, K-blocked or not:
// RUN: %python %S/Inputs/dataflow_tiles.py csr_24 --plain-weights > %t.wt.mlir
// RUN: sparq-opt %t.wt.mlir --sparq-pack=format=csr --sparq-lower-dataflow="vector-lanes=16" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=WT
// RUN: sparq-opt %t.wt.mlir --sparq-pack=format=csr --sparq-lower-dataflow="vector-lanes=8 register-tile=4 k-block-size=8 k-block-rows=5" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=WT
// WT: wt_csr_24x40x37 mismatches 0
// WT-NEXT: wt_i8csr_24x40x37 mismatches 0
// RUN: %python %S/Inputs/dataflow_tiles.py 2of4 --plain-weights > %t.wtnm.mlir
// RUN: sparq-opt %t.wtnm.mlir --sparq-pack=format=nm --sparq-lower-dataflow="vector-lanes=16" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=WTNM
// RUN: sparq-opt %t.wtnm.mlir --sparq-pack=format=nm --sparq-lower-dataflow="vector-lanes=8 k-block-size=8 k-block-rows=3" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s --check-prefix=WTNM
// WTNM: wt_2of4_24x40x37 mismatches 0
// Scalar lanes (no vectors, the edge code everywhere):
// RUN: sparq-opt %t.mlir --sparq-lower-dataflow="vector-lanes=1 register-tile=3" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

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
// CHECK-NEXT: csc_128x37x21 mismatches 0
// CHECK-NEXT: i8csc_128x37x21 mismatches 0
// CHECK-NEXT: i8csc_21x37x32 mismatches 0
// CHECK-NEXT: wt_csr_24x40x37 mismatches 0
// CHECK-NEXT: wt_2of4_24x40x37 mismatches 0
// CHECK-NEXT: wt_i8csr_24x40x37 mismatches 0
