// Each RUN quantizes one named op (ops=NAME) with its own options; the
// expected integers, scales, zero points and codebooks were computed by hand
// from the formulas in the pass description. Blobs print as little-endian
// bytes after a 4-byte alignment header (0x08000000).

// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=3 granularity=tensor ops=sym3" | FileCheck %s --check-prefix=SYM3
// RUN: sparq-opt %s --sparq-quantize="scheme=asymmetric bits=2 granularity=channel ops=asym2" | FileCheck %s --check-prefix=ASYM2
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=8 granularity=group group-size=2 ops=group8" | FileCheck %s --check-prefix=GROUP8
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=8 granularity=group group-size=2 rounding=toward_zero ops=group8" | FileCheck %s --check-prefix=TRUNC8
// RUN: sparq-opt %s --sparq-quantize="scheme=kmeans bits=2 granularity=tensor ops=kmeans2" | FileCheck %s --check-prefix=KMEANS2
// RUN: sparq-opt %s --sparq-quantize="scheme=kmeans bits=1 granularity=channel ops=kmeans1" | FileCheck %s --check-prefix=KMEANS1
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=4 granularity=channel ops=nhwc" | FileCheck %s --check-prefix=NHWC
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=12 granularity=group group-size=2 ops=nchw" | FileCheck %s --check-prefix=NCHW
// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=8 granularity=channel ops=matvec" | FileCheck %s --check-prefix=MATVEC
// RUN: sparq-opt %s --sparq-quantize="scheme=asymmetric bits=8 granularity=tensor ops=batch" | FileCheck %s --check-prefix=BATCH
// RUN: sparq-opt %s --sparq-quantize="scheme=asymmetric bits=8 granularity=channel ops=override,plain" | FileCheck %s --check-prefix=OVERRIDE
// RUN: sparq-opt %s --sparq-quantize="scheme=asymmetric bits=16 granularity=tensor rounding=nearest_away ops=shared" | FileCheck %s --check-prefix=SHARED
// RUN: sparq-opt %s --sparq-quantize="ops=negzero" | FileCheck %s --check-prefix=NEGZERO
// RUN: sparq-opt %s --sparq-quantize="scheme=kmeans bits=1 granularity=group group-size=2 ops=kmgroup" | FileCheck %s --check-prefix=KMGROUP

// w = [[3, -3], [1.5, 0.5]], si3: scale = 3 / 3 = 1, q = [3, -3, 2, 0]
// (1.5 rounds half to even, to 2); MSE = (0.25 + 0.25) / 4.
// SYM3: #[[SI3:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si3:f32, symmetric, tensor>>
// SYM3-LABEL: func.func @sym3(
// SYM3-SAME: %[[X:.*]]: tensor<2x2xf32>
// SYM3-DAG: %[[VB:.*]] = arith.constant dense_resource<sym3_values> : tensor<2xi8>
// SYM3-DAG: %[[V:.*]] = sparq.from_bytes %[[VB]] : tensor<2xi8> -> tensor<2x2xi3>
// SYM3-DAG: %[[S:.*]] = arith.constant dense_resource<sym3_scales> : tensor<1xf32>
// SYM3: %[[W:.*]] = sparq.assemble values(%[[V]] : tensor<2x2xi3>) scales(%[[S]] : tensor<1xf32>) : tensor<2x2xi3, #[[SI3]]>
// SYM3: %[[Y:.*]] = sparq.matmul %[[X]], %[[W]] acc(f32) {sparq.quant_mse = 1.250000e-01 : f64} : tensor<2x2xf32>, tensor<2x2xi3, #[[SI3]]> -> tensor<2x2xf32>
// SYM3-NOT: linalg.add
// SYM3: return %[[Y]]
// SYM3: sym3_values: "0x08000000AB00"
// SYM3: sym3_scales: "0x080000000000803F"
func.func @sym3(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[3.0, -3.0], [1.5, 0.5]]> : tensor<2x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x2xf32>, tensor<2x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32> loc("sym3")
  return %y : tensor<2x2xf32>
}

// A sparq.matmul takes the quantized weight in place. w[K=3, N=2] per
// output channel (axis 1), ui2 (q in [0, 3]):
//   column 0 = [-1, 0, 2]: scale 3 / 3 = 1, zp = round(1) = 1, q = [0, 1, 3]
//     (the pruned 0 stays its zero point, exactly 0 again);
//   column 1 = [0.5, 1.5, -1.5]: scale 1, zp = round_even(1.5) = 2,
//     q = [0 + 2, 2 + 2 -> 3 (saturated), -2 + 2] = [2, 3, 0].
// MSE = (0.25 * 3) / 6.
// ASYM2: #[[UI2:.*]] = #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, asymmetric, channel(1)>>
// ASYM2-LABEL: func.func @asym2(
// ASYM2-DAG: %[[VB:.*]] = arith.constant dense_resource<asym2_values> : tensor<2xi8>
// ASYM2-DAG: %[[V:.*]] = sparq.from_bytes %[[VB]] : tensor<2xi8> -> tensor<3x2xi2>
// ASYM2-DAG: %[[S:.*]] = arith.constant dense_resource<asym2_scales> : tensor<2xf32>
// ASYM2-DAG: %[[Z:.*]] = arith.constant dense_resource<asym2_zero_points> : tensor<2xi32>
// ASYM2: %[[W:.*]] = sparq.assemble values(%[[V]] : tensor<3x2xi2>) scales(%[[S]] : tensor<2xf32>) zero_points(%[[Z]] : tensor<2xi32>) : tensor<3x2xi2, #[[UI2]]>
// ASYM2: sparq.matmul %{{.*}}, %[[W]] acc(f32) {sparq.quant_mse = 1.250000e-01 : f64} : tensor<4x3xf32>, tensor<3x2xi2, #[[UI2]]> -> tensor<4x2xf32>
// ASYM2: asym2_values: "0x08000000D803"
// ASYM2: asym2_scales: "0x080000000000803F0000803F"
// ASYM2: asym2_zero_points: "0x080000000100000002000000"
func.func @asym2(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[-1.0, 0.5], [0.0, 1.5], [2.0, -1.5]]> : tensor<3x2xf32>
  %y = sparq.matmul %x, %w acc(f32) : tensor<4x3xf32>, tensor<3x2xf32> -> tensor<4x2xf32> loc("asym2")
  return %y : tensor<4x2xf32>
}

// Groups of 2 along K (axis 0) in each column; scales have shape [K/2, N]:
//   (k 0-1, n 0) = [127, -63.5]: scale 1,    q = [127, -64 (even)]
//   (k 0-1, n 1) = [254, 3]:     scale 2,    q = [127, 2 (1.5 -> even)]
//   (k 2-3, n 0) = [0.5, 31.75]: scale 0.25, q = [2, 127]
//   (k 2-3, n 1) = [0, 0]:       scale 1 (all-zero group), q = [0, 0]
// MSE = (0.25 + 1) / 8. Truncation instead gives -63 and 1: MSE = (0.25 + 1) / 8.
// GROUP8: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 2)>>
// GROUP8-LABEL: func.func @group8(
// GROUP8: sparq.assemble values(%{{.*}} : tensor<4x2xi8>) scales(%{{.*}} : tensor<2x2xf32>) : tensor<4x2xi8, #[[Q]]>
// GROUP8: sparq.matmul {{.*}} {sparq.quant_mse = 1.562500e-01 : f64}
// GROUP8: group8_values: "0x080000007F7FC00202007F00"
// GROUP8: group8_scales: "0x080000000000803F000000400000803E0000803F"
// TRUNC8: #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 2), rounding = toward_zero>>
// TRUNC8-LABEL: func.func @group8(
// TRUNC8: group8_values: "0x080000007F7FC10102007F00"
func.func @group8(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[127.0, 254.0], [-63.5, 3.0], [0.5, 0.0], [31.75, 0.0]]> : tensor<4x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x4xf32>, tensor<4x2xf32>) outs(%f : tensor<1x2xf32>) -> tensor<1x2xf32> loc("group8")
  return %y : tensor<1x2xf32>
}

// The constant is the left operand: it stays there (output axis 0 = M).
// k-means, 4 centroids for the tensor; the zeros pin centroid 0 to 0.0 and
// [1, 2, 10, 11] go to the other three, initially [1, 6, 11]:
// {1, 2} -> 1.5, {} keeps 6, {10, 11} -> 10.5; no assignment changes then.
// Codebook [0, 1.5, 6, 10.5]; indices [0, 1, 1, 0, 3, 3]; MSE = 4 * 0.25 / 6.
// KMEANS2: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>
// KMEANS2-LABEL: func.func @kmeans2(
// KMEANS2-SAME: %[[X:.*]]: tensor<3x4xf32>
// KMEANS2-DAG: %[[VB:.*]] = arith.constant dense_resource<kmeans2_values> : tensor<2xi8>
// KMEANS2-DAG: %[[V:.*]] = sparq.from_bytes %[[VB]] : tensor<2xi8> -> tensor<2x3xi2>
// KMEANS2-DAG: %[[C:.*]] = arith.constant dense_resource<kmeans2_codebook> : tensor<4xf32>
// KMEANS2: %[[W:.*]] = sparq.assemble values(%[[V]] : tensor<2x3xi2>) codebook(%[[C]] : tensor<4xf32>) : tensor<2x3xi2, #[[Q]]>
// KMEANS2: sparq.matmul %[[W]], %[[X]] acc(f32) {sparq.quant_mse = 0.1666666{{[0-9]*}} : f64}
// KMEANS2: kmeans2_values: "0x08000000140F"
// KMEANS2: kmeans2_codebook: "0x08000000000000000000C03F0000C04000002841"
func.func @kmeans2(%x: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0], [0.0, 10.0, 11.0]]> : tensor<2x3xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = linalg.matmul ins(%w, %x : tensor<2x3xf32>, tensor<3x4xf32>) outs(%f : tensor<2x4xf32>) -> tensor<2x4xf32> loc("kmeans2")
  return %y : tensor<2x4xf32>
}

// 1-bit k-means per output channel (transpose_b: w is [N, K], axis 0):
// row 0 = [-1, 3, 5]: no zero, centroids start at [-1, 5]: {-1} and {3, 5}
//   -> [-1, 4]; indices [0, 1, 1];
// row 1 = [0, 2, 4]: the zero pins centroid 0; {2, 4} -> 3; indices [0, 1, 1].
// Codebook [[-1, 4], [0, 3]]; MSE = (1 + 1 + 1 + 1) / 6.
// KMEANS1: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<ui1:f32, codebook, channel(0)>>
// KMEANS1-LABEL: func.func @kmeans1(
// KMEANS1: sparq.assemble values(%{{.*}} : tensor<2x3xi1>) codebook(%{{.*}} : tensor<2x2xf32>) : tensor<2x3xi1, #[[Q]]>
// KMEANS1: sparq.matmul %{{.*}}, %{{.*}} transpose_b acc(f32) {sparq.quant_mse = 0.6666666{{[0-9]*}} : f64}
// KMEANS1: kmeans1_values: "0x0800000036"
// KMEANS1: kmeans1_codebook: "0x08000000000080BF000080400000000000004040"
func.func @kmeans1(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[-1.0, 3.0, 5.0], [0.0, 2.0, 4.0]]> : tensor<2x3xf32>
  %y = sparq.matmul %x, %w transpose_b acc(f32) : tensor<1x3xf32>, tensor<2x3xf32> -> tensor<1x2xf32> loc("kmeans1")
  return %y : tensor<1x2xf32>
}

// HWCF filter [1, 1, 2, 2], si4 per output channel (axis 3):
//   f 0 = [7, 3.5]: scale 1, q = [7, 4]; f 1 = [-14, 0.5]: scale 2, q = [-7, 0];
// MSE = (0.25 + 0.25) / 4.
// The init is not a zero fill, so it is added to the convolution.
// NHWC: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, channel(3)>>
// NHWC-LABEL: func.func @nhwc(
// NHWC-SAME: %[[X:[^:]*]]: tensor<1x3x3x2xf32>, %[[INIT:.*]]: tensor<1x2x2x2xf32>
// NHWC: %[[W:.*]] = sparq.assemble values(%{{.*}} : tensor<1x1x2x2xi4>) scales(%{{.*}} : tensor<2xf32>) : tensor<1x1x2x2xi4, #[[Q]]>
// NHWC: %[[C:.*]] = sparq.conv2d %[[X]], %[[W]] layout(nhwc_hwcf) acc(f32) strides = [2, 2] {{ *}}{sparq.quant_mse = 1.250000e-01 : f64} : tensor<1x3x3x2xf32>, tensor<1x1x2x2xi4, #[[Q]]> -> tensor<1x2x2x2xf32>
// NHWC: %[[S:.*]] = linalg.add ins(%[[C]], %[[INIT]] : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) outs(%[[INIT]] : tensor<1x2x2x2xf32>)
// NHWC: return %[[S]]
// NHWC: nhwc_values: "0x080000009704"
// NHWC: nhwc_scales: "0x080000000000803F00000040"
func.func @nhwc(%x: tensor<1x3x3x2xf32>, %init: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[7.0, -14.0], [3.5, 0.5]]]]> : tensor<1x1x2x2xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x3x3x2xf32>, tensor<1x1x2x2xf32>) outs(%init : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> loc("nhwc")
  return %y : tensor<1x2x2x2xf32>
}

// FCHW filter [1, 4, 1, 1], 12-bit symmetric (two bytes per value), groups
// of 2 input channels (axis 1): [2047, -1] scale 1, [0, 4094] scale 2.
// NCHW: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si12:f32, symmetric, group(1, 2)>>
// NCHW-LABEL: func.func @nchw(
// NCHW: sparq.assemble values(%{{.*}} : tensor<1x4x1x1xi12>) scales(%{{.*}} : tensor<1x2x1x1xf32>) : tensor<1x4x1x1xi12, #[[Q]]>
// NCHW: sparq.conv2d %{{.*}}, %{{.*}} layout(nchw_fchw) acc(f32) dilations = [2, 2] {{ *}}{sparq.quant_mse = 0.000000e+00 : f64}
// NCHW-NOT: linalg.add
// NCHW: nchw_values: "0x08000000FFF7FF00F07F"
// NCHW: nchw_scales: "0x080000000000803F00000040"
func.func @nchw(%x: tensor<1x4x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %w = arith.constant dense<[[[[2047.0]], [[-1.0]], [[0.0]], [[4094.0]]]]> : tensor<1x4x1x1xf32>
  %init = arith.constant dense<0.0> : tensor<1x1x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x4x3x3xf32>, tensor<1x4x1x1xf32>) outs(%init : tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> loc("nchw")
  return %y : tensor<1x1x3x3xf32>
}

// matvec: y[M] = A[M, K] x[K] becomes a matmul with x as a [K, 1] column.
// Per row (axis 0): [127, 0, -127] scale 1; [63.5, -31.75, 0] scale 0.5.
// MATVEC: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
// MATVEC-LABEL: func.func @matvec(
// MATVEC-SAME: %[[X:.*]]: tensor<3xf32>
// MATVEC: %[[W:.*]] = sparq.assemble values(%{{.*}} : tensor<2x3xi8>) scales(%{{.*}} : tensor<2xf32>) : tensor<2x3xi8, #[[Q]]>
// MATVEC: %[[COL:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1]] output_shape [3, 1] : tensor<3xf32> into tensor<3x1xf32>
// MATVEC: %[[P:.*]] = sparq.matmul %[[W]], %[[COL]] acc(f32) {{.*}} -> tensor<2x1xf32>
// MATVEC: %[[Y:.*]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1]] : tensor<2x1xf32> into tensor<2xf32>
// MATVEC: return %[[Y]]
// MATVEC: matvec_values: "0x080000007F00817FC000"
// MATVEC: matvec_scales: "0x080000000000803F0000003F"
func.func @matvec(%x: tensor<3xf32>) -> tensor<2xf32> {
  %w = arith.constant dense<[[127.0, 0.0, -127.0], [63.5, -31.75, 0.0]]> : tensor<2x3xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  %y = linalg.matvec ins(%w, %x : tensor<2x3xf32>, tensor<3xf32>) outs(%f : tensor<2xf32>) -> tensor<2xf32> loc("matvec")
  return %y : tensor<2xf32>
}

// batch_matmul, rhs [B=2, K=2, N=1], ui8 per tensor over [-255, 255]:
// scale 510 / 255 = 2, zp = round_even(127.5) = 128;
// q(0) = 128, q(255) = 128 + 128 -> 255 (saturated), q(-255) = -128 + 128 = 0.
// MSE = (1 + 1) / 4.
// BATCH: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
// BATCH-LABEL: func.func @batch(
// BATCH: %[[W:.*]] = sparq.assemble values(%{{.*}} : tensor<2x2x1xi8>) scales(%{{.*}} : tensor<1xf32>) zero_points(%{{.*}} : tensor<1xi32>) : tensor<2x2x1xi8, #[[Q]]>
// BATCH: sparq.matmul %{{.*}}, %[[W]] acc(f32) {sparq.quant_mse = 5.000000e-01 : f64} : tensor<2x3x2xf32>, tensor<2x2x1xi8, #[[Q]]> -> tensor<2x3x1xf32>
// BATCH: batch_values: "0x0800000080FF0080"
// BATCH: batch_scales: "0x0800000000000040"
// BATCH: batch_zero_points: "0x0800000080000000"
func.func @batch(%x: tensor<2x3x2xf32>) -> tensor<2x3x1xf32> {
  %w = arith.constant dense<[[[0.0], [255.0]], [[-255.0], [0.0]]]> : tensor<2x2x1xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3x1xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2x3x1xf32>) -> tensor<2x3x1xf32>
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x3x2xf32>, tensor<2x2x1xf32>) outs(%f : tensor<2x3x1xf32>) -> tensor<2x3x1xf32> loc("batch")
  return %y : tensor<2x3x1xf32>
}

// The op's sparq.quantize attribute wins over the options (asymmetric 8-bit
// channel): si4 per tensor with truncation: scale 7 / 7 = 1,
// q = [2, -1, 0, 7]. "plain" uses the options: per column, [1, 0] has
// scale 1/255, zp 0, q = [255, 0]; [-1, 2] has scale 3/255, zp 85,
// q = [0, 255]. The unnamed op is not selected by ops= and keeps its f32
// weight.
// OVERRIDE-DAG: #[[SI4:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, tensor, rounding = toward_zero>>
// OVERRIDE-DAG: #[[UI8:.*]] = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, channel(1)>>
// OVERRIDE-LABEL: func.func @override(
// OVERRIDE: %[[W:.*]] = sparq.assemble values(%{{.*}} : tensor<2x2xi4>) scales(%{{.*}} : tensor<1xf32>) : tensor<2x2xi4, #[[SI4]]>
// OVERRIDE: sparq.matmul %{{.*}}, %[[W]] acc(f32) {sparq.quant_mse = 0.3275000{{[0-9]*}} : f64}
// OVERRIDE-NOT: sparq.quantize =
// OVERRIDE: sparq.assemble {{.*}} : tensor<2x2xi8, #[[UI8]]>
// OVERRIDE: %[[U:.*]] = arith.constant dense<{{.*}}> : tensor<2x2xf32>
// OVERRIDE: sparq.matmul %{{.*}}, %[[U]] acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
// OVERRIDE: override_values: "0x08000000F270"
// OVERRIDE: plain_values: "0x08000000FF0000FF"
// OVERRIDE: plain_zero_points: "0x080000000000000055000000"
func.func @override(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %w = arith.constant dense<[[2.9, -1.5], [0.5, 7.0]]> : tensor<2x2xf32>
  %y = sparq.matmul %x, %w acc(f32) {sparq.quantize = {scheme = "symmetric", bits = 4 : i64, granularity = "tensor", rounding = "toward_zero"}} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32> loc("override")
  %w2 = arith.constant dense<[[1.0, -1.0], [0.0, 2.0]]> : tensor<2x2xf32>
  %y2 = sparq.matmul %x, %w2 acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32> loc("plain")
  %w3 = arith.constant dense<[[1.0, -1.0], [0.0, 2.0]]> : tensor<2x2xf32>
  %y3 = sparq.matmul %x, %w3 acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %y, %y2, %y3 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// One constant, two consumers with the same settings: quantized once, and
// the f32 constant is gone. ui16 over [-1, 0]: scale 1 / 65535,
// zp = 65535; the pruned 0 stays 65535 = 0xFFFF, -1 -> 0.
// The second consumer has an init that is not zero: linalg.add keeps it.
// SHARED: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<ui16:f32, asymmetric, tensor, rounding = nearest_away>>
// SHARED-LABEL: func.func @shared(
// SHARED-SAME: %[[X:[^:]*]]: tensor<1x2xf32>, %[[INIT:.*]]: tensor<1x2xf32>
// SHARED-NOT: tensor<2x2xf32>
// SHARED: %[[W:.*]] = sparq.assemble values(%{{.*}} : tensor<2x2xi16>) {{.*}} : tensor<2x2xi16, #[[Q]]>
// SHARED-NOT: sparq.assemble
// SHARED: sparq.matmul %[[X]], %[[W]]
// SHARED: %[[P:.*]] = sparq.matmul %[[X]], %[[W]]
// SHARED: linalg.add ins(%[[P]], %[[INIT]] : tensor<1x2xf32>, tensor<1x2xf32>) outs(%[[INIT]] : tensor<1x2xf32>)
// SHARED-NOT: tensor<2x2xf32>
// SHARED: return
// SHARED: shared_values: "0x080000000000FFFFFFFF0000"
// SHARED: shared_zero_points: "0x08000000FFFF0000"
func.func @shared(%x: tensor<1x2xf32>, %init: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %w = arith.constant dense<[[-1.0, 0.0], [0.0, -1.0]]> : tensor<2x2xf32>
  %z = arith.constant dense<0.0> : tensor<1x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%z : tensor<1x2xf32>) -> tensor<1x2xf32> loc("shared")
  %y2 = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32> loc("shared")
  return %y, %y2 : tensor<1x2xf32>, tensor<1x2xf32>
}

// Only a +0.0 init is dropped: a -0.0 fill is still added (a sum that
// starts at -0.0 may differ from one that starts at +0.0 in the sign of 0).
// NEGZERO-LABEL: func.func @negzero(
// NEGZERO: %[[F:.*]] = linalg.fill
// NEGZERO: %[[P:.*]] = sparq.matmul
// NEGZERO: linalg.add ins(%[[P]], %[[F]] : tensor<1x2xf32>, tensor<1x2xf32>) outs(%[[F]] : tensor<1x2xf32>)
func.func @negzero(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %z = arith.constant -0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%f : tensor<1x2xf32>) -> tensor<1x2xf32> loc("negzero")
  return %y : tensor<1x2xf32>
}

// k-means per group of 2 along K: [1, 3] -> codebook [1, 3], indices [0, 1];
// [0, 5] -> the zero pins centroid 0, the one free centroid is 5:
// codebook [0, 5], indices [0, 1]. The codebook has shape [K/2, N, 2^B].
// KMGROUP: #[[Q:.*]] = #sparq.encoding<dense, quant = #sparq.quant<ui1:f32, codebook, group(0, 2)>>
// KMGROUP-LABEL: func.func @kmgroup(
// KMGROUP: sparq.assemble values(%{{.*}} : tensor<4x1xi1>) codebook(%{{.*}} : tensor<2x1x2xf32>) : tensor<4x1xi1, #[[Q]]>
// KMGROUP: sparq.matmul {{.*}} {sparq.quant_mse = 0.000000e+00 : f64}
// KMGROUP: kmgroup_values: "0x080000000A"
// KMGROUP: kmgroup_codebook: "0x080000000000803F00004040000000000000A040"
func.func @kmgroup(%x: tensor<2x4xf32>) -> tensor<2x1xf32> {
  %w = arith.constant dense<[[1.0], [3.0], [0.0], [5.0]]> : tensor<4x1xf32>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x1xf32> -> tensor<2x1xf32> loc("kmgroup")
  return %y : tensor<2x1xf32>
}
