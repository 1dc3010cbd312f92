// Each RUN line packs the weight of the op named by ops= in one format.
// RUN: sparq-opt %s --sparq-pack="format=csr ops=w" | FileCheck %s --check-prefix=CSR
// RUN: sparq-opt %s --sparq-pack="format=csr pos-width=8 crd-width=16 ops=w" | FileCheck %s --check-prefix=CSR8
// RUN: sparq-opt %s --sparq-pack="format=csc ops=w" | FileCheck %s --check-prefix=CSC
// RUN: sparq-opt %s --sparq-pack="format=coo ops=w" | FileCheck %s --check-prefix=COO
// RUN: sparq-opt %s --sparq-pack="format=bitmap ops=w" | FileCheck %s --check-prefix=BITMAP
// RUN: sparq-opt %s --sparq-pack="format=nm n=2 m=4 ops=w" | FileCheck %s --check-prefix=NM
// RUN: sparq-opt %s --sparq-pack="format=bcsr block=4x1 ops=w" | FileCheck %s --check-prefix=BCSR
// RUN: sparq-opt %s --sparq-pack="format=dense ops=w" | FileCheck %s --check-prefix=DENSE
// RUN: sparq-opt %s --sparq-pack="format=nm ops=s" | FileCheck %s --check-prefix=STRUCT
// RUN: sparq-opt %s --sparq-pack="format=csr ops=init" | FileCheck %s --check-prefix=INIT
// RUN: sparq-opt %s --sparq-pack="format=coo ops=mv" | FileCheck %s --check-prefix=MATVEC
// RUN: sparq-opt %s --sparq-pack="format=nm ops=fchw" | FileCheck %s --check-prefix=FCHW
// RUN: sparq-opt %s --sparq-pack="format=csr ops=hwcf" | FileCheck %s --check-prefix=HWCF
// RUN: sparq-opt %s --sparq-pack="format=csr ops=q4" | FileCheck %s --check-prefix=Q4CSR
// RUN: sparq-opt %s --sparq-pack="format=dense ops=q4" | FileCheck %s --check-prefix=Q4DENSE
// RUN: sparq-opt %s --sparq-pack="format=nm ops=q4" | FileCheck %s --check-prefix=Q4NM
// RUN: sparq-opt %s --sparq-pack="format=csr ops=qa" | FileCheck %s --check-prefix=QA
// RUN: sparq-opt %s --sparq-pack="format=auto ops=ad,ac,an,ab,am" | FileCheck %s --check-prefix=AUTO
// RUN: sparq-opt %s --sparq-pack="format=csr ops=bl" | FileCheck %s --check-prefix=BATCH
// RUN: sparq-opt %s --sparq-pack="format=nm ops=grp,cb" | FileCheck %s --check-prefix=QGROUP

// A dense_resource blob prints as hex at the end of the output: 4 bytes of
// alignment (0x08000000), then the little-endian data. Every expected blob
// below was computed from the decoded arrays in the comment next to it (with
// Python's struct.pack, independently of the pass).

// The weight W[K = 4, N = 4] (empty row 1, empty column 2):
//   [1 0 0 2]
//   [0 0 0 0]
//   [0 3 0 0]
//   [4 0 0 5]
// CSR-LABEL: func @fmt
// CSR: %[[V:.*]] = arith.constant dense_resource<w_values> : tensor<5xf32>
// CSR: %[[P:.*]] = arith.constant dense_resource<w_positions> : tensor<5xi32>
// CSR: %[[C:.*]] = arith.constant dense_resource<w_coordinates> : tensor<5xi32>
// CSR: %[[W:.*]] = sparq.assemble values(%[[V]] : tensor<5xf32>) positions(%[[P]] : tensor<5xi32>) coordinates(%[[C]] : tensor<5xi32>) : tensor<4x4xf32, #csr>
// CSR: %[[Y:.*]] = sparq.matmul %{{.*}}, %[[W]] acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csr> -> tensor<2x4xf32>
// CSR-NEXT: return %[[Y]]
// values [1, 2, 3, 4], positions [0, 2, 2, 3, 5], coordinates [0, 3, 1, 0, 3]
// CSR: w_values: "0x080000000000803F0000004000004040000080400000A040"
// CSR: w_positions: "0x080000000000000002000000020000000300000005000000"
// CSR: w_coordinates: "0x080000000000000003000000010000000000000003000000"

// The same with 8-bit positions [0, 2, 2, 3, 5] and 16-bit coordinates
// [0, 3, 1, 0, 3].
// CSR8: #csr = #sparq.encoding<csr, pos_width = 8, crd_width = 16>
// CSR8-LABEL: func @fmt
// CSR8: sparq.assemble values(%{{.*}} : tensor<5xf32>) positions(%{{.*}} : tensor<5xi8>) coordinates(%{{.*}} : tensor<5xi16>) : tensor<4x4xf32, #csr>
// CSR8: w_positions: "0x080000000002020305"
// CSR8: w_coordinates: "0x0800000000000300010000000300"

// Column by column: c0 {r0: 1, r3: 4}, c1 {r2: 3}, c2 {}, c3 {r0: 2, r3: 5}.
// CSC-LABEL: func @fmt
// CSC: sparq.assemble values(%{{.*}} : tensor<5xf32>) positions(%{{.*}} : tensor<5xi32>) coordinates(%{{.*}} : tensor<5xi32>) : tensor<4x4xf32, #csc>
// values [1, 4, 3, 2, 5], positions [0, 2, 3, 3, 5], coordinates [0, 3, 2, 0, 3]
// CSC: w_values: "0x080000000000803F0000804000004040000000400000A040"
// CSC: w_positions: "0x080000000000000002000000030000000300000005000000"
// CSC: w_coordinates: "0x080000000000000003000000020000000000000003000000"

// COO-LABEL: func @fmt
// COO: sparq.assemble values(%{{.*}} : tensor<5xf32>) coordinates(%{{.*}} : tensor<5x2xi32>) : tensor<4x4xf32, #coo>
// values [1, 2, 3, 4, 5], coordinates [[0, 0], [0, 3], [2, 1], [3, 0], [3, 3]]
// COO: w_values: "0x080000000000803F0000004000004040000080400000A040"
// COO: w_coordinates: "0x0800000000000000000000000000000003000000020000000100000003000000000000000300000003000000"

// BITMAP-LABEL: func @fmt
// BITMAP: sparq.assemble values(%{{.*}} : tensor<5xf32>) bitmap(%{{.*}} : tensor<4x1xi64>) : tensor<4x4xf32, #bitmap>
// values [1, 2, 3, 4, 5], bitmap words [0b1001, 0, 0b10, 0b1001]
// BITMAP: w_values: "0x080000000000803F0000004000004040000080400000A040"
// BITMAP: w_bitmap: "0x080000000900000000000000000000000000000002000000000000000900000000000000"

// N:M groups run along K: W is stored transposed, [N, K], with transpose_b.
// Rows of W^T: [1 0 0 4] keeps positions 0, 3; [0 0 3 0] keeps 2 and is
// padded at 0; [0 0 0 0] is padded at 0, 1; [2 0 0 5] keeps 0, 3.
// NM-LABEL: func @fmt
// NM: %[[V:.*]] = arith.constant dense_resource<w_values> : tensor<4x2xf32>
// NM: %[[B:.*]] = arith.constant dense_resource<w_metadata> : tensor<2xi8>
// NM: %[[M:.*]] = sparq.from_bytes %[[B]] : tensor<2xi8> -> tensor<4x2xi2>
// NM: %[[W:.*]] = sparq.assemble values(%[[V]] : tensor<4x2xf32>) metadata(%[[M]] : tensor<4x2xi2>) : tensor<4x4xf32, #nm2_4>
// NM: sparq.matmul %{{.*}}, %[[W]] transpose_b acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #nm2_4> -> tensor<2x4xf32>
// values [[1, 4], [0, 3], [0, 0], [2, 5]]; metadata [[0, 3], [0, 2], [0, 1], [0, 3]]
// as 2-bit fields, LSB first: 0x8C, 0xC4
// NM: w_values: "0x080000000000803F0000804000000000000040400000000000000000000000400000A040"
// NM: w_metadata: "0x080000008CC4"

// Blocks of 4x1 (whole columns): column 2 is empty.
// BCSR-LABEL: func @fmt
// BCSR: sparq.assemble values(%{{.*}} : tensor<3x4x1xf32>) positions(%{{.*}} : tensor<2xi32>) coordinates(%{{.*}} : tensor<3xi32>) : tensor<4x4xf32, #bcsr4x1>
// values [[1 0 0 4], [0 0 3 0], [2 0 0 5]], positions [0, 3], coordinates [0, 1, 3]
// BCSR: w_values: "0x080000000000803F000000000000000000008040000000000000000000004040000000000000004000000000000000000000A040"
// BCSR: w_positions: "0x080000000000000003000000"
// BCSR: w_coordinates: "0x08000000000000000100000003000000"

// An f32 weight that stays dense is left as it is.
// DENSE-LABEL: func @fmt
// DENSE: %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<4x4xf32>
// DENSE: linalg.matmul ins(%{{.*}}, %[[W]] : tensor<2x4xf32>, tensor<4x4xf32>)
// DENSE-NOT: w_values

func.func @fmt(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.0, 3.0, 0.0, 0.0], [4.0, 0.0, 0.0, 5.0]]> : tensor<4x4xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x4xf32>) outs(%i : tensor<2x4xf32>) -> tensor<2x4xf32> loc("w")
  return %y : tensor<2x4xf32>
}

// The structure left by --sparq-prune goes into the encoding. W[8, 2]:
// W^T rows [1 0 0 2 | 0 3 0 0] and [0 0 0 0 | 4 0 5 0].
// STRUCT: #nm2_4 = #sparq.encoding<nm<2, 4>, structure = nm>
// STRUCT-LABEL: func @structure
// STRUCT: sparq.assemble values(%{{.*}} : tensor<2x4xf32>) metadata(%{{.*}} : tensor<2x4xi2>) : tensor<2x8xf32, #nm2_4>
// STRUCT: sparq.matmul %{{.*}}, %{{.*}} transpose_b acc(f32) {sparq.structure = #sparq<structure nm>} : tensor<3x8xf32>, tensor<2x8xf32, #nm2_4> -> tensor<3x2xf32>
// values [[1, 2, 0, 3], [0, 0, 4, 5]]; metadata [[0, 3, 0, 1], [0, 1, 0, 2]]
// STRUCT: s_values: "0x080000000000803F0000004000000000000040400000000000000000000080400000A040"
// STRUCT: s_metadata: "0x080000004C84"
func.func @structure(%x: tensor<3x8xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<[[1.0, 0.0], [0.0, 0.0], [0.0, 0.0], [2.0, 0.0], [0.0, 4.0], [3.0, 0.0], [0.0, 5.0], [0.0, 0.0]]> : tensor<8x2xf32>
  %y = sparq.matmul %x, %w acc(f32) {sparq.structure = #sparq<structure nm>} : tensor<3x8xf32>, tensor<8x2xf32> -> tensor<3x2xf32> loc("s")
  return %y : tensor<3x2xf32>
}

// A linalg init that is not zero is added to the product.
// INIT-LABEL: func @init
// INIT-SAME: (%[[X:.*]]: tensor<2x4xf32>, %[[ACC:.*]]: tensor<2x4xf32>)
// INIT: %[[Y:.*]] = sparq.matmul %[[X]], %{{.*}} acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csr> -> tensor<2x4xf32>
// INIT: %[[S:.*]] = linalg.add ins(%[[Y]], %[[ACC]] : tensor<2x4xf32>, tensor<2x4xf32>) outs(%[[ACC]] : tensor<2x4xf32>)
// INIT: return %[[S]]
func.func @init(%x: tensor<2x4xf32>, %acc: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.0, 3.0, 0.0, 0.0], [4.0, 0.0, 0.0, 5.0]]> : tensor<4x4xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<2x4xf32>) -> tensor<2x4xf32> loc("init")
  return %y : tensor<2x4xf32>
}

// A matvec weight A[M = 3, K = 4] is on the left: [[0 1 0 0], [0 0 0 0], [2 0 0 3]].
// MATVEC-LABEL: func @matvec
// MATVEC-SAME: (%[[V:.*]]: tensor<4xf32>)
// MATVEC: %[[A:.*]] = sparq.assemble values(%{{.*}} : tensor<3xf32>) coordinates(%{{.*}} : tensor<3x2xi32>) : tensor<3x4xf32, #coo>
// MATVEC: %[[E:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
// MATVEC: %[[Y:.*]] = sparq.matmul %[[A]], %[[E]] acc(f32) : tensor<3x4xf32, #coo>, tensor<4x1xf32> -> tensor<3x1xf32>
// MATVEC: %[[C:.*]] = tensor.collapse_shape %[[Y]]
// MATVEC: return %[[C]]
// values [1, 2, 3], coordinates [[0, 1], [2, 0], [2, 3]]
// MATVEC: mv_values: "0x080000000000803F0000004000004040"
// MATVEC: mv_coordinates: "0x08000000000000000100000002000000000000000200000003000000"
func.func @matvec(%v: tensor<4xf32>) -> tensor<3xf32> {
  %a = arith.constant dense<[[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [2.0, 0.0, 0.0, 3.0]]> : tensor<3x4xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<3xf32>) -> tensor<3xf32>
  %y = linalg.matvec ins(%a, %v : tensor<3x4xf32>, tensor<4xf32>) outs(%i : tensor<3xf32>) -> tensor<3xf32> loc("mv")
  return %y : tensor<3xf32>
}

// An FCHW filter [F = 2, C = 1, 2, 2] is the matrix [F, C*KH*KW] (row_dims
// = 1), whose columns are the reduction: [[1 0 0 2], [0 0 3 0]].
// FCHW: #nm2_4 = #sparq.encoding<nm<2, 4>, row_dims = 1>
// FCHW-LABEL: func @conv_fchw
// FCHW: %[[F:.*]] = sparq.assemble values(%{{.*}} : tensor<2x2xf32>) metadata(%{{.*}} : tensor<2x2xi2>) : tensor<2x1x2x2xf32, #nm2_4>
// FCHW: sparq.conv2d %{{.*}}, %[[F]] layout(nchw_fchw) acc(f32) : tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32, #nm2_4> -> tensor<1x2x2x2xf32>
// values [[1, 2], [0, 3]]; metadata [[0, 3], [0, 2]] -> 0x8C
// FCHW: fchw_values: "0x080000000000803F000000400000000000004040"
// FCHW: fchw_metadata: "0x080000008C"
func.func @conv_fchw(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %f = arith.constant dense<[[[[1.0, 0.0], [0.0, 2.0]]], [[[0.0, 0.0], [3.0, 0.0]]]]> : tensor<2x1x2x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x2x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %f : tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>) outs(%i : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> loc("fchw")
  return %y : tensor<1x2x2x2xf32>
}

// An HWCF filter [1, 2, 1, 2] is the matrix [KH*KW*C, F] = [[0 1], [2 0]].
// HWCF-LABEL: func @conv_hwcf
// HWCF: %[[F:.*]] = sparq.assemble values(%{{.*}} : tensor<2xf32>) positions(%{{.*}} : tensor<3xi32>) coordinates(%{{.*}} : tensor<2xi32>) : tensor<1x2x1x2xf32, #csr>
// HWCF: sparq.conv2d %{{.*}}, %[[F]] layout(nhwc_hwcf) acc(f32) : tensor<1x3x3x1xf32>, tensor<1x2x1x2xf32, #csr> -> tensor<1x3x2x2xf32>
// values [1, 2], positions [0, 1, 2], coordinates [1, 0]
// HWCF: hwcf_values: "0x080000000000803F00000040"
// HWCF: hwcf_positions: "0x08000000000000000100000002000000"
// HWCF: hwcf_coordinates: "0x080000000100000000000000"
func.func @conv_hwcf(%x: tensor<1x3x3x1xf32>) -> tensor<1x3x2x2xf32> {
  %f = arith.constant dense<[[[[0.0, 1.0]], [[2.0, 0.0]]]]> : tensor<1x2x1x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x2x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %f : tensor<1x3x3x1xf32>, tensor<1x2x1x2xf32>) outs(%i : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> loc("hwcf")
  return %y : tensor<1x3x2x2xf32>
}

// A quantized weight as --sparq-quantize leaves it (si4, one byte per value):
//   [ 1  0]
//   [ 0  0]
//   [-3  7]
//   [ 0 -7]
// 4-bit values are stored two per byte, LSB first, and read by from_bytes.
// Q4CSR: #csr_si4 = #sparq.encoding<csr, quant = #sparq.quant<si4:f32, symmetric, channel(1)>>
// Q4CSR-LABEL: func @quant_sym
// Q4CSR: %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf32>
// Q4CSR: %[[B:.*]] = arith.constant dense_resource<q4_values> : tensor<2xi8>
// Q4CSR: %[[V:.*]] = sparq.from_bytes %[[B]] : tensor<2xi8> -> tensor<4xi4>
// Q4CSR: %[[W:.*]] = sparq.assemble values(%[[V]] : tensor<4xi4>) positions(%{{.*}} : tensor<5xi32>) coordinates(%{{.*}} : tensor<4xi32>) scales(%[[S]] : tensor<2xf32>) : tensor<4x2xi4, #csr_si4>
// Q4CSR: sparq.matmul %{{.*}}, %[[W]] acc(f32) : tensor<3x4xf32>, tensor<4x2xi4, #csr_si4> -> tensor<3x2xf32>
// values [1, -3, 7, -7] = nibbles 1, D, 7, 9; positions [0, 1, 1, 3, 4];
// coordinates [0, 0, 1, 1]
// Q4CSR: q4_values: "0x08000000D197"
// Q4CSR: q4_positions: "0x080000000000000001000000010000000300000004000000"
// Q4CSR: q4_coordinates: "0x0800000000000000000000000100000001000000"

// Dense: the same tensor at its real size, 8 nibbles
// [1, 0, 0, 0, -3, 7, 0, -7] in 4 bytes.
// Q4DENSE-LABEL: func @quant_sym
// Q4DENSE: %[[B:.*]] = arith.constant dense_resource<q4_values> : tensor<4xi8>
// Q4DENSE: %[[V:.*]] = sparq.from_bytes %[[B]] : tensor<4xi8> -> tensor<4x2xi4>
// Q4DENSE: sparq.assemble values(%[[V]] : tensor<4x2xi4>) scales(%{{.*}} : tensor<2xf32>) : tensor<4x2xi4, #dense_si4>
// Q4DENSE: q4_values: "0x0800000001007D90"

// nm stores W^T [2, 4]; the per-channel axis moves from 1 to 0 with it.
// Rows of W^T: [1 0 -3 0] keeps 0, 2; [0 0 7 -7] keeps 2, 3.
// Q4NM: #nm2_4_si4 = #sparq.encoding<nm<2, 4>, quant = #sparq.quant<si4:f32, symmetric, channel(0)>>
// Q4NM-LABEL: func @quant_sym
// Q4NM: sparq.from_bytes %{{.*}} : tensor<2xi8> -> tensor<2x2xi4>
// Q4NM: sparq.from_bytes %{{.*}} : tensor<1xi8> -> tensor<2x2xi2>
// Q4NM: %[[W:.*]] = sparq.assemble values(%{{.*}} : tensor<2x2xi4>) metadata(%{{.*}} : tensor<2x2xi2>) scales(%{{.*}} : tensor<2xf32>) : tensor<2x4xi4, #nm2_4_si4>
// Q4NM: sparq.matmul %{{.*}}, %[[W]] transpose_b acc(f32) : tensor<3x4xf32>, tensor<2x4xi4, #nm2_4_si4> -> tensor<3x2xf32>
// values [[1, -3], [7, -7]] = 0xD1, 0x97; metadata [[0, 2], [2, 3]] = 0xE8
// Q4NM: q4_values: "0x08000000D197"
// Q4NM: q4_metadata: "0x08000000E8"
func.func @quant_sym(%x: tensor<3x4xf32>) -> tensor<3x2xf32> {
  %v = arith.constant dense<[[1, 0], [0, 0], [-3, 7], [0, -7]]> : tensor<4x2xi4>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi4>) scales(%s : tensor<2xf32>) : tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, channel(1)>>>
  %y = sparq.matmul %x, %w acc(f32) : tensor<3x4xf32>, tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, channel(1)>>> -> tensor<3x2xf32> loc("q4")
  return %y : tensor<3x2xf32>
}

// Asymmetric ui4 with zero points [8, 3] per column: q == zp is a zero.
//   [8 3]
//   [5 3]
//   [8 3]
//   [8 9]
// QA: #csr_ui4 = #sparq.encoding<csr, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>
// QA-LABEL: func @quant_asym
// QA: %[[ZP:.*]] = arith.constant dense<[8, 3]> : tensor<2xi32>
// QA: sparq.from_bytes %{{.*}} : tensor<1xi8> -> tensor<2xi4>
// QA: sparq.assemble values(%{{.*}} : tensor<2xi4>) positions(%{{.*}} : tensor<5xi32>) coordinates(%{{.*}} : tensor<2xi32>) scales(%{{.*}} : tensor<2xf32>) zero_points(%[[ZP]] : tensor<2xi32>) : tensor<4x2xi4, #csr_ui4>
// values [5, 9] = 0x95; positions [0, 0, 1, 1, 2]; coordinates [0, 1]
// QA: qa_values: "0x0800000095"
// QA: qa_positions: "0x080000000000000000000000010000000100000002000000"
// QA: qa_coordinates: "0x080000000000000001000000"
func.func @quant_asym(%x: tensor<3x4xf32>) -> tensor<3x2xf32> {
  %v = arith.constant dense<[[8, 3], [5, 3], [8, 3], [8, 9]]> : tensor<4x2xi4>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %zp = arith.constant dense<[8, 3]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<4x2xi4>) scales(%s : tensor<2xf32>) zero_points(%zp : tensor<2xi32>) : tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>>
  %y = sparq.matmul %x, %w acc(f32) : tensor<3x4xf32>, tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>> -> tensor<3x2xf32> loc("qa")
  return %y : tensor<3x2xf32>
}

// Scales grouped along K (group(0, 2) on [K = 4, N = 2], scales [K/2, N] =
// [[0.5, 1], [0.25, 2]]) follow the transposition: group(1, 2) on [N, K],
// scales [N, K/2] = [[0.5, 0.25], [1, 2]].
// QGROUP-DAG: #[[GRP:.*]] = #sparq.encoding<nm<2, 4>, quant = #sparq.quant<si4:f32, symmetric, group(1, 2)>>
// QGROUP-DAG: #[[CB:.*]] = #sparq.encoding<nm<2, 4>, quant = #sparq.quant<ui2:f32, codebook, tensor>>
// QGROUP-LABEL: func @quant_group
// QGROUP: %[[S:.*]] = arith.constant dense_resource<grp_scales> : tensor<2x2xf32>
// QGROUP: sparq.assemble values(%{{.*}} : tensor<2x2xi4>) metadata(%{{.*}} : tensor<2x2xi2>) scales(%[[S]] : tensor<2x2xf32>) : tensor<2x4xi4, #[[GRP]]>
// A codebook whose centroid 0 is 0.0: index 0 is the zero. W^T rows
// [1 0 2 0] and [0 0 3 1] keep positions {0, 2} and {2, 3}.
// QGROUP-LABEL: func @quant_codebook
// QGROUP: %[[C:.*]] = arith.constant dense<[0.000000e+00, -1.000000e+00, 5.000000e-01, 2.000000e+00]> : tensor<4xf32>
// QGROUP: sparq.assemble values(%{{.*}} : tensor<2x2xi2>) metadata(%{{.*}} : tensor<2x2xi2>) codebook(%[[C]] : tensor<4xf32>) : tensor<2x4xi2, #[[CB]]>
// values [[1, -3], [7, -7]]; metadata [[0, 2], [2, 3]]
// QGROUP: grp_values: "0x08000000D197"
// QGROUP: grp_metadata: "0x08000000E8"
// QGROUP: grp_scales: "0x080000000000003F0000803E0000803F00000040"
// values [[1, 2], [3, 1]] as 2-bit fields = 0x79; metadata [[0, 2], [2, 3]]
// QGROUP: cb_values: "0x0800000079"
// QGROUP: cb_metadata: "0x08000000E8"
func.func @quant_group(%x: tensor<3x4xf32>) -> tensor<3x2xf32> {
  %v = arith.constant dense<[[1, 0], [0, 0], [-3, 7], [0, -7]]> : tensor<4x2xi4>
  %s = arith.constant dense<[[0.5, 1.0], [0.25, 2.0]]> : tensor<2x2xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi4>) scales(%s : tensor<2x2xf32>) : tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(0, 2)>>>
  %y = sparq.matmul %x, %w acc(f32) : tensor<3x4xf32>, tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(0, 2)>>> -> tensor<3x2xf32> loc("grp")
  return %y : tensor<3x2xf32>
}

func.func @quant_codebook(%x: tensor<3x4xf32>) -> tensor<3x2xf32> {
  %v = arith.constant dense<[[1, 0], [0, 0], [2, 3], [0, 1]]> : tensor<4x2xi2>
  %c = arith.constant dense<[0.0, -1.0, 0.5, 2.0]> : tensor<4xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi2>) codebook(%c : tensor<4xf32>) : tensor<4x2xi2, #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>>
  %y = sparq.matmul %x, %w acc(f32) : tensor<3x4xf32>, tensor<4x2xi2, #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>> -> tensor<3x2xf32> loc("cb")
  return %y : tensor<3x2xf32>
}

// A batched weight on the left, [B = 2, M = 2, K = 4], is the matrix
// [B*M, K]: the rows of W above.
// BATCH-LABEL: func @batched_lhs
// BATCH: %[[W:.*]] = sparq.assemble values(%{{.*}} : tensor<5xf32>) positions(%{{.*}} : tensor<5xi32>) coordinates(%{{.*}} : tensor<5xi32>) : tensor<2x2x4xf32, #csr>
// BATCH: sparq.matmul %[[W]], %{{.*}} acc(f32) : tensor<2x2x4xf32, #csr>, tensor<2x4x3xf32> -> tensor<2x2x3xf32>
// values [1, 2, 3, 4, 5], positions [0, 2, 2, 3, 5], coordinates [0, 3, 1, 0, 3]
// BATCH: bl_values: "0x080000000000803F0000004000004040000080400000A040"
// BATCH: bl_positions: "0x080000000000000002000000020000000300000005000000"
// BATCH: bl_coordinates: "0x080000000000000003000000010000000000000003000000"
func.func @batched_lhs(%b: tensor<2x4x3xf32>) -> tensor<2x2x3xf32> {
  %w = arith.constant dense<[[[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0]], [[0.0, 3.0, 0.0, 0.0], [4.0, 0.0, 0.0, 5.0]]]> : tensor<2x2x4xf32>
  %y = sparq.matmul %w, %b acc(f32) : tensor<2x2x4xf32>, tensor<2x4x3xf32> -> tensor<2x2x3xf32> loc("bl")
  return %y : tensor<2x2x3xf32>
}

// format=auto picks the fewest bytes (f32 values, 32-bit indices):
// - ad, 4x4 with no zeros: dense (64 B) beats bitmap (64 + 32 B): unchanged;
// - ac, 8x8 with one nonzero: coo (4 + 8 B) beats csr / csc (44 B);
// - an, 8x4 with 2 nonzeros in every 4 along K: nm (64 + 4 B) beats bitmap
//   and dense (128 B);
// - ab, 8x8 with two full 4x4 blocks: bcsr<4x4> (128 + 12 + 8 B) beats
//   bitmap (128 + 64 B); nm cannot hold it;
// - am, 4x8 with 20 nonzeros: bitmap (80 + 32 B) beats dense (128 B) and
//   bcsr (128 + 8 + 8 B).
// AUTO-LABEL: func @auto
// AUTO: sparq.matmul %{{.*}}, %{{.*}} acc(f32) : tensor<2x4xf32>, tensor<4x4xf32> -> tensor<2x4xf32>
// AUTO: sparq.assemble {{.*}} : tensor<8x8xf32, #coo>
// AUTO: sparq.assemble {{.*}} : tensor<4x8xf32, #nm2_4>
// AUTO: sparq.matmul {{.*}} transpose_b acc(f32) : tensor<2x8xf32>, tensor<4x8xf32, #nm2_4> -> tensor<2x4xf32>
// AUTO: sparq.assemble {{.*}} : tensor<8x8xf32, #bcsr4x4>
// AUTO: sparq.assemble {{.*}} : tensor<4x8xf32, #bitmap>
// value 6 at (5, 6)
// AUTO: ac_values: "0x080000000000C040"
// AUTO: ac_coordinates: "0x080000000500000006000000"
// metadata of W^T rows [1 0 5 0 | 0 3 5 0], [0 3 6 0 | 1 0 0 7],
// [2 4 0 0 | 0 0 6 8], [0 0 7 8 | 2 4 0 0]:
// [0 2 1 2 | 1 2 0 3 | 0 1 2 3 | 2 3 0 1]
// AUTO: an_metadata: "0x0800000098C9E44E"
// AUTO: ab_positions: "0x08000000000000000100000002000000"
// AUTO: ab_coordinates: "0x080000000000000001000000"
// bitmap rows 0xFF, 0xFF, 0x0F, 0
// AUTO: am_bitmap: "0x08000000FF00000000000000FF000000000000000F000000000000000000000000000000"
func.func @auto(%x: tensor<2x4xf32>, %x8: tensor<2x8xf32>) -> (tensor<2x4xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %wd = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]]> : tensor<4x4xf32>
  %yd = sparq.matmul %x, %wd acc(f32) : tensor<2x4xf32>, tensor<4x4xf32> -> tensor<2x4xf32> loc("ad")
  %wc = arith.constant dense<[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<8x8xf32>
  %yc = sparq.matmul %x8, %wc acc(f32) : tensor<2x8xf32>, tensor<8x8xf32> -> tensor<2x8xf32> loc("ac")
  %wn = arith.constant dense<[[1.0, 0.0, 2.0, 0.0], [0.0, 3.0, 4.0, 0.0], [5.0, 6.0, 0.0, 7.0], [0.0, 0.0, 0.0, 8.0], [0.0, 1.0, 0.0, 2.0], [3.0, 0.0, 0.0, 4.0], [5.0, 0.0, 6.0, 0.0], [0.0, 7.0, 8.0, 0.0]]> : tensor<8x4xf32>
  %yn = sparq.matmul %x8, %wn acc(f32) : tensor<2x8xf32>, tensor<8x4xf32> -> tensor<2x4xf32> loc("an")
  %wb = arith.constant dense<[[1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0]]> : tensor<8x8xf32>
  %yb = sparq.matmul %x8, %wb acc(f32) : tensor<2x8xf32>, tensor<8x8xf32> -> tensor<2x8xf32> loc("ab")
  %wm = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<4x8xf32>
  %ym = sparq.matmul %x, %wm acc(f32) : tensor<2x4xf32>, tensor<4x8xf32> -> tensor<2x8xf32> loc("am")
  return %yd, %yc, %yn, %yb, %ym : tensor<2x4xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}
