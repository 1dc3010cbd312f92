// RUN: sparq-opt %s --sparq-conv2d-to-matmul --split-input-file | FileCheck %s
// The convolutions left as they are, each with its reason (print-skipped):
// RUN: sparq-opt %s --sparq-conv2d-to-matmul=print-skipped=true --split-input-file -verify-diagnostics -o /dev/null

// A plain f32 conv: pad with 0, im2col (n, oh, ow, kh, kw, c) with strides 2
// and dilations [1, 3], collapse, matmul, expand back.
// The gather reads the padded input with tensor.extract (no input operand,
// so no elementwise producer is fused into it and recomputed per copy):
// x[n, oh * 2 + kh, ow * 2 + kw * 3, c].
// CHECK-DAG: #[[H:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1 * 2 + d3)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d2 * 2 + d4 * 3)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[X:.*]]: tensor<2x9x10x3xf32>, %[[F:.*]]: tensor<2x3x3x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 0, 0] high[0, 0, 2, 0]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: } : tensor<2x9x10x3xf32> to tensor<2x10x12x3xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x5x3x2x3x3xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} outs(%[[E]] : tensor<2x5x3x2x3x3xf32>)
// CHECK: %[[N:.*]] = linalg.index 0 : index
// CHECK: %[[OH:.*]] = linalg.index 1 : index
// CHECK: %[[OW:.*]] = linalg.index 2 : index
// CHECK: %[[KH:.*]] = linalg.index 3 : index
// CHECK: %[[KW:.*]] = linalg.index 4 : index
// CHECK: %[[C:.*]] = linalg.index 5 : index
// CHECK: %[[IH:.*]] = affine.apply #[[H]](%[[N]], %[[OH]], %[[OW]], %[[KH]], %[[KW]], %[[C]])
// CHECK: %[[IW:.*]] = affine.apply #[[W]](%[[N]], %[[OH]], %[[OW]], %[[KH]], %[[KW]], %[[C]])
// CHECK: %[[V:.*]] = tensor.extract %[[P]][%[[N]], %[[IH]], %[[IW]], %[[C]]] : tensor<2x10x12x3xf32>
// CHECK: linalg.yield %[[V]] : f32
// CHECK: %[[A:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0, 1, 2], [3, 4, 5]] : tensor<2x5x3x2x3x3xf32> into tensor<30x18xf32>
// CHECK: %[[B:.*]] = tensor.collapse_shape %[[F]] {{\[}}[0, 1, 2], [3]] : tensor<2x3x3x4xf32> into tensor<18x4xf32>
// CHECK: %[[M:.*]] = sparq.matmul %[[A]], %[[B]] acc(f32) dataflow(outer) {name = "c1"} : tensor<30x18xf32>, tensor<18x4xf32> -> tensor<30x4xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1, 2], [3]] output_shape [2, 5, 3, 4] : tensor<30x4xf32> into tensor<2x5x3x4xf32>
// CHECK: return %[[R]]
func.func @plain(%x: tensor<2x9x10x3xf32>, %f: tensor<2x3x3x4xf32>) -> tensor<2x5x3x4xf32> {
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) strides = [2, 2] dilations = [1, 3] padding = [1, 0, 0, 2] dataflow(outer) {name = "c1"}
      : tensor<2x9x10x3xf32>, tensor<2x3x3x4xf32> -> tensor<2x5x3x4xf32>
  return %y : tensor<2x5x3x4xf32>
}

// -----

// Asymmetric ui8 activations are padded with their zero point; a quantized
// N:M filter keeps its parts, its channel(3) scales become channel(1).
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#w = #sparq.encoding<nm<2, 4>, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>
// CHECK-DAG: #[[W2:.*]] = #sparq.encoding<nm<2, 4>, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
// CHECK-LABEL: func.func @quantized
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8, #{{.*}}>, %[[F:.*]]: tensor<3x3x2x8xi8, #{{.*}}>)
// CHECK: %[[XV:.*]] = sparq.part values of %[[X]]
// CHECK: %[[ZP:.*]] = sparq.part zero_points of %[[X]]
// CHECK: %[[Z:.*]] = tensor.extract %[[ZP]]
// CHECK: %[[ZI8:.*]] = arith.trunci %[[Z]] : i32 to i8
// CHECK: tensor.pad %[[XV]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[ZI8]] : i8
// CHECK: %[[COL:.*]] = tensor.collapse_shape {{.*}} into tensor<16x18xi8>
// CHECK: %[[S:.*]] = sparq.part scales of %[[X]]
// CHECK: %[[Z2:.*]] = sparq.part zero_points of %[[X]]
// CHECK: %[[A:.*]] = sparq.assemble values(%[[COL]] : tensor<16x18xi8>) scales(%[[S]] : tensor<1xf32>) zero_points(%[[Z2]] : tensor<1xi32>) : tensor<16x18xi8, #{{.*}}>
// CHECK: %[[V:.*]] = sparq.part values of %[[F]] : {{.*}} -> tensor<18x4xi8>
// CHECK: %[[MD:.*]] = sparq.part metadata of %[[F]] : {{.*}} -> tensor<18x4xi2>
// CHECK: %[[FS:.*]] = sparq.part scales of %[[F]] : {{.*}} -> tensor<8xf32>
// CHECK: %[[B:.*]] = sparq.assemble values(%[[V]] : tensor<18x4xi8>) metadata(%[[MD]] : tensor<18x4xi2>) scales(%[[FS]] : tensor<8xf32>) : tensor<18x8xi8, #[[W2]]>
// CHECK: %[[M:.*]] = sparq.matmul %[[A]], %[[B]] acc(i32) : tensor<16x18xi8, #{{.*}}>, tensor<18x8xi8, #[[W2]]> -> tensor<16x8xf32>
// CHECK: tensor.expand_shape %[[M]] {{\[}}[0, 1, 2], [3]] output_shape [1, 4, 4, 8]
func.func @quantized(%x: tensor<1x4x4x2xi8, #a8>, %f: tensor<3x3x2x8xi8, #w>) -> tensor<1x4x4x8xf32> {
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) padding = [1, 1, 1, 1]
      : tensor<1x4x4x2xi8, #a8>, tensor<3x3x2x8xi8, #w> -> tensor<1x4x4x8xf32>
  return %y : tensor<1x4x4x8xf32>
}

// -----

// nchw_fchw, batch 2: the filter [F, C*KH*KW] is the left operand, the
// gathered input X^T [C*KH*KW, N*OH*OW] (loops c, kh, kw, n, oh, ow) the
// right one; the [F, N*OH*OW] product is expanded to [F, N, OH, OW] and
// transposed to NCHW.
// x[n, c, oh * 2 + kh * 2, ow + kw * 2] at loops (c, kh, kw, n, oh, ow):
// CHECK-DAG: #[[H:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4 * 2 + d1 * 2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d5 + d2 * 2)>
// CHECK-LABEL: func.func @nchw
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x9x8xf32>, %[[F:.*]]: tensor<4x3x2x2xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 0, 2]
// CHECK: } : tensor<2x3x9x8xf32> to tensor<2x3x10x10xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x2x2x2x4x8xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#{{.*}}], {{.*}} outs(%[[E]] : tensor<3x2x2x2x4x8xf32>)
// CHECK: %[[C:.*]] = linalg.index 0 : index
// CHECK: %[[N:.*]] = linalg.index 3 : index
// CHECK: %[[IH:.*]] = affine.apply #[[H]](
// CHECK: %[[IW:.*]] = affine.apply #[[W]](
// CHECK: %[[V:.*]] = tensor.extract %[[P]][%[[N]], %[[C]], %[[IH]], %[[IW]]] : tensor<2x3x10x10xf32>
// CHECK: linalg.yield %[[V]] : f32
// CHECK: %[[XT:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0, 1, 2], [3, 4, 5]] : tensor<3x2x2x2x4x8xf32> into tensor<12x64xf32>
// CHECK: %[[S:.*]] = tensor.collapse_shape %[[F]] {{\[}}[0], [1, 2, 3]] : tensor<4x3x2x2xf32> into tensor<4x12xf32>
// CHECK: %[[M:.*]] = sparq.matmul %[[S]], %[[XT]] acc(f32) dataflow(inner) {name = "c2"} : tensor<4x12xf32>, tensor<12x64xf32> -> tensor<4x64xf32>
// CHECK: %[[FN:.*]] = tensor.expand_shape %[[M]] {{\[}}[0], [1, 2, 3]] output_shape [4, 2, 4, 8] : tensor<4x64xf32> into tensor<4x2x4x8xf32>
// CHECK: %[[I:.*]] = tensor.empty() : tensor<2x4x4x8xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[FN]] : tensor<4x2x4x8xf32>) outs(%[[I]] : tensor<2x4x4x8xf32>) permutation = [1, 0, 2, 3]
// CHECK: return %[[T]]
func.func @nchw(%x: tensor<2x3x9x8xf32>, %f: tensor<4x3x2x2xf32>) -> tensor<2x4x4x8xf32> {
  %y = sparq.conv2d %x, %f layout(nchw_fchw) acc(f32) strides = [2, 1] dilations = [2, 2] padding = [1, 0, 0, 2] dataflow(inner) {name = "c2"}
      : tensor<2x3x9x8xf32>, tensor<4x3x2x2xf32> -> tensor<2x4x4x8xf32>
  return %y : tensor<2x4x4x8xf32>
}

// -----

// nchw_fchw, batch 1, quantized: a CSR filter stored as [F, C*KH*KW]
// (row_dims = 1) keeps its parts and its channel(0) scales; the asymmetric
// input is padded with its zero point and re-assembled as the right operand;
// [F, OH*OW] is [1, F, OH, OW] (no transpose).
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#w = #sparq.encoding<csr, row_dims = 1, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
// CHECK-DAG: #[[W2:.*]] = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
// CHECK-LABEL: func.func @nchw_quantized
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x4x4xi8, #{{.*}}>, %[[F:.*]]: tensor<8x2x3x3xi8, #{{.*}}>)
// CHECK: %[[XV:.*]] = sparq.part values of %[[X]]
// CHECK: %[[ZP:.*]] = sparq.part zero_points of %[[X]]
// CHECK: %[[Z:.*]] = tensor.extract %[[ZP]]
// CHECK: %[[ZI8:.*]] = arith.trunci %[[Z]] : i32 to i8
// CHECK: tensor.pad %[[XV]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[ZI8]] : i8
// CHECK: %[[COL:.*]] = tensor.collapse_shape {{.*}} into tensor<18x16xi8>
// CHECK: %[[A:.*]] = sparq.assemble values(%[[COL]] : tensor<18x16xi8>) scales({{.*}}) zero_points({{.*}}) : tensor<18x16xi8, #{{.*}}>
// CHECK: %[[V:.*]] = sparq.part values of %[[F]] : {{.*}} -> tensor<?xi8>
// CHECK: %[[PO:.*]] = sparq.part positions of %[[F]] : {{.*}} -> tensor<9xi32>
// CHECK: %[[CO:.*]] = sparq.part coordinates of %[[F]] : {{.*}} -> tensor<?xi32>
// CHECK: %[[FS:.*]] = sparq.part scales of %[[F]] : {{.*}} -> tensor<8xf32>
// CHECK: %[[B:.*]] = sparq.assemble values(%[[V]] : tensor<?xi8>) positions(%[[PO]] : tensor<9xi32>) coordinates(%[[CO]] : tensor<?xi32>) scales(%[[FS]] : tensor<8xf32>) : tensor<8x18xi8, #[[W2]]>
// CHECK: %[[M:.*]] = sparq.matmul %[[B]], %[[A]] acc(i32) : tensor<8x18xi8, #[[W2]]>, tensor<18x16xi8, #{{.*}}> -> tensor<8x16xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1], [2, 3]] output_shape [1, 8, 4, 4] : tensor<8x16xf32> into tensor<1x8x4x4xf32>
// CHECK: return %[[R]]
func.func @nchw_quantized(%x: tensor<1x2x4x4xi8, #a8>, %f: tensor<8x2x3x3xi8, #w>) -> tensor<1x8x4x4xf32> {
  %y = sparq.conv2d %x, %f layout(nchw_fchw) acc(i32) padding = [1, 1, 1, 1]
      : tensor<1x2x4x4xi8, #a8>, tensor<8x2x3x3xi8, #w> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

// Left unchanged: a dynamic batch, a sparse input, per-channel input scales
// (the channels are spread over the reduction), filter scales along C
// (nhwc: channel(2); nchw: channel(1)), and a sparse filter whose matrix view
// is not the im2col matrix (nhwc: row_dims = 1; nchw: the default row_dims 3).
#csr = #sparq.encoding<csr>
#ac = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>
#fc = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(2)>>
#fcn = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#r1 = #sparq.encoding<csr, row_dims = 1>
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: sparq.matmul
// CHECK-COUNT-7: sparq.conv2d
// CHECK-NOT: sparq.matmul
func.func @unchanged(%x: tensor<1x4x4x2xf32>, %xn: tensor<1x2x4x4xf32>,
                     %fnc: tensor<3x2x3x3xi8, #fcn>, %fnr: tensor<3x2x3x3xf32, #csr>,
                     %xd: tensor<?x4x4x2xf32>, %f: tensor<3x3x2x3xf32>,
                     %xs: tensor<1x4x4x2xf32, #csr>, %xc: tensor<1x4x4x2xi8, #ac>,
                     %fc: tensor<3x3x2x3xi8, #fc>, %fr: tensor<3x3x2x3xf32, #r1>) {
  // expected-remark @below {{left as it is: the filter's scales vary along a reduced axis}}
  %0 = sparq.conv2d %xn, %fnc layout(nchw_fchw) acc(f32) : tensor<1x2x4x4xf32>, tensor<3x2x3x3xi8, #fcn> -> tensor<1x3x2x2xf32>
  // expected-remark @below {{left as it is: the filter's matrix view is not [F, C*KH*KW] (row_dims = 1)}}
  %6 = sparq.conv2d %xn, %fnr layout(nchw_fchw) acc(f32) : tensor<1x2x4x4xf32>, tensor<3x2x3x3xf32, #csr> -> tensor<1x3x2x2xf32>
  // expected-remark @below {{left as it is: a shape is dynamic}}
  %1 = sparq.conv2d %xd, %f layout(nhwc_hwcf) acc(f32) : tensor<?x4x4x2xf32>, tensor<3x3x2x3xf32> -> tensor<?x2x2x3xf32>
  // expected-remark @below {{left as it is: the input is not a plain tensor or a dense tensor with per-tensor symmetric/asymmetric quantization}}
  %2 = sparq.conv2d %xs, %f layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x2xf32, #csr>, tensor<3x3x2x3xf32> -> tensor<1x2x2x3xf32>
  // expected-remark @below {{left as it is: the input is not a plain tensor or a dense tensor with per-tensor symmetric/asymmetric quantization}}
  %3 = sparq.conv2d %xc, %f layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x2xi8, #ac>, tensor<3x3x2x3xf32> -> tensor<1x2x2x3xf32>
  // expected-remark @below {{left as it is: the filter's scales vary along a reduced axis}}
  %4 = sparq.conv2d %x, %fc layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x2xf32>, tensor<3x3x2x3xi8, #fc> -> tensor<1x2x2x3xf32>
  // expected-remark @below {{left as it is: the filter's matrix view is not [KH*KW*C, F]}}
  %5 = sparq.conv2d %x, %fr layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32, #r1> -> tensor<1x2x2x3xf32>
  return
}

// -----

// nchw_fchw, filter scales and zero points grouped along C (group(1, 2)):
// K order (kh, kw, c), i.e. im2col loops (kh, kw, c, n, oh, ow), and the
// constant filter permuted in the compiler to the [F, KH*KW*C] matrix with
// group(1, 2) along K: values [f][kh][kw][c] (1, 3, 5, 7 | 2, 4, 6, 8 | ...),
// scales and zero points [f][kh][kw][c-group] (1, 3 | 2, 4 | 5, 7 | 6, 8).
#g = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, group(1, 2)>>
// CHECK-DAG: #[[G:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, group(1, 2)>>
// The gather reads x[n, c, oh + kh, ow + kw * 2] at loops (kh, kw, c, n, oh, ow):
// CHECK-DAG: #[[GH:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0 + d4)>
// CHECK-DAG: #[[GW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d5 + d1 * 2)>
// CHECK-LABEL: func.func @fchw_grouped
// CHECK: %[[P:.*]] = tensor.pad
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x4x1x3x3xf32>
// CHECK: %[[GA:.*]] = linalg.generic {indexing_maps = [#{{.*}}], {{.*}} outs(%[[E]] : tensor<1x2x4x1x3x3xf32>)
// CHECK: %[[GC:.*]] = linalg.index 2 : index
// CHECK: %[[GN:.*]] = linalg.index 3 : index
// CHECK: %[[IH:.*]] = affine.apply #[[GH]](
// CHECK: %[[IW:.*]] = affine.apply #[[GW]](
// CHECK: tensor.extract %[[P]][%[[GN]], %[[GC]], %[[IH]], %[[IW]]] : tensor<1x4x3x5xf32>
// CHECK: %[[XT:.*]] = tensor.collapse_shape %[[GA]] {{\[}}[0, 1, 2], [3, 4, 5]] : tensor<1x2x4x1x3x3xf32> into tensor<8x9xf32>
// CHECK: %[[V:.*]] = arith.constant dense_resource<[[RV:sparq_conv_filter_khwc[_0-9]*]]> : tensor<2x8xi8>
// CHECK: %[[S:.*]] = arith.constant dense_resource<[[RS:sparq_conv_filter_khwc[_0-9]*]]> : tensor<2x4xf32>
// CHECK: %[[Z:.*]] = arith.constant dense_resource<[[RZ:sparq_conv_filter_khwc[_0-9]*]]> : tensor<2x4xi32>
// CHECK: %[[W:.*]] = sparq.assemble values(%[[V]] : tensor<2x8xi8>) scales(%[[S]] : tensor<2x4xf32>) zero_points(%[[Z]] : tensor<2x4xi32>) : tensor<2x8xi8, #[[G]]>
// CHECK: %[[M:.*]] = sparq.matmul %[[W]], %[[XT]] acc(f32) dataflow(row) {name = "g"} : tensor<2x8xi8, #[[G]]>, tensor<8x9xf32> -> tensor<2x9xf32>
// CHECK: tensor.expand_shape %[[M]] {{\[}}[0, 1], [2, 3]] output_shape [1, 2, 3, 3]
// CHECK: [[RV]]: "0x080000000103050702040608090B0D0F0A0C0E10"
// CHECK: [[RS]]: "0x080000000000803F0000404000000040000080400000A0400000E0400000C04000000041"
// CHECK: [[RZ]]: "0x080000000100000003000000020000000400000005000000070000000600000008000000"
func.func @fchw_grouped(%x: tensor<1x4x3x4xf32>) -> tensor<1x2x3x3xf32> {
  %v = arith.constant dense<[[[[1, 2]], [[3, 4]], [[5, 6]], [[7, 8]]], [[[9, 10]], [[11, 12]], [[13, 14]], [[15, 16]]]]> : tensor<2x4x1x2xi8>
  %s = arith.constant dense<[[[[1.0, 2.0]], [[3.0, 4.0]]], [[[5.0, 6.0]], [[7.0, 8.0]]]]> : tensor<2x2x1x2xf32>
  %z = arith.constant dense<[[[[1, 2]], [[3, 4]]], [[[5, 6]], [[7, 8]]]]> : tensor<2x2x1x2xi32>
  %f = sparq.assemble values(%v : tensor<2x4x1x2xi8>) scales(%s : tensor<2x2x1x2xf32>) zero_points(%z : tensor<2x2x1x2xi32>) : tensor<2x4x1x2xi8, #g>
  %y = sparq.conv2d %x, %f layout(nchw_fchw) acc(f32) strides = [1, 1] dilations = [1, 2] padding = [0, 0, 0, 1] dataflow(row) {name = "g"}
      : tensor<1x4x3x4xf32>, tensor<2x4x1x2xi8, #g> -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// nhwc_hwcf, filter scales grouped along C (group(2, g)): the stored K order
// (kh, kw, c) already makes each group a run of g, so the filter keeps its
// parts (dense or CSR); the [KH, KW, C/g, F] scales / zero points collapse
// to [KH*KW*C/g, F] and the quantization becomes group(0, g) along K.
#h = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(2, 3)>>
#hc = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, asymmetric, group(2, 2)>>
// CHECK-DAG: #[[H:.*]] = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 3)>>
// CHECK-DAG: #[[HC:.*]] = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, asymmetric, group(0, 2)>>
// CHECK-LABEL: func.func @hwcf_grouped
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x6xf32>, %[[F:.*]]: tensor<2x2x6x5xi8, #{{.*}}>, %[[FC:.*]]: tensor<2x2x4x3xi8, #{{.*}}>, %[[X4:.*]]: tensor<1x4x4x4xf32>)
// CHECK: %[[A:.*]] = tensor.collapse_shape {{.*}} into tensor<9x24xf32>
// CHECK: %[[V:.*]] = sparq.part values of %[[F]] : {{.*}} -> tensor<2x2x6x5xi8>
// CHECK: %[[VC:.*]] = tensor.collapse_shape %[[V]] {{\[}}[0, 1, 2], [3]] : tensor<2x2x6x5xi8> into tensor<24x5xi8>
// CHECK: %[[S:.*]] = sparq.part scales of %[[F]] : {{.*}} -> tensor<2x2x2x5xf32>
// CHECK: %[[SC:.*]] = tensor.collapse_shape %[[S]] {{\[}}[0, 1, 2], [3]] : tensor<2x2x2x5xf32> into tensor<8x5xf32>
// CHECK: %[[B:.*]] = sparq.assemble values(%[[VC]] : tensor<24x5xi8>) scales(%[[SC]] : tensor<8x5xf32>) : tensor<24x5xi8, #[[H]]>
// CHECK: sparq.matmul %[[A]], %[[B]] acc(f32) : tensor<9x24xf32>, tensor<24x5xi8, #[[H]]> -> tensor<9x5xf32>
// CHECK: %[[A2:.*]] = tensor.collapse_shape {{.*}} into tensor<9x16xf32>
// CHECK: %[[CV:.*]] = sparq.part values of %[[FC]]
// CHECK: %[[CP:.*]] = sparq.part positions of %[[FC]] : {{.*}} -> tensor<17xi32>
// CHECK: %[[CC:.*]] = sparq.part coordinates of %[[FC]]
// CHECK: %[[CS:.*]] = sparq.part scales of %[[FC]] : {{.*}} -> tensor<2x2x2x3xf32>
// CHECK: %[[CSC:.*]] = tensor.collapse_shape %[[CS]] {{\[}}[0, 1, 2], [3]] : tensor<2x2x2x3xf32> into tensor<8x3xf32>
// CHECK: %[[CZ:.*]] = sparq.part zero_points of %[[FC]] : {{.*}} -> tensor<2x2x2x3xi32>
// CHECK: %[[CZC:.*]] = tensor.collapse_shape %[[CZ]] {{\[}}[0, 1, 2], [3]] : tensor<2x2x2x3xi32> into tensor<8x3xi32>
// CHECK: %[[B2:.*]] = sparq.assemble values(%[[CV]] : tensor<?xi8>) positions(%[[CP]] : tensor<17xi32>) coordinates(%[[CC]] : tensor<?xi32>) scales(%[[CSC]] : tensor<8x3xf32>) zero_points(%[[CZC]] : tensor<8x3xi32>) : tensor<16x3xi8, #[[HC]]>
// CHECK: sparq.matmul %[[A2]], %[[B2]] acc(f32) : tensor<9x16xf32>, tensor<16x3xi8, #[[HC]]> -> tensor<9x3xf32>
func.func @hwcf_grouped(%x: tensor<1x4x4x6xf32>, %f: tensor<2x2x6x5xi8, #h>, %fc: tensor<2x2x4x3xi8, #hc>, %x4: tensor<1x4x4x4xf32>) -> (tensor<1x3x3x5xf32>, tensor<1x3x3x3xf32>) {
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x6xf32>, tensor<2x2x6x5xi8, #h> -> tensor<1x3x3x5xf32>
  %z = sparq.conv2d %x4, %fc layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x4xf32>, tensor<2x2x4x3xi8, #hc> -> tensor<1x3x3x3xf32>
  return %y, %z : tensor<1x3x3x5xf32>, tensor<1x3x3x3xf32>
}

// -----

// Left unchanged, filters with grouped scales: an FCHW filter grouped along
// C that is not a sparq.assemble of constants (a function argument: its
// parts cannot be permuted in the compiler) or that is compressed (its
// stored order c, kh, kw would need re-packing), and groups along a kernel
// axis (FCHW group(2, 3) along KH, HWCF group(1, 2) along KW).
#gc = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
#gcsr = #sparq.encoding<csr, row_dims = 1, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
#gkh = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(2, 3)>>
#gkw = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(1, 2)>>
// CHECK-LABEL: func.func @grouped_unchanged
// CHECK-NOT: sparq.matmul
// CHECK-COUNT-4: sparq.conv2d
// CHECK-NOT: sparq.matmul
func.func @grouped_unchanged(%xn: tensor<1x4x4x4xf32>, %fa: tensor<3x4x3x3xi8, #gc>,
                             %fs: tensor<3x4x3x3xi8, #gcsr>, %fk: tensor<3x4x3x3xi8, #gkh>,
                             %x: tensor<1x4x4x4xf32>, %fw: tensor<3x2x4x3xi8, #gkw>) {
  // expected-remark @below {{left as it is: the FCHW filter's scales are grouped along C and its parts are not a readable constant}}
  %0 = sparq.conv2d %xn, %fa layout(nchw_fchw) acc(f32) : tensor<1x4x4x4xf32>, tensor<3x4x3x3xi8, #gc> -> tensor<1x3x2x2xf32>
  // expected-remark @below {{left as it is: the FCHW filter's scales are grouped along C and it is compressed}}
  %1 = sparq.conv2d %xn, %fs layout(nchw_fchw) acc(f32) : tensor<1x4x4x4xf32>, tensor<3x4x3x3xi8, #gcsr> -> tensor<1x3x2x2xf32>
  // expected-remark @below {{left as it is: the filter's scales vary along a reduced axis}}
  %2 = sparq.conv2d %xn, %fk layout(nchw_fchw) acc(f32) : tensor<1x4x4x4xf32>, tensor<3x4x3x3xi8, #gkh> -> tensor<1x3x2x2xf32>
  // expected-remark @below {{left as it is: the filter's scales vary along a reduced axis}}
  %3 = sparq.conv2d %x, %fw layout(nhwc_hwcf) acc(f32) : tensor<1x4x4x4xf32>, tensor<3x2x4x3xi8, #gkw> -> tensor<1x2x3x3xf32>
  return
}

// -----

// A plain f32 linalg convolution (an uncompressed model) takes the same
// path: its +0.0 init is dropped, any other init is added after the product.
// RUN: sparq-opt %s --sparq-conv2d-to-matmul="linalg=false" --split-input-file | FileCheck %s --check-prefix=OFF
// CHECK-LABEL: func.func @linalg_conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x5x5xf32>, %[[F:.*]]: tensor<3x2x3x3xf32>, %[[B:.*]]: tensor<1x3x3x3xf32>)
// CHECK-NOT: linalg.conv_2d
// CHECK: %[[S:.*]] = tensor.collapse_shape %[[F]] {{\[}}[0], [1, 2, 3]] : tensor<3x2x3x3xf32> into tensor<3x18xf32>
// CHECK: %[[M:.*]] = sparq.matmul %[[S]], %{{.*}} acc(f32) {name = "c"} : tensor<3x18xf32>, tensor<18x9xf32> -> tensor<3x9xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1], [2, 3]] output_shape [1, 3, 3, 3]
// CHECK-NOT: linalg.add
// CHECK: sparq.matmul
// CHECK: %[[R2:.*]] = tensor.expand_shape
// CHECK: %[[SUM:.*]] = linalg.add ins(%[[R2]], %[[B]] : tensor<1x3x3x3xf32>, tensor<1x3x3x3xf32>)
// CHECK: return %[[R]], %[[SUM]]
// OFF-LABEL: func.func @linalg_conv
// OFF-COUNT-2: linalg.conv_2d_nchw_fchw
// OFF-NOT: sparq.matmul
func.func @linalg_conv(%x: tensor<1x2x5x5xf32>, %f: tensor<3x2x3x3xf32>, %bias: tensor<1x3x3x3xf32>) -> (tensor<1x3x3x3xf32>, tensor<1x3x3x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x3x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, name = "c"}
      ins(%x, %f : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>) outs(%init : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %z = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %f : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>) outs(%bias : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %y, %z : tensor<1x3x3x3xf32>, tensor<1x3x3x3xf32>
}
