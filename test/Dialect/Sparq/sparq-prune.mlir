// RUN: sparq-opt %s --sparq-prune="structure=nm n=2 m=4 ops=mm" --split-input-file | FileCheck %s --check-prefix=NM
// RUN: sparq-opt %s --sparq-prune="structure=unstructured sparsity=0.5 ops=mv" --split-input-file | FileCheck %s --check-prefix=UNSTR
// RUN: sparq-opt %s --sparq-prune="structure=filter sparsity=0.34 ops=filt" --split-input-file | FileCheck %s --check-prefix=FILTER
// RUN: sparq-opt %s --sparq-prune="structure=block block=2x2 sparsity=0.5 ops=blk" --split-input-file | FileCheck %s --check-prefix=BLOCK
// RUN: sparq-opt %s --sparq-prune="structure=channel sparsity=0.5 ops=conv" --split-input-file | FileCheck %s --check-prefix=CHANNEL
// RUN: sparq-opt %s --sparq-prune="structure=unstructured sparsity=0.5 ops=fc2" --split-input-file | FileCheck %s --check-prefix=NAMED

// Each RUN line prunes the op named by ops= with one structure.
// Weights below are pruned by hand; a dense_resource blob prints as hex:
// 4 bytes of alignment (0x08000000), then little-endian f32 values.

// Columns of the 4x2 weight are 2:4 groups along the reduction:
// [1, -3, 2, 0.5] keeps -3, 2; [4, 4, 1, 4] keeps the first two 4s.
// Expected weight: [[0, 4], [-3, 4], [2, 0], [0, 0]].
// NM-LABEL: func @matmul_rhs
// NM: %[[W:.*]] = arith.constant dense_resource<[[NM_BLOB:sparq_pruned[_0-9]*]]> : tensor<4x2xf32>
// NM: linalg.matmul {sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure nm>} ins(%{{.*}}, %[[W]] :
// NM: [[NM_BLOB]]: "0x080000000000000000008040000040C00000804000000040000000000000000000000000"
func.func @matmul_rhs(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[1.0, 4.0], [-3.0, 4.0], [2.0, 1.0], [0.5, 4.0]]> : tensor<4x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x2xf32>) outs(%i : tensor<2x2xf32>) -> tensor<2x2xf32> loc("mm")
  return %y : tensor<2x2xf32>
}

// -----

// A matvec weight [3, 2] (reduction along rows). Unstructured 50%:
// round(3) entries of smallest |w|: 0.5, 1, and of the tied 2 / -2 the later.
// Expected: [[0, -5], [2, 0], [3, 0]].
// UNSTR-LABEL: func @matvec
// UNSTR: linalg.matvec {sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure unstructured>}
// UNSTR: sparq_pruned{{[_0-9]*}}: "0x08000000000000000000A0C000000040000000000000404000000000"
func.func @matvec(%x: tensor<2xf32>, %i: tensor<3xf32>) -> tensor<3xf32> {
  %w = arith.constant dense<[[1.0, -5.0], [2.0, 0.5], [3.0, -2.0]]> : tensor<3x2xf32>
  %y = linalg.matvec ins(%w, %x : tensor<3x2xf32>, tensor<2xf32>) outs(%i : tensor<3xf32>) -> tensor<3xf32> loc("mv")
  return %y : tensor<3xf32>
}

// -----

// A sparq.matmul weight [2, 3]: filter (column) norms^2 are 25, 2, 4, and
// round(0.34 * 3) = 1 filter goes: column 1. Expected [[3, 0, 0], [4, 0, 2]].
// FILTER-LABEL: func @sparq_matmul_filters
// FILTER: sparq.matmul %{{.*}}, %{{.*}} acc(f32) {sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure filter>}
// FILTER: sparq_pruned{{[_0-9]*}}: "0x08000000000040400000000000000000000080400000000000000040"
func.func @sparq_matmul_filters(%x: tensor<4x2xf32>) -> tensor<4x3xf32> {
  %w = arith.constant dense<[[3.0, 1.0, 0.0], [4.0, 1.0, 2.0]]> : tensor<2x3xf32>
  %y = sparq.matmul %x, %w acc(f32) : tensor<4x2xf32>, tensor<2x3xf32> -> tensor<4x3xf32> loc("filt")
  return %y : tensor<4x3xf32>
}

// -----

// 2x2 blocks of a 4x4 weight have norms^2 4, 400, 36, 0; half of them go
// (the blocks with norms^2 0 and 4).
// BLOCK-LABEL: func @blocks
// BLOCK: sparq.structure = #sparq<structure block>
// BLOCK: sparq_pruned{{[_0-9]*}}: "0x0800000000000000000000000000204100002041000000000000000000002041000020410000404000004040000000000000000000004040000040400000000000000000"
func.func @blocks(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<[[1.0, 1.0, 10.0, 10.0], [1.0, 1.0, 10.0, 10.0], [3.0, 3.0, 0.0, 0.0], [3.0, 3.0, 0.0, 0.0]]> : tensor<4x4xf32>
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x4xf32> -> tensor<1x4xf32> loc("blk")
  return %y : tensor<1x4xf32>
}

// -----

// An HWCF filter [2, 2, 2, 1]: input channel 0 holds 1, 2, 3, 4 and channel
// 1 holds 5, 6, 7, 8; channel pruning at 50% zeroes channel 0. The second conv
// is not named "conv" and keeps its weight.
// CHANNEL-LABEL: func @conv_channels
// CHANNEL: linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure channel>, strides
// CHANNEL: linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides
// CHANNEL-NOT: sparq.sparsity
// CHANNEL: sparq_pruned{{[_0-9]*}}: "0x08000000000000000000A040000000000000C040000000000000E0400000000000000041"
func.func @conv_channels(%x: tensor<1x3x3x2xf32>, %i: tensor<1x2x2x1xf32>) -> (tensor<1x2x2x1xf32>, tensor<1x2x2x1xf32>) {
  %f = arith.constant dense<[[[[1.0], [5.0]], [[2.0], [6.0]]], [[[3.0], [7.0]], [[4.0], [8.0]]]]> : tensor<2x2x2x1xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %f : tensor<1x3x3x2xf32>, tensor<2x2x2x1xf32>) outs(%i : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> loc("conv")
  %g = arith.constant dense<1.0> : tensor<2x2x2x1xf32>
  %z = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %g : tensor<1x3x3x2xf32>, tensor<2x2x2x1xf32>) outs(%i : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  return %y, %z : tensor<1x2x2x1xf32>, tensor<1x2x2x1xf32>
}

// -----

// ops= selects by location name; the weight of fc2 is a dense_resource.
// NAMED-LABEL: func @named
// NAMED: %[[W1:.*]] = arith.constant dense<{{.*}}> : tensor<2x2xf32>
// NAMED: sparq.matmul %{{.*}}, %[[W1]] acc(f32) :
// NAMED: sparq.matmul %{{.*}}, %{{.*}} acc(f32) {sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure unstructured>}
// NAMED: sparq_pruned{{[_0-9]*}}: "0x0800000000000000000000000000404000008040"
func.func @named(%x: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %w1 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %w2 = arith.constant dense_resource<fc2_weight> : tensor<2x2xf32>
  %a = sparq.matmul %x, %w1 acc(f32) : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32> loc("fc1")
  %b = sparq.matmul %x, %w2 acc(f32) : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32> loc("fc2")
  return %a, %b : tensor<1x2xf32>, tensor<1x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      fc2_weight: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
