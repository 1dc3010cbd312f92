// RUN: sparq-opt %s -split-input-file -verify-diagnostics --sparq-to-sparse-tensor

// expected-error @+1 {{argument #0 type 'tensor<8x64xf32, #sparq.encoding<bitmap>>' cannot be expressed as a #sparse_tensor.encoding: the bitmap format has no upstream level type}}
func.func @bitmap(%a: tensor<8x64xf32, #sparq.encoding<bitmap>>) {
  return
}

// -----

// The default metadata of nm<2, 4> is 2 bits.
// expected-error @+1 {{nm<2, 4> metadata of 2 bits has no upstream equivalent}}
func.func @nm_meta2(%a: tensor<8x16xf32, #sparq.encoding<nm<2, 4>>>) {
  return
}

// -----

// expected-error @+1 {{nm<2, 16> metadata of 4 bits has no upstream equivalent}}
func.func @nm_meta4(%a: tensor<8x32xf32, #sparq.encoding<nm<2, 16>>>) {
  return
}

// -----

// expected-error @+1 {{upstream structured[N, M] holds N and M in 8 bits, so M = 256 cannot be expressed}}
func.func @nm_m256(%a: tensor<8x256xf32, #sparq.encoding<nm<2, 256>, meta_width = 16>>) {
  return
}

// -----

// expected-error @+1 {{result #0 type 'tensor<64x32xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>' cannot be expressed as a #sparse_tensor.encoding: quantized tensors have no #sparse_tensor.encoding equivalent (run --sparq-to-quant for dense quantized tensors instead)}}
func.func private @quantized_csr() -> tensor<64x32xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>

// -----

func.func @quantized_dense(%w: tensor<64x32xf32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{quantized tensors have no #sparse_tensor.encoding equivalent (run --sparq-to-quant for dense quantized tensors instead)}}
  %q = sparq.quantize %w scales(%s : tensor<1xf32>) : tensor<64x32xf32> -> tensor<64x32xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
  return
}

// -----

// expected-error @+1 {{upstream conversion supports only rank-2 tensors, got rank 3}}
func.func @rank3(%a: tensor<2x8x16xf32, #sparq.encoding<csr>>) {
  return
}

// -----

func.func @pack_bitmap(%x: tensor<8x64xf32>) {
  // expected-error @+1 {{result #0 type 'tensor<8x64xf32, #sparq.encoding<bitmap>>' cannot be expressed as a #sparse_tensor.encoding}}
  %s = sparq.pack %x : tensor<8x64xf32> -> tensor<8x64xf32, #sparq.encoding<bitmap>>
  return
}

// -----

func.func @pack_nm(%x: tensor<8x16xf32>) -> tensor<8x16xf32, #sparq.encoding<nm<2, 4>, meta_width = 8>> {
  // expected-error @+1 {{sparq.pack to an nm format cannot become sparse_tensor.convert: upstream neither pads groups with fewer than N nonzeros nor rejects groups with more}}
  %s = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<nm<2, 4>, meta_width = 8>>
  return %s : tensor<8x16xf32, #sparq.encoding<nm<2, 4>, meta_width = 8>>
}

// -----

func.func @assemble_nm(%v: tensor<8x8xf16>, %m: tensor<8x8xi8>) -> tensor<8x16xf16, #sparq.encoding<nm<2, 4>, meta_width = 8>> {
  // expected-error @+1 {{sparq.assemble of an nm format cannot become sparse_tensor.assemble: MLIR 22 miscompiles assembled structured[N, M] tensors}}
  %a = sparq.assemble values(%v : tensor<8x8xf16>) metadata(%m : tensor<8x8xi8>) : tensor<8x16xf16, #sparq.encoding<nm<2, 4>, meta_width = 8>>
  return %a : tensor<8x16xf16, #sparq.encoding<nm<2, 4>, meta_width = 8>>
}

// -----

func.func @assemble_dynamic(%v: tensor<?xf32>, %p: tensor<?xi32>, %c: tensor<?xi32>) -> tensor<?x16xf32, #sparq.encoding<csr>> {
  // expected-error @+1 {{sparq.assemble of a dynamically shaped tensor cannot become sparse_tensor.assemble, which needs a static shape}}
  %a = sparq.assemble values(%v : tensor<?xf32>) positions(%p : tensor<?xi32>) coordinates(%c : tensor<?xi32>) : tensor<?x16xf32, #sparq.encoding<csr>>
  return %a : tensor<?x16xf32, #sparq.encoding<csr>>
}

// -----

func.func @matmul_int(%x: tensor<4x8xi8>, %w: tensor<8x16xi8, #sparq.encoding<csr>>) -> tensor<4x16xi32> {
  // expected-error @+1 {{only a float sparq.matmul whose operand element types equal the accumulator type converts to linalg.matmul}}
  %y = sparq.matmul %x, %w acc(i32) : tensor<4x8xi8>, tensor<8x16xi8, #sparq.encoding<csr>> -> tensor<4x16xi32>
  return %y : tensor<4x16xi32>
}

// -----

func.func @matmul_mixed_float(%x: tensor<4x8xf16>, %w: tensor<8x16xf16, #sparq.encoding<csr>>) -> tensor<4x16xf32> {
  // expected-error @+1 {{only a float sparq.matmul whose operand element types equal the accumulator type converts to linalg.matmul}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<4x8xf16>, tensor<8x16xf16, #sparq.encoding<csr>> -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

func.func @matmul_batched(%x: tensor<2x4x8xf32>, %w: tensor<8x16xf32, #sparq.encoding<csr>>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{batched sparq.matmul (rank-3 operands) has no conversion to linalg.matmul here}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4x8xf32>, tensor<8x16xf32, #sparq.encoding<csr>> -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

// -----

func.func @other_op(%w: tensor<8x16xf32, #sparq.encoding<csr>>) {
  // expected-error @+1 {{'bufferization.dealloc_tensor' on #sparq.encoding tensors has no rewrite in --sparq-to-sparse-tensor}}
  bufferization.dealloc_tensor %w : tensor<8x16xf32, #sparq.encoding<csr>>
  return
}
