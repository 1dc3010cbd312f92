// RUN: sparq-opt %s -split-input-file --sparq-to-pe -verify-diagnostics

func.func @float_operand(%a: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{operand 'lhs' has element type 'f32'; sparq-to-pe needs integer (quantized or raw) operands}}
  %c = sparq.matmul %a, %w acc(f32) : tensor<4x8xf32>, tensor<8x2xf32> -> tensor<4x2xf32>
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

#cb = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, codebook, tensor>>
func.func @codebook(%a: tensor<4x8xi8>, %w: tensor<8x2xi4, #cb>) -> tensor<4x2xf32> {
  // expected-error @+1 {{operand 'rhs' is codebook-quantized; the PE array multiplies linear integers}}
  %c = sparq.matmul %a, %w acc(f32) : tensor<4x8xi8>, tensor<8x2xi4, #cb> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

func.func @batched(%a: tensor<2x4x8xi8>, %w: tensor<8x2xi8>) -> tensor<2x4x2xi32> {
  // expected-error @+1 {{sparq-to-pe lowers rank-2 (unbatched) matmuls only (run --sparq-unbatch-matmul first)}}
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

module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<output_buffer = 2>} {
func.func @output_buffer(%a: tensor<4x8xi8>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{one i32 accumulator does not fit the output buffer}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}
}

// -----

func.func @conv_width(%x: tensor<1x3x3x2xi8>, %f: tensor<2x2x2x3xi6>) -> tensor<1x2x2x3xi32> {
  // expected-error @+1 {{operand 'filter' is 6-bit; the PE array multiplies 2-, 4- or 8-bit operands}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x3x3x2xi8>, tensor<2x2x2x3xi6> -> tensor<1x2x2x3xi32>
  return %y : tensor<1x2x2x3xi32>
}

// -----

#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
func.func @float_acc(%a: tensor<4x8xi8, #q8>, %w: tensor<8x2xi8, #q8>) -> tensor<4x2xf32> {
  // expected-error @+1 {{sparq-to-pe needs an integer accumulator; acc('f32') dequantizes the operands before multiplying}}
  %c = sparq.matmul %a, %w acc(f32) : tensor<4x8xi8, #q8>, tensor<8x2xi8, #q8> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

// Zero points along the reduction cannot be corrected once per output.
#u8k = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, channel(1)>>
func.func @zero_points_along_k(%a: tensor<4x8xi8, #u8k>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{operand 'lhs' has channel(1) zero points; sparq-to-pe corrects zero points once per output row / column after the PE program, so they must be per tensor or channel(0)}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8, #u8k>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

#u8g = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, group(0, 4)>>
func.func @rhs_group_zero_points(%a: tensor<4x8xi8>, %w: tensor<8x2xi8, #u8g>) -> tensor<4x2xi32> {
  // expected-error @+1 {{operand 'rhs' has group(0, 4) zero points; sparq-to-pe corrects zero points once per output row / column after the PE program, so they must be per tensor or channel(1)}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi8, #u8g> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

// A conv input's channels are reduced: its zero points must be per tensor.
#u8c = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, channel(3)>>
func.func @conv_input_channel_zero_points(%x: tensor<1x3x3x2xi8, #u8c>, %f: tensor<2x2x2x3xi8>) -> tensor<1x2x2x3xi32> {
  // expected-error @+1 {{operand 'input' has channel(3) zero points; sparq-to-pe corrects zero points once per output row / column after the PE program, so they must be per tensor}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x3x3x2xi8, #u8c>, tensor<2x2x2x3xi8> -> tensor<1x2x2x3xi32>
  return %y : tensor<1x2x2x3xi32>
}

// -----

// Per-group scales along K with a float result need one sum per group.
#s4g = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(0, 4)>>
func.func @group_scales(%a: tensor<4x8xi8>, %w: tensor<8x2xi4, #s4g>) -> tensor<4x2xf32> {
  // expected-error @+1 {{operand 'rhs' has group(0, 4) scales; sparq-to-pe scales the integer accumulator once per output after the PE program, so they must be per tensor or channel(1) (scales along the reduction need one integer sum per group)}}
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi4, #s4g> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}

// -----

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(2)>>
func.func @conv_filter_scales_along_k(%x: tensor<1x3x3x2xi8>, %f: tensor<2x2x2x3xi8, #q8c>) -> tensor<1x2x2x3xf32> {
  // expected-error @+1 {{operand 'filter' has channel(2) scales; sparq-to-pe scales the integer accumulator once per output after the PE program, so they must be per tensor or channel(3)}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x3x3x2xi8>, tensor<2x2x2x3xi8, #q8c> -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}

// -----

// Shapes (and the tiles) are checked in the checking phase, before any op is
// rewritten.
func.func @dynamic(%a: tensor<4x8xi8>, %w: tensor<8x2xi8>, %b: tensor<?x8xi8>) -> (tensor<4x2xi32>, tensor<?x2xi32>) {
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8>, tensor<8x2xi8> -> tensor<4x2xi32>
  // expected-error @+1 {{sparq-to-pe needs static shapes}}
  %d = sparq.matmul %b, %w acc(i32) : tensor<?x8xi8>, tensor<8x2xi8> -> tensor<?x2xi32>
  return %c, %d : tensor<4x2xi32>, tensor<?x2xi32>
}

// -----

func.func @conv_dynamic(%x: tensor<?x3x3x2xi8>, %f: tensor<2x2x2x3xi8>) -> tensor<?x2x2x3xi32> {
  // expected-error @+1 {{sparq-to-pe needs static shapes}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<?x3x3x2xi8>, tensor<2x2x2x3xi8> -> tensor<?x2x2x3xi32>
  return %y : tensor<?x2x2x3xi32>
}
