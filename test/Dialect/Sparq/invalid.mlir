// RUN: sparq-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the sparq ops' verifiers.

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantize_int_input(%x: tensor<8x4xi32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{'sparq.quantize' op input must be a plain float tensor, got 'tensor<8x4xi32>'}}
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) : tensor<8x4xi32> -> tensor<8x4xi8, #q8c>
  return
}

// -----

func.func @quantize_plain_result(%x: tensor<8x4xf32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{'sparq.quantize' op result must be a quantized tensor (#sparq.encoding with quant = ...), got 'tensor<8x4xi8>'}}
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) : tensor<8x4xf32> -> tensor<8x4xi8>
  return
}

// -----

#sp = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @quantize_foreign_result(%x: tensor<8x4xf32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{'sparq.quantize' op result has encoding #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }> that is not a #sparq.encoding (convert upstream encodings with --sparq-from-sparse-tensor)}}
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) : tensor<8x4xf32> -> tensor<8x4xi8, #sp>
  return
}

// -----

#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantize_to_csr(%x: tensor<8x4xf32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{'sparq.quantize' op result must use the dense format (change the format afterwards with sparq.pack)}}
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) : tensor<8x4xf32> -> tensor<8x4xi8, #q8csr>
  return
}

// -----

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantize_expressed_mismatch(%x: tensor<8x4xf16>, %s: tensor<4xf32>) {
  // expected-error@+1 {{'sparq.quantize' op input element type 'f16' differs from the expressed type 'f32' of the result}}
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) : tensor<8x4xf16> -> tensor<8x4xi8, #q8c>
  return
}

// -----

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantize_shape_mismatch(%x: tensor<8x5xf32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{'sparq.quantize' op input shape 'tensor<8x5xf32>' does not match result shape}}
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) : tensor<8x5xf32> -> tensor<8x4xi8, #q8c>
  return
}

// -----

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantize_missing_scales(%x: tensor<8x4xf32>) {
  // expected-error@+1 {{'sparq.quantize' op needs `scales` of type 'tensor<4xf32>'}}
  %q = sparq.quantize %x : tensor<8x4xf32> -> tensor<8x4xi8, #q8c>
  return
}

// -----

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantize_scale_count(%x: tensor<8x4xf32>, %s: tensor<8xf32>) {
  // expected-error@+1 {{'sparq.quantize' op `scales` has type 'tensor<8xf32>' but 'tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>' needs 'tensor<4xf32>'}}
  %q = sparq.quantize %x scales(%s : tensor<8xf32>) : tensor<8x4xf32> -> tensor<8x4xi8, #q8c>
  return
}

// -----

#q4g = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(0, 4)>>
func.func @quantize_group_scale_shape(%x: tensor<8x4xf32>, %s: tensor<4x4xf32>) {
  // expected-error@+1 {{`scales` has type 'tensor<4x4xf32>' but 'tensor<8x4xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(0, 4)>>>' needs 'tensor<2x4xf32>'}}
  %q = sparq.quantize %x scales(%s : tensor<4x4xf32>) : tensor<8x4xf32> -> tensor<8x4xi4, #q4g>
  return
}

// -----

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantize_symmetric_zero_point(%x: tensor<8x4xf32>, %s: tensor<4xf32>, %z: tensor<4xi32>) {
  // expected-error@+1 {{'sparq.quantize' op takes no `zero_points` for}}
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) zero_points(%z : tensor<4xi32>) : tensor<8x4xf32> -> tensor<8x4xi8, #q8c>
  return
}

// -----

#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @quantize_missing_zero_point(%x: tensor<8x4xf32>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.quantize' op needs `zero_points` of type 'tensor<1xi32>'}}
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<8x4xf32> -> tensor<8x4xi8, #u8>
  return
}

// -----

#cb = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>
func.func @quantize_codebook_size(%x: tensor<8x4xf32>, %c: tensor<8xf32>) {
  // expected-error@+1 {{'sparq.quantize' op `codebook` has type 'tensor<8xf32>' but 'tensor<8x4xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>>' needs 'tensor<16xf32>'}}
  %q = sparq.quantize %x codebook(%c : tensor<8xf32>) : tensor<8x4xf32> -> tensor<8x4xi4, #cb>
  return
}

// -----

#cb = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>
func.func @quantize_codebook_with_scales(%x: tensor<8x4xf32>, %s: tensor<1xf32>, %c: tensor<16xf32>) {
  // expected-error@+1 {{'sparq.quantize' op takes no `scales` for}}
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) codebook(%c : tensor<16xf32>) : tensor<8x4xf32> -> tensor<8x4xi4, #cb>
  return
}

// -----

func.func @dequantize_plain(%x: tensor<8x4xi8>) {
  // expected-error@+1 {{'sparq.dequantize' op input must be a quantized tensor, got 'tensor<8x4xi8>'}}
  %d = sparq.dequantize %x : tensor<8x4xi8> -> tensor<8x4xf32>
  return
}

// -----

#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @dequantize_drops_format(%x: tensor<8x4xi8, #q8csr>) {
  // expected-error@+1 {{'sparq.dequantize' op result type must be 'tensor<8x4xf32, #sparq.encoding<csr>>' (the input's format with the expressed type), got 'tensor<8x4xf32>'}}
  %d = sparq.dequantize %x : tensor<8x4xi8, #q8csr> -> tensor<8x4xf32>
  return
}

// -----

#sp = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @dequantize_foreign(%x: tensor<8x4xi8, #sp>) {
  // expected-error@+1 {{'sparq.dequantize' op input has encoding}}
  %d = sparq.dequantize %x : tensor<8x4xi8, #sp> -> tensor<8x4xf32>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @requantize_plain_result(%x: tensor<8x4xi8, #q8t>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op result must be a quantized tensor in the dense format, got 'tensor<8x4xi8>'}}
  %r = sparq.requantize %x scales(%s : tensor<1xf32>) : tensor<8x4xi8, #q8t> -> tensor<8x4xi8>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#cb = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>
func.func @requantize_to_codebook(%x: tensor<8x4xi8, #q8t>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op cannot requantize to a codebook; use sparq.quantize with a codebook}}
  %r = sparq.requantize %x scales(%s : tensor<1xf32>) : tensor<8x4xi8, #q8t> -> tensor<8x4xi4, #cb>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @requantize_shape(%x: tensor<8x4xi32>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op input shape 'tensor<8x4xi32>' does not match result shape 'tensor<4x8xi8}}
  %r = sparq.requantize %x in_scales(%s : tensor<1xf32>) scales(%s : tensor<1xf32>) : tensor<8x4xi32> -> tensor<4x8xi8, #q8t>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @requantize_csr_input(%x: tensor<8x4xi8, #q8csr>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op input must be a raw integer tensor or a quantized tensor in the dense format}}
  %r = sparq.requantize %x scales(%s : tensor<1xf32>) : tensor<8x4xi8, #q8csr> -> tensor<8x4xi8, #q8t>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @requantize_in_scales_on_quantized(%x: tensor<8x4xi8, #q8t>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op takes no `in_scales` for the quantized input}}
  %r = sparq.requantize %x in_scales(%s : tensor<1xf32>) scales(%s : tensor<1xf32>) : tensor<8x4xi8, #q8t> -> tensor<8x4xi8, #q8t>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @requantize_float_input(%x: tensor<8x4xf32>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op input must be a raw integer tensor or a quantized tensor, got 'tensor<8x4xf32>'}}
  %r = sparq.requantize %x in_scales(%s : tensor<1xf32>) scales(%s : tensor<1xf32>) : tensor<8x4xf32> -> tensor<8x4xi8, #q8t>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @requantize_missing_in_scales(%x: tensor<8x4xi32>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op needs `in_scales` for the raw integer input 'tensor<8x4xi32>'}}
  %r = sparq.requantize %x scales(%s : tensor<1xf32>) : tensor<8x4xi32> -> tensor<8x4xi8, #q8t>
  return
}

// -----

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @requantize_in_scales_shape(%x: tensor<8x4xi32>, %s: tensor<8xf32>, %o: tensor<4xf32>) {
  // expected-error@+1 {{'sparq.requantize' op `in_scales` has type 'tensor<8xf32>' but must be 'tensor<1xf32>' or 'tensor<4xf32>'}}
  %r = sparq.requantize %x in_scales(%s : tensor<8xf32>) scales(%o : tensor<4xf32>) : tensor<8x4xi32> -> tensor<8x4xi8, #q8c>
  return
}

// -----

#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @requantize_missing_zero_point(%x: tensor<8x4xi32>, %s: tensor<1xf32>) {
  // expected-error@+1 {{'sparq.requantize' op needs `zero_points` of type 'tensor<1xi32>'}}
  %r = sparq.requantize %x in_scales(%s : tensor<1xf32>) scales(%s : tensor<1xf32>) : tensor<8x4xi32> -> tensor<8x4xi8, #u8>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @pack_from_csr(%x: tensor<8x4xf32, #csr>) {
  // expected-error@+1 {{'sparq.pack' op input must be in the dense format, got}}
  %p = sparq.pack %x : tensor<8x4xf32, #csr> -> tensor<8x4xf32, #csr>
  return
}

// -----

func.func @pack_to_plain(%x: tensor<8x4xf32>) {
  // expected-error@+1 {{'sparq.pack' op result must use a compressed format (csr, csc, coo, bitmap, nm or bcsr), got 'tensor<8x4xf32>'}}
  %p = sparq.pack %x : tensor<8x4xf32> -> tensor<8x4xf32>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @pack_element_type(%x: tensor<8x4xf32>) {
  // expected-error@+1 {{'sparq.pack' op element type changes from 'f32' to 'f16'; pack only changes the format}}
  %p = sparq.pack %x : tensor<8x4xf32> -> tensor<8x4xf16, #csr>
  return
}

// -----

#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @pack_quantization(%x: tensor<8x4xi8>) {
  // expected-error@+1 {{'sparq.pack' op quantization changes from <<NULL ATTRIBUTE>> to #sparq.quant<si8:f32, symmetric, tensor>; pack only changes the format}}
  %p = sparq.pack %x : tensor<8x4xi8> -> tensor<8x4xi8, #q8csr>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @pack_shape(%x: tensor<8x4xf32>) {
  // expected-error@+1 {{'sparq.pack' op input shape 'tensor<8x4xf32>' does not match result shape}}
  %p = sparq.pack %x : tensor<8x4xf32> -> tensor<4x8xf32, #csr>
  return
}

// -----

func.func @unpack_plain(%x: tensor<8x4xf32>) {
  // expected-error@+1 {{'sparq.unpack' op input must use a compressed format, got 'tensor<8x4xf32>'}}
  %u = sparq.unpack %x : tensor<8x4xf32> -> tensor<8x4xf32>
  return
}

// -----

#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @unpack_drops_quant(%x: tensor<8x4xi8, #q8csr>) {
  // expected-error@+1 {{'sparq.unpack' op result type must be 'tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>' (the dense form of the input), got 'tensor<8x4xi8>'}}
  %u = sparq.unpack %x : tensor<8x4xi8, #q8csr> -> tensor<8x4xi8>
  return
}

// -----

func.func @assemble_plain(%v: tensor<8x4xf32>) {
  // expected-error@+1 {{'sparq.assemble' op result must be a compressed tensor (#sparq.encoding), got 'tensor<8x4xf32>'}}
  %a = sparq.assemble values(%v : tensor<8x4xf32>) : tensor<8x4xf32>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @assemble_missing_positions(%v: tensor<?xf32>, %c: tensor<?xi32>) {
  // expected-error@+1 {{'sparq.assemble' op needs `positions` of type 'tensor<9xi32>' for 'tensor<8x4xf32, #sparq.encoding<csr>>'}}
  %a = sparq.assemble values(%v : tensor<?xf32>) coordinates(%c : tensor<?xi32>) : tensor<8x4xf32, #csr>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @assemble_extra_bitmap(%v: tensor<?xf32>, %p: tensor<9xi32>, %c: tensor<?xi32>, %b: tensor<8x1xi64>) {
  // expected-error@+1 {{'sparq.assemble' op takes no `bitmap` for 'tensor<8x4xf32, #sparq.encoding<csr>>'}}
  %a = sparq.assemble values(%v : tensor<?xf32>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<?xi32>) bitmap(%b : tensor<8x1xi64>) : tensor<8x4xf32, #csr>
  return
}

// -----

#csr = #sparq.encoding<csr, crd_width = 16>
func.func @assemble_coordinate_width(%v: tensor<?xf32>, %p: tensor<9xi32>, %c: tensor<?xi32>) {
  // expected-error@+1 {{'sparq.assemble' op `coordinates` has type 'tensor<?xi32>' but 'tensor<8x4xf32, #sparq.encoding<csr, crd_width = 16>>' needs 'tensor<?xi16>'}}
  %a = sparq.assemble values(%v : tensor<?xf32>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<?xi32>) : tensor<8x4xf32, #csr>
  return
}

// -----

#nm = #sparq.encoding<nm<2, 4>>
func.func @assemble_nm_values(%v: tensor<8x4xf32>, %m: tensor<8x2xi2>) {
  // expected-error@+1 {{'sparq.assemble' op `values` has type 'tensor<8x4xf32>' but 'tensor<8x4xf32, #sparq.encoding<nm<2, 4>>>' needs 'tensor<8x2xf32>'}}
  %a = sparq.assemble values(%v : tensor<8x4xf32>) metadata(%m : tensor<8x2xi2>) : tensor<8x4xf32, #nm>
  return
}

// -----

func.func @part_of_plain(%x: tensor<8x4xf32>) {
  // expected-error@+1 {{'sparq.part' op operand must be a compressed tensor (#sparq.encoding), got 'tensor<8x4xf32>'}}
  %v = sparq.part values of %x : tensor<8x4xf32> -> tensor<8x4xf32>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @part_missing(%x: tensor<8x4xf32, #csr>) {
  // expected-error@+1 {{'sparq.part' op 'tensor<8x4xf32, #sparq.encoding<csr>>' has no metadata part (its parts are: values, positions, coordinates)}}
  %v = sparq.part metadata of %x : tensor<8x4xf32, #csr> -> tensor<8x2xi2>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @part_wrong_type(%x: tensor<8x4xf32, #csr>) {
  // expected-error@+1 {{'sparq.part' op the positions of 'tensor<8x4xf32, #sparq.encoding<csr>>' have type 'tensor<9xi32>', not 'tensor<9xi64>'}}
  %v = sparq.part positions of %x : tensor<8x4xf32, #csr> -> tensor<9xi64>
  return
}

// -----

#sp = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @matmul_foreign(%a: tensor<8x4xf32>, %b: tensor<4x2xf32, #sp>) {
  // expected-error@+1 {{'sparq.matmul' op operand #1 has encoding}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<8x4xf32>, tensor<4x2xf32, #sp> -> tensor<8x2xf32>
  return
}

// -----

func.func @matmul_acc_index(%a: tensor<8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op accumulator must be an integer or float type, got 'index'}}
  %c = sparq.matmul %a, %b acc(index) : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xindex>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @matmul_quantized_result(%a: tensor<8x4xi8, #q8t>, %b: tensor<4x2xi8, #q8t>) {
  // expected-error@+1 {{'sparq.matmul' op result must not be quantized (requantize the accumulator with sparq.requantize)}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<8x4xi8, #q8t>, tensor<4x2xi8, #q8t> -> tensor<8x2xi8, #q8t>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#cb = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>
func.func @matmul_codebook_int_acc(%a: tensor<8x4xi8, #q8t>, %b: tensor<4x2xi4, #cb>) {
  // expected-error@+1 {{'sparq.matmul' op operand #1 is codebook-quantized: its centroids are real values, so it needs a float accumulator, not 'i32'}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<8x4xi8, #q8t>, tensor<4x2xi4, #cb> -> tensor<8x2xi32>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @matmul_float_operand_int_acc(%a: tensor<8x4xf32>, %b: tensor<4x2xi8, #q8t>) {
  // expected-error@+1 {{'sparq.matmul' op integer accumulator 'i32' needs integer operands, but operand #0 has element type 'f32'}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<8x4xf32>, tensor<4x2xi8, #q8t> -> tensor<8x2xi32>
  return
}

// -----

func.func @matmul_narrow_acc(%a: tensor<8x4xi8>, %b: tensor<4x2xi8>) {
  // expected-error@+1 {{'sparq.matmul' op accumulator 'i8' cannot hold a product of the operands (16 bits)}}
  %c = sparq.matmul %a, %b acc(i8) : tensor<8x4xi8>, tensor<4x2xi8> -> tensor<8x2xi8>
  return
}

// -----

func.func @matmul_result_type(%a: tensor<8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op result element type 'f16' must be the accumulator type 'f32'}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf16>
  return
}

// -----

func.func @matmul_raw_int_float_result(%a: tensor<8x4xi8>, %b: tensor<4x2xi8>) {
  // expected-error@+1 {{'sparq.matmul' op result element type 'f32' must be the accumulator type 'i32'}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<8x4xi8>, tensor<4x2xi8> -> tensor<8x2xf32>
  return
}

// -----

#q8t = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @matmul_quantized_result_type(%a: tensor<8x4xi8, #q8t>, %b: tensor<4x2xi8, #q8t>) {
  // expected-error@+1 {{'sparq.matmul' op result element type 'i16' must be the accumulator type 'i32' or a float type (scales applied to the accumulator)}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<8x4xi8, #q8t>, tensor<4x2xi8, #q8t> -> tensor<8x2xi16>
  return
}

// -----

func.func @matmul_lhs_rank(%a: tensor<8xf32>, %b: tensor<8x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op lhs must have rank 2 ([M, K]) or 3 ([B, M, K]), got rank 1}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<8xf32>, tensor<8x2xf32> -> tensor<2xf32>
  return
}

// -----

func.func @matmul_rhs_rank(%a: tensor<8x4xf32>, %b: tensor<2x4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op rhs must have rank 2, or rank 3 with a rank-3 lhs, got rank 3}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<8x4xf32>, tensor<2x4x2xf32> -> tensor<8x2xf32>
  return
}

// -----

func.func @matmul_result_rank(%a: tensor<2x8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op result must have rank 3, got 2}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<2x8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  return
}

// -----

func.func @matmul_k(%a: tensor<8x4xf32>, %b: tensor<5x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op reduction size of rhs is 5 but must be 4}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<8x4xf32>, tensor<5x2xf32> -> tensor<8x2xf32>
  return
}

// -----

func.func @matmul_k_transposed(%a: tensor<8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op reduction size of rhs is 2 but must be 4}}
  %c = sparq.matmul %a, %b transpose_b acc(f32) : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x4xf32>
  return
}

// -----

func.func @matmul_m(%a: tensor<8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op result dimension M is 7 but must be 8}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<7x2xf32>
  return
}

// -----

func.func @matmul_n(%a: tensor<8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op result dimension N is 3 but must be 2}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x3xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op result batch size is 3 but must be 2}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<2x8x4xf32>, tensor<4x2xf32> -> tensor<3x8x2xf32>
  return
}

// -----

func.func @matmul_rhs_batch(%a: tensor<2x8x4xf32>, %b: tensor<3x4x2xf32>) {
  // expected-error@+1 {{'sparq.matmul' op rhs batch size is 3 but must be 2}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<2x8x4xf32>, tensor<3x4x2xf32> -> tensor<2x8x2xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op input, filter and result must have rank 4}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @conv_strides(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op strides and dilations must have 2 elements}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) strides = [1, 1, 1] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @conv_padding(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op padding must have 4 elements [top, bottom, left, right]}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) padding = [1, 1] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x9x9x8xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op strides and dilations must be positive}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) strides = [0, 1] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @conv_negative_padding(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op padding must be non-negative}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) padding = [0, -1, 0, 0] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x6x7x8xf32>
  return
}

// -----

func.func @conv_kernel_too_big(%x: tensor<1x2x2x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op the kernel (3x3, dilated) does not fit the padded input (2x2)}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x2x2x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x1x1x8xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x9x9x4xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op filter channel count is 3 but must be 4}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x9x9x4xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @conv_batch(%x: tensor<2x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op result batch size is 1 but must be 2}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<2x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @conv_out_channels(%x: tensor<1x3x9x9xf32>, %f: tensor<8x3x3x3xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op result channel count is 4 but must be 8}}
  %y = sparq.conv2d %x, %f layout(nchw_fchw) acc(f32) : tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32> -> tensor<1x4x7x7xf32>
  return
}

// -----

func.func @conv_height(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op result height is 7 but must be 4}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) strides = [2, 1] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @conv_width(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op result width is 7 but must be 5}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) dilations = [1, 2] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @conv_int_acc_float_input(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xi8>) {
  // expected-error@+1 {{'sparq.conv2d' op integer accumulator 'i32' needs integer operands, but operand #0 has element type 'f32'}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x9x9x3xf32>, tensor<3x3x3x8xi8> -> tensor<1x7x7x8xi32>
  return
}

// -----

func.func @unknown_dataflow(%a: tensor<8x4xf32>, %b: tensor<4x2xf32>) {
  // expected-error@+1 {{unknown dataflow 'diagonal'}}
  %c = sparq.matmul %a, %b acc(f32) dataflow(diagonal) : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  return
}

// -----

func.func @unknown_layout(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{unknown layout 'nhwc_fhwc'}}
  %y = sparq.conv2d %x, %f layout(nhwc_fhwc) acc(f32) : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @missing_layout(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xf32>) {
  // expected-error@+1 {{expected `layout(...)`}}
  %y = sparq.conv2d %x, %f acc(f32) : tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32> -> tensor<1x7x7x8xf32>
  return
}

// -----

#csr = #sparq.encoding<csr>
func.func @part_foreign(%x: tensor<8x4xf32, #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>>) {
  // expected-error@+1 {{'sparq.part' op operand has encoding}}
  %v = sparq.part values of %x : tensor<8x4xf32, #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>> -> tensor<?xf32>
  return
}

// -----

func.func @from_bytes_count(%b: tensor<4xi8>) {
  // expected-error@+1 {{'sparq.from_bytes' op 6 elements of 4 bits need 3 bytes, got 4}}
  %v = sparq.from_bytes %b : tensor<4xi8> -> tensor<2x3xi4>
  return
}

// -----

func.func @from_bytes_float(%b: tensor<4xi8>) {
  // expected-error@+1 {{'sparq.from_bytes' op result must be a plain tensor of 1- to 16-bit integers, got 'tensor<2xf16>'}}
  %v = sparq.from_bytes %b : tensor<4xi8> -> tensor<2xf16>
  return
}

// -----

func.func @from_bytes_rank(%b: tensor<2x2xi8>) {
  // expected-error@+1 {{'sparq.from_bytes' op bytes must be a plain rank-1 i8 tensor, got 'tensor<2x2xi8>'}}
  %v = sparq.from_bytes %b : tensor<2x2xi8> -> tensor<8xi4>
  return
}

// -----

// An unsigned / asymmetric operand contributes (q - zp): 9 bits for ui8.
#qa = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @matmul_acc_asymmetric(%a: tensor<1x1xi8, #qa>) {
  // expected-error@+1 {{'sparq.matmul' op accumulator 'i16' cannot hold a product of the operands (18 bits)}}
  %c = sparq.matmul %a, %a acc(i16) : tensor<1x1xi8, #qa>, tensor<1x1xi8, #qa> -> tensor<1x1xf32>
  return
}

// -----

func.func @conv_huge_padding(%x: tensor<1x6x6x1xf32>, %f: tensor<3x3x1x1xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op strides, dilations and padding must be below 2^31}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) padding = [9223372036854775807, 9223372036854775807, 0, 0] : tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32> -> tensor<1x2x4x1xf32>
  return
}

// -----

func.func @conv_empty_filter(%x: tensor<1x4x4x3xf32>, %f: tensor<0x0x3x2xf32>) {
  // expected-error@+1 {{'sparq.conv2d' op filter dimensions must be positive, got 'tensor<0x0x3x2xf32>'}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x3xf32>, tensor<0x0x3x2xf32> -> tensor<1x5x5x2xf32>
  return
}
