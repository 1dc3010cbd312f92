// RUN: sparq-opt %s --sparq-to-linalg -split-input-file -verify-diagnostics

// Every diagnostic of the reference lowering. The pass reports them before
// rewriting anything, so nothing is left half-converted.

#csr = #sparq.encoding<csr>
func.func @pack_dynamic(%d: tensor<?x8xf32>) -> tensor<?x8xf32, #csr> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.pack': packing into tensor<?x8xf32, #sparq.encoding<csr>> needs a static shape in the reference lowering}}
  %c = sparq.pack %d : tensor<?x8xf32> -> tensor<?x8xf32, #csr>
  return %c : tensor<?x8xf32, #csr>
}

// -----

#csr = #sparq.encoding<csr>
func.func @unpack_dynamic(%c: tensor<4x?xf32, #csr>) -> tensor<4x?xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.unpack': unpacking tensor<4x?xf32, #sparq.encoding<csr>> needs a static shape in the reference lowering}}
  %d = sparq.unpack %c : tensor<4x?xf32, #csr> -> tensor<4x?xf32>
  return %d : tensor<4x?xf32>
}

// -----

#chcsr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @dequantize_dynamic(%c: tensor<?x8xi8, #chcsr>) -> tensor<?x8xf32, #sparq.encoding<csr>> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.dequantize': dequantizing tensor<?x8xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> needs a static shape in the reference lowering}}
  %d = sparq.dequantize %c : tensor<?x8xi8, #chcsr> -> tensor<?x8xf32, #sparq.encoding<csr>>
  return %d : tensor<?x8xf32, #sparq.encoding<csr>>
}

// -----

#csr = #sparq.encoding<csr>
func.func @matmul_dynamic(%a: tensor<?x8xf32, #csr>, %b: tensor<8x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.matmul': lhs tensor<?x8xf32, #sparq.encoding<csr>> needs a static shape in the reference lowering}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<?x8xf32, #csr>, tensor<8x4xf32> -> tensor<?x4xf32>
  return %c : tensor<?x4xf32>
}

// -----

#a8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
#wk = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @matmul_scales_along_batch(%a: tensor<3x2x8xi8, #a8>, %b: tensor<8x4xi8, #wk>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.matmul': lhs has channel(0) scales with an integer accumulator and a float result; the reference lowering applies scales per output element and supports only tensor or channel(1) (the M axis) scales here}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<3x2x8xi8, #a8>, tensor<8x4xi8, #wk> -> tensor<3x2x4xf32>
  return %c : tensor<3x2x4xf32>
}

// -----

#ag = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 2)>>
func.func @matmul_group_scales_along_m(%a: tensor<2x8xi8, #ag>, %b: tensor<8x4xi8>) -> tensor<2x4xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.matmul': lhs has group(0, 2) scales with an integer accumulator and a float result; the reference lowering applies scales per output element and supports only tensor or channel(0) (the M axis) scales here}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<2x8xi8, #ag>, tensor<8x4xi8> -> tensor<2x4xf32>
  return %c : tensor<2x4xf32>
}

// -----

#ag = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 4)>>
#bg = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 2)>>
func.func @matmul_group_sizes_differ(%a: tensor<2x8xi8, #ag>, %b: tensor<8x4xi8, #bg>) -> tensor<2x4xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.matmul': lhs and rhs scales are grouped along the reduction with different group sizes (4 and 2)}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<2x8xi8, #ag>, tensor<8x4xi8, #bg> -> tensor<2x4xf32>
  return %c : tensor<2x4xf32>
}

// -----

#ag = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(2, 4)>>
func.func @matmul_group_batch(%a: tensor<3x2x8xi8, #ag>, %b: tensor<8x4xi8>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.matmul': per-group scales along the reduction with an integer accumulator and a float result are supported for rank-2 operands only}}
  %c = sparq.matmul %a, %b acc(i32) : tensor<3x2x8xi8, #ag>, tensor<8x4xi8> -> tensor<3x2x4xf32>
  return %c : tensor<3x2x4xf32>
}

// -----

#xc = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>
func.func @conv_input_channel_scales(%x: tensor<1x4x4x2xi8, #xc>, %f: tensor<3x3x2x2xi8>) -> tensor<1x2x2x2xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.conv2d': input has per-channel or per-group scales with an integer accumulator and a float result; the reference lowering supports only tensor scales for the conv2d input (its channels are reduced)}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x4x4x2xi8, #xc>, tensor<3x3x2x2xi8> -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

#x8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#fc = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(2)>>
func.func @conv_filter_channel_scales(%x: tensor<1x4x4x2xi8, #x8>, %f: tensor<3x3x2x2xi8, #fc>) -> tensor<1x2x2x2xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.conv2d': filter has channel(2) scales with an integer accumulator and a float result; the reference lowering applies scales per output element and supports only tensor or channel(3) (the output channel axis) scales here}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x4x4x2xi8, #x8>, tensor<3x3x2x2xi8, #fc> -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

func.func @conv_dynamic_result(%x: tensor<1x?x4x2xf32>, %f: tensor<3x3x2x2xf32>) -> tensor<1x?x2x2xf32> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.conv2d': the result tensor<1x?x2x2xf32> needs static channel and spatial sizes in the reference lowering (only the batch size may be dynamic)}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x?x4x2xf32>, tensor<3x3x2x2xf32> -> tensor<1x?x2x2xf32>
  return %y : tensor<1x?x2x2xf32>
}

// -----

#csr = #sparq.encoding<csr>
func.func @foreign_op(%c: tensor<4x8xf32, #csr>) -> index {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{sparq-to-linalg cannot lower 'tensor.dim': operation 'tensor.dim' takes or returns a compressed tensor; the reference lowering carries compressed tensors only through sparq ops, func.func / call / return and scf.for / if / while / index_switch}}
  %d = tensor.dim %c, %c0 : tensor<4x8xf32, #csr>
  return %d : index
}

// -----

#csr = #sparq.encoding<csr>
func.func @foreign_scf(%c: tensor<4x8xf32, #csr>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{sparq-to-linalg cannot lower 'scf.forall': operation 'scf.forall' takes or returns a compressed tensor; the reference lowering carries compressed tensors only through sparq ops, func.func / call / return and scf.for / if / while / index_switch}}
  %r = scf.forall (%i) in (%c1) shared_outs(%o = %c) -> tensor<4x8xf32, #csr> {
  }
  return
}

// -----

func.func @from_bytes_dynamic(%b: tensor<?xi8>, %n: index) -> tensor<?xi4> {
  // expected-error @+1 {{sparq-to-linalg cannot lower 'sparq.from_bytes': unpacking bytes into tensor<?xi4> needs a static result shape in the reference lowering}}
  %v = sparq.from_bytes %b : tensor<?xi8> -> tensor<?xi4>
  return %v : tensor<?xi4>
}
