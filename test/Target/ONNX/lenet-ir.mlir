// The IR imported from a torch-exported LeNet with BatchNorm: weights are
// dense_resource constants at the top of @main located at their initializer
// names, each Conv is a linalg.conv_2d_nchw_fchw on a constant filter (the
// BatchNormalization folded in, located at both nodes), each Gemm a
// linalg.matmul on the transposed constant weight, Flatten one
// collapse_shape.
// RUN: sparq-import-onnx %S/Inputs/lenet-bn-avgpool.onnx | sparq-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[X:[^ ]+]]: tensor<2x1x28x28xf32> loc("input")) -> tensor<2x10xf32>
// CHECK: %[[W1:.*]] = arith.constant dense_resource<conv1.weight> : tensor<6x1x5x5xf32> loc("conv1.weight")
// CHECK: %[[B1:.*]] = arith.constant dense_resource<conv1.bias> : tensor<6xf32> loc("conv1.bias")
// CHECK: %[[FC1:.*]] = arith.constant dense_resource<fc1.weight> : tensor<400x120xf32> loc("fc1.weight")
// CHECK: %[[P:[^ ]+]] = tensor.pad %[[X]] low[0, 0, 2, 2] high[0, 0, 2, 2]
// CHECK: %[[C1:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[P]], %[[W1]] : tensor<2x1x32x32xf32>, tensor<6x1x5x5xf32>) {{.*}} loc(fused["/conv1/Conv", "/bn1/BatchNormalization"])
// CHECK: linalg.generic {{.*}} ins(%[[C1]], %[[B1]] : tensor<2x6x28x28xf32>, tensor<6xf32>)
// CHECK: arith.addf
// CHECK: arith.maximumf {{.*}} loc("/Relu")
// CHECK: linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} {{.*}} -> tensor<2x6x14x14xf32> loc("/pool/AveragePool")
// CHECK: arith.divf {{.*}} loc("/pool/AveragePool")
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<2x16x10x10xf32> loc(fused["/conv2/Conv", "/bn2/BatchNormalization"])
// CHECK: %[[F:[^ ]+]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3]] : tensor<2x16x5x5xf32> into tensor<2x400xf32> loc("/Flatten")
// CHECK: linalg.matmul ins(%[[F]], %[[FC1]] : tensor<2x400xf32>, tensor<400x120xf32>) {{.*}} loc("/fc1/Gemm")
// CHECK: linalg.matmul {{.*}} loc("/fc3/Gemm")
// CHECK: return {{.*}} : tensor<2x10xf32> loc("output")

// The weights are blobs in the resource section, not inline dense literals.
// RUN: sparq-import-onnx %S/Inputs/lenet-bn-avgpool.onnx | FileCheck %s --check-prefix=RES
// RES-NOT: arith.constant dense<
// RES: {-#
// RES-NEXT: dialect_resources: {
// RES-NEXT: builtin: {
// RES-NEXT: conv1.weight: "0x

// The compression passes find the imported contractions by node name.
// RUN: sparq-import-onnx %S/Inputs/lenet.onnx | sparq-opt --sparq-prune="structure=unstructured sparsity=0.5 ops=/fc1/Gemm,/conv2/Conv" | FileCheck %s --check-prefix=PRUNE
// PRUNE: linalg.conv_2d_nchw_fchw {dilations
// PRUNE-NOT: sparq.sparsity
// PRUNE-SAME: -> tensor<2x6x28x28xf32>
// PRUNE: linalg.conv_2d_nchw_fchw {{{.*}}sparq.sparsity = 5.000000e-01
// PRUNE: linalg.matmul {sparq.sparsity = 5.000000e-01
// PRUNE: linalg.matmul ins
