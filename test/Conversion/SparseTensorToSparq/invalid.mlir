// RUN: sparq-opt %s -split-input-file -verify-diagnostics --sparq-from-sparse-tensor

#T3 = #sparse_tensor.encoding<{map = (i, j, k) -> (i : dense, j : dense, k : compressed)}>
// expected-error @+1 {{argument #0 type 'tensor<2x8x16xf32, #sparse_tensor.encoding<{ map = (d0, d1, d2) -> (d0 : dense, d1 : dense, d2 : compressed) }>>' has no #sparq.encoding equivalent: sparq formats map only rank-2 tensors, got rank 3}}
func.func @rank3(%a: tensor<2x8x16xf32, #T3>) {
  return
}

// -----

#DCSR = #sparse_tensor.encoding<{map = (i, j) -> (i : compressed, j : compressed)}>
// expected-error @+1 {{has no #sparq.encoding equivalent: its levels (compressed, compressed) match no sparq format (csr, csc, coo, bcsr or nm)}}
func.func @dcsr(%a: tensor<8x16xf32, #DCSR>) {
  return
}

// -----

#CSR_NO = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed(nonordered))}>
// expected-error @+1 {{has no #sparq.encoding equivalent: it differs from sparq's csr layout (expected #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>)}}
func.func @csr_nonordered(%a: tensor<8x16xf32, #CSR_NO>) {
  return
}

// -----

#COO_SOA = #sparse_tensor.encoding<{map = (i, j) -> (i : compressed(nonunique), j : singleton(soa))}>
// expected-error @+1 {{it differs from sparq's coo layout (expected #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : compressed(nonunique), d1 : singleton) }>)}}
func.func @coo_soa(%a: tensor<8x16xf32, #COO_SOA>) {
  return
}

// -----

#NM_INDEX = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j floordiv 4 : dense, j mod 4 : structured[2, 4])}>
// expected-error @+1 {{structured[2, 4] coordinates of index type do not fit sparq's N:M metadata (meta_width 2, 4, 8 or 16; use crdWidth = 8 or 16)}}
func.func @nm_index(%a: tensor<8x16xf32, #NM_INDEX>) {
  return
}

// -----

#NM_32 = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j floordiv 4 : dense, j mod 4 : structured[2, 4]), crdWidth = 32}>
// expected-error @+1 {{structured[2, 4] coordinates of 32 bits do not fit sparq's N:M metadata}}
func.func @nm_32(%a: tensor<8x16xf32, #NM_32>) {
  return
}

// -----

#NM_44 = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j floordiv 4 : dense, j mod 4 : structured[4, 4]), crdWidth = 8}>
// expected-error @+1 {{the equivalent sparq format is invalid: N:M sparsity needs 0 < N < M, got 4:4}}
func.func @nm_44(%a: tensor<8x16xf32, #NM_44>) {
  return
}

// -----

#BSR = #sparse_tensor.encoding<{map = (i, j) -> (i floordiv 2 : dense, j floordiv 3 : compressed, i mod 2 : dense, j mod 3 : dense)}>
// expected-error @+1 {{the equivalent sparq format is invalid: format bcsr<2x3> needs the row count (5) to be a multiple of 2}}
func.func @bsr_shape(%a: tensor<5x6xf32, #BSR>) {
  return
}

// -----

#CSR_ONES = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed), explicitVal = 1.0 : f32}>
// expected-error @+1 {{explicit/implicit values have no sparq equivalent}}
func.func @explicit_val(%a: tensor<8x16xf32, #CSR_ONES>) {
  return
}

// -----

#CSR_SLICE = #sparse_tensor.encoding<{map = (i : #sparse_tensor<slice(0, 4, 1)>, j : #sparse_tensor<slice(0, 8, 1)>) -> (i : dense, j : compressed)}>
// expected-error @+1 {{sparse tensor slices have no sparq equivalent}}
func.func @slice(%a: tensor<4x8xf32, #CSR_SLICE>) {
  return
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
// expected-error @+1 {{sparq stores only integer or float elements, got complex<f32>}}
func.func @complex(%a: tensor<8x16xcomplex<f32>, #CSR>) {
  return
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @convert_result(%x: tensor<8x16xf32, #CSR>) {
  // expected-error @+1 {{result #0 type 'tensor<8x16xf32, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : compressed, d1 : compressed) }>>' has no #sparq.encoding equivalent}}
  %0 = sparse_tensor.convert %x : tensor<8x16xf32, #CSR> to tensor<8x16xf32, #sparse_tensor.encoding<{map = (i, j) -> (i : compressed, j : compressed)}>>
  return
}

// -----

#COO = #sparse_tensor.encoding<{map = (i, j) -> (i : compressed(nonunique), j : singleton)}>
func.func @coo_positions(%a: tensor<8x16xf32, #COO>) -> memref<?xindex> {
  // expected-error @+1 {{sparq's coo has no positions array (its entry count is the length of the values)}}
  %0 = sparse_tensor.positions %a {level = 0 : index} : tensor<8x16xf32, #COO> to memref<?xindex>
  return %0 : memref<?xindex>
}

// -----

#COO = #sparse_tensor.encoding<{map = (i, j) -> (i : compressed(nonunique), j : singleton)}>
func.func @coo_level_coordinates(%a: tensor<8x16xf32, #COO>) -> memref<?xindex, strided<[?], offset: ?>> {
  // expected-error @+1 {{sparse_tensor.coordinates of a COO level is a strided view of the AoS coordinates, which sparq has no part for; use sparse_tensor.coordinates_buffer}}
  %0 = sparse_tensor.coordinates %a {level = 1 : index} : tensor<8x16xf32, #COO> to memref<?xindex, strided<[?], offset: ?>>
  return %0 : memref<?xindex, strided<[?], offset: ?>>
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @matmul_int(%x: tensor<4x8xi32>, %w: tensor<8x16xi32, #CSR>, %c: tensor<4x16xi32>) -> tensor<4x16xi32> {
  // expected-error @+1 {{linalg.matmul maps to sparq.matmul only for float operands of the accumulator's element type}}
  %y = linalg.matmul ins(%x, %w : tensor<4x8xi32>, tensor<8x16xi32, #CSR>) outs(%c : tensor<4x16xi32>) -> tensor<4x16xi32>
  return %y : tensor<4x16xi32>
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @matmul_transpose_a(%x: tensor<8x4xf32>, %w: tensor<8x16xf32, #CSR>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{linalg.matmul with custom lhs or result indexing maps has no sparq.matmul form}}
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<8x4xf32>, tensor<8x16xf32, #CSR>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @matmul_sparse_acc(%a: tensor<8x8xf32, #CSR>, %b: tensor<8x16xf32, #CSR>, %c: tensor<8x16xf32, #CSR>) -> tensor<8x16xf32, #CSR> {
  // expected-error @+1 {{a sparse linalg.matmul init must be a tensor.empty (all zeros): sparq.matmul cannot accumulate into a sparse tensor}}
  %y = linalg.matmul ins(%a, %b : tensor<8x8xf32, #CSR>, tensor<8x16xf32, #CSR>) outs(%c : tensor<8x16xf32, #CSR>) -> tensor<8x16xf32, #CSR>
  return %y : tensor<8x16xf32, #CSR>
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @empty(%a: tensor<8x16xf32, #CSR>) -> tensor<8x16xf32, #CSR> {
  // expected-error @+1 {{tensor.empty of a sparse type has no sparq equivalent except as the init of one linalg.matmul}}
  %e = tensor.empty() : tensor<8x16xf32, #CSR>
  return %e : tensor<8x16xf32, #CSR>
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @other_op(%a: tensor<8x16xf32, #CSR>) -> index {
  // expected-error @+1 {{'sparse_tensor.number_of_entries' on #sparse_tensor.encoding tensors has no sparq equivalent}}
  %n = sparse_tensor.number_of_entries %a : tensor<8x16xf32, #CSR>
  return %n : index
}

// -----

#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @convert_element_type(%x: tensor<8x16xf32>) -> tensor<8x16xf64, #CSR> {
  // expected-error @+1 {{sparse_tensor.convert that changes the element type has no sparq equivalent (sparq.pack / unpack keep it)}}
  %s = sparse_tensor.convert %x : tensor<8x16xf32> to tensor<8x16xf64, #CSR>
  return %s : tensor<8x16xf64, #CSR>
}

