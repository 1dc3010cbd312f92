// RUN: sparq-opt %s -split-input-file --sparq-to-pe -verify-diagnostics

func.func @float_operand(%a: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{operand 'lhs' has element type 'f32'; sparq-to-pe needs integer (quantized or raw) operands}}
  %c = sparq.matmul %a, %w acc(f32) : tensor<4x8xf32>, tensor<8x2xf32> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @float_result(%a: tensor<4x8xi8, #q8>, %w: tensor<8x2xi8, #q8>) -> tensor<4x2xf32> {
  // expected-error @+1 {{sparq-to-pe computes the integer accumulator; the result must be acc('i32'), not 'f32' (apply scales after the matmul)}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8, #q8>, tensor<8x2xi8, #q8> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @width(%a: tensor<4x8xi3>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{operand 'lhs' is 3-bit; the PE array multiplies 2-, 4- or 8-bit operands}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi3>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

func.func @wide(%a: tensor<4x8xi8>, %w: tensor<8x2xi16>) -> tensor<4x2xi32> {
  // expected-error @+1 {{operand 'rhs' is 16-bit; the PE array multiplies 2-, 4- or 8-bit operands}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi16> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @zero_points(%a: tensor<4x8xi8, #u8>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{operand 'lhs' is asymmetric with zero points that are not constant zeros; the PE array multiplies the stored integers}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8, #u8>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
func.func @nonzero_zero_points(%v: tensor<4x8xi8>, %s: tensor<1xf32>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  %zp = arith.constant dense<3> : tensor<1xi32>
  %a = sparq.assemble values(%v : tensor<4x8xi8>) scales(%s : tensor<1xf32>) zero_points(%zp : tensor<1xi32>) : tensor<4x8xi8, #u8>
  // expected-error @+1 {{operand 'lhs' is asymmetric with zero points that are not constant zeros}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8, #u8>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

#cb = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>
func.func @codebook(%a: tensor<4x8xi8>, %w: tensor<8x2xi4, #cb>) -> tensor<4x2xf32> {
  // expected-error @+1 {{operand 'rhs' is codebook-quantized; the PE array multiplies linear integers}}
  %c = sparq.matmul %a, %w acc(f32) : tensor<4x8xi8>, tensor<8x2xi4, #cb> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @batched(%a: tensor<2x4x8xi8>, %w: tensor<8x2xi8>) -> tensor<2x4x2xi32> {
  // expected-error @+1 {{sparq-to-pe lowers rank-2 (unbatched) matmuls only}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<2x4x8xi8>, tensor<8x2xi8> -> tensor<2x4x2xi32>
  return %c : tensor<2x4x2xi32>
}

// -----

// The error leaves the module untouched: the first (valid) op is not lowered.
func.func @atomic(%a: tensor<4x8xi8>, %w: tensor<8x2xi8>, %b: tensor<4x8xi3>) -> (tensor<4x2xi32>, tensor<4x2xi32>) {
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi8> -> tensor<4x2xi32>
  // expected-error @+1 {{operand 'lhs' is 3-bit}}
  %d = sparq.matmul %b, %w acc(i32) : tensor<4x8xi3>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c, %d : tensor<4x2xi32>, tensor<4x2xi32>
}

// -----

module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<input_buffer = 4>} {
func.func @buffer(%a: tensor<4x8xi8>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{a reduction of K = 8 does not fit the accelerator's input buffer (4 bytes)}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}
}

// -----

module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<output_buffer = 2>} {
func.func @output_buffer(%a: tensor<4x8xi8>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{one i32 accumulator does not fit the output buffer}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}
}

// -----

#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @conv_float_result(%x: tensor<1x3x3x2xi8, #q8>, %f: tensor<2x2x2x3xi8, #q8>) -> tensor<1x2x2x3xf32> {
  // expected-error @+1 {{the result must be acc('i32'), not 'f32' (apply scales after the convolution)}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x3x3x2xi8, #q8>, tensor<2x2x2x3xi8, #q8> -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}

// -----

func.func @conv_width(%x: tensor<1x3x3x2xi8>, %f: tensor<2x2x2x3xi6>) -> tensor<1x2x2x3xi32> {
  // expected-error @+1 {{operand 'filter' is 6-bit; the PE array multiplies 2-, 4- or 8-bit operands}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x3x3x2xi8>, tensor<2x2x2x3xi6> -> tensor<1x2x2x3xi32>
  return %y : tensor<1x2x2x3xi32>
}
