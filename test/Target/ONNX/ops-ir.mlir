// The IR emitted for grouped / depthwise / dilated Conv, pooling, Gemm with
// alpha / beta, and unfoldable BatchNormalization (torch-exported models of
// Inputs/make_models.py).

// RUN: sparq-import-onnx %S/Inputs/conv-groups.onnx | sparq-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=CONV
// Groups > 1: the filter [F, C/G, KH, KW] is stored grouped [G, F/G, C/G, KH, KW].
// CONV-LABEL: func.func @main(
// CONV: %[[GW:[^ ]+]] = arith.constant dense_resource<grouped.weight> : tensor<2x4x2x3x3xf32>
// CONV: %[[DW:[^ ]+]] = arith.constant dense_resource<depthwise.weight> : tensor<8x1x1x3x3xf32>
// CONV: %[[P:[^ ]+]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CONV: %[[E:[^ ]+]] = tensor.expand_shape %[[P]] {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 2, 2, 11, 11]
// CONV: %[[G:[^ ]+]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>} ins(%[[E]], %[[GW]] : tensor<2x2x2x11x11xf32>, tensor<2x4x2x3x3xf32>) {{.*}} loc("/grouped/Conv")
// CONV: tensor.collapse_shape %[[G]] {{\[}}[0], [1, 2], [3], [4]] : tensor<2x2x4x5x9xf32> into tensor<2x8x5x9xf32>
// CONV: linalg.conv_2d_ngchw_gfchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %[[DW]] : tensor<2x8x1x9x13xf32>, tensor<8x1x1x3x3xf32>) {{.*}} loc("/depthwise/Conv")
// No bias: no add after the 1x1 conv.
// CONV: %[[PW:[^ ]+]] = linalg.conv_2d_nchw_fchw {{.*}} -> tensor<2x6x5x9xf32> loc("/pointwise/Conv")
// CONV-NOT: arith.addf
// CONV: tensor.pad %[[PW]] low[0, 0, 0, 1] high[0, 0, 0, 1]
// CONV: linalg.conv_2d_nchw_fchw {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} {{.*}} -> tensor<2x5x2x5xf32> loc("/dilated/Conv")

// RUN: sparq-import-onnx %S/Inputs/pooling.onnx | sparq-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=POOL
// POOL-LABEL: func.func @main(
// count_include_pad = 0 and ceil_mode: a divisor per output position.
// POOL: %[[DIV:[^ ]+]] = arith.constant dense_resource<_AveragePool.divisor> : tensor<5x5xf32>
// MaxPool pads with -inf (ceil_mode adds no extra row here: 9 + 2 pads fit).
// POOL: %[[NEGINF:[^ ]+]] = arith.constant 0xFF800000 : f32 loc("/MaxPool")
// POOL: tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// POOL: tensor.yield %[[NEGINF]]
// POOL: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} {{.*}} -> tensor<2x3x5x5xf32> loc("/MaxPool")
// POOL: linalg.pooling_nchw_max {dilations = dense<2> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} {{.*}} -> tensor<2x3x4x4xf32> loc("/MaxPool_1")
// POOL: %[[SUM:[^ ]+]] = linalg.pooling_nchw_sum {{.*}} -> tensor<2x3x5x5xf32> loc("/AveragePool")
// POOL: linalg.generic {{.*}} ins(%[[SUM]], %[[DIV]] : tensor<2x3x5x5xf32>, tensor<5x5xf32>)
// POOL: arith.divf
// POOL: arith.constant 9.000000e+00 : f32 loc("/AveragePool_1")
// ceil_mode on 9x9 with a 2x2 window: one extra row and column of zeros.
// POOL: tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// POOL: linalg.reduce ins(%{{.*}} : tensor<2x3x9x9xf32>) outs(%{{.*}} : tensor<2x3xf32>) dimensions = [2, 3]
// POOL: arith.constant 8.100000e+01 : f32 loc("/GlobalAveragePool")
// POOL: tensor.insert_slice %{{.*}}[0, 348] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<2x351xf32> loc("/Concat")

// RUN: sparq-import-onnx %S/Inputs/gemm.onnx | sparq-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=GEMM
// nn.Linear's weight [5, 6] (transB = 1) becomes a constant [6, 5] rhs.
// GEMM: %[[W:[^ ]+]] = arith.constant dense_resource<fc.weight> : tensor<6x5xf32>
// GEMM: linalg.matmul ins(%{{.*}}, %[[W]] : tensor<4x6xf32>, tensor<6x5xf32>) {{.*}} loc("/fc/Gemm")
// GEMM: %[[MM:[^ ]+]] = linalg.matmul {{.*}} -> tensor<4x3xf32> loc("/Gemm")
// GEMM: linalg.generic {{.*}} ins(%[[MM]] : tensor<4x3xf32>)
// GEMM: arith.constant 2.000000e+00 : f32
// GEMM: arith.mulf
// GEMM: arith.constant 5.000000e-01 : f32
// GEMM: arith.mulf
// GEMM: arith.addf

// RUN: sparq-import-onnx %S/Inputs/batchnorm-unfolded.onnx | sparq-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=BN
// The Conv's result has a second use (the residual Add): not folded.
// BN: %[[S:[^ ]+]] = arith.constant dense_resource<_bn1_BatchNormalization.scale> : tensor<4xf32>
// BN: %[[T:[^ ]+]] = arith.constant dense_resource<_bn1_BatchNormalization.shift> : tensor<4xf32>
// BN: linalg.conv_2d_nchw_fchw {{.*}} loc("/conv/Conv")
// BN: %[[C:[^ ]+]] = linalg.generic
// BN: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], {{.*}} ins(%[[C]], %[[S]], %[[T]] :
// BN: arith.mulf {{.*}} loc("/bn1/BatchNormalization")
// BN: arith.addf {{.*}} loc("/bn1/BatchNormalization")
// BN: arith.addf {{.*}} loc("/Add")
