// RUN: sparq-opt %s --sparq-lower-dataflow --canonicalize --cse | FileCheck %s
// RUN: sparq-opt %s --sparq-lower-dataflow=print-plan -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc>
#nm = #sparq.encoding<nm<2, 4>>

// Row-wise with a sparse B: C^T = B^T * A^T, the CSR weight converted to
// compressed columns in generated code, A transposed once, and a register
// tile of 8 x vector<8xf32> accumulators per nonzero.
// PLAN: remark: dataflow row, orientation C^T = B^T * A^T, A iterated as dense(columns), B iterated as csc(columns); convert A dense(rows) -> dense(columns) at run time (the dense operand is read along its rows with vector loads, so it is transposed once); convert B csr(rows) -> csc(columns) at run time (row reads this operand by columns but csr groups it by rows)
// CHECK-LABEL: func.func @row_csr
// CHECK: sparq.part positions of
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK: vector.broadcast
// CHECK-COUNT-8: math.fma {{.*}} : vector<8xf32>
// CHECK: bufferization.to_tensor
func.func @row_csr(%x: tensor<64x16xf32>, %w: tensor<16x32xf32, #csr>) -> tensor<64x32xf32> {
  %y = sparq.matmul %x, %w acc(f32) dataflow(row) : tensor<64x16xf32>, tensor<16x32xf32, #csr> -> tensor<64x32xf32>
  return %y : tensor<64x32xf32>
}

// A CSC weight is already grouped by the columns of B: no conversion of B.
// PLAN: remark: dataflow row, orientation C^T = B^T * A^T, A iterated as dense(columns), B iterated as csc(columns); convert A dense(rows) -> dense(columns) at run time
// CHECK-LABEL: func.func @row_csc
// CHECK-NOT: memref.alloc() : memref<33xindex>
// CHECK: math.fma
func.func @row_csc(%x: tensor<64x16xf32>, %w: tensor<16x32xf32, #csc>) -> tensor<64x32xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<64x16xf32>, tensor<16x32xf32, #csc> -> tensor<64x32xf32>
  return %y : tensor<64x32xf32>
}

// N:M stored transposed (the weight as [N, K]): a fixed trip of 2 entries per
// group of 4, metadata-indexed loads, no conversion.
// PLAN: remark: dataflow row, orientation C^T = B^T * A^T, A iterated as dense(columns), B iterated as nm(columns); convert A dense(rows) -> dense(columns)
// CHECK-LABEL: func.func @row_nm
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 iter_args
// CHECK: tensor.extract %{{.*}} : tensor<32x8xi8>
// CHECK: math.fma
// CHECK: tensor.extract %{{.*}} : tensor<32x8xi8>
func.func @row_nm(%x: tensor<64x16xf32>, %w: tensor<32x16xf32, #nm>) -> tensor<64x32xf32> {
  %y = sparq.matmul %x, %w transpose_b acc(f32) dataflow(row) : tensor<64x16xf32>, tensor<32x16xf32, #nm> -> tensor<64x32xf32>
  return %y : tensor<64x32xf32>
}

// Inner product of two sparse operands: a two-pointer merge (scf.while) of
// a CSR row of A and a compressed column of B, without a branch per entry.
// PLAN: remark: dataflow inner, orientation C = A * B, A iterated as csr(rows), B iterated as csc(columns); convert B csr(rows) -> csc(columns) at run time
// CHECK-LABEL: func.func @inner_sparse_sparse
// CHECK: scf.while
// CHECK: arith.select
// CHECK-NOT: scf.if
func.func @inner_sparse_sparse(%a: tensor<8x16xf32, #csr>, %b: tensor<16x8xf32, #csr>) -> tensor<8x8xf32> {
  %y = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<8x16xf32, #csr>, tensor<16x8xf32, #csr> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// Outer product: for k, a column of A (CSC) times a row of B (CSR), the
// partial products accumulated into the zero-filled dense output.
// PLAN: remark: dataflow outer, orientation C = A * B, A iterated as csc(columns), B iterated as csr(rows)
// CHECK-LABEL: func.func @outer_sparse_sparse
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<8x8xf32>
// CHECK: scf.for
// CHECK: arith.addf
func.func @outer_sparse_sparse(%a: tensor<8x16xf32, #csc>, %b: tensor<16x8xf32, #csr>) -> tensor<8x8xf32> {
  %y = sparq.matmul %a, %b acc(f32) dataflow(outer) : tensor<8x16xf32, #csc>, tensor<16x8xf32, #csr> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// Batched matmuls are left to the reference lowering when no dataflow is
// asked for.
// CHECK-LABEL: func.func @batched_left_alone
// CHECK: sparq.matmul
func.func @batched_left_alone(%x: tensor<2x8x16xf32>, %w: tensor<16x8xf32, #csr>) -> tensor<2x8x8xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x8x16xf32>, tensor<16x8xf32, #csr> -> tensor<2x8x8xf32>
  return %y : tensor<2x8x8xf32>
}
