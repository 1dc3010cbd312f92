// RUN: sparq-opt %s --sparq-lower-dataflow -split-input-file | FileCheck %s
// RUN: sparq-opt %s --sparq-lower-dataflow=print-plan=true -split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN

// dataflow(dense): a constant compressed operand becomes a dense constant in
// the compiler (its stored values at their places, zeros elsewhere), which
// the dense GEMM then reads; nothing of the compressed parts is read at run
// time.
#csr = #sparq.encoding<csr>
// PLAN: remark: dataflow dense, orientation C = A * B, A iterated as dense(rows), B iterated as dense(rows); convert A csr(rows) -> dense(rows) at compile time
// CHECK-LABEL: func.func @constant_csr
// CHECK: arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 2.000000e+00], [0.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<2x4xf32>
// CHECK-NOT: sparq.part
// CHECK: return
func.func @constant_csr(%b: tensor<4x8xf32>) -> tensor<2x8xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %p = arith.constant dense<[0, 2, 3]> : tensor<3xi32>
  %c = arith.constant dense<[0, 3, 1]> : tensor<3xi32>
  %a = sparq.assemble values(%v : tensor<3xf32>) positions(%p : tensor<3xi32>) coordinates(%c : tensor<3xi32>) : tensor<2x4xf32, #csr>
  %y = sparq.matmul %a, %b acc(f32) dataflow(dense) : tensor<2x4xf32, #csr>, tensor<4x8xf32> -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// A constant B stored transposed (transpose_b) is decompressed already
// transposed: W^T's constant is the logical [K, N] matrix.
#coo = #sparq.encoding<coo>
// PLAN: remark: dataflow dense, {{.*}}convert B coo(columns) -> dense(rows) at compile time
// CHECK-LABEL: func.func @constant_coo_transposed
// CHECK: arith.constant dense<{{\[\[}}0.000000e+00, 5.000000e+00], [0.000000e+00, 0.000000e+00], [7.000000e+00, 0.000000e+00]]> : tensor<3x2xf32>
// CHECK-NOT: sparq.part
// CHECK: return
func.func @constant_coo_transposed(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %v = arith.constant dense<[7.0, 5.0]> : tensor<2xf32>
  %c = arith.constant dense<[[0, 2], [1, 0]]> : tensor<2x2xi32>
  %w = sparq.assemble values(%v : tensor<2xf32>) coordinates(%c : tensor<2x2xi32>) : tensor<2x3xf32, #coo>
  %y = sparq.matmul %x, %w transpose_b acc(f32) dataflow(dense) : tensor<4x3xf32>, tensor<2x3xf32, #coo> -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// A run-time operand is scattered into a zeroed dense matrix once per call:
// one store per stored entry (here the N:M groups' slots), then the GEMM.
#nm = #sparq.encoding<nm<2, 4>>
// PLAN: remark: dataflow dense, {{.*}}convert A nm(rows) -> dense(rows) at run time (dataflow(dense) scatters the stored entries into a zeroed dense matrix once per call)
// CHECK-LABEL: func.func @runtime_nm
// CHECK: %[[DENSE:.*]] = memref.alloc() {{.*}} : memref<2x8xf32>
// CHECK: scf.for
// CHECK: memref.store %{{.*}}, %[[DENSE]]
// CHECK: memref.dealloc %[[DENSE]]
// CHECK: return
func.func @runtime_nm(%a: tensor<2x8xf32, #nm>, %b: tensor<8x16xf32>) -> tensor<2x16xf32> {
  %y = sparq.matmul %a, %b acc(f32) dataflow(dense) : tensor<2x8xf32, #nm>, tensor<8x16xf32> -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}
