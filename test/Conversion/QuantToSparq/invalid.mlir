// RUN: sparq-opt %s -split-input-file -verify-diagnostics --sparq-from-quant

func.func @too_wide(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{result #0 has type 'tensor<4x!quant.uniform<i32:f32, 5.000000e-01>>': storage width 32 of '!quant.uniform<i32:f32, 5.000000e-01>' exceeds the 16 bits sparq quantization supports}}
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i32:f32, 0.5>>
  %d = quant.dcast %q : tensor<4x!quant.uniform<i32:f32, 0.5>> to tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

func.func @custom_range(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{storage range [-100, 100] of '!quant.uniform<i8<-100:100>:f32, 5.000000e-01>' has no sparq equivalent: sparq saturates at the full range [-128, 127] (asymmetric) or, with all zero points 0, at the symmetric range [-127, 127]}}
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8<-100:100>:f32, 0.5>>
  %d = quant.dcast %q : tensor<4x!quant.uniform<i8<-100:100>:f32, 0.5>> to tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// The narrow range is symmetric only with zero points 0.
func.func @narrow_with_zero_point(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{storage range [-127, 127] of '!quant.uniform<i8<-127:127>:f32, 5.000000e-01:3>' has no sparq equivalent}}
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5:3>>
  %d = quant.dcast %q : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5:3>> to tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

func.func @zero_point_out_of_range(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{zero point 300 of '!quant.uniform<u8:f32, 5.000000e-01:300>' is outside the storage range [0, 255] that sparq requires}}
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 0.5:300>>
  %d = quant.dcast %q : tensor<4x!quant.uniform<u8:f32, 0.5:300>> to tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

func.func @any(%x: tensor<4xf32>) {
  // expected-error @+1 {{only !quant.uniform types have a sparq equivalent; '!quant.any<i8:f32>' has no scales}}
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.any<i8:f32>>
  return
}

// -----

func.func @calibrated(%x: tensor<4xf32>) {
  // expected-error @+1 {{only !quant.uniform types have a sparq equivalent; '!quant.calibrated<f32<-1.000000e+00:1.000000e+00>>' has no scales}}
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.calibrated<f32<-1.0:1.0>>>
  return
}

// -----

func.func @scalar(%x: f32) -> f32 {
  // expected-error @+1 {{result #0 has type '!quant.uniform<i8:f32, 5.000000e-01>': sparq quantizes ranked tensors only (scalar, vector and unranked !quant types have no sparq equivalent)}}
  %q = quant.qcast %x : f32 to !quant.uniform<i8:f32, 0.5>
  %d = quant.dcast %q : !quant.uniform<i8:f32, 0.5> to f32
  return %d : f32
}

// -----

#csr = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
func.func @encoded(%x: tensor<4x4xf32, #csr>) {
  // expected-error @+1 {{result #0 has type 'tensor<4x4x!quant.uniform<i8:f32, 5.000000e-01>, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>', whose encoding sparq cannot combine with its quantization}}
  %q = quant.qcast %x : tensor<4x4xf32, #csr> to tensor<4x4x!quant.uniform<i8:f32, 0.5>, #csr>
  return
}

// -----

func.func @no_counterpart() -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{'tensor.empty' on !quant types has no sparq counterpart (only quant.qcast, quant.dcast, quant.scast and func boundaries are converted)}}
  %e = tensor.empty() : tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %e : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Blocks of 2 along axis 1 that span all of axis 0: one scale for several
// rows, which sparq's groups (one row each) cannot express.
func.func @sub_channel_blocks(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{sparq groups run along one axis with one scale per element of every other axis; these blocks (sizes [-1, 2], -1 meaning the whole dimension) have no sparq granularity}}
  %q = quant.qcast %x : tensor<4x6xf32> to tensor<4x6x!quant.uniform<i8:f32:{1:2}, {{0.5, 1.0, 2.0}}>>
  return
}

// -----

// Function arguments are not checked by quant's op verifiers.
// expected-error @+1 {{argument #0 has type 'tensor<4x!quant.uniform<i8:f32:0, {5.000000e-01,1.000000e+00}>>': dimension 0 has size 4 but '!quant.uniform<i8:f32:0, {5.000000e-01,1.000000e+00}>' has 2 scales}}
func.func @per_axis_count(%a: tensor<4x!quant.uniform<i8:f32:0, {0.5, 1.0}>>) {
  return
}

// -----

// expected-error @+1 {{result #0 has type 'tensor<4x!quant.uniform<i8:f32:1, {5.000000e-01}>>': quantized dimension 1 is out of range for a rank-1 tensor}}
func.func private @per_axis_dim(tensor<4xi8>) -> tensor<4x!quant.uniform<i8:f32:1, {0.5}>>

// -----

// expected-error @+1 {{have shape [1, 2], which does not match the blocks of a tensor of shape [4, 6]}}
func.func private @sub_channel_shape(tensor<4x6x!quant.uniform<i8:f32:{0:1, 1:2}, {{0.5, 1.0}}>>)

// -----

// expected-error @+1 {{argument #0 has type 'tensor<4x!quant.uniform<i8:f32:{2:1}, {5.000000e-01}>>': quantized dimension 2 is out of range for a rank-1 tensor}}
func.func private @sub_channel_dim(tensor<4x!quant.uniform<i8:f32:{2:1}, {0.5}>>)

// -----

// expected-error @+1 {{have rank 2 but the tensor has rank 1}}
func.func private @sub_channel_rank(tensor<4x!quant.uniform<i8:f32:{0:4}, {{0.5}}>>)
