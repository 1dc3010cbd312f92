// RUN: sparq-opt %s --sparq-lower-dataflow -split-input-file -verify-diagnostics
// RUN: not sparq-opt %s --sparq-lower-dataflow=vector-lanes=0 -split-input-file 2>&1 | FileCheck %s --check-prefix=OPTION

// OPTION: sparq-lower-dataflow: vector-lanes and register-tile must be at least 1

#csr = #sparq.encoding<csr>
func.func @batched(%x: tensor<2x8x16xf32>, %w: tensor<16x8xf32, #csr>) -> tensor<2x8x8xf32> {
  // expected-error@+1 {{sparq-lower-dataflow cannot lower this matmul with dataflow(row): batched (rank-3) operands are lowered by the reference lowering only}}
  %y = sparq.matmul %x, %w acc(f32) dataflow(row) : tensor<2x8x16xf32>, tensor<16x8xf32, #csr> -> tensor<2x8x8xf32>
  return %y : tensor<2x8x8xf32>
}

// -----

#csr = #sparq.encoding<csr>
func.func @dynamic(%x: tensor<?x16xf32>, %w: tensor<16x8xf32, #csr>) -> tensor<?x8xf32> {
  // expected-error@+1 {{with dataflow(inner): the operands and the result need static shapes}}
  %y = sparq.matmul %x, %w acc(f32) dataflow(inner) : tensor<?x16xf32>, tensor<16x8xf32, #csr> -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

#q = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 4)>>
func.func @group_scales_along_k(%x: tensor<8x16xi8>, %w: tensor<16x8xi8, #q>) -> tensor<8x8xf32> {
  // expected-error@+1 {{with dataflow(outer): scales that vary along the reduction (per-group or per-channel of K) with an integer accumulator need one integer sum per group}}
  %y = sparq.matmul %x, %w acc(i32) dataflow(outer) : tensor<8x16xi8>, tensor<16x8xi8, #q> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

// Compressed results are lowered for csr and csc only.
#csr = #sparq.encoding<csr>
#coo = #sparq.encoding<coo>
func.func @coo_result(%x: tensor<8x16xf32, #csr>, %w: tensor<16x8xf32, #csr>) -> tensor<8x8xf32, #coo> {
  // expected-error@+1 {{sparq-lower-dataflow cannot lower this matmul with dataflow(row): a coo result is not supported; the result must be a plain tensor or use the csr or csc format}}
  %y = sparq.matmul %x, %w acc(f32) dataflow(row) : tensor<8x16xf32, #csr>, tensor<16x8xf32, #csr> -> tensor<8x8xf32, #coo>
  return %y : tensor<8x8xf32, #coo>
}
