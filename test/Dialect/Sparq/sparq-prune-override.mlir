// RUN: sparq-opt %s --sparq-prune="structure=unstructured sparsity=0.25" | FileCheck %s

// An op's own sparq.prune dictionary wins over the pass options: this FCHW
// filter [2, 1, 2, 2] loses filter 0 (values 1..4, the smaller L2 norm).
// CHECK-LABEL: func @override
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure filter>, strides = dense<1> : tensor<2xi64>}
// CHECK-NOT: sparq.prune
// CHECK: sparq_pruned{{[_0-9]*}}: "0x08000000000000000000000000000000000000000000A0400000C0400000E04000000041"
func.func @override(%x: tensor<1x1x3x3xf32>, %i: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %f = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]], [[[5.0, 6.0], [7.0, 8.0]]]]> : tensor<2x1x2x2xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                 sparq.prune = {structure = "filter", sparsity = 0.5}}
      ins(%x, %f : tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>) outs(%i : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}
