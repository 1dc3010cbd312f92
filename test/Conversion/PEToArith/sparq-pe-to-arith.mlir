// RUN: sparq-opt %s -split-input-file --sparq-pe-to-arith | FileCheck %s

// A 4-bit signed x 2-bit unsigned fusion unit: digit 0 of a is bits [0, 2)
// (unsigned), digit 1 the signed top digit (arithmetic shift by 2); the
// product of digit pair (1, 0) is shifted left by 2.
// CHECK-LABEL: func.func @bitbrick
// CHECK: %[[D0:.*]] = linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<2x4xi4>, tensor<4x3xi2>) outs(%arg2 : tensor<2x3xi32>)
// CHECK: arith.extui %{{.*}} : i2 to i32
// CHECK: arith.andi
// CHECK: arith.extui %{{.*}} : i4 to i32
// CHECK: arith.andi
// CHECK: arith.muli
// CHECK-NOT: arith.shli
// CHECK: linalg.yield
// CHECK: linalg.generic {{.*}} outs(%[[D0]] : tensor<2x3xi32>)
// CHECK: %[[C2:.*]] = arith.constant 2 : i4
// CHECK: %[[HI:.*]] = arith.shrsi %{{.*}}, %[[C2]] : i4
// CHECK: arith.extsi %[[HI]] : i4 to i32
// CHECK: arith.muli
// CHECK: arith.shli %{{.*}}, %{{.*}} : i32
// CHECK-NOT: sparq_pe
func.func @bitbrick(%a: tensor<2x4xi4>, %w: tensor<4x3xi2>, %acc: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<2x4xi4>, tensor<4x3xi2>, tensor<2x3xi32> {
  ^bb0(%ba: tensor<2x4xi4>, %bw: tensor<4x3xi2>, %c0: tensor<2x3xi32>):
    %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(0, 0) : tensor<2x4xi4>, tensor<4x3xi2>, tensor<2x3xi32>
    %c2 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c1 digits(1, 0) : tensor<2x4xi4>, tensor<4x3xi2>, tensor<2x3xi32>
    sparq_pe.yield %c2 : tensor<2x3xi32>
  }
  return %r : tensor<2x3xi32>
}

// -----

// Loads and stores are slices; high_bits is a shift and a truncation.
// CHECK-LABEL: func.func @movement
// CHECK: %[[T:.*]] = tensor.extract_slice %arg0[2, 0] [2, 8] [1, 1] : tensor<4x8xi8> to tensor<2x8xi8>
// CHECK: arith.shrui %{{.*}}, %{{.*}} : i8
// CHECK: arith.trunci %{{.*}} : i8 to i4
// CHECK: tensor.insert_slice %{{.*}} into %arg1[0, 4] [2, 4] [1, 1] : tensor<2x4xi32> into tensor<2x8xi32>
func.func @movement(%x: tensor<4x8xi8>, %y: tensor<2x8xi32>, %t: tensor<2x4xi32>) -> (tensor<2x8xi4>, tensor<2x8xi32>) {
  %a = sparq_pe.load %x [2, 0] into input : tensor<4x8xi8> -> tensor<2x8xi8>
  %h = sparq_pe.high_bits %a(unsigned) : tensor<2x8xi8> -> tensor<2x8xi4>
  %y1 = sparq_pe.store %t into %y [0, 4] : tensor<2x4xi32> into tensor<2x8xi32>
  return %h, %y1 : tensor<2x8xi4>, tensor<2x8xi32>
}
