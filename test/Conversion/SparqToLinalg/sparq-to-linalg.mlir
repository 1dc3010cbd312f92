// RUN: sparq-opt %s --sparq-to-linalg | FileCheck %s

#csr = #sparq.encoding<csr, crd_width = 16>
#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#chcsr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#u8ch = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, channel(0)>>
#u4g = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, group(1, 2), rounding = nearest_away>>
#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor, rounding = toward_zero>>
#nm = #sparq.encoding<nm<2, 4>>
#bcsr = #sparq.encoding<bcsr<2x2>>
#cb = #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>

// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$GROUP:.*]] = affine_map<(d0, d1) -> (d0, d1 floordiv 2)>
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$FIRST1:.*]] = affine_map<(d0) -> (0)>
// CHECK-DAG: #[[$FIRST2:.*]] = affine_map<(d0, d1) -> (0)>

// A compressed value crosses calls and returns as its parts.
// CHECK-LABEL: func.func @callee(
// CHECK-SAME: %[[V:.*]]: tensor<?xf32>, %[[P:.*]]: tensor<5xi32>, %[[C:.*]]: tensor<?xi16>)
// CHECK-SAME: -> (tensor<?xf32>, tensor<5xi32>, tensor<?xi16>)
// CHECK: return %[[V]], %[[P]], %[[C]]
func.func @callee(%c: tensor<4x6xf32, #csr>) -> tensor<4x6xf32, #csr> {
  return %c : tensor<4x6xf32, #csr>
}

// CHECK-LABEL: func.func @caller(
// CHECK: %[[R:.*]]:3 = call @callee(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<?xf32>, tensor<5xi32>, tensor<?xi16>) -> (tensor<?xf32>, tensor<5xi32>, tensor<?xi16>)
// CHECK: return %[[R]]#0, %[[R]]#1, %[[R]]#2
func.func @caller(%c: tensor<4x6xf32, #csr>) -> tensor<4x6xf32, #csr> {
  %r = func.call @callee(%c) : (tensor<4x6xf32, #csr>) -> tensor<4x6xf32, #csr>
  return %r : tensor<4x6xf32, #csr>
}

// assemble + part fold to the operand, cast to the part type.
// CHECK-LABEL: func.func @assemble_part(
// CHECK-SAME: %{{.*}}: tensor<?xf32>, %{{.*}}: tensor<5xi32>, %[[C:.*]]: tensor<7xi16>)
// CHECK: %[[CAST:.*]] = tensor.cast %[[C]] : tensor<7xi16> to tensor<?xi16>
// CHECK: return %[[CAST]]
func.func @assemble_part(%v: tensor<?xf32>, %p: tensor<5xi32>, %c: tensor<7xi16>) -> tensor<?xi16> {
  %t = sparq.assemble values(%v : tensor<?xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<7xi16>) : tensor<4x6xf32, #csr>
  %r = sparq.part coordinates of %t : tensor<4x6xf32, #csr> -> tensor<?xi16>
  return %r : tensor<?xi16>
}

// CHECK-LABEL: func.func @loop(
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<?xf32>, tensor<5xi32>, tensor<?xi16>)
func.func @loop(%c: tensor<4x6xf32, #csr>, %n: index) -> tensor<4x6xf32, #csr> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%t = %c) -> tensor<4x6xf32, #csr> {
    scf.yield %t : tensor<4x6xf32, #csr>
  }
  return %r : tensor<4x6xf32, #csr>
}

// CSR pack: a nonzero mask, a counting pass that fills the positions, then
// a fill pass into tensors sized by the count.
// CHECK-LABEL: func.func @pack_csr(
// CHECK-SAME: -> (tensor<?xf32>, tensor<5xi32>, tensor<?xi16>)
// CHECK: %[[MASK:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x6xi1>)
// CHECK: arith.cmpf une
// CHECK: %[[COUNT:.*]]:2 = scf.for {{.*}} -> (tensor<5xi32>, index)
// CHECK: %[[VALS:.*]] = tensor.empty(%[[COUNT]]#1) : tensor<?xf32>
// CHECK: %[[CRDS:.*]] = tensor.empty(%[[COUNT]]#1) : tensor<?xi16>
// CHECK: %[[FILL:.*]]:3 = scf.for {{.*}} iter_args({{.*}} = %[[VALS]], {{.*}} = %[[CRDS]], {{.*}}) -> (tensor<?xf32>, tensor<?xi16>, index)
// CHECK: scf.if
// CHECK: return %[[FILL]]#0, %[[COUNT]]#0, %[[FILL]]#1
func.func @pack_csr(%d: tensor<4x6xf32>) -> tensor<4x6xf32, #csr> {
  %r = sparq.pack %d : tensor<4x6xf32> -> tensor<4x6xf32, #csr>
  return %r : tensor<4x6xf32, #csr>
}

// N:M pack checks every group at run time.
// CHECK-LABEL: func.func @pack_nm(
// CHECK-SAME: -> (tensor<2x4xf32>, tensor<2x4xi2>)
// CHECK: %[[COUNT:.*]] = scf.for {{.*}} -> (index)
// CHECK: %[[FITS:.*]] = arith.cmpi ule, %[[COUNT]]
// CHECK: cf.assert %[[FITS]], "sparq.pack: a group of 4 columns holds more than 2 nonzeros, which nm<2, 4> cannot store"
// CHECK: scf.for {{.*}} -> (tensor<2x4xf32>, tensor<2x4xi2>, index, index)
// CHECK: arith.index_cast %{{.*}} : index to i2
func.func @pack_nm(%d: tensor<2x8xf32>) -> tensor<2x8xf32, #nm> {
  %r = sparq.pack %d : tensor<2x8xf32> -> tensor<2x8xf32, #nm>
  return %r : tensor<2x8xf32, #nm>
}

// CHECK-LABEL: func.func @unpack_bcsr(
// CHECK-SAME: %[[V:.*]]: tensor<?x2x2xf32>, %[[P:.*]]: tensor<3xi32>, %[[C:.*]]: tensor<?xi32>) -> tensor<4x6xf32>
// CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<4x6xf32>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[ZERO]])
// CHECK: tensor.extract %[[P]]
// CHECK: scf.for
// CHECK: %[[BLOCK:.*]] = tensor.extract_slice %[[V]][%{{.*}}, 0, 0] [1, 2, 2] [1, 1, 1] : tensor<?x2x2xf32> to tensor<2x2xf32>
// CHECK: tensor.insert_slice %[[BLOCK]] into %{{.*}}[%{{.*}}, %{{.*}}] [2, 2] [1, 1] : tensor<2x2xf32> into tensor<4x6xf32>
func.func @unpack_bcsr(%c: tensor<4x6xf32, #bcsr>) -> tensor<4x6xf32> {
  %r = sparq.unpack %c : tensor<4x6xf32, #bcsr> -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// Asymmetric per-channel quantization: round, add the zero point, clamp,
// NaN to the zero point, then fptosi.
// CHECK-LABEL: func.func @quantize_channel(
// CHECK-SAME: %[[X:.*]]: tensor<3x5xf32>, %[[S:.*]]: tensor<3xf32>, %[[Z:.*]]: tensor<3xi32>)
// CHECK-SAME: -> (tensor<3x5xi8>, tensor<3xf32>, tensor<3xi32>)
// CHECK: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ROW]], #[[$ID2]]]{{.*}} ins(%[[X]], %[[S]], %[[Z]] :
// CHECK: arith.divf
// CHECK: math.roundeven
// CHECK: %[[ZP:.*]] = arith.sitofp
// CHECK: arith.addf
// CHECK: arith.constant 0.000000e+00 : f64
// CHECK: arith.constant 2.550000e+02 : f64
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf ogt
// CHECK: %[[NAN:.*]] = arith.cmpf uno
// CHECK: %[[SEL:.*]] = arith.select %[[NAN]], %[[ZP]]
// CHECK: arith.fptosi %[[SEL]] : f64 to i32
// CHECK: arith.trunci %{{.*}} : i32 to i8
// CHECK: return %[[Q]], %[[S]], %[[Z]]
func.func @quantize_channel(%x: tensor<3x5xf32>, %s: tensor<3xf32>, %z: tensor<3xi32>) -> tensor<3x5xi8, #u8ch> {
  %q = sparq.quantize %x scales(%s : tensor<3xf32>) zero_points(%z : tensor<3xi32>) : tensor<3x5xf32> -> tensor<3x5xi8, #u8ch>
  return %q : tensor<3x5xi8, #u8ch>
}

// CHECK-LABEL: func.func @quantize_group(
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$GROUP]], #[[$GROUP]], #[[$ID2]]]
// CHECK: math.round %
// CHECK: arith.constant 1.500000e+01 : f64
// CHECK: arith.trunci %{{.*}} : i32 to i4
func.func @quantize_group(%x: tensor<3x4xf32>, %s: tensor<3x2xf32>, %z: tensor<3x2xi32>) -> tensor<3x4xi4, #u4g> {
  %q = sparq.quantize %x scales(%s : tensor<3x2xf32>) zero_points(%z : tensor<3x2xi32>) : tensor<3x4xf32> -> tensor<3x4xi4, #u4g>
  return %q : tensor<3x4xi4, #u4g>
}

// Nearest centroid: scan from entry 1 with a strict `<`.
// CHECK-LABEL: func.func @quantize_codebook(
// CHECK-SAME: %[[X:.*]]: tensor<8xf32>, %[[CB:.*]]: tensor<4xf32>) -> (tensor<8xi2>, tensor<4xf32>)
// CHECK: linalg.generic
// CHECK: tensor.extract %[[CB]]
// CHECK: math.absf
// CHECK: scf.for {{.*}} -> (index, f64)
// CHECK: arith.cmpf olt
// CHECK: arith.index_castui %{{.*}} : index to i2
func.func @quantize_codebook(%x: tensor<8xf32>, %cb: tensor<4xf32>) -> tensor<8xi2, #cb> {
  %q = sparq.quantize %x codebook(%cb : tensor<4xf32>) : tensor<8xf32> -> tensor<8xi2, #cb>
  return %q : tensor<8xi2, #cb>
}

// Tensor granularity: only the values part is mapped.
// CHECK-LABEL: func.func @dequantize_csr(
// CHECK-SAME: %[[V:.*]]: tensor<?xi8>, %[[P:.*]]: tensor<5xi32>, %[[C:.*]]: tensor<?xi32>, %[[S:.*]]: tensor<1xf32>)
// CHECK-SAME: -> (tensor<?xf32>, tensor<5xi32>, tensor<?xi32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID1]], #[[$FIRST1]], #[[$ID1]]]{{.*}} ins(%[[V]], %[[S]] :
// CHECK: arith.extsi
// CHECK: arith.sitofp
// CHECK: arith.mulf
// CHECK: return %[[R]], %[[P]], %[[C]]
func.func @dequantize_csr(%c: tensor<4x6xi8, #q8csr>) -> tensor<4x6xf32, #sparq.encoding<csr>> {
  %r = sparq.dequantize %c : tensor<4x6xi8, #q8csr> -> tensor<4x6xf32, #sparq.encoding<csr>>
  return %r : tensor<4x6xf32, #sparq.encoding<csr>>
}

// Per-channel scales of a compressed tensor: a loop over the stored entries
// looks up the scale of each one's coordinates; the index parts are kept.
// CHECK-LABEL: func.func @dequantize_csr_channel(
// CHECK-SAME: %[[V:.*]]: tensor<?xi8>, %[[P:.*]]: tensor<5xi32>, %[[C:.*]]: tensor<?xi32>, %[[S:.*]]: tensor<6xf32>)
// CHECK-SAME: -> (tensor<?xf32>, tensor<5xi32>, tensor<?xi32>)
// CHECK: %[[R:.*]] = scf.for
// CHECK: tensor.extract %[[P]]
// CHECK: scf.for
// CHECK: %[[J:.*]] = arith.index_castui
// CHECK: tensor.extract %[[V]]
// CHECK: tensor.extract %[[S]][%[[J]]]
// CHECK: arith.mulf
// CHECK: return %[[R]], %[[P]], %[[C]]
func.func @dequantize_csr_channel(%c: tensor<4x6xi8, #chcsr>) -> tensor<4x6xf32, #sparq.encoding<csr>> {
  %r = sparq.dequantize %c : tensor<4x6xi8, #chcsr> -> tensor<4x6xf32, #sparq.encoding<csr>>
  return %r : tensor<4x6xf32, #sparq.encoding<csr>>
}

// The rescale runs in f64.
// CHECK-LABEL: func.func @requantize(
// CHECK-SAME: %[[A:.*]]: tensor<4x6xi32>, %[[SI:.*]]: tensor<1xf32>, %[[SO:.*]]: tensor<1xf32>) -> (tensor<4x6xi8>, tensor<1xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$FIRST2]], #[[$FIRST2]], #[[$ID2]]]{{.*}} ins(%[[A]], %[[SI]], %[[SO]] :
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: arith.mulf %{{.*}} : f64
// CHECK: arith.divf %{{.*}} : f64
// CHECK: math.trunc %{{.*}} : f64
// CHECK: arith.fptosi %{{.*}} : f64 to i32
// CHECK: return %[[R]], %[[SO]]
func.func @requantize(%acc: tensor<4x6xi32>, %si: tensor<1xf32>, %so: tensor<1xf32>) -> tensor<4x6xi8, #s8> {
  %r = sparq.requantize %acc in_scales(%si : tensor<1xf32>) scales(%so : tensor<1xf32>) : tensor<4x6xi32> -> tensor<4x6xi8, #s8>
  return %r : tensor<4x6xi8, #s8>
}

// Integer accumulation: widen (zero-extend ui8, sign-extend si8), subtract
// the zero points, matmul in i32, scale each output element in f64.
// CHECK-LABEL: func.func @matmul_int(
// CHECK-SAME: %[[A:.*]]: tensor<2x4xi8>, %[[SA:.*]]: tensor<2xf32>, %[[ZA:.*]]: tensor<2xi32>, %[[B:.*]]: tensor<4x3xi8>, %[[SB:.*]]: tensor<1xf32>) -> tensor<2x3xf32>
// CHECK: %[[WA:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]]{{.*}} ins(%[[A]], %[[ZA]] :
// CHECK: arith.extui
// CHECK: arith.subi
// CHECK: %[[WB:.*]] = linalg.generic {{.*}} ins(%[[B]] :
// CHECK: arith.extsi
// CHECK: %[[INIT:.*]] = linalg.fill
// CHECK: %[[ACC:.*]] = linalg.matmul ins(%[[WA]], %[[WB]] : tensor<2x4xi32>, tensor<4x3xi32>) outs(%[[INIT]] : tensor<2x3xi32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$FIRST2]], #[[$ID2]]]{{.*}} ins(%[[ACC]], %[[SA]], %[[SB]] :
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: return %[[R]]
func.func @matmul_int(%a: tensor<2x4xi8, #u8ch>, %w: tensor<4x3xi8, #s8>) -> tensor<2x3xf32> {
  %r = sparq.matmul %a, %w acc(i32) : tensor<2x4xi8, #u8ch>, tensor<4x3xi8, #s8> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// Float accumulation with a sparse transposed B: unpack, extf, transpose.
// CHECK-LABEL: func.func @matmul_float_t(
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: scf.for
// CHECK: %[[BT:.*]] = linalg.transpose ins(%{{.*}} : tensor<6x4xf32>) outs(%{{.*}} : tensor<4x6xf32>) permutation = [1, 0]
// CHECK: linalg.matmul ins(%{{.*}}, %[[BT]] : tensor<2x4xf32>, tensor<4x6xf32>)
func.func @matmul_float_t(%a: tensor<2x4xf16>, %w: tensor<6x4xf32, #csr>) -> tensor<2x6xf32> {
  %r = sparq.matmul %a, %w transpose_b acc(f32) : tensor<2x4xf16>, tensor<6x4xf32, #csr> -> tensor<2x6xf32>
  return %r : tensor<2x6xf32>
}

// CHECK-LABEL: func.func @matmul_batch(
// CHECK: linalg.broadcast ins(%{{.*}} : tensor<4x3xf32>) outs(%{{.*}} : tensor<2x4x3xf32>) dimensions = [0]
// CHECK: linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<2x2x4xf32>, tensor<2x4x3xf32>)
func.func @matmul_batch(%a: tensor<2x2x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x2x3xf32> {
  %r = sparq.matmul %a, %b acc(f32) : tensor<2x2x4xf32>, tensor<4x3xf32> -> tensor<2x2x3xf32>
  return %r : tensor<2x2x3xf32>
}

// CHECK-LABEL: func.func @conv_nchw(
// CHECK-SAME: %[[X:.*]]: tensor<1x2x5x5xf32>, %[[F:.*]]: tensor<3x2x3x3xf32>)
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 0, 1] high[0, 0, 0, 0]
// CHECK: tensor.yield %{{.*}} : f32
// CHECK: } : tensor<1x2x5x5xf32> to tensor<1x2x5x6xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>} ins(%[[PAD]], %[[F]] : tensor<1x2x5x6xf32>, tensor<3x2x3x3xf32>)
func.func @conv_nchw(%x: tensor<1x2x5x5xf32>, %f: tensor<3x2x3x3xf32>) -> tensor<1x3x3x2xf32> {
  %r = sparq.conv2d %x, %f layout(nchw_fchw) acc(f32) strides = [1, 2] padding = [0, 0, 1, 0]
      : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x2xf32>
  return %r : tensor<1x3x3x2xf32>
}

// CHECK-LABEL: func.func @conv_nhwc_int(
// CHECK: arith.extsi
// CHECK: tensor.pad
// CHECK: arith.constant 0 : i32
// CHECK: linalg.conv_2d_nhwc_hwcf {dilations = dense<[2, 1]> : vector<2xi64>, strides = dense<1> : vector<2xi64>} {{.*}} -> tensor<1x3x4x2xi32>
func.func @conv_nhwc_int(%x: tensor<1x5x4x2xi8>, %f: tensor<2x2x2x2xi8>) -> tensor<1x3x4x2xi32> {
  %r = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) dilations = [2, 1] padding = [0, 0, 1, 0]
      : tensor<1x5x4x2xi8>, tensor<2x2x2x2xi8> -> tensor<1x3x4x2xi32>
  return %r : tensor<1x3x4x2xi32>
}

// Scales grouped along K with an integer accumulator: one integer sum per
// group (reduction over the position in the group), then the scaled sum of
// the groups in f64, rounded once.
// CHECK-LABEL: func.func @matmul_grouped(
// CHECK-SAME: %[[A:.*]]: tensor<2x8xi8>, %[[SA:.*]]: tensor<1xf32>, %[[B:.*]]: tensor<8x3xi8>, %[[SB:.*]]: tensor<2x3xf32>)
// CHECK: %[[A3:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2]] output_shape [2, 2, 4] : tensor<2x8xi32> into tensor<2x2x4xi32>
// CHECK: %[[B3:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [2, 4, 3] : tensor<8x3xi32> into tensor<2x4x3xi32>
// CHECK: %[[P:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[A3]], %[[B3]] : {{.*}}) outs(%{{.*}} : tensor<2x3x2xi32>)
// CHECK: arith.muli
// CHECK: arith.addi
// CHECK: %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[P]], %[[SA]], %[[SB]] : {{.*}}) outs(%{{.*}} : tensor<2x3xf64>)
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @matmul_grouped(%a: tensor<2x8xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>,
                          %b: tensor<8x3xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 4)>>>) -> tensor<2x3xf32> {
  %r = sparq.matmul %a, %b acc(i32)
      : tensor<2x8xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>,
        tensor<8x3xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 4)>>> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// Sub-byte values stored at their real size: each element gathers the (up
// to three) bytes holding its bits and shifts them down.
// CHECK-LABEL: func.func @from_bytes(
// CHECK-SAME: %[[B:.*]]: tensor<3xi8>) -> tensor<2x3xi4>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]]], iterator_types = ["parallel", "parallel"]} outs(%{{.*}} : tensor<2x3xi4>)
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK: tensor.extract %[[B]]
// CHECK: arith.shrui
// CHECK: arith.trunci %{{.*}} : i32 to i4
func.func @from_bytes(%b: tensor<3xi8>) -> tensor<2x3xi4> {
  %v = sparq.from_bytes %b : tensor<3xi8> -> tensor<2x3xi4>
  return %v : tensor<2x3xi4>
}
