// RUN: sparq-opt %s --sparq-lower-dataflow --canonicalize --cse | FileCheck %s
// RUN: sparq-opt %s --sparq-lower-dataflow=print-plan -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN
// RUN: sparq-opt %s --sparq-report="file=-" -o /dev/null | FileCheck %s --check-prefix=REPORT
// With parallel=true, a product at least min-parallel-work large keeps the
// whole-matrix compaction (parallel product loops); a smaller one (the
// default threshold) keeps the sequential band-by-band path:
// RUN: sparq-opt %s --sparq-lower-dataflow="print-plan parallel=true min-parallel-work=0" -o /dev/null 2>&1 | FileCheck %s --check-prefix=PAR
// RUN: sparq-opt %s --sparq-lower-dataflow="print-plan parallel=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SEQ
// PAR: result bitmap compacted from the dense accumulator
// SEQ: result bitmap compacted band by band (5 output lines at a time)

// The report says how each dataflow would build the result (row_csr):
// REPORT:      "lowering": {
// REPORT:        "inner": {
// REPORT:          "result": "csr compacted band by band (3 lines)",
// REPORT:        "outer": {
// REPORT:          "result": "csr compacted from a dense accumulator",
// REPORT:        "row": {
// REPORT:          "result": "csr built line by line",

// Compressed (csr / csc, then coo / bitmap / bcsr) results of
// --sparq-lower-dataflow (docs/dataflow.md, "Compressed results");
// sparse-result-run.mlir and sparse-result-formats-run.mlir run them.

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc>

// CHECK: #[[CSR16:.*]] = #sparq.encoding<csr, pos_width = 16, crd_width = 8>

// Row-wise over two sparse operands, csr result: Gustavson with one dense
// accumulator line of N = 5 partial sums and a touched-column bitset of one
// word; room counted first (sum over rows of min(N, products)); the touched
// bits walked with cttz, each value stored at the cursor, which advances only
// for a nonzero (cmpf une: no branch); the parts trimmed to nnz and
// assembled.
// PLAN: remark: dataflow row, orientation C = A * B, A iterated as csr(rows), B iterated as csr(rows), result csr built line by line (one dense accumulator line + touched-index bitset)
// CHECK-LABEL: func.func @row_csr
// CHECK: arith.minui
// CHECK: %[[LINE:.*]] = memref.alloc() : memref<5xf32>
// CHECK: %[[TOUCHED:.*]] = memref.alloc() : memref<1xi64>
// CHECK: math.fma
// CHECK: arith.ori
// CHECK: memref.store {{.*}}, %[[TOUCHED]]
// CHECK: scf.while
// CHECK: math.cttz
// CHECK: memref.store %{{.*}}, %[[LINE]]
// CHECK: arith.cmpf une
// CHECK: arith.select
// CHECK-NOT: scf.if
// CHECK: memref.reinterpret_cast
// CHECK: sparq.assemble values({{.*}} : tensor<?xf32>) positions({{.*}} : tensor<4xi32>) coordinates({{.*}} : tensor<?xi32>) : tensor<3x5xf32, #csr>
func.func @row_csr(%a: tensor<3x4xf32, #csr>, %b: tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #csr> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr> -> tensor<3x5xf32, #csr>
  return %c : tensor<3x5xf32, #csr>
}

// A csc result under row: the loops compute C^T = B^T * A^T, whose rows are
// the result's columns (A and B read by columns).
// PLAN: remark: dataflow row, orientation C^T = B^T * A^T, A iterated as csc(columns), B iterated as csc(columns), result csc built line by line (one dense accumulator line + touched-index bitset); convert A csr(rows) -> csc(columns) at run time (row reads this operand by columns but csr groups it by rows); convert B csr(rows) -> csc(columns) at run time (row reads this operand by columns but csr groups it by rows)
// CHECK-LABEL: func.func @row_csc
// CHECK: memref.alloc() : memref<3xf32>
// CHECK: sparq.assemble {{.*}} positions({{.*}} : tensor<6xi32>) {{.*}} : tensor<3x5xf32, #csc>
func.func @row_csc(%a: tensor<3x4xf32, #csr>, %b: tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #csc> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr> -> tensor<3x5xf32, #csc>
  return %c : tensor<3x5xf32, #csc>
}

// Other dataflows (and a dense operand) accumulate densely with their own
// loops, then compact in two passes (count, fill); the index widths follow
// the result's encoding.
// PLAN: remark: dataflow outer, orientation C = A * B, A iterated as csc(columns), B iterated as csr(rows), result csr compacted from the dense accumulator; convert A csr(rows) -> csc(columns) at run time (outer reads this operand by columns but csr groups it by rows)
// CHECK-LABEL: func.func @outer_csr
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<3x5xi32>
// CHECK: arith.cmpi ne
// CHECK: memref.alloc() : memref<4xi16>
// CHECK: sparq.assemble {{.*}} positions({{.*}} : tensor<4xi16>) coordinates({{.*}} : tensor<?xi8>) : tensor<3x5xi32, #[[CSR16]]>
func.func @outer_csr(%a: tensor<3x4xi8, #csr>, %b: tensor<4x5xi8, #csr>) -> tensor<3x5xi32, #sparq.encoding<csr, pos_width = 16, crd_width = 8>> {
  %c = sparq.matmul %a, %b acc(i32) dataflow(outer) : tensor<3x4xi8, #csr>, tensor<4x5xi8, #csr> -> tensor<3x5xi32, #sparq.encoding<csr, pos_width = 16, crd_width = 8>>
  return %c : tensor<3x5xi32, #sparq.encoding<csr, pos_width = 16, crd_width = 8>>
}

// coo, bitmap and bcsr results (sparse-result-formats-run.mlir runs them).

// coo, row-wise over two sparse operands: built line by line like csr (each
// row of C is a line), the coordinates part holding (row, column) pairs.
// PLAN: remark: dataflow row, orientation C = A * B, A iterated as csr(rows), B iterated as csr(rows), result coo built line by line (one dense accumulator line + touched-index bitset)
// CHECK-LABEL: func.func @row_coo
// CHECK: arith.minui
// CHECK: %[[CRD:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x2xi16>
// CHECK: memref.alloc() : memref<5xf32>
// CHECK: math.cttz
// CHECK: arith.cmpf une
// CHECK: memref.store %{{.*}}, %[[CRD]][%{{.*}}, %c0] : memref<?x2xi16>
// CHECK: memref.store %{{.*}}, %[[CRD]][%{{.*}}, %c1] : memref<?x2xi16>
// CHECK-NOT: scf.if
// CHECK: memref.reinterpret_cast %[[CRD]] to offset: [0], sizes: [%{{.*}}, 2], strides: [2, 1]
// CHECK: sparq.assemble values({{.*}} : tensor<?xf32>) coordinates({{.*}} : tensor<?x2xi16>) : tensor<3x5xf32, #{{.*}}>
func.func @row_coo(%a: tensor<3x4xf32, #csr>, %b: tensor<4x5xf32, #csr>) -> tensor<3x5xf32, #sparq.encoding<coo, crd_width = 16>> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<3x4xf32, #csr>, tensor<4x5xf32, #csr> -> tensor<3x5xf32, #sparq.encoding<coo, crd_width = 16>>
  return %c : tensor<3x5xf32, #sparq.encoding<coo, crd_width = 16>>
}

// bitmap, inner over a dense B (10 x 70): the rows of C come out whole, so
// the product is computed 5 rows at a time into a 5 x 70 band (A's band
// positions copied into a 6-entry buffer), each band compacted in row-major
// order right away, each nonzero's bit ORed into its word (2 words per
// row); the values buffer starts with room for one band + 1 (351) and grows
// (scf.if once per band: max(2 * capacity, need), the used entries copied).
// PLAN: remark: dataflow inner, orientation C = A * B, A iterated as csr(rows), B iterated as dense(rows), result bitmap compacted band by band (5 output lines at a time)
// CHECK-LABEL: func.func @inner_bitmap
// CHECK: %[[BITS:.*]] = memref.alloc() {alignment = 64 : i64} : memref<10x2xi64>
// CHECK: memref.alloc() : memref<351xf32>
// CHECK: %[[BAND:.*]] = memref.alloc() {alignment = 64 : i64} : memref<5x70xf32>
// CHECK: %[[POS:.*]] = memref.alloc() : memref<6xi32>
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1 iter_args({{.*}}) -> (index, index, memref<?xf32>)
// CHECK: memref.store %{{.*}}, %[[POS]]
// CHECK: vector.store %{{.*}}, %[[BAND]]
// CHECK: scf.if %{{.*}} -> (memref<?xf32>, index)
// CHECK: arith.maxui
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK: memref.load %[[BAND]]
// CHECK: arith.cmpf une
// CHECK: arith.ori
// CHECK: memref.store %{{.*}}, %[[BITS]]
// CHECK: memref.dealloc %[[BAND]]
// CHECK: sparq.assemble values({{.*}} : tensor<?xf32>) bitmap({{.*}} : tensor<10x2xi64>) : tensor<10x70xf32, #{{.*}}>
func.func @inner_bitmap(%a: tensor<10x4xf32, #csr>, %b: tensor<4x70xf32>) -> tensor<10x70xf32, #sparq.encoding<bitmap>> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<10x4xf32, #csr>, tensor<4x70xf32> -> tensor<10x70xf32, #sparq.encoding<bitmap>>
  return %c : tensor<10x70xf32, #sparq.encoding<bitmap>>
}

// bcsr<2x4>, row-wise over two sparse operands: one block row (2 x 8
// accumulators) at a time with a bitset of touched block columns; a touched
// block is stored whole at the cursor, which advances when one of its values
// is nonzero (an OR of the entries' tests, no branch).
// PLAN: remark: dataflow row, orientation C = A * B, A iterated as csr(rows), B iterated as csr(rows), result bcsr built line by line (one dense accumulator block row + touched-block bitset)
// CHECK-LABEL: func.func @row_bcsr
// CHECK: arith.minui
// CHECK: memref.alloc() : memref<3xi32>
// CHECK: %[[VALS:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x2x4xi32>
// CHECK: %[[BLOCK:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x8xi32>
// CHECK: math.cttz
// CHECK: memref.load %[[BLOCK]]
// CHECK: memref.store %{{.*}}, %[[VALS]]
// CHECK: arith.cmpi ne
// CHECK: arith.ori %{{.*}} : i1
// CHECK-NOT: scf.if
// CHECK: memref.reinterpret_cast %[[VALS]] to offset: [0], sizes: [%{{.*}}, 2, 4], strides: [8, 4, 1]
// CHECK: sparq.assemble values({{.*}} : tensor<?x2x4xi32>) positions({{.*}} : tensor<3xi32>) coordinates({{.*}} : tensor<?xi32>) : tensor<4x8xi32, #{{.*}}>
func.func @row_bcsr(%a: tensor<4x4xi8, #csr>, %b: tensor<4x8xi8, #csr>) -> tensor<4x8xi32, #sparq.encoding<bcsr<2x4>>> {
  %c = sparq.matmul %a, %b acc(i32) dataflow(row) : tensor<4x4xi8, #csr>, tensor<4x8xi8, #csr> -> tensor<4x8xi32, #sparq.encoding<bcsr<2x4>>>
  return %c : tensor<4x8xi32, #sparq.encoding<bcsr<2x4>>>
}

// bcsr<2x4>, outer: the dense accumulator compacted block by block (pass 1
// counts the blocks holding a nonzero, pass 2 stores them).
// PLAN: remark: dataflow outer, {{.*}} result bcsr compacted from the dense accumulator
// CHECK-LABEL: func.func @outer_bcsr
// CHECK: %[[ACC:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x8xi32>
// CHECK: memref.alloc() : memref<3xi32>
// CHECK: memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x2x4xi32>
// CHECK-NOT: scf.if
// CHECK: memref.dealloc %[[ACC]]
// CHECK: sparq.assemble values({{.*}} : tensor<?x2x4xi32>) positions({{.*}} : tensor<3xi32>) coordinates({{.*}} : tensor<?xi32>)
func.func @outer_bcsr(%a: tensor<4x4xi8, #csr>, %b: tensor<4x8xi8, #csr>) -> tensor<4x8xi32, #sparq.encoding<bcsr<2x4>>> {
  %c = sparq.matmul %a, %b acc(i32) dataflow(outer) : tensor<4x4xi8, #csr>, tensor<4x8xi8, #csr> -> tensor<4x8xi32, #sparq.encoding<bcsr<2x4>>>
  return %c : tensor<4x8xi32, #sparq.encoding<bcsr<2x4>>>
}
