// RUN: sparq-opt %s -split-input-file --sparq-to-pe | FileCheck %s --check-prefix=FUSION
// RUN: sparq-opt %s -split-input-file --sparq-to-pe="scheme=atoms" | FileCheck %s --check-prefix=ATOMS
// RUN: sparq-opt %s -split-input-file --sparq-to-pe="scheme=bitmap" | FileCheck %s --check-prefix=BITMAP

// An 8-bit x 4-bit signed matmul: one tile, (8/2) * (4/2) = 8 BitBricks.
// FUSION-LABEL: func.func @w4a8
// FUSION: %[[A:.*]] = sparq_pe.load %{{.*}} [0, 0] into input : tensor<4x16xi8> -> tensor<4x16xi8>
// FUSION: %[[W:.*]] = sparq_pe.load %{{.*}} [0, 0] into weight : tensor<16x8xi4> -> tensor<16x8xi4>
// FUSION: %[[Z:.*]] = arith.constant dense<0> : tensor<4x8xi32>
// FUSION: %[[F:.*]] = sparq_pe.fused_mac %[[A]](signed), %[[W]](signed), %[[Z]]
// FUSION-COUNT-8: sparq_pe.bitbrick
// FUSION-SAME: digits(3, 1)
// FUSION: sparq_pe.yield
// FUSION: sparq_pe.store %[[F]] into %{{.*}} [0, 0] : tensor<4x8xi32> into tensor<4x8xi32>
// ATOMS-LABEL: func.func @w4a8
// ATOMS: sparq_pe.atom_mac %{{.*}}(signed), %{{.*}}(signed), %{{.*}} : tensor<4x16xi8>, tensor<16x8xi4>, tensor<4x8xi32>
// BITMAP-LABEL: func.func @w4a8
// BITMAP: %[[AV:.*]], %[[AB:.*]] = sparq_pe.bitmap_encode %{{.*}} along 1 : tensor<4x16xi8> -> tensor<4x16xi8>, tensor<4x16xi1>
// BITMAP: %[[WV:.*]], %[[WB:.*]] = sparq_pe.bitmap_encode %{{.*}} along 0 : tensor<16x8xi4> -> tensor<16x8xi4>, tensor<16x8xi1>
// BITMAP: sparq_pe.inner_join %[[AV]](signed), %[[AB]], %[[WV]](signed), %[[WB]], %{{.*}} : tensor<4x16xi8>, tensor<4x16xi1>, tensor<16x8xi4>, tensor<16x8xi1>, tensor<4x8xi32>
func.func @w4a8(%a: tensor<4x16xi8>, %w: tensor<16x8xi4>) -> tensor<4x8xi32> {
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x16xi8>, tensor<16x8xi4> -> tensor<4x8xi32>
  return %c : tensor<4x8xi32>
}

// -----

// Quantized operands: the storage values are the PE operands (the part of an
// assembled tensor folds to the assembled values); an
// asymmetric operand with constant zero zero points is unsigned; a CSR
// weight is unpacked; transpose_b transposes the weight before loading.
#u4 = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, tensor>>
#s2csr = #sparq.encoding<csr, quant = #sparq.quant<si2:f32, symmetric, tensor>>
// FUSION-LABEL: func.func @quantized(
// FUSION-SAME: %[[V:[^:]*]]: tensor<2x4xi4>
// FUSION-NOT: sparq.part values of %{{.*}} : tensor<2x4xi4
// FUSION: %[[WD:.*]] = sparq.unpack %{{.*}} : tensor<8x4xi2, #csr_si2> -> tensor<8x4xi2, #dense_si2>
// FUSION: %[[WV:.*]] = sparq.part values of %[[WD]]
// FUSION: %[[WT:.*]] = linalg.transpose ins(%[[WV]] : tensor<8x4xi2>) outs(%{{.*}} : tensor<4x8xi2>) permutation = [1, 0]
// FUSION: sparq_pe.load %[[V]] [0, 0] into input : tensor<2x4xi4> -> tensor<2x4xi4>
// FUSION: sparq_pe.load %[[WT]] [0, 0] into weight : tensor<4x8xi2> -> tensor<4x8xi2>
// FUSION: sparq_pe.fused_mac %{{.*}}(unsigned), %{{.*}}(signed)
// FUSION-NEXT: ^bb0
// FUSION-NEXT: sparq_pe.bitbrick {{.*}} digits(0, 0)
// FUSION-NEXT: sparq_pe.bitbrick {{.*}} digits(1, 0)
// FUSION-NEXT: sparq_pe.yield
func.func @quantized(%v: tensor<2x4xi4>, %s: tensor<1xf32>, %w: tensor<8x4xi2, #s2csr>) -> tensor<2x8xi16> {
  %zp = arith.constant dense<0> : tensor<1xi32>
  %a = sparq.assemble values(%v : tensor<2x4xi4>) scales(%s : tensor<1xf32>) zero_points(%zp : tensor<1xi32>) : tensor<2x4xi4, #u4>
  %c = sparq.matmul %a, %w transpose_b acc(i16) : tensor<2x4xi4, #u4>, tensor<8x4xi2, #s2csr> -> tensor<2x8xi16>
  return %c : tensor<2x8xi16>
}
