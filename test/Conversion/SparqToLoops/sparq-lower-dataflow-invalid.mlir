// RUN: sparq-opt %s --sparq-lower-dataflow -split-input-file -verify-diagnostics
// RUN: not sparq-opt %s --sparq-lower-dataflow=vector-lanes=0 -split-input-file 2>&1 | FileCheck %s --check-prefix=OPTION

// RUN: not sparq-opt %s --sparq-lower-dataflow=k-block-rows=-2 -split-input-file 2>&1 | FileCheck %s --check-prefix=KBLOCK
// RUN: not sparq-opt %s --sparq-to-llvm=vector-lanes=-1 -split-input-file 2>&1 | FileCheck %s --check-prefix=OPTION

// OPTION: sparq-lower-dataflow: vector-lanes and register-tile must be at least 1
// KBLOCK: sparq-lower-dataflow: k-block-size and k-block-rows must be at least 0 (0: automatic)

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

// An N:M result is not lowered: a product is in general not N:M.
#csr = #sparq.encoding<csr>
#nm = #sparq.encoding<nm<2, 4>>
func.func @nm_result(%x: tensor<8x16xf32, #csr>, %w: tensor<16x8xf32, #csr>) -> tensor<8x8xf32, #nm> {
  // expected-error@+1 {{sparq-lower-dataflow cannot lower this matmul with dataflow(row): an nm<2, 4> result is not supported: a product is in general not N:M (a group of the result may hold more nonzeros than N, which nm cannot store); use a plain, csr, csc, coo, bitmap or bcsr result and prune it explicitly}}
  %y = sparq.matmul %x, %w acc(f32) dataflow(row) : tensor<8x16xf32, #csr>, tensor<16x8xf32, #csr> -> tensor<8x8xf32, #nm>
  return %y : tensor<8x8xf32, #nm>
}

// -----

// The same under inner, with a dense operand.
#nm = #sparq.encoding<nm<1, 2>>
func.func @nm_result_inner(%x: tensor<4x6xf32>, %w: tensor<6x8xf32>) -> tensor<4x8xf32, #nm> {
  // expected-error@+1 {{with dataflow(inner): an nm<1, 2> result is not supported}}
  %y = sparq.matmul %x, %w acc(f32) dataflow(inner) : tensor<4x6xf32>, tensor<6x8xf32> -> tensor<4x8xf32, #nm>
  return %y : tensor<4x8xf32, #nm>
}

// -----

#a = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
#w = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 4)>>
func.func @different_groups_along_k(%x: tensor<8x16xi8, #a>) -> tensor<8x8xf32> {
  %v = arith.constant dense<1> : tensor<16x8xi8>
  %s = arith.constant dense<0.5> : tensor<4x8xf32>
  %w = sparq.assemble values(%v : tensor<16x8xi8>) scales(%s : tensor<4x8xf32>) : tensor<16x8xi8, #w>
  // expected-error@+1 {{with dataflow(row): lhs and rhs scales are grouped along the reduction with different group sizes (2 and 4)}}
  %y = sparq.matmul %x, %w acc(i32) dataflow(row) : tensor<8x16xi8, #a>, tensor<16x8xi8, #w> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

#w = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 4)>>
func.func @groups_along_output(%x: tensor<8x16xi8>, %w: tensor<16x8xi8, #w>) -> tensor<8x8xf32> {
  // expected-error@+1 {{with dataflow(inner): rhs scales vary along its output axis in groups, or along an axis that is neither the output axis nor K; an integer accumulator with a float result needs per-tensor, per-output-channel or per-group-of-K scales}}
  %y = sparq.matmul %x, %w acc(i32) dataflow(inner) : tensor<8x16xi8>, tensor<16x8xi8, #w> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

// A constant ui16 asymmetric weight grouped along K: its zero-point-free
// values need 17 bits, so the per-group partial sums with an i8 activation
// would not fit i32 in the expanded matmul.
#w = #sparq.encoding<dense, quant = #sparq.quant<ui16:f32, asymmetric, group(0, 4)>>
func.func @grouped_partials_too_wide(%x: tensor<8x16xi8>) -> tensor<8x8xf32> {
  %v = arith.constant dense<65535> : tensor<16x8xi16>
  %s = arith.constant dense<0.5> : tensor<4x8xf32>
  %z = arith.constant dense<0> : tensor<4x8xi32>
  %w = sparq.assemble values(%v : tensor<16x8xi16>) scales(%s : tensor<4x8xf32>) zero_points(%z : tensor<4x8xi32>) : tensor<16x8xi16, #w>
  // expected-error@+1 {{sparq-lower-dataflow: the per-group partial sums of this matmul need a 40-bit accumulator (the constant operand's zero-point-free values take 32 bits), wider than 'i32'}}
  %y = sparq.matmul %x, %w acc(i32) dataflow(row) : tensor<8x16xi8>, tensor<16x8xi16, #w> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

// dataflow(dense) is planned like the others: what cannot be lowered is an
// error on the op, never a half-lowered product.
#csr = #sparq.encoding<csr>
func.func @dense_batched(%x: tensor<2x8x16xf32>, %w: tensor<16x8xf32, #csr>) -> tensor<2x8x8xf32> {
  // expected-error@+1 {{sparq-lower-dataflow cannot lower this matmul with dataflow(dense): batched (rank-3) operands are lowered by the reference lowering only}}
  %y = sparq.matmul %x, %w acc(f32) dataflow(dense) : tensor<2x8x16xf32>, tensor<16x8xf32, #csr> -> tensor<2x8x8xf32>
  return %y : tensor<2x8x8xf32>
}

// -----

#csr = #sparq.encoding<csr>
#nm = #sparq.encoding<nm<2, 4>>
func.func @dense_nm_result(%x: tensor<4x8xf32, #csr>, %w: tensor<8x8xf32>) -> tensor<4x8xf32, #nm> {
  // expected-error@+1 {{with dataflow(dense): an nm<2, 4> result is not supported}}
  %y = sparq.matmul %x, %w acc(f32) dataflow(dense) : tensor<4x8xf32, #csr>, tensor<8x8xf32> -> tensor<4x8xf32, #nm>
  return %y : tensor<4x8xf32, #nm>
}
