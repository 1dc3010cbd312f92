// RUN: sparq-opt %s --sparq-from-sparse-tensor | FileCheck %s

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
#CSC = #sparse_tensor.encoding<{map = (i, j) -> (j : dense, i : compressed), posWidth = 16, crdWidth = 16}>
#COO = #sparse_tensor.encoding<{map = (i, j) -> (i : compressed(nonunique), j : singleton), posWidth = 32, crdWidth = 32}>
#BSR = #sparse_tensor.encoding<{map = (i, j) -> (i floordiv 2 : dense, j floordiv 3 : compressed, i mod 2 : dense, j mod 3 : dense), posWidth = 8, crdWidth = 8}>
#NM24 = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j floordiv 4 : dense, j mod 4 : structured[2, 4]), posWidth = 32, crdWidth = 8}>
#NM28 = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j floordiv 8 : dense, j mod 8 : structured[2, 8]), posWidth = 32, crdWidth = 16}>

// Upstream index widths (0) become 64-bit sparq widths.
// CHECK-DAG: #[[BCSR:.*]] = #sparq.encoding<bcsr<2x3>, pos_width = 8, crd_width = 8>
// CHECK-DAG: #[[COO:.*]] = #sparq.encoding<coo>
// CHECK-DAG: #[[CSC:.*]] = #sparq.encoding<csc, pos_width = 16, crd_width = 16>
// CHECK-DAG: #[[CSR:.*]] = #sparq.encoding<csr, pos_width = 64, crd_width = 64>
// CHECK-DAG: #[[NM24:.*]] = #sparq.encoding<nm<2, 4>, meta_width = 8>
// CHECK-DAG: #[[NM28:.*]] = #sparq.encoding<nm<2, 8>, meta_width = 16>

// CHECK-LABEL: func.func @types(
// CHECK-SAME: tensor<8x16xf32, #[[CSR]]>, %{{.*}}: tensor<8x16xf32, #[[CSC]]>, %{{.*}}: tensor<8x16xf64, #[[COO]]>,
// CHECK-SAME: tensor<4x6xf32, #[[BCSR]]>, %{{.*}}: tensor<8x16xf16, #[[NM24]]>, %{{.*}}: tensor<?x16xi8, #[[NM28]]>)
// CHECK-SAME: -> tensor<8x16xf32, #[[CSR]]>
func.func @types(%a: tensor<8x16xf32, #CSR>, %b: tensor<8x16xf32, #CSC>, %c: tensor<8x16xf64, #COO>,
                 %d: tensor<4x6xf32, #BSR>, %e: tensor<8x16xf16, #NM24>, %f: tensor<?x16xi8, #NM28>)
    -> tensor<8x16xf32, #CSR> {
  return %a : tensor<8x16xf32, #CSR>
}

// CHECK-LABEL: func.func @pack(
// CHECK-SAME: %[[X:.*]]: tensor<8x16xf32>) -> tensor<8x16xf32, #[[CSC]]>
// CHECK: %[[S:.*]] = sparq.pack %[[X]] : tensor<8x16xf32> -> tensor<8x16xf32, #[[CSC]]>
// CHECK: return %[[S]]
func.func @pack(%x: tensor<8x16xf32>) -> tensor<8x16xf32, #CSC> {
  %s = sparse_tensor.convert %x : tensor<8x16xf32> to tensor<8x16xf32, #CSC>
  return %s : tensor<8x16xf32, #CSC>
}

// CHECK-LABEL: func.func @pack_nm(
// CHECK: sparq.pack %{{.*}} : tensor<8x16xf16> -> tensor<8x16xf16, #[[NM24]]>
func.func @pack_nm(%x: tensor<8x16xf16>) -> tensor<8x16xf16, #NM24> {
  %s = sparse_tensor.convert %x : tensor<8x16xf16> to tensor<8x16xf16, #NM24>
  return %s : tensor<8x16xf16, #NM24>
}

// CHECK-LABEL: func.func @unpack(
// CHECK-SAME: %[[S:.*]]: tensor<4x6xf32, #[[BCSR]]>) -> tensor<4x6xf32>
// CHECK: %[[D:.*]] = sparq.unpack %[[S]] : tensor<4x6xf32, #[[BCSR]]> -> tensor<4x6xf32>
// CHECK: return %[[D]]
func.func @unpack(%s: tensor<4x6xf32, #BSR>) -> tensor<4x6xf32> {
  %d = sparse_tensor.convert %s : tensor<4x6xf32, #BSR> to tensor<4x6xf32>
  return %d : tensor<4x6xf32>
}

// A relaxed static-to-dynamic convert unpacks, then casts.
// CHECK-LABEL: func.func @unpack_relaxed(
// CHECK: %[[D:.*]] = sparq.unpack %{{.*}} : tensor<8x16xf64, #[[COO]]> -> tensor<8x16xf64>
// CHECK: tensor.cast %[[D]] : tensor<8x16xf64> to tensor<?x16xf64>
func.func @unpack_relaxed(%s: tensor<8x16xf64, #COO>) -> tensor<?x16xf64> {
  %d = sparse_tensor.convert %s : tensor<8x16xf64, #COO> to tensor<?x16xf64>
  return %d : tensor<?x16xf64>
}

// A format change goes through the dense form.
// CHECK-LABEL: func.func @csc_to_csr(
// CHECK-SAME: %[[S:.*]]: tensor<8x16xf32, #[[CSC]]>) -> tensor<8x16xf32, #[[CSR]]>
// CHECK: %[[D:.*]] = sparq.unpack %[[S]] : tensor<8x16xf32, #[[CSC]]> -> tensor<8x16xf32>
// CHECK: %[[R:.*]] = sparq.pack %[[D]] : tensor<8x16xf32> -> tensor<8x16xf32, #[[CSR]]>
// CHECK: return %[[R]]
func.func @csc_to_csr(%s: tensor<8x16xf32, #CSC>) -> tensor<8x16xf32, #CSR> {
  %r = sparse_tensor.convert %s : tensor<8x16xf32, #CSC> to tensor<8x16xf32, #CSR>
  return %r : tensor<8x16xf32, #CSR>
}

// Index-typed arrays are cast to i64.
// CHECK-LABEL: func.func @assemble_csr(
// CHECK-SAME: %[[P:.*]]: tensor<9xindex>, %[[C:.*]]: tensor<?xindex>, %[[V:.*]]: tensor<?xf32>)
// CHECK: %[[P64:.*]] = arith.index_cast %[[P]] : tensor<9xindex> to tensor<9xi64>
// CHECK: %[[C64:.*]] = arith.index_cast %[[C]] : tensor<?xindex> to tensor<?xi64>
// CHECK: %[[A:.*]] = sparq.assemble values(%[[V]] : tensor<?xf32>) positions(%[[P64]] : tensor<9xi64>) coordinates(%[[C64]] : tensor<?xi64>) : tensor<8x16xf32, #[[CSR]]>
// CHECK: return %[[A]]
func.func @assemble_csr(%p: tensor<9xindex>, %c: tensor<?xindex>, %v: tensor<?xf32>) -> tensor<8x16xf32, #CSR> {
  %s = sparse_tensor.assemble (%p, %c), %v : (tensor<9xindex>, tensor<?xindex>), tensor<?xf32> to tensor<8x16xf32, #CSR>
  return %s : tensor<8x16xf32, #CSR>
}

// COO entries are cut to positions[1].
// CHECK-LABEL: func.func @assemble_coo(
// CHECK-SAME: %[[P:.*]]: tensor<2xi32>, %[[C:.*]]: tensor<?x2xi32>, %[[V:.*]]: tensor<?xf64>)
// CHECK: %[[N32:.*]] = tensor.extract %[[P]][%{{.*}}] : tensor<2xi32>
// CHECK: %[[N:.*]] = arith.index_cast %[[N32]] : i32 to index
// CHECK: %[[CS:.*]] = tensor.extract_slice %[[C]][0, 0] [%[[N]], 2] [1, 1] : tensor<?x2xi32> to tensor<?x2xi32>
// CHECK: %[[VS:.*]] = tensor.extract_slice %[[V]][0] [%[[N]]] [1] : tensor<?xf64> to tensor<?xf64>
// CHECK: sparq.assemble values(%[[VS]] : tensor<?xf64>) coordinates(%[[CS]] : tensor<?x2xi32>) : tensor<8x16xf64, #[[COO]]>
func.func @assemble_coo(%p: tensor<2xi32>, %c: tensor<?x2xi32>, %v: tensor<?xf64>) -> tensor<8x16xf64, #COO> {
  %s = sparse_tensor.assemble (%p, %c), %v : (tensor<2xi32>, tensor<?x2xi32>), tensor<?xf64> to tensor<8x16xf64, #COO>
  return %s : tensor<8x16xf64, #COO>
}

// CHECK-LABEL: func.func @assemble_bcsr(
// CHECK-SAME: %[[P:.*]]: tensor<3xi8>, %[[C:.*]]: tensor<?xi8>, %[[V:.*]]: tensor<?xf32>)
// CHECK: %[[B:.*]] = arith.divui %{{.*}}, %{{.*}} : index
// CHECK: %[[VE:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1, 2]] output_shape [%[[B]], 2, 3] : tensor<?xf32> into tensor<?x2x3xf32>
// CHECK: sparq.assemble values(%[[VE]] : tensor<?x2x3xf32>) positions(%[[P]] : tensor<3xi8>) coordinates(%[[C]] : tensor<?xi8>) : tensor<4x6xf32, #[[BCSR]]>
func.func @assemble_bcsr(%p: tensor<3xi8>, %c: tensor<?xi8>, %v: tensor<?xf32>) -> tensor<4x6xf32, #BSR> {
  %s = sparse_tensor.assemble (%p, %c), %v : (tensor<3xi8>, tensor<?xi8>), tensor<?xf32> to tensor<4x6xf32, #BSR>
  return %s : tensor<4x6xf32, #BSR>
}

// CHECK-LABEL: func.func @assemble_nm(
// CHECK-SAME: %[[M:.*]]: tensor<64xi8>, %[[V:.*]]: tensor<64xf16>)
// CHECK-DAG: %[[ME:.*]] = tensor.expand_shape %[[M]] {{\[\[}}0, 1]] output_shape [8, 8] : tensor<64xi8> into tensor<8x8xi8>
// CHECK-DAG: %[[VE:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1]] output_shape [8, 8] : tensor<64xf16> into tensor<8x8xf16>
// CHECK: sparq.assemble values(%[[VE]] : tensor<8x8xf16>) metadata(%[[ME]] : tensor<8x8xi8>) : tensor<8x16xf16, #[[NM24]]>
func.func @assemble_nm(%c: tensor<64xi8>, %v: tensor<64xf16>) -> tensor<8x16xf16, #NM24> {
  %s = sparse_tensor.assemble (%c), %v : (tensor<64xi8>), tensor<64xf16> to tensor<8x16xf16, #NM24>
  return %s : tensor<8x16xf16, #NM24>
}

// Array accessors return sparq parts, flattened, as read-only buffers.
// CHECK-LABEL: func.func @accessors(
// CHECK-SAME: %[[A:.*]]: tensor<8x16xf32, #[[CSR]]>, %[[C:.*]]: tensor<8x16xf64, #[[COO]]>, %[[N:.*]]: tensor<8x16xf16, #[[NM24]]>)
// CHECK: %[[P:.*]] = sparq.part positions of %[[A]] : tensor<8x16xf32, #[[CSR]]> -> tensor<9xi64>
// CHECK: %[[PI:.*]] = arith.index_cast %[[P]] : tensor<9xi64> to tensor<9xindex>
// CHECK: %[[PC:.*]] = tensor.cast %[[PI]] : tensor<9xindex> to tensor<?xindex>
// CHECK: %[[PB:.*]] = bufferization.to_buffer %[[PC]] read_only : tensor<?xindex> to memref<?xindex>
// CHECK: %[[CR:.*]] = sparq.part coordinates of %[[A]] : tensor<8x16xf32, #[[CSR]]> -> tensor<?xi64>
// CHECK: %[[V:.*]] = sparq.part values of %[[A]] : tensor<8x16xf32, #[[CSR]]> -> tensor<?xf32>
// CHECK: %[[VB:.*]] = bufferization.to_buffer %[[V]] read_only : tensor<?xf32> to memref<?xf32>
// CHECK: %[[AOS:.*]] = sparq.part coordinates of %[[C]] : tensor<8x16xf64, #[[COO]]> -> tensor<?x2xi32>
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[AOS]] {{\[\[}}0, 1]] : tensor<?x2xi32> into tensor<?xi32>
// CHECK: %[[AOSB:.*]] = bufferization.to_buffer %[[FLAT]] read_only : tensor<?xi32> to memref<?xi32>
// CHECK: %[[META:.*]] = sparq.part metadata of %[[N]] : tensor<8x16xf16, #[[NM24]]> -> tensor<8x8xi8>
// CHECK: tensor.collapse_shape %[[META]] {{\[\[}}0, 1]] : tensor<8x8xi8> into tensor<64xi8>
// CHECK: return %[[PB]], %{{.*}}, %[[VB]], %[[AOSB]], %{{.*}} :
func.func @accessors(%a: tensor<8x16xf32, #CSR>, %c: tensor<8x16xf64, #COO>, %n: tensor<8x16xf16, #NM24>)
    -> (memref<?xindex>, memref<?xindex>, memref<?xf32>, memref<?xi32>, memref<?xi8>) {
  %0 = sparse_tensor.positions %a {level = 1 : index} : tensor<8x16xf32, #CSR> to memref<?xindex>
  %1 = sparse_tensor.coordinates %a {level = 1 : index} : tensor<8x16xf32, #CSR> to memref<?xindex>
  %2 = sparse_tensor.values %a : tensor<8x16xf32, #CSR> to memref<?xf32>
  %3 = sparse_tensor.coordinates_buffer %c : tensor<8x16xf64, #COO> to memref<?xi32>
  %4 = sparse_tensor.coordinates %n {level = 2 : index} : tensor<8x16xf16, #NM24> to memref<?xi8>
  return %0, %1, %2, %3, %4 : memref<?xindex>, memref<?xindex>, memref<?xf32>, memref<?xi32>, memref<?xi8>
}

// A to_tensor of an accessor (what --sparq-to-sparse-tensor emits) becomes
// the part itself.
// CHECK-LABEL: func.func @accessor_to_tensor(
// CHECK-SAME: %[[A:.*]]: tensor<4x6xf32, #[[BCSR]]>)
// CHECK: %[[C:.*]] = sparq.part coordinates of %[[A]] : tensor<4x6xf32, #[[BCSR]]> -> tensor<?xi8>
// CHECK-NOT: bufferization
// CHECK: return %[[C]] : tensor<?xi8>
func.func @accessor_to_tensor(%a: tensor<4x6xf32, #BSR>) -> tensor<?xi8> {
  %0 = sparse_tensor.coordinates %a {level = 1 : index} : tensor<4x6xf32, #BSR> to memref<?xi8>
  %1 = bufferization.to_tensor %0 restrict : memref<?xi8> to tensor<?xi8>
  return %1 : tensor<?xi8>
}

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x16xf32, #[[CSR]]>) -> tensor<4x16xf32>
// CHECK-NOT: linalg
// CHECK: %[[Y:.*]] = sparq.matmul %[[X]], %[[W]] acc(f32) {{ *}}: tensor<4x8xf32>, tensor<8x16xf32, #[[CSR]]> -> tensor<4x16xf32>
// CHECK: return %[[Y]]
func.func @matmul(%x: tensor<4x8xf32>, %w: tensor<8x16xf32, #CSR>) -> tensor<4x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32, #CSR>) outs(%f : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// A non-zero init is added to the product afterwards.
// CHECK-LABEL: func.func @matmul_acc(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x16xf32, #[[CSR]]>, %[[C:.*]]: tensor<4x16xf32>)
// CHECK: %[[P:.*]] = sparq.matmul %[[X]], %[[W]] acc(f32)
// CHECK: %[[Y:.*]] = linalg.add ins(%[[P]], %[[C]] : tensor<4x16xf32>, tensor<4x16xf32>) outs(%[[C]] : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK: return %[[Y]]
func.func @matmul_acc(%x: tensor<4x8xf32>, %w: tensor<8x16xf32, #CSR>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32, #CSR>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_b(
// CHECK: sparq.matmul %{{.*}}, %{{.*}} transpose_b acc(f32) {{ *}}: tensor<4x16xf32>, tensor<8x16xf32, #[[CSR]]> -> tensor<4x8xf32>
func.func @matmul_transpose_b(%x: tensor<4x16xf32>, %w: tensor<8x16xf32, #CSR>) -> tensor<4x8xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x16xf32>, tensor<8x16xf32, #CSR>) outs(%f : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// An empty sparse init is upstream's all-zero sparse output.
// CHECK-LABEL: func.func @matmul_sparse_result(
// CHECK-NOT: tensor.empty
// CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(f32) {{ *}}: tensor<8x8xf32, #[[CSR]]>, tensor<8x16xf32, #[[CSR]]> -> tensor<8x16xf32, #[[CSR]]>
func.func @matmul_sparse_result(%a: tensor<8x8xf32, #CSR>, %b: tensor<8x16xf32, #CSR>) -> tensor<8x16xf32, #CSR> {
  %e = tensor.empty() : tensor<8x16xf32, #CSR>
  %y = linalg.matmul ins(%a, %b : tensor<8x8xf32, #CSR>, tensor<8x16xf32, #CSR>) outs(%e : tensor<8x16xf32, #CSR>) -> tensor<8x16xf32, #CSR>
  return %y : tensor<8x16xf32, #CSR>
}

// Dense linalg.matmul is left alone.
// CHECK-LABEL: func.func @dense_matmul(
// CHECK: linalg.matmul
func.func @dense_matmul(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @call_and_dim(
// CHECK-SAME: %[[W:.*]]: tensor<?x16xi8, #[[NM28]]>) -> index
// CHECK: %[[R:.*]] = call @callee(%[[W]]) : (tensor<?x16xi8, #[[NM28]]>) -> tensor<?x16xi8, #[[NM28]]>
// CHECK: %[[D:.*]] = tensor.dim %[[R]], %{{.*}} : tensor<?x16xi8, #[[NM28]]>
// CHECK: return %[[D]]
func.func private @callee(tensor<?x16xi8, #NM28>) -> tensor<?x16xi8, #NM28>
func.func @call_and_dim(%w: tensor<?x16xi8, #NM28>) -> index {
  %c0 = arith.constant 0 : index
  %r = func.call @callee(%w) : (tensor<?x16xi8, #NM28>) -> tensor<?x16xi8, #NM28>
  %d = tensor.dim %r, %c0 : tensor<?x16xi8, #NM28>
  return %d : index
}
