// RUN: sparq-opt %s --sparq-unbatch-matmul --split-input-file | FileCheck %s

// A shared rank-2 weight: the batch folds into M, one product, expanded back.
// CHECK-LABEL: func.func @shared
// CHECK-SAME: (%[[X:.*]]: tensor<4x8x16xf32>, %[[W:.*]]: tensor<16x32xf32, #{{.*}}>)
// CHECK: %[[X2:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<4x8x16xf32> into tensor<32x16xf32>
// CHECK: %[[M:.*]] = sparq.matmul %[[X2]], %[[W]] acc(f32) dataflow(inner) {name = "fc"} : tensor<32x16xf32>, tensor<16x32xf32, #{{.*}}> -> tensor<32x32xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1], [2]] output_shape [4, 8, 32] : tensor<32x32xf32> into tensor<4x8x32xf32>
// CHECK: return %[[R]]
#csr = #sparq.encoding<csr>
func.func @shared(%x: tensor<4x8x16xf32>, %w: tensor<16x32xf32, #csr>) -> tensor<4x8x32xf32> {
  %y = sparq.matmul %x, %w acc(f32) dataflow(inner) {name = "fc"}
      : tensor<4x8x16xf32>, tensor<16x32xf32, #csr> -> tensor<4x8x32xf32>
  return %y : tensor<4x8x32xf32>
}

// -----

// A quantized activation with per-group scales along K is collapsed with
// its scales ([B, M, K/g] -> [B*M, K/g], group(2, 4) -> group(1, 4)); a
// transposed shared weight stays as it is.
#a = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(2, 4)>>
#w = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
// CHECK-DAG: #[[A2:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 4)>>
// CHECK-LABEL: func.func @shared_grouped
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8xi8, #{{.*}}>, %[[W:.*]]: tensor<5x8xi8, #{{.*}}>)
// CHECK: %[[V:.*]] = sparq.part values of %[[X]] : {{.*}} -> tensor<2x3x8xi8>
// CHECK: %[[V2:.*]] = tensor.collapse_shape %[[V]] {{\[}}[0, 1], [2]] : tensor<2x3x8xi8> into tensor<6x8xi8>
// CHECK: %[[S:.*]] = sparq.part scales of %[[X]] : {{.*}} -> tensor<2x3x2xf32>
// CHECK: %[[S2:.*]] = tensor.collapse_shape %[[S]] {{\[}}[0, 1], [2]] : tensor<2x3x2xf32> into tensor<6x2xf32>
// CHECK: %[[A:.*]] = sparq.assemble values(%[[V2]] : tensor<6x8xi8>) scales(%[[S2]] : tensor<6x2xf32>) : tensor<6x8xi8, #[[A2]]>
// CHECK: sparq.matmul %[[A]], %[[W]] transpose_b acc(f32) : tensor<6x8xi8, #[[A2]]>, tensor<5x8xi8, #{{.*}}> -> tensor<6x5xf32>
func.func @shared_grouped(%x: tensor<2x3x8xi8, #a>, %w: tensor<5x8xi8, #w>) -> tensor<2x3x5xf32> {
  %y = sparq.matmul %x, %w transpose_b acc(f32) : tensor<2x3x8xi8, #a>, tensor<5x8xi8, #w> -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// -----

// Fully batched: one scf.for over the batch; batch b of each operand is a
// rank-reducing slice; a per-batch scale vector (channel(0)) is sliced to
// the one-entry per-tensor vector of that batch.
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#bb = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
// CHECK-DAG: #[[T:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
// CHECK-LABEL: func.func @batched
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8xi8, #{{.*}}>, %[[B:.*]]: tensor<2x8x4xi8, #{{.*}}>)
// CHECK-DAG: %[[E:.*]] = tensor.empty() : tensor<2x3x4xi32>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[R:.*]] = scf.for %[[I:.*]] = %[[C0]] to %[[C2]] step %[[C1]] iter_args(%[[ACC:.*]] = %[[E]]) -> (tensor<2x3x4xi32>)
// CHECK: %[[XV:.*]] = sparq.part values of %[[X]]
// CHECK: %[[XS:.*]] = tensor.extract_slice %[[XV]][%[[I]], 0, 0] [1, 3, 8] [1, 1, 1] : tensor<2x3x8xi8> to tensor<3x8xi8>
// CHECK: %[[XA:.*]] = sparq.assemble values(%[[XS]] : tensor<3x8xi8>) scales({{.*}} : tensor<1xf32>) zero_points({{.*}} : tensor<1xi32>)
// CHECK: %[[BV:.*]] = sparq.part values of %[[B]]
// CHECK: %[[BS:.*]] = tensor.extract_slice %[[BV]][%[[I]], 0, 0] [1, 8, 4] [1, 1, 1] : tensor<2x8x4xi8> to tensor<8x4xi8>
// CHECK: %[[SC:.*]] = sparq.part scales of %[[B]] : {{.*}} -> tensor<2xf32>
// CHECK: %[[SC1:.*]] = tensor.extract_slice %[[SC]][%[[I]]] [1] [1] : tensor<2xf32> to tensor<1xf32>
// CHECK: %[[BA:.*]] = sparq.assemble values(%[[BS]] : tensor<8x4xi8>) scales(%[[SC1]] : tensor<1xf32>) : tensor<8x4xi8, #[[T]]>
// CHECK: %[[M:.*]] = sparq.matmul %[[XA]], %[[BA]] acc(i32) : tensor<3x8xi8, #{{.*}}>, tensor<8x4xi8, #[[T]]> -> tensor<3x4xi32>
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[M]] into %[[ACC]][%[[I]], 0, 0] [1, 3, 4] [1, 1, 1] : tensor<3x4xi32> into tensor<2x3x4xi32>
// CHECK: scf.yield %[[INS]]
// CHECK: return %[[R]]
func.func @batched(%x: tensor<2x3x8xi8, #a8>, %b: tensor<2x8x4xi8, #bb>) -> tensor<2x3x4xi32> {
  %y = sparq.matmul %x, %b acc(i32) : tensor<2x3x8xi8, #a8>, tensor<2x8x4xi8, #bb> -> tensor<2x3x4xi32>
  return %y : tensor<2x3x4xi32>
}

// -----

// An lhs with per-channel scales along M cannot be collapsed (its scales
// would repeat per batch): it is sliced in a loop against the shared
// weight, channel(1) becoming channel(0).
#am = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
// CHECK-DAG: #[[AM2:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
// CHECK-LABEL: func.func @per_row_lhs
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8xi8, #{{.*}}>, %[[W:.*]]: tensor<8x4xi8>)
// CHECK: scf.for
// CHECK: %[[S:.*]] = sparq.part scales of %[[X]] : {{.*}} -> tensor<3xf32>
// CHECK: %[[A:.*]] = sparq.assemble values({{.*}} : tensor<3x8xi8>) scales(%[[S]] : tensor<3xf32>) : tensor<3x8xi8, #[[AM2]]>
// CHECK: sparq.matmul %[[A]], %[[W]] acc(i32) : tensor<3x8xi8, #[[AM2]]>, tensor<8x4xi8> -> tensor<3x4xf32>
func.func @per_row_lhs(%x: tensor<2x3x8xi8, #am>, %w: tensor<8x4xi8>) -> tensor<2x3x4xf32> {
  %y = sparq.matmul %x, %w acc(i32) : tensor<2x3x8xi8, #am>, tensor<8x4xi8> -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// Left unchanged (reference lowering): a sparse batched rhs, a sparse lhs
// with a rank-3 rhs, a sparse lhs whose matrix view is not [B*M, K]
// (row_dims = 1), a dynamic batch, and rank-2 products (nothing to do).
#csr = #sparq.encoding<csr>
#r1 = #sparq.encoding<csr, row_dims = 1>
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: scf.for
// CHECK-NOT: collapse_shape
// CHECK: sparq.matmul %{{.*}} : tensor<2x3x8xf32>, tensor<2x8x4xf32, #{{.*}}> -> tensor<2x3x4xf32>
// CHECK: sparq.matmul %{{.*}} : tensor<2x3x8xf32, #{{.*}}>, tensor<2x8x4xf32> -> tensor<2x3x4xf32>
// CHECK: sparq.matmul %{{.*}} : tensor<2x3x8xf32, #{{.*}}>, tensor<8x4xf32> -> tensor<2x3x4xf32>
// CHECK: sparq.matmul %{{.*}} : tensor<?x3x8xf32>, tensor<8x4xf32> -> tensor<?x3x4xf32>
// CHECK: sparq.matmul %{{.*}} : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
// CHECK-NOT: scf.for
func.func @unchanged(%x: tensor<2x3x8xf32>, %bs: tensor<2x8x4xf32, #csr>, %xs: tensor<2x3x8xf32, #csr>,
                     %b: tensor<2x8x4xf32>, %xr: tensor<2x3x8xf32, #r1>, %w: tensor<8x4xf32>,
                     %xd: tensor<?x3x8xf32>, %x2: tensor<3x8xf32>) {
  %0 = sparq.matmul %x, %bs acc(f32) : tensor<2x3x8xf32>, tensor<2x8x4xf32, #csr> -> tensor<2x3x4xf32>
  %1 = sparq.matmul %xs, %b acc(f32) : tensor<2x3x8xf32, #csr>, tensor<2x8x4xf32> -> tensor<2x3x4xf32>
  %2 = sparq.matmul %xr, %w acc(f32) : tensor<2x3x8xf32, #r1>, tensor<8x4xf32> -> tensor<2x3x4xf32>
  %3 = sparq.matmul %xd, %w acc(f32) : tensor<?x3x8xf32>, tensor<8x4xf32> -> tensor<?x3x4xf32>
  %4 = sparq.matmul %x2, %w acc(f32) : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  return
}
