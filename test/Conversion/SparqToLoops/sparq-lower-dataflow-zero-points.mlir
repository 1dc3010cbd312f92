// RUN: sparq-opt %s --sparq-lower-dataflow=exact-float-accumulation=false --canonicalize --cse | FileCheck %s
// (The integer accumulation these checks describe; the f32 accumulation the
// default takes where it is exact: sparq-lower-dataflow-exact-float-accumulation.mlir.)

// Zero points with an integer accumulator (docs/dataflow.md, Numerics):
// C = sum_k (a - za)(b - zb), unstored entries of a sparse operand being
// their zero point.

// A constant CSR weight with per-channel zero points, a run-time ui8
// activation with a per-tensor zero point. The weight's q - zw and its column
// sums are constants made by the compiler: W stored [[5,.,.],[.,.,-3],
// [.,.,.],[.,7,2]] with zw = [1, -2, 3] is W' = [[4,.,.],[.,.,-6],[.,.,.],
// [.,9,-1]] (re-laid out as CSC for row-wise with the weight on the left),
// column sums [4, 9, -7]. W' is stored in the narrowest integer type that
// holds it (i8 here; q - zp of an si8 weight needs i16 in general), which
// the loops extend in registers like any narrow operand. The activation is only extended (extui), never
// shifted: its zero point multiplies the column sums once per output.
#w = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, asymmetric, channel(1)>>
#x = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
// CHECK-LABEL: func.func @constant_weight
// CHECK-DAG: %[[COLSUM:.*]] = arith.constant dense<[4, 9, -7]> : tensor<3xi32>
// CHECK-DAG: %[[WV:.*]] = arith.constant dense<[4, 9, -6, -1]> : tensor<4xi8>
// CHECK: sparq.assemble values(%[[WV]] : tensor<4xi8>) {{.*}} : tensor<4x3xi8, #csc>
// CHECK: %[[ZX:.*]] = sparq.part zero_points of %arg0
// The activation stays ui8 in memory (transposed as bytes) and is extended
// in the loops (LoopEmitter.h, MatrixView::isSigned):
// CHECK-NOT: linalg.generic
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<4x2xi8>
// (M = 2 columns of X^T: one vector of which 2 lanes are read, masked.)
// CHECK: vector.maskedload %{{.*}} : memref<4x2xi8>, vector<8xi1>, vector<8xi8> into vector<8xi8>
// CHECK: arith.extui %{{.*}} : vector<8xi8> to vector<8xi32>
// The epilogue: C[m, n] -= zx * colsum[n].
// CHECK: %[[ACC:.*]] = memref.load %[[OUT:.*]][%[[M:.*]], %[[N:.*]]] : memref<2x3xi32>
// CHECK: %[[Z:.*]] = tensor.extract %[[ZX]][%c0] : tensor<1xi32>
// CHECK: %[[S:.*]] = tensor.extract %[[COLSUM]][%[[N]]] : tensor<3xi32>
// CHECK: %[[P:.*]] = arith.muli %[[S]], %[[Z]] : i32
// CHECK: %[[R:.*]] = arith.subi %[[ACC]], %[[P]] : i32
// CHECK: memref.store %[[R]], %[[OUT]][%[[M]], %[[N]]]
func.func @constant_weight(%x: tensor<2x4xi8, #x>) -> tensor<2x3xi32> {
  %v = arith.constant dense<[5, -3, 7, 2]> : tensor<4xi8>
  %p = arith.constant dense<[0, 1, 2, 2, 4]> : tensor<5xi32>
  %c = arith.constant dense<[0, 2, 1, 2]> : tensor<4xi32>
  %s = arith.constant dense<[0.5, 0.25, 0.125]> : tensor<3xf32>
  %z = arith.constant dense<[1, -2, 3]> : tensor<3xi32>
  %w = sparq.assemble values(%v : tensor<4xi8>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<4xi32>) scales(%s : tensor<3xf32>) zero_points(%z : tensor<3xi32>) : tensor<4x3xi8, #w>
  %y = sparq.matmul %x, %w acc(i32) dataflow(row) : tensor<2x4xi8, #x>, tensor<4x3xi8, #w> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

// A run-time CSR operand with per-channel zero points: q - zp once per
// stored entry (the zero point of the entry's column), linear in nnz, into
// i16 (q - zp of si8 needs 9 bits; the loops extend it in registers); the
// symmetric activation needs no correction, so there is no epilogue.
#ws = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, asymmetric, channel(1)>>
// CHECK-LABEL: func.func @runtime_sparse
// CHECK-DAG: %[[V:.*]] = sparq.part values of %arg1
// CHECK-DAG: %[[CRD:.*]] = sparq.part coordinates of %arg1
// CHECK-DAG: %[[ZW:.*]] = sparq.part zero_points of %arg1
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 iter_args
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %c1 iter_args
// CHECK: %[[COL:.*]] = tensor.extract %[[CRD]][%[[J]]]
// CHECK: %[[COLI:.*]] = arith.index_castui %[[COL]]
// CHECK: %[[Q:.*]] = tensor.extract %[[V]][%[[J]]] : tensor<?xi8>
// CHECK: %[[QW:.*]] = arith.extsi %[[Q]] : i8 to i16
// CHECK: %[[Z:.*]] = tensor.extract %[[ZW]][%[[COLI]]] : tensor<3xi32>
// CHECK: %[[ZN:.*]] = arith.trunci %[[Z]] : i32 to i16
// CHECK: arith.subi %[[QW]], %[[ZN]] : i16
// CHECK: arith.extsi %{{.*}} : i16 to i32
// CHECK-NOT: arith.subi {{.*}} : i32
// CHECK: bufferization.to_tensor
func.func @runtime_sparse(%x: tensor<2x4xi8>, %w: tensor<4x3xi8, #ws>) -> tensor<2x3xi32> {
  %y = sparq.matmul %x, %w acc(i32) dataflow(row) : tensor<2x4xi8>, tensor<4x3xi8, #ws> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

// Dense x dense, both run-time with per-channel zero points (za per row of A,
// zb per column of B): the loops multiply the stored values, then
// C = AB - rowsum(A)[m] zb[n] - za[m] colsum(B)[n] + K za[m] zb[n].
#xa = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, channel(0)>>
#wa = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, channel(1)>>
// CHECK-LABEL: func.func @dense_dense
// CHECK-DAG: %[[K:.*]] = arith.constant 4 : i32
// CHECK-DAG: %[[ZA:.*]] = sparq.part zero_points of %arg0
// CHECK-DAG: %[[ZB:.*]] = sparq.part zero_points of %arg1
// CHECK: %[[ROWSUM:.*]] = memref.alloc() : memref<2xi32>
// CHECK: %[[COLSUM:.*]] = memref.alloc() : memref<3xi32>
// CHECK: %[[ACC:.*]] = memref.load %{{.*}}[%[[M:.*]], %[[N:.*]]] : memref<2x3xi32>
// CHECK-DAG: %[[A:.*]] = tensor.extract %[[ZA]][%[[M]]]
// CHECK-DAG: %[[B:.*]] = tensor.extract %[[ZB]][%[[N]]]
// CHECK: %[[RS:.*]] = memref.load %[[ROWSUM]][%[[M]]]
// CHECK: %[[T1:.*]] = arith.muli %[[RS]], %[[B]]
// CHECK: %[[V1:.*]] = arith.subi %[[ACC]], %[[T1]]
// CHECK: %[[CS:.*]] = memref.load %[[COLSUM]][%[[N]]]
// CHECK: %[[T2:.*]] = arith.muli %[[CS]], %[[A]]
// CHECK: %[[V2:.*]] = arith.subi %[[V1]], %[[T2]]
// CHECK: %[[T3:.*]] = arith.muli %[[A]], %[[K]]
// CHECK: %[[T4:.*]] = arith.muli %[[T3]], %[[B]]
// CHECK: arith.addi %[[V2]], %[[T4]]
func.func @dense_dense(%x: tensor<2x4xi8, #xa>, %w: tensor<4x3xi8, #wa>) -> tensor<2x3xi32> {
  %y = sparq.matmul %x, %w acc(i32) dataflow(inner) : tensor<2x4xi8, #xa>, tensor<4x3xi8, #wa> -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}
