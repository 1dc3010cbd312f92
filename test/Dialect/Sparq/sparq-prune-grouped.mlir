// RUN: sparq-opt %s --sparq-prune="sparsity=0.5 ops=g1,g2" | FileCheck %s

// A grouped convolution selected by name becomes one linalg.conv_2d_nchw_fchw
// per group (input and init sliced at the group, a filter constant per
// group, the results inserted back), each pruned as its own layer: group 0
// keeps its 2 largest |w| of 4, group 1 likewise. The location (which ops=
// selects by) reaches every group.
// CHECK-LABEL: func.func @grouped
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x1x3x3xf32>, %[[I:.*]]: tensor<1x2x1x2x2xf32>)
// CHECK: %[[X0:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0, 0] [1, 1, 1, 3, 3] [1, 1, 1, 1, 1] : tensor<1x2x1x3x3xf32> to tensor<1x1x3x3xf32>
// CHECK: %[[I0:.*]] = tensor.extract_slice %[[I]][0, 0, 0, 0, 0] [1, 1, 1, 2, 2] [1, 1, 1, 1, 1] : tensor<1x2x1x2x2xf32> to tensor<1x1x2x2xf32>
// CHECK: %[[W0:.*]] = arith.constant dense_resource<sparq_pruned> : tensor<1x1x2x2xf32>
// CHECK: %[[C0:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure unstructured>, strides = dense<1> : tensor<2xi64>} ins(%[[X0]], %[[W0]] : tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>) outs(%[[I0]] : tensor<1x1x2x2xf32>)
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[C0]] into %[[I]][0, 0, 0, 0, 0] [1, 1, 1, 2, 2] [1, 1, 1, 1, 1]
// CHECK: %[[X1:.*]] = tensor.extract_slice %[[X]][0, 1, 0, 0, 0]
// CHECK: %[[I1:.*]] = tensor.extract_slice %[[I]][0, 1, 0, 0, 0]
// CHECK: %[[C1:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, sparq.sparsity = 5.000000e-01 : f64, {{.*}}} ins(%[[X1]], %{{.*}} : tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>)
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[C1]] into %[[R0]][0, 1, 0, 0, 0] [1, 1, 1, 2, 2] [1, 1, 1, 1, 1]
// CHECK: return %[[R1]]
func.func @grouped(%x: tensor<1x2x1x3x3xf32>, %init: tensor<1x2x1x2x2xf32>) -> tensor<1x2x1x2x2xf32> {
  %w = arith.constant dense<[[[[[1.0, 3.0], [4.0, -2.0]]]], [[[[5.0, -8.0], [7.0, -6.0]]]]]> : tensor<2x1x1x2x2xf32>
  %y = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x1x3x3xf32>, tensor<2x1x1x2x2xf32>) outs(%init : tensor<1x2x1x2x2xf32>) -> tensor<1x2x1x2x2xf32> loc("g1")
  return %y : tensor<1x2x1x2x2xf32>
}

// Not selected by ops=, or a filter that is not a constant: left as they are.
// CHECK-LABEL: func.func @unchanged
// CHECK-COUNT-2: linalg.conv_2d_ngchw_gfchw
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// The pruned slices (group 0: [1, 3, 4, -2] keeps 3 and 4; group 1:
// [5, -8, 7, -6] keeps -8 and 7), f32 little-endian after the alignment word.
// CHECK: sparq_pruned: "0x0800000000000000000040400000804000000000"
// CHECK: sparq_pruned_1: "0x0800000000000000000000C10000E04000000000"
func.func @unchanged(%x: tensor<1x2x1x3x3xf32>, %init: tensor<1x2x1x2x2xf32>, %wv: tensor<2x1x1x2x2xf32>) -> (tensor<1x2x1x2x2xf32>, tensor<1x2x1x2x2xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x1x1x2x2xf32>
  %y = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x1x3x3xf32>, tensor<2x1x1x2x2xf32>) outs(%init : tensor<1x2x1x2x2xf32>) -> tensor<1x2x1x2x2xf32> loc("other")
  %z = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %wv : tensor<1x2x1x3x3xf32>, tensor<2x1x1x2x2xf32>) outs(%init : tensor<1x2x1x2x2xf32>) -> tensor<1x2x1x2x2xf32> loc("g2")
  return %y, %z : tensor<1x2x1x2x2xf32>, tensor<1x2x1x2x2xf32>
}
