// RUN: sparq-opt %s --sparq-lower-dataflow=exact-float-accumulation=false --canonicalize --cse | FileCheck %s
// (The integer accumulation these checks describe; the f32 accumulation the
// default takes where it is exact: sparq-lower-dataflow-exact-float-accumulation.mlir.)
// RUN: sparq-opt %s --sparq-lower-dataflow=print-plan=true -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN

// The plan remarks say which operand is expanded per group, where and how.
// PLAN: remark: {{.*}}scales grouped along K (2 groups of 2): B expanded per group in the compiler into [K, N * G] csc
// PLAN: remark: {{.*}}result csr compacted from the dense accumulator;{{.*}}scales grouped along K (2 groups of 2): B expanded per group at run time (counting sort) into [K, N * G] csc
// PLAN: remark: {{.*}}scales grouped along K (2 groups of 2): A expanded per group at run time (in place: new group-boundary positions) into [M * G, K] csr

// Scales grouped along K with an integer accumulator and a float result
// (docs/dataflow.md, Numerics): the constant weight W [K=4, N=3], group(0, 2)
// (G = 2 groups of K), is expanded in the compiler into a [4, N*G = 6] CSC
// matrix whose column n*G + g holds column n's entries in group g, zero-point
// free: W stored [[5,.,.],[.,.,-3],[.,.,.],[.,7,2]] with zero points
// [[1,-2,3],[0,1,2]] per group gives columns (0,0): [4], (0,1): [],
// (1,0): [], (1,1): [6], (2,0): [-6], (2,1): [0]. The product is one exact
// i32 partial sum per (m, n, g); the epilogue sums f64(partial) * sx *
// sw[g, n] over g in order and rounds once.
#w = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, asymmetric, group(0, 2)>>
#x = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
// CHECK-LABEL: func.func @grouped
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: %[[POS:.*]] = arith.constant dense<[0, 1, 1, 1, 2, 3, 4]> : tensor<7xi32>
// CHECK-DAG: %[[CRD:.*]] = arith.constant dense<[0, 3, 1, 3]> : tensor<4xi32>
// CHECK-DAG: %[[VAL:.*]] = arith.constant dense<[4, 6, -6, 0]> : tensor<4xi8>
// CHECK-DAG: %[[SW:.*]] = arith.constant dense<{{\[\[}}5.000000e-01, 2.500000e-01, 1.250000e-01], [1.000000e+00, 2.000000e+00, 4.000000e+00]]> : tensor<2x3xf32>
// CHECK: sparq.assemble values(%[[VAL]] : tensor<4xi8>) positions(%[[POS]] : tensor<7xi32>) coordinates(%[[CRD]] : tensor<4xi32>) : tensor<4x6xi8, #csc>
// CHECK: %[[PARTIAL:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x6xi32>
// CHECK: %[[RESULT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x3xf32>
// CHECK: scf.for %[[M:.*]] = %c0 to %c2
// CHECK: scf.for %[[N:.*]] = %c0 to %c3
// CHECK: %[[SUM:.*]] = scf.for %[[G:.*]] = %c0 to %c2 step %c1 iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (f64)
// CHECK: %[[NG:.*]] = arith.muli %[[N]], %c2
// CHECK: %[[COL:.*]] = arith.addi %[[NG]], %[[G]]
// CHECK: %[[P:.*]] = memref.load %[[PARTIAL]][%[[M]], %[[COL]]] : memref<2x6xi32>
// CHECK: arith.sitofp %[[P]] : i32 to f64
// CHECK: tensor.extract %[[SW]][%[[G]], %[[N]]] : tensor<2x3xf32>
// CHECK: arith.addf %[[ACC]]
// CHECK: %[[R:.*]] = arith.truncf %[[SUM]] : f64 to f32
// CHECK: memref.store %[[R]], %[[RESULT]][%[[M]], %[[N]]]
func.func @grouped(%x: tensor<2x4xi8, #x>) -> tensor<2x3xf32> {
  %v = arith.constant dense<[5, -3, 7, 2]> : tensor<4xi8>
  %p = arith.constant dense<[0, 1, 2, 2, 4]> : tensor<5xi32>
  %c = arith.constant dense<[0, 2, 1, 2]> : tensor<4xi32>
  %s = arith.constant dense<[[0.5, 0.25, 0.125], [1.0, 2.0, 4.0]]> : tensor<2x3xf32>
  %z = arith.constant dense<[[1, -2, 3], [0, 1, 2]]> : tensor<2x3xi32>
  %w = sparq.assemble values(%v : tensor<4xi8>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<4xi32>) scales(%s : tensor<2x3xf32>) zero_points(%z : tensor<2x3xi32>) : tensor<4x3xi8, #w>
  %y = sparq.matmul %x, %w acc(i32) dataflow(row) : tensor<2x4xi8, #x>, tensor<4x3xi8, #w> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// Both operands run-time values, and a csr result: the sparse operand (W,
// a run-time CSR with group(0, 2)) is shifted by its group zero points into
// i16 once per stored entry and expanded in generated code into the [4, 6]
// CSC matrix above (a counting sort: entries per line (n * G + k / 2) into
// 7 index counts, prefix sums into the i32 positions, then every entry at
// its line's cursor), which the product reads in place; the partial sums
// and the f64 epilogue are as above, and the csr result is the sparq.pack
// of the scaled f32 result (exactly its nonzero values).
#wr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, asymmetric, group(0, 2)>>
#csr = #sparq.encoding<csr>
// CHECK-LABEL: func.func @grouped_runtime_csr_result
// CHECK-NOT: sparq.matmul
// CHECK: %[[COUNTS:.*]] = memref.alloc() : memref<7xindex>
// CHECK: arith.divui %{{.*}}, %c2 : index
// CHECK: memref.store %{{.*}}, %[[COUNTS]]
// CHECK: %[[POS:.*]] = memref.alloc() : memref<7xi32>
// CHECK: %[[CURSOR:.*]] = memref.alloc() : memref<6xindex>
// CHECK: memref.dealloc %[[COUNTS]]
// CHECK: %[[CRD:.*]] = memref.alloc(%{{.*}}) : memref<?xi32>
// CHECK: %[[VAL:.*]] = memref.alloc(%{{.*}}) : memref<?xi16>
// CHECK: memref.load %[[CURSOR]]
// CHECK: memref.dealloc %[[CURSOR]]
// CHECK: %[[PARTIAL:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x6xi32>
// CHECK: memref.load %[[VAL]]
// CHECK: memref.load %[[CRD]]
// CHECK: memref.dealloc %[[POS]]
// CHECK: memref.dealloc %[[CRD]]
// CHECK: memref.dealloc %[[VAL]]
// CHECK: scf.for %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (f64)
// CHECK: memref.load %[[PARTIAL]]
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: %[[PLAIN:.*]] = bufferization.to_tensor %{{.*}} : memref<2x3xf32> to tensor<2x3xf32>
// CHECK: %[[PACKED:.*]] = sparq.pack %[[PLAIN]] : tensor<2x3xf32> -> tensor<2x3xf32, #csr>
// CHECK: return %[[PACKED]]
func.func @grouped_runtime_csr_result(%x: tensor<2x4xi8, #x>, %w: tensor<4x3xi8, #wr>) -> tensor<2x3xf32, #csr> {
  %y = sparq.matmul %x, %w acc(i32) dataflow(row) : tensor<2x4xi8, #x>, tensor<4x3xi8, #wr> -> tensor<2x3xf32, #csr>
  return %y : tensor<2x3xf32, #csr>
}

// In place: a run-time CSR A [3, 4] with group(1, 2) under row is read by
// rows, and its rows already hold ascending K, so each (row, group) line is
// a contiguous run of its entries: only the positions of the group
// boundaries are new (one pass over the coordinates counts the entries of
// line m * 2 + k / 2 into 7 counts, prefix sums give the 7 i32 positions),
// and the product reads A's own coordinates and values with them.
#ar = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
#xr = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
// CHECK-LABEL: func.func @grouped_runtime_in_place
// CHECK-DAG: %[[VALS:.*]] = sparq.part values of %arg0
// CHECK-DAG: %[[CRDS:.*]] = sparq.part coordinates of %arg0
// CHECK: %[[COUNTS:.*]] = memref.alloc() : memref<7xindex>
// CHECK: tensor.extract %[[CRDS]]
// CHECK: arith.divui %{{.*}}, %c2 : index
// CHECK: %[[POS:.*]] = memref.alloc() : memref<7xi32>
// CHECK-NOT: memref.alloc(%{{.*}}) : memref<?x
// CHECK: memref.dealloc %[[COUNTS]]
// CHECK: %[[PARTIAL:.*]] = memref.alloc() {alignment = 64 : i64} : memref<6x5xi32>
// CHECK: memref.load %[[POS]]
// CHECK: tensor.extract %[[CRDS]]
// CHECK: tensor.extract %[[VALS]]
// CHECK: memref.dealloc %[[POS]]
// CHECK: scf.for %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (f64)
func.func @grouped_runtime_in_place(%a: tensor<3x4xi8, #ar>, %x: tensor<4x5xi8, #xr>) -> tensor<3x5xf32> {
  %y = sparq.matmul %a, %x acc(i32) dataflow(row) : tensor<3x4xi8, #ar>, tensor<4x5xi8, #xr> -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}
