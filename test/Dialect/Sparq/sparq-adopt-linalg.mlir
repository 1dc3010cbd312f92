// RUN: sparq-opt %s --sparq-adopt-linalg --split-input-file | FileCheck %s
// RUN: sparq-opt %s --sparq-adopt-linalg="matmuls=false" --split-input-file | FileCheck %s --check-prefix=NOMM
// RUN: sparq-opt %s --sparq-adopt-linalg="convolutions=false" --split-input-file | FileCheck %s --check-prefix=NOCONV

// A +0.0 fill init is dropped; a bias init is added after the product;
// discardable attributes move over.
// CHECK-LABEL: func.func @matmuls
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x3xf32>, %[[B:.*]]: tensor<4x3xf32>)
// CHECK: %[[M0:.*]] = sparq.matmul %[[X]], %[[W]] acc(f32) {name = "fc"} : tensor<4x8xf32>, tensor<8x3xf32> -> tensor<4x3xf32>
// CHECK: %[[M1:.*]] = sparq.matmul %[[X]], %[[W]] acc(f32) : tensor<4x8xf32>, tensor<8x3xf32> -> tensor<4x3xf32>
// CHECK: %[[S:.*]] = linalg.add ins(%[[M1]], %[[B]] : tensor<4x3xf32>, tensor<4x3xf32>) outs(%[[B]] : tensor<4x3xf32>)
// CHECK: return %[[M0]], %[[S]]
// NOMM-LABEL: func.func @matmuls
// NOMM-COUNT-2: linalg.matmul
// NOMM-NOT: sparq.matmul
// NOCONV-LABEL: func.func @matmuls
// NOCONV-COUNT-2: sparq.matmul
func.func @matmuls(%x: tensor<4x8xf32>, %w: tensor<8x3xf32>, %b: tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %m0 = linalg.matmul {name = "fc"} ins(%x, %w : tensor<4x8xf32>, tensor<8x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %m1 = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x3xf32>) outs(%b : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %m0, %m1 : tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// batch_matmul stays rank-3 (sparq-unbatch-matmul takes it from there);
// matvec becomes A * x[K, 1], collapsed back; a conv becomes sparq.conv2d.
// CHECK-LABEL: func.func @others
// CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(f32) : tensor<2x4x8xf32>, tensor<2x8x3xf32> -> tensor<2x4x3xf32>
// CHECK: %[[C:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [8, 1] : tensor<8xf32> into tensor<8x1xf32>
// CHECK: %[[MV:.*]] = sparq.matmul %{{.*}}, %[[C]] acc(f32) : tensor<4x8xf32>, tensor<8x1xf32> -> tensor<4x1xf32>
// CHECK: tensor.collapse_shape %[[MV]] {{\[}}[0, 1]] : tensor<4x1xf32> into tensor<4xf32>
// CHECK: sparq.conv2d %{{.*}}, %{{.*}} layout(nchw_fchw) acc(f32) : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
// NOMM-LABEL: func.func @others
// NOMM: linalg.batch_matmul
// NOMM: linalg.matvec
// NOMM: sparq.conv2d
// NOCONV-LABEL: func.func @others
// NOCONV: linalg.conv_2d_nchw_fchw
// NOCONV-NOT: sparq.conv2d
func.func @others(%bx: tensor<2x4x8xf32>, %bw: tensor<2x8x3xf32>, %a: tensor<4x8xf32>, %v: tensor<8xf32>,
                  %i: tensor<1x2x5x5xf32>, %k: tensor<3x2x3x3xf32>) -> (tensor<2x4x3xf32>, tensor<4xf32>, tensor<1x3x3x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2x4x3xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  %b = linalg.batch_matmul ins(%bx, %bw : tensor<2x4x8xf32>, tensor<2x8x3xf32>) outs(%f0 : tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  %e1 = tensor.empty() : tensor<4xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %mv = linalg.matvec ins(%a, %v : tensor<4x8xf32>, tensor<8xf32>) outs(%f1 : tensor<4xf32>) -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<1x3x3x3xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %c = linalg.conv_2d_nchw_fchw ins(%i, %k : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>) outs(%f2 : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %b, %mv, %c : tensor<2x4x3xf32>, tensor<4xf32>, tensor<1x3x3x3xf32>
}

// -----

// Left as they are: integer operands, a dynamic shape, a transposed matmul
// (user-defined indexing maps) and a mixed-type product.
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: sparq.
// CHECK-COUNT-4: linalg.matmul
// CHECK-NOT: sparq.
// CHECK: return
func.func @unchanged(%xi: tensor<4x8xi8>, %wi: tensor<8x3xi8>, %ci: tensor<4x3xi32>,
                     %xd: tensor<?x8xf32>, %w: tensor<8x3xf32>, %cd: tensor<?x3xf32>,
                     %wt: tensor<3x8xf32>, %x: tensor<4x8xf32>, %c: tensor<4x3xf32>,
                     %xh: tensor<4x8xf16>)
    -> (tensor<4x3xi32>, tensor<?x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) {
  %0 = linalg.matmul ins(%xi, %wi : tensor<4x8xi8>, tensor<8x3xi8>) outs(%ci : tensor<4x3xi32>) -> tensor<4x3xi32>
  %1 = linalg.matmul ins(%xd, %w : tensor<?x8xf32>, tensor<8x3xf32>) outs(%cd : tensor<?x3xf32>) -> tensor<?x3xf32>
  %2 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %wt : tensor<4x8xf32>, tensor<3x8xf32>) outs(%c : tensor<4x3xf32>) -> tensor<4x3xf32>
  %3 = linalg.matmul ins(%xh, %w : tensor<4x8xf16>, tensor<8x3xf32>) outs(%c : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0, %1, %2, %3 : tensor<4x3xi32>, tensor<?x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// An op nested in a region is found too; an explicit cast attribute changes
// nothing when every operand is f32.
// CHECK-LABEL: func.func @nested
// CHECK: scf.for
// CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(f32) : tensor<2x3xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
// CHECK-NOT: linalg.matmul
func.func @nested(%x: tensor<2x3xf32>, %w: tensor<3x2xf32>, %n: index) -> tensor<2x2xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (tensor<2x2xf32>) {
    %m = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
    scf.yield %m : tensor<2x2xf32>
  }
  return %r : tensor<2x2xf32>
}
