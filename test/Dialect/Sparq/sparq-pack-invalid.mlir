// Bad options and impossible requests of --sparq-pack.
// RUN: split-file %s %t
// RUN: sparq-opt %t/format.mlir --sparq-pack="format=ell" -verify-diagnostics
// RUN: sparq-opt %t/block.mlir --sparq-pack="block=4by4" -verify-diagnostics
// RUN: sparq-opt %t/n-ge-m.mlir --sparq-pack="format=nm n=4 m=4" -verify-diagnostics
// RUN: sparq-opt %t/pos-width.mlir --sparq-pack="pos-width=12" -verify-diagnostics
// RUN: sparq-opt %t/crd-width.mlir --sparq-pack="crd-width=4" -verify-diagnostics
// RUN: sparq-opt %t/nm.mlir --sparq-pack="format=nm n=2 m=4" -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/bcsr.mlir --sparq-pack="format=bcsr block=3x2" -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/big-m.mlir --sparq-pack="format=nm n=1 m=65537" -verify-diagnostics
// RUN: sparq-opt %t/missing-blob.mlir --sparq-pack="format=csr" -verify-diagnostics
// RUN: sparq-opt %t/narrow.mlir --sparq-pack="format=csr crd-width=8" -split-input-file -verify-diagnostics

//--- format.mlir
// expected-error@+1 {{sparq-pack: unknown format 'ell' (expected auto, dense, csr, csc, coo, bitmap, nm or bcsr)}}
module {}

//--- block.mlir
// expected-error@+1 {{sparq-pack: block must be written RxC with positive sizes, got '4by4'}}
module {}

//--- n-ge-m.mlir
// expected-error@+1 {{sparq-pack: nm needs 0 < n < m, got n = 4, m = 4}}
module {}

//--- pos-width.mlir
// expected-error@+1 {{sparq-pack: pos-width must be 8, 16, 32 or 64, got 12}}
module {}

//--- crd-width.mlir
// expected-error@+1 {{sparq-pack: crd-width must be 8, 16, 32 or 64, got 4}}
module {}

//--- nm.mlir
// Column 0 of W[4, 1] (the reduction) holds 3 nonzeros in its group of 4.
func.func @overflow(%x: tensor<1x4xf32>) -> tensor<1x1xf32> {
  %w = arith.constant dense<[[1.0], [2.0], [3.0], [0.0]]> : tensor<4x1xf32>
  // expected-error@+1 {{sparq-pack: cannot store the weight 'tensor<4x1xf32>' as nm (transposed to [N, K]): row 0, columns 0..3 hold 3 nonzeros, more than N = 2 of nm<2, 4>; run --sparq-prune=structure=nm n=2 m=4 first}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x1xf32> -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}

// -----

// The reduction (K = 6) is not a multiple of M = 4.
func.func @not_divisible(%x: tensor<1x6xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<0.0> : tensor<6x2xf32>
  // expected-error@+1 {{sparq-pack: cannot store the weight 'tensor<6x2xf32>' as nm (transposed to [N, K]): nm<2, 4> needs the column count (6) to be a multiple of M = 4}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x6xf32>, tensor<6x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// An HWCF filter has its output channels along the matrix columns.
func.func @hwcf(%x: tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32> {
  %f = arith.constant dense<0.0> : tensor<1x1x4x4xf32>
  // expected-error@+1 {{sparq-pack: cannot store the HWCF filter 'tensor<1x1x4x4xf32>' as nm: its matrix [KH*KW*C, F] has the output channels along the columns, and N:M groups run along the columns (use the nchw_fchw layout, whose [F, C*KH*KW] matrix groups the reduction)}}
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x3x3x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x3x3x4xf32>
  return %y : tensor<1x3x3x4xf32>
}

//--- bcsr.mlir
func.func @rows(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  // expected-error@+1 {{sparq-pack: cannot store the weight 'tensor<4x4xf32>' as bcsr: bcsr<3x2> needs the row count (4) to be a multiple of 3}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @cols(%x: tensor<1x6xf32>) -> tensor<1x3xf32> {
  %w = arith.constant dense<1.0> : tensor<6x3xf32>
  // expected-error@+1 {{sparq-pack: cannot store the weight 'tensor<6x3xf32>' as bcsr: bcsr<3x2> needs the column count (3) to be a multiple of 2}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x6xf32>, tensor<6x3xf32> -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

//--- narrow.mlir
// 8-bit coordinates cannot address column 299.
func.func @narrow(%x: tensor<1x2xf32>) -> tensor<1x300xf32> {
  %w = arith.constant dense<1.0> : tensor<2x300xf32>
  // expected-error@+1 {{sparq-pack: cannot store the weight 'tensor<2x300xf32>' as csr: crd_width 8 cannot address coordinate 299}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x2xf32>, tensor<2x300xf32> -> tensor<1x300xf32>
  return %y : tensor<1x300xf32>
}

// -----

// A quantized weight whose zero points are not constants is not a constant
// weight: it is left alone, without a diagnostic.
func.func @zero_points(%x: tensor<1x4xf32>, %zp: tensor<2xi32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<1> : tensor<4x2xi4>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi4>) scales(%s : tensor<2xf32>) zero_points(%zp : tensor<2xi32>) : tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>>
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- big-m.mlir
// expected-error@+1 {{sparq-pack: m = 65537 is too large for 16-bit N:M metadata}}
module {}

//--- missing-blob.mlir
// A dense_resource weight whose blob is not in the file cannot be read.
func.func @missing(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense_resource<absent> : tensor<4x2xf32>
  // expected-error@+1 {{sparq-pack: cannot read the weight: the dense_resource blob of the weight is missing}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
