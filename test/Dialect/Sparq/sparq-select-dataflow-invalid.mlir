// Bad options and unreadable constant patterns are errors.
// RUN: split-file %s %t
// RUN: sparq-opt %t/data.mlir -split-input-file --sparq-select-dataflow -verify-diagnostics
// RUN: sparq-opt %t/data.mlir -split-input-file --sparq-report="file=%t.json" -verify-diagnostics
// RUN: sparq-opt %t/dynamic.mlir --sparq-select-dataflow -verify-diagnostics
// RUN: sparq-opt %t/policy.mlir --sparq-select-dataflow="policy=fastest" -verify-diagnostics
// RUN: sparq-opt %t/density.mlir --sparq-select-dataflow="assumed-density=1.5" -verify-diagnostics
// RUN: sparq-opt %t/bandwidth.mlir --sparq-select-dataflow="bandwidth=0" -verify-diagnostics
// RUN: sparq-opt %t/cache-bandwidth.mlir --sparq-select-dataflow="cache-bandwidth=0" -verify-diagnostics
// RUN: sparq-opt %t/report-cache-bandwidth.mlir --sparq-report="file=- cache-bandwidth=-2" -verify-diagnostics
// RUN: sparq-opt %t/rate.mlir --sparq-select-dataflow="compute-rate=-1" -verify-diagnostics
// RUN: sparq-opt %t/vector.mlir --sparq-select-dataflow="vector-bits=12" -verify-diagnostics
// RUN: sparq-opt %t/cache.mlir --sparq-select-dataflow="cache-bytes=-1" -verify-diagnostics
// RUN: sparq-opt %t/report.mlir --sparq-report="file=- assumed-density=-0.5" -verify-diagnostics

//--- policy.mlir
// expected-error@+1 {{sparq-select-dataflow: unknown policy 'fastest' (expected cost, inner, outer, row or dense)}}
module {}

//--- density.mlir
// expected-error@+1 {{sparq-select-dataflow: assumed-density=1.50 must be in [0, 1]}}
module {}

//--- bandwidth.mlir
// expected-error@+1 {{sparq-select-dataflow: bandwidth=0.00 must be a positive number of GB/s}}
module {}

//--- cache-bandwidth.mlir
// expected-error@+1 {{sparq-select-dataflow: cache-bandwidth=0.00 must be a positive number of GB/s}}
module {}

//--- report-cache-bandwidth.mlir
// expected-error@+1 {{sparq-report: cache-bandwidth=-2.00 must be a positive number of GB/s}}
module {}

//--- rate.mlir
// expected-error@+1 {{sparq-select-dataflow: compute-rate=-1.00 must be a positive number of operations per ns}}
module {}

//--- vector.mlir
// expected-error@+1 {{sparq-select-dataflow: vector-bits=12 must be a positive multiple of 8 (or 0: the host's)}}
module {}

//--- cache.mlir
// expected-error@+1 {{sparq-select-dataflow: cache-bytes=-1 must not be negative}}
module {}

//--- report.mlir
// expected-error@+1 {{sparq-report: assumed-density=-0.50 must be in [0, 1]}}
module {}

//--- data.mlir
#csr = #sparq.encoding<csr>
func.func @csr_out_of_range(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<1.0> : tensor<2xf32>
  %p = arith.constant dense<[0, 2, 2, 2, 2]> : tensor<5xi32>
  %c = arith.constant dense<[0, 7]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<2xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<2xi32>) : tensor<4x4xf32, #csr>
  // expected-error@+1 {{cannot read the sparsity pattern of operand #1 (csr): coordinate 7 of row 0 is out of range [0, 4)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csr> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

#csr = #sparq.encoding<csr>
func.func @csr_positions_decrease(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<1.0> : tensor<2xf32>
  %p = arith.constant dense<[0, 2, 1, 2, 2]> : tensor<5xi32>
  %c = arith.constant dense<[0, 1]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<2xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<2xi32>) : tensor<4x4xf32, #csr>
  // expected-error@+1 {{cannot read the sparsity pattern of operand #1 (csr): positions decrease at 1}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csr> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

#coo = #sparq.encoding<coo>
func.func @coo_repeated(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<1.0> : tensor<2xf32>
  %c = arith.constant dense<[[0, 1], [0, 1]]> : tensor<2x2xi32>
  %w = sparq.assemble values(%v : tensor<2xf32>) coordinates(%c : tensor<2x2xi32>) : tensor<4x4xf32, #coo>
  // expected-error@+1 {{cannot read the sparsity pattern of operand #1 (coo): entry (0, 1) of the operand matrix is stored twice}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #coo> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

#nm = #sparq.encoding<nm<2, 4>, meta_width = 8>
func.func @nm_bad_metadata(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<1.0> : tensor<4x2xf32>
  %m = arith.constant dense<[[0, 5], [0, 1], [0, 1], [0, 1]]> : tensor<4x2xi8>
  %w = sparq.assemble values(%v : tensor<4x2xf32>) metadata(%m : tensor<4x2xi8>) : tensor<4x4xf32, #nm>
  // expected-error@+1 {{cannot read the sparsity pattern of operand #1 (nm<2, 4>): metadata 5 at row 0 is not a position in a group of 4}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #nm> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

#bitmap = #sparq.encoding<bitmap>
func.func @bitmap_beyond_columns(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<1.0> : tensor<1xf32>
  %b = arith.constant dense<[[32], [0], [0], [0]]> : tensor<4x1xi64>
  %w = sparq.assemble values(%v : tensor<1xf32>) bitmap(%b : tensor<4x1xi64>) : tensor<4x4xf32, #bitmap>
  // expected-error@+1 {{cannot read the sparsity pattern of operand #1 (bitmap): bitmap bit 5 of row 0 is beyond the 4 columns}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #bitmap> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

#bcsr = #sparq.encoding<bcsr<2x2>>
func.func @bcsr_out_of_range(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<1.0> : tensor<1x2x2xf32>
  %p = arith.constant dense<[0, 1, 1]> : tensor<3xi32>
  %c = arith.constant dense<[2]> : tensor<1xi32>
  %w = sparq.assemble values(%v : tensor<1x2x2xf32>) positions(%p : tensor<3xi32>) coordinates(%c : tensor<1xi32>) : tensor<4x4xf32, #bcsr>
  // expected-error@+1 {{cannot read the sparsity pattern of operand #1 (bcsr<2x2>): block column 2 of block row 0 is out of range [0, 2)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #bcsr> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

//--- dynamic.mlir
// (sparq-report lists such an op as not analyzed instead.)
func.func @dynamic(%x: tensor<?x4xf32>, %w: tensor<4x4xf32>) -> tensor<?x4xf32> {
  // expected-error@+1 {{the dataflow cost model needs static shapes, got 'tensor<?x4xf32>'}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<?x4xf32>, tensor<4x4xf32> -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}
