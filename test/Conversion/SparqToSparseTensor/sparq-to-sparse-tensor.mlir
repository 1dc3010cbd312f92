// RUN: sparq-opt %s --sparq-to-sparse-tensor | FileCheck %s

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc, pos_width = 16, crd_width = 16>
#coo = #sparq.encoding<coo, crd_width = 64>
#bcsr = #sparq.encoding<bcsr<2x3>, pos_width = 8, crd_width = 8>
#nm24 = #sparq.encoding<nm<2, 4>, meta_width = 8>
#nm28 = #sparq.encoding<nm<2, 8>, meta_width = 16>

// CHECK-DAG: #[[CSR:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed), posWidth = 32, crdWidth = 32 }>
// CHECK-DAG: #[[CSC:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d1 : dense, d0 : compressed), posWidth = 16, crdWidth = 16 }>
// CHECK-DAG: #[[COO:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : compressed(nonunique), d1 : singleton), posWidth = 32, crdWidth = 64 }>
// CHECK-DAG: #[[BCSR:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 floordiv 2 : dense, d1 floordiv 3 : compressed, d0 mod 2 : dense, d1 mod 3 : dense), posWidth = 8, crdWidth = 8 }>
// CHECK-DAG: #[[NM24:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 floordiv 4 : dense, d1 mod 4 : structured[2, 4]), posWidth = 32, crdWidth = 8 }>
// CHECK-DAG: #[[NM28:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 floordiv 8 : dense, d1 mod 8 : structured[2, 8]), posWidth = 32, crdWidth = 16 }>
// CHECK-DAG: #[[MAP_A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[MAP_BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[MAP_C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>

// CHECK-LABEL: func.func @types(
// CHECK-SAME: tensor<8x16xf32, #[[CSR]]>, %{{.*}}: tensor<8x16xf32, #[[CSC]]>, %{{.*}}: tensor<8x16xf64, #[[COO]]>,
// CHECK-SAME: tensor<4x6xf32, #[[BCSR]]>, %{{.*}}: tensor<8x16xf16, #[[NM24]]>, %{{.*}}: tensor<?x16xi8, #[[NM28]]>)
// CHECK-SAME: -> tensor<8x16xf32, #[[CSR]]>
func.func @types(%a: tensor<8x16xf32, #csr>, %b: tensor<8x16xf32, #csc>,
                 %c: tensor<8x16xf64, #coo>, %d: tensor<4x6xf32, #bcsr>,
                 %e: tensor<8x16xf16, #nm24>, %f: tensor<?x16xi8, #nm28>)
    -> tensor<8x16xf32, #csr> {
  return %a : tensor<8x16xf32, #csr>
}

// CHECK-LABEL: func.func @pack(
// CHECK-SAME: %[[X:.*]]: tensor<8x16xf32>) -> tensor<8x16xf32, #[[CSC]]>
// CHECK: %[[S:.*]] = sparse_tensor.convert %[[X]] : tensor<8x16xf32> to tensor<8x16xf32, #[[CSC]]>
// CHECK: return %[[S]]
func.func @pack(%x: tensor<8x16xf32>) -> tensor<8x16xf32, #csc> {
  %s = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #csc>
  return %s : tensor<8x16xf32, #csc>
}

// A dynamic dense size is cast to the result's static one first.
// CHECK-LABEL: func.func @pack_dynamic(
// CHECK-SAME: %[[X:.*]]: tensor<?x16xf32>) -> tensor<8x16xf32, #[[COO]]>
// CHECK: %[[C:.*]] = tensor.cast %[[X]] : tensor<?x16xf32> to tensor<8x16xf32>
// CHECK: %[[S:.*]] = sparse_tensor.convert %[[C]] : tensor<8x16xf32> to tensor<8x16xf32, #[[COO]]>
// CHECK: return %[[S]]
func.func @pack_dynamic(%x: tensor<?x16xf32>) -> tensor<8x16xf32, #coo> {
  %s = sparq.pack %x : tensor<?x16xf32> -> tensor<8x16xf32, #coo>
  return %s : tensor<8x16xf32, #coo>
}

// CHECK-LABEL: func.func @unpack(
// CHECK-SAME: %[[S:.*]]: tensor<4x6xf32, #[[BCSR]]>) -> tensor<4x6xf32>
// CHECK: %[[D:.*]] = sparse_tensor.convert %[[S]] : tensor<4x6xf32, #[[BCSR]]> to tensor<4x6xf32>
// CHECK: return %[[D]]
func.func @unpack(%s: tensor<4x6xf32, #bcsr>) -> tensor<4x6xf32> {
  %d = sparq.unpack %s : tensor<4x6xf32, #bcsr> -> tensor<4x6xf32>
  return %d : tensor<4x6xf32>
}

// CHECK-LABEL: func.func @unpack_nm(
// CHECK: sparse_tensor.convert %{{.*}} : tensor<8x16xf16, #[[NM24]]> to tensor<8x16xf16>
func.func @unpack_nm(%s: tensor<8x16xf16, #nm24>) -> tensor<8x16xf16> {
  %d = sparq.unpack %s : tensor<8x16xf16, #nm24> -> tensor<8x16xf16>
  return %d : tensor<8x16xf16>
}

// CHECK-LABEL: func.func @parts_csr(
// CHECK-SAME: %[[A:.*]]: tensor<8x16xf32, #[[CSR]]>)
// CHECK: %[[VM:.*]] = sparse_tensor.values %[[A]] : tensor<8x16xf32, #[[CSR]]> to memref<?xf32>
// CHECK: %[[V:.*]] = bufferization.to_tensor %[[VM]] restrict : memref<?xf32> to tensor<?xf32>
// CHECK: %[[PM:.*]] = sparse_tensor.positions %[[A]] {level = 1 : index} : tensor<8x16xf32, #[[CSR]]> to memref<?xi32>
// CHECK: %[[P:.*]] = bufferization.to_tensor %[[PM]] restrict : memref<?xi32> to tensor<?xi32>
// CHECK: %[[PC:.*]] = tensor.cast %[[P]] : tensor<?xi32> to tensor<9xi32>
// CHECK: %[[CM:.*]] = sparse_tensor.coordinates %[[A]] {level = 1 : index} : tensor<8x16xf32, #[[CSR]]> to memref<?xi32>
// CHECK: %[[C:.*]] = bufferization.to_tensor %[[CM]] restrict : memref<?xi32> to tensor<?xi32>
// CHECK: return %[[V]], %[[PC]], %[[C]] : tensor<?xf32>, tensor<9xi32>, tensor<?xi32>
func.func @parts_csr(%a: tensor<8x16xf32, #csr>) -> (tensor<?xf32>, tensor<9xi32>, tensor<?xi32>) {
  %v = sparq.part values of %a : tensor<8x16xf32, #csr> -> tensor<?xf32>
  %p = sparq.part positions of %a : tensor<8x16xf32, #csr> -> tensor<9xi32>
  %c = sparq.part coordinates of %a : tensor<8x16xf32, #csr> -> tensor<?xi32>
  return %v, %p, %c : tensor<?xf32>, tensor<9xi32>, tensor<?xi32>
}

// CSC positions are per column (16 + 1).
// CHECK-LABEL: func.func @parts_csc(
// CHECK: %[[PM:.*]] = sparse_tensor.positions %{{.*}} {level = 1 : index} : tensor<8x16xf32, #[[CSC]]> to memref<?xi16>
// CHECK: %[[P:.*]] = bufferization.to_tensor %[[PM]] restrict : memref<?xi16> to tensor<?xi16>
// CHECK: tensor.cast %[[P]] : tensor<?xi16> to tensor<17xi16>
func.func @parts_csc(%a: tensor<8x16xf32, #csc>) -> tensor<17xi16> {
  %p = sparq.part positions of %a : tensor<8x16xf32, #csc> -> tensor<17xi16>
  return %p : tensor<17xi16>
}

// sparq's <? x 2> COO coordinates are upstream's AoS coordinate buffer.
// CHECK-LABEL: func.func @parts_coo(
// CHECK: %[[CM:.*]] = sparse_tensor.coordinates_buffer %{{.*}} : tensor<8x16xf64, #[[COO]]> to memref<?xi64>
// CHECK: %[[C:.*]] = bufferization.to_tensor %[[CM]] restrict : memref<?xi64> to tensor<?xi64>
// CHECK: %[[N:.*]] = tensor.dim %[[C]], %{{.*}} : tensor<?xi64>
// CHECK: %[[ROWS:.*]] = arith.divui %[[N]], %{{.*}} : index
// CHECK: %[[E:.*]] = tensor.expand_shape %[[C]] {{\[\[}}0, 1]] output_shape [%[[ROWS]], 2] : tensor<?xi64> into tensor<?x2xi64>
// CHECK: return %[[E]]
func.func @parts_coo(%a: tensor<8x16xf64, #coo>) -> tensor<?x2xi64> {
  %c = sparq.part coordinates of %a : tensor<8x16xf64, #coo> -> tensor<?x2xi64>
  return %c : tensor<?x2xi64>
}

// CHECK-LABEL: func.func @parts_bcsr(
// CHECK: %[[VM:.*]] = sparse_tensor.values %{{.*}} : tensor<4x6xf32, #[[BCSR]]> to memref<?xf32>
// CHECK: %[[V:.*]] = bufferization.to_tensor %[[VM]] restrict
// CHECK: %[[C6:.*]] = arith.constant 6 : index
// CHECK: %[[B:.*]] = arith.divui %{{.*}}, %[[C6]] : index
// CHECK: %[[E:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1, 2]] output_shape [%[[B]], 2, 3] : tensor<?xf32> into tensor<?x2x3xf32>
// CHECK: %[[PM:.*]] = sparse_tensor.positions %{{.*}} {level = 1 : index} : tensor<4x6xf32, #[[BCSR]]> to memref<?xi8>
// CHECK: %[[CM:.*]] = sparse_tensor.coordinates %{{.*}} {level = 1 : index} : tensor<4x6xf32, #[[BCSR]]> to memref<?xi8>
// CHECK: return %[[E]]
func.func @parts_bcsr(%a: tensor<4x6xf32, #bcsr>) -> (tensor<?x2x3xf32>, tensor<3xi8>, tensor<?xi8>) {
  %v = sparq.part values of %a : tensor<4x6xf32, #bcsr> -> tensor<?x2x3xf32>
  %p = sparq.part positions of %a : tensor<4x6xf32, #bcsr> -> tensor<3xi8>
  %c = sparq.part coordinates of %a : tensor<4x6xf32, #bcsr> -> tensor<?xi8>
  return %v, %p, %c : tensor<?x2x3xf32>, tensor<3xi8>, tensor<?xi8>
}

// N:M metadata are the coordinates of the structured level (level 2).
// CHECK-LABEL: func.func @parts_nm(
// CHECK: %[[VM:.*]] = sparse_tensor.values %{{.*}} : tensor<8x16xf16, #[[NM24]]> to memref<?xf16>
// CHECK: %[[V:.*]] = bufferization.to_tensor %[[VM]] restrict : memref<?xf16> to tensor<?xf16>
// CHECK: %[[VC:.*]] = tensor.cast %[[V]] : tensor<?xf16> to tensor<64xf16>
// CHECK: %[[VE:.*]] = tensor.expand_shape %[[VC]] {{\[\[}}0, 1]] output_shape [8, 8] : tensor<64xf16> into tensor<8x8xf16>
// CHECK: %[[MM:.*]] = sparse_tensor.coordinates %{{.*}} {level = 2 : index} : tensor<8x16xf16, #[[NM24]]> to memref<?xi8>
// CHECK: %[[M:.*]] = bufferization.to_tensor %[[MM]] restrict : memref<?xi8> to tensor<?xi8>
// CHECK: %[[MC:.*]] = tensor.cast %[[M]] : tensor<?xi8> to tensor<64xi8>
// CHECK: %[[ME:.*]] = tensor.expand_shape %[[MC]] {{\[\[}}0, 1]] output_shape [8, 8] : tensor<64xi8> into tensor<8x8xi8>
// CHECK: return %[[VE]], %[[ME]]
func.func @parts_nm(%a: tensor<8x16xf16, #nm24>) -> (tensor<8x8xf16>, tensor<8x8xi8>) {
  %v = sparq.part values of %a : tensor<8x16xf16, #nm24> -> tensor<8x8xf16>
  %m = sparq.part metadata of %a : tensor<8x16xf16, #nm24> -> tensor<8x8xi8>
  return %v, %m : tensor<8x8xf16>, tensor<8x8xi8>
}

// A dynamic row count comes from the tensor, the kept columns (16 * 2 / 8)
// are static.
// CHECK-LABEL: func.func @parts_nm_dynamic(
// CHECK-SAME: %[[A:.*]]: tensor<?x16xi8, #[[NM28]]>)
// CHECK: %[[MM:.*]] = sparse_tensor.coordinates %[[A]] {level = 2 : index} : tensor<?x16xi8, #[[NM28]]> to memref<?xi16>
// CHECK: %[[M:.*]] = bufferization.to_tensor %[[MM]] restrict
// CHECK: %[[R:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x16xi8, #[[NM28]]>
// CHECK: tensor.expand_shape %[[M]] {{\[\[}}0, 1]] output_shape [%[[R]], 4] : tensor<?xi16> into tensor<?x4xi16>
func.func @parts_nm_dynamic(%a: tensor<?x16xi8, #nm28>) -> tensor<?x4xi16> {
  %m = sparq.part metadata of %a : tensor<?x16xi8, #nm28> -> tensor<?x4xi16>
  return %m : tensor<?x4xi16>
}

// CHECK-LABEL: func.func @assemble_csr(
// CHECK-SAME: %[[V:.*]]: tensor<?xf32>, %[[P:.*]]: tensor<9xi32>, %[[C:.*]]: tensor<?xi32>)
// CHECK: %[[A:.*]] = sparse_tensor.assemble (%[[P]], %[[C]]), %[[V]] : (tensor<9xi32>, tensor<?xi32>), tensor<?xf32> to tensor<8x16xf32, #[[CSR]]>
// CHECK: return %[[A]]
func.func @assemble_csr(%v: tensor<?xf32>, %p: tensor<9xi32>, %c: tensor<?xi32>) -> tensor<8x16xf32, #csr> {
  %a = sparq.assemble values(%v : tensor<?xf32>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<?xi32>) : tensor<8x16xf32, #csr>
  return %a : tensor<8x16xf32, #csr>
}

// Upstream COO needs the row level's positions [0, nnz].
// CHECK-LABEL: func.func @assemble_coo(
// CHECK-SAME: %[[V:.*]]: tensor<?xf64>, %[[C:.*]]: tensor<?x2xi64>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[N:.*]] = tensor.dim %[[V]], %{{.*}} : tensor<?xf64>
// CHECK: %[[NI:.*]] = arith.index_cast %[[N]] : index to i32
// CHECK: %[[P:.*]] = tensor.from_elements %[[ZERO]], %[[NI]] : tensor<2xi32>
// CHECK: %[[A:.*]] = sparse_tensor.assemble (%[[P]], %[[C]]), %[[V]] : (tensor<2xi32>, tensor<?x2xi64>), tensor<?xf64> to tensor<8x16xf64, #[[COO]]>
// CHECK: return %[[A]]
func.func @assemble_coo(%v: tensor<?xf64>, %c: tensor<?x2xi64>) -> tensor<8x16xf64, #coo> {
  %a = sparq.assemble values(%v : tensor<?xf64>) coordinates(%c : tensor<?x2xi64>) : tensor<8x16xf64, #coo>
  return %a : tensor<8x16xf64, #coo>
}

// CHECK-LABEL: func.func @assemble_bcsr(
// CHECK-SAME: %[[V:.*]]: tensor<?x2x3xf32>, %[[P:.*]]: tensor<3xi8>, %[[C:.*]]: tensor<?xi8>)
// CHECK: %[[VF:.*]] = tensor.collapse_shape %[[V]] {{\[\[}}0, 1, 2]] : tensor<?x2x3xf32> into tensor<?xf32>
// CHECK: %[[A:.*]] = sparse_tensor.assemble (%[[P]], %[[C]]), %[[VF]] : (tensor<3xi8>, tensor<?xi8>), tensor<?xf32> to tensor<4x6xf32, #[[BCSR]]>
func.func @assemble_bcsr(%v: tensor<?x2x3xf32>, %p: tensor<3xi8>, %c: tensor<?xi8>) -> tensor<4x6xf32, #bcsr> {
  %a = sparq.assemble values(%v : tensor<?x2x3xf32>) positions(%p : tensor<3xi8>) coordinates(%c : tensor<?xi8>) : tensor<4x6xf32, #bcsr>
  return %a : tensor<4x6xf32, #bcsr>
}

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[X:.*]]: tensor<?x8xf32>, %[[W:.*]]: tensor<8x16xf32, #[[CSR]]>) -> tensor<?x16xf32>
// CHECK: %[[M:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x8xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[M]]) : tensor<?x16xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<?x16xf32>) -> tensor<?x16xf32>
// CHECK: %[[Y:.*]] = linalg.matmul ins(%[[X]], %[[W]] : tensor<?x8xf32>, tensor<8x16xf32, #[[CSR]]>) outs(%[[F]] : tensor<?x16xf32>) -> tensor<?x16xf32>
// CHECK: return %[[Y]]
func.func @matmul(%x: tensor<?x8xf32>, %w: tensor<8x16xf32, #csr>) -> tensor<?x16xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<?x8xf32>, tensor<8x16xf32, #csr> -> tensor<?x16xf32>
  return %y : tensor<?x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_b(
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: linalg.matmul indexing_maps = [#[[MAP_A]], #[[MAP_BT]], #[[MAP_C]]] ins(%{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<8x16xf32, #[[CSR]]>) outs(%[[F]] : tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @matmul_transpose_b(%x: tensor<4x16xf32>, %w: tensor<8x16xf32, #csr>) -> tensor<4x8xf32> {
  %y = sparq.matmul %x, %w transpose_b acc(f32) : tensor<4x16xf32>, tensor<8x16xf32, #csr> -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// A sparse result starts from an empty sparse tensor (all zeros upstream).
// CHECK-LABEL: func.func @matmul_sparse_result(
// CHECK: %[[E:.*]] = tensor.empty() : tensor<8x16xf32, #[[CSR]]>
// CHECK-NOT: linalg.fill
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x8xf32, #[[CSR]]>, tensor<8x16xf32, #[[CSR]]>) outs(%[[E]] : tensor<8x16xf32, #[[CSR]]>) -> tensor<8x16xf32, #[[CSR]]>
func.func @matmul_sparse_result(%a: tensor<8x8xf32, #csr>, %b: tensor<8x16xf32, #csr>) -> tensor<8x16xf32, #csr> {
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x8xf32, #csr>, tensor<8x16xf32, #csr> -> tensor<8x16xf32, #csr>
  return %y : tensor<8x16xf32, #csr>
}

// CHECK-LABEL: func.func @call(
// CHECK-SAME: %[[W:.*]]: tensor<8x16xf32, #[[CSR]]>) -> tensor<8x16xf32, #[[CSR]]>
// CHECK: %[[R:.*]] = call @callee(%[[W]]) : (tensor<8x16xf32, #[[CSR]]>) -> tensor<8x16xf32, #[[CSR]]>
// CHECK: return %[[R]] : tensor<8x16xf32, #[[CSR]]>
func.func private @callee(tensor<8x16xf32, #csr>) -> tensor<8x16xf32, #csr>
func.func @call(%w: tensor<8x16xf32, #csr>) -> tensor<8x16xf32, #csr> {
  %r = func.call @callee(%w) : (tensor<8x16xf32, #csr>) -> tensor<8x16xf32, #csr>
  return %r : tensor<8x16xf32, #csr>
}

// CHECK-LABEL: func.func @scf_for(
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}) -> (tensor<8x16xf32, #[[CSR]]>)
// CHECK: scf.yield %{{.*}} : tensor<8x16xf32, #[[CSR]]>
func.func @scf_for(%w: tensor<8x16xf32, #csr>, %n: index) -> tensor<8x16xf32, #csr> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%t = %w) -> (tensor<8x16xf32, #csr>) {
    scf.yield %t : tensor<8x16xf32, #csr>
  }
  return %r : tensor<8x16xf32, #csr>
}

// Plain tensors and sparq ops on them are left alone.
// CHECK-LABEL: func.func @plain(
// CHECK: sparq.matmul
func.func @plain(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}
