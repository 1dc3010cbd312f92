// Bad options and impossible requests of --sparq-prune.
// RUN: split-file %s %t
// RUN: sparq-opt %t/structure.mlir --sparq-prune="structure=random" -verify-diagnostics
// RUN: sparq-opt %t/block.mlir --sparq-prune="structure=block block=4by4" -verify-diagnostics
// RUN: sparq-opt %t/sparsity.mlir --sparq-prune="sparsity=1.0" -verify-diagnostics
// RUN: sparq-opt %t/negative.mlir --sparq-prune="sparsity=-0.1" -verify-diagnostics
// RUN: sparq-opt %t/nm.mlir --sparq-prune="structure=nm n=2 m=4" -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/n-ge-m.mlir --sparq-prune="structure=nm n=4 m=4" -verify-diagnostics
// RUN: sparq-opt %t/tile.mlir --sparq-prune="structure=block block=4x4" -verify-diagnostics
// RUN: sparq-opt %t/kernel.mlir --sparq-prune="structure=kernel" -verify-diagnostics
// RUN: sparq-opt %t/overrides.mlir --sparq-prune -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/f16.mlir --sparq-prune -verify-diagnostics

//--- structure.mlir
// expected-error@+1 {{sparq-prune: unknown structure 'random' (expected unstructured, nm, block, filter, shape, channel, kernel or vector)}}
module {}

//--- block.mlir
// expected-error@+1 {{sparq-prune: block must be written RxC with positive sizes, got '4by4'}}
module {}

//--- sparsity.mlir
// expected-error@+1 {{sparq-prune: sparsity must be in [0, 1), got 1.000000e+00}}
module {}

//--- negative.mlir
// expected-error@+1 {{sparq-prune: sparsity must be in [0, 1), got -1.000000e-01}}
module {}

//--- nm.mlir
func.func @nm(%x: tensor<1x6xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.0> : tensor<6x2xf32>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: nm pruning needs the reduction size (6) to be a multiple of m = 4}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x6xf32>, tensor<6x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// The im2col rows of an HWCF [3, 3, 2, 4] filter number 18, not a multiple of 4.
func.func @nm_conv(%x: tensor<1x5x5x2xf32>, %i: tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32> {
  %f = arith.constant dense<1.0> : tensor<3x3x2x4xf32>
  // expected-error@+1 {{'linalg.conv_2d_nhwc_hwcf' op cannot prune the weight: nm pruning needs the reduction size (18) to be a multiple of m = 4}}
  %y = linalg.conv_2d_nhwc_hwcf ins(%x, %f : tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) outs(%i : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  return %y : tensor<1x3x3x4xf32>
}

//--- n-ge-m.mlir
func.func @n_ge_m(%x: tensor<1x8xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.0> : tensor<8x2xf32>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: nm pruning needs 0 < n < m, got n = 4, m = 4}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x8xf32>, tensor<8x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- tile.mlir
func.func @tile(%x: tensor<1x6xf32>) -> tensor<1x8xf32> {
  %w = arith.constant dense<1.0> : tensor<6x8xf32>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: block 4x4 does not tile the 6x8 weight matrix}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x6xf32>, tensor<6x8xf32> -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}

//--- kernel.mlir
func.func @kernel(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: this structure needs a conv2d weight (it prunes input channels, kernels or kernel rows)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

//--- overrides.mlir
func.func @not_a_dict(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  // expected-error@+1 {{'sparq.matmul' op sparq.prune must be a dictionary attribute}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.prune = "nm"} : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @unknown_key(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  // expected-error@+1 {{'sparq.matmul' op sparq.prune: unexpected entry 'ratio' (expected structure: string, sparsity: float, n: int, m: int, block: string)}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.prune = {ratio = 0.5}} : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @unknown_structure(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  // expected-error@+1 {{'sparq.matmul' op sparq.prune: unknown structure 'rows'}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.prune = {structure = "rows"}} : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @bad_block(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  // expected-error@+1 {{'sparq.matmul' op sparq.prune: block must be written RxC with positive sizes, got '0x2'}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.prune = {structure = "block", block = "0x2"}} : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @override_sparsity(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: sparsity must be in [0, 1), got 2.000000}}
  %y = sparq.matmul %x, %w acc(f32) {sparq.prune = {sparsity = 2.0}} : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

//--- f16.mlir
func.func @f16(%x: tensor<1x4xf16>) -> tensor<1x4xf16> {
  %w = arith.constant dense<1.0> : tensor<4x4xf16>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: it holds f16 values, not f32 (e.g. narrowed by --sparq-float-format); prune the f32 weight first}}
  %y = sparq.matmul %x, %w acc(f16) : tensor<1x4xf16>, tensor<4x4xf16> -> tensor<1x4xf16>
  return %y : tensor<1x4xf16>
}
