// RUN: sparq-opt %s --canonicalize --split-input-file | FileCheck %s

#csr = #sparq.encoding<csr>

// unpack(pack(x)) is x for integer storage: packing is lossless.
// CHECK-LABEL: func @unpack_of_pack
// CHECK-SAME: (%[[X:.*]]: tensor<8x4xi8>)
// CHECK-NOT: sparq.
// CHECK: return %[[X]]
func.func @unpack_of_pack(%x: tensor<8x4xi8>) -> tensor<8x4xi8> {
  %p = sparq.pack %x : tensor<8x4xi8> -> tensor<8x4xi8, #csr>
  %u = sparq.unpack %p : tensor<8x4xi8, #csr> -> tensor<8x4xi8>
  return %u : tensor<8x4xi8>
}

// -----

#csr = #sparq.encoding<csr>

// Floats are not folded: pack drops -0.0 and unpack gives back +0.0.
// CHECK-LABEL: func @unpack_of_pack_float
// CHECK: sparq.pack
// CHECK: sparq.unpack
func.func @unpack_of_pack_float(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %p = sparq.pack %x : tensor<8x4xf32> -> tensor<8x4xf32, #csr>
  %u = sparq.unpack %p : tensor<8x4xf32, #csr> -> tensor<8x4xf32>
  return %u : tensor<8x4xf32>
}

// -----

#csr = #sparq.encoding<csr>

// pack(unpack(x)) is not folded: it may be a deliberate re-layout check.
// CHECK-LABEL: func @pack_of_unpack
// CHECK: sparq.unpack
// CHECK: sparq.pack
func.func @pack_of_unpack(%x: tensor<8x4xf32, #csr>) -> tensor<8x4xf32, #csr> {
  %u = sparq.unpack %x : tensor<8x4xf32, #csr> -> tensor<8x4xf32>
  %p = sparq.pack %u : tensor<8x4xf32> -> tensor<8x4xf32, #csr>
  return %p : tensor<8x4xf32, #csr>
}

// -----

#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>

// part(assemble(...)) is the assembled operand when the types agree.
// CHECK-LABEL: func @part_of_assemble
// CHECK-SAME: (%[[V:.*]]: tensor<?xi8>, %[[P:.*]]: tensor<9xi32>, %[[C:.*]]: tensor<?xi32>, %[[S:.*]]: tensor<4xf32>)
// CHECK-NOT: sparq.part
// CHECK: return %[[V]], %[[P]], %[[C]], %[[S]]
func.func @part_of_assemble(%v: tensor<?xi8>, %p: tensor<9xi32>, %c: tensor<?xi32>, %s: tensor<4xf32>)
    -> (tensor<?xi8>, tensor<9xi32>, tensor<?xi32>, tensor<4xf32>) {
  %w = sparq.assemble values(%v : tensor<?xi8>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<?xi32>) scales(%s : tensor<4xf32>) : tensor<8x4xi8, #q8csr>
  %0 = sparq.part values of %w : tensor<8x4xi8, #q8csr> -> tensor<?xi8>
  %1 = sparq.part positions of %w : tensor<8x4xi8, #q8csr> -> tensor<9xi32>
  %2 = sparq.part coordinates of %w : tensor<8x4xi8, #q8csr> -> tensor<?xi32>
  %3 = sparq.part scales of %w : tensor<8x4xi8, #q8csr> -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<?xi8>, tensor<9xi32>, tensor<?xi32>, tensor<4xf32>
}

// -----

#csr = #sparq.encoding<csr>

// An assembled operand more static than the part type is not folded (the
// fold would change the value's type).
// CHECK-LABEL: func @part_of_assemble_static
// CHECK: sparq.part values of
func.func @part_of_assemble_static(%v: tensor<5xf32>, %p: tensor<9xi32>, %c: tensor<5xi32>) -> tensor<?xf32> {
  %w = sparq.assemble values(%v : tensor<5xf32>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<5xi32>) : tensor<8x4xf32, #csr>
  %0 = sparq.part values of %w : tensor<8x4xf32, #csr> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>

// dequantize(quantize(x)) is never folded to x: it carries the rounding error.
// CHECK-LABEL: func @no_fold_quant_round_trip
// CHECK: sparq.quantize
// CHECK: sparq.dequantize
func.func @no_fold_quant_round_trip(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<4xf32> {
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<4xf32> -> tensor<4xi8, #q8>
  %d = sparq.dequantize %q : tensor<4xi8, #q8> -> tensor<4xf32>
  return %d : tensor<4xf32>
}
