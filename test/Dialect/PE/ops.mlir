// RUN: sparq-opt %s | sparq-opt | FileCheck %s
// RUN: sparq-opt %s --mlir-print-op-generic | sparq-opt | FileCheck %s

// CHECK: module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 4, cols = 8, bandwidth = 0, mac8_cycles = 3, energy = {dram_byte = 8.000000e+01 : f64}>}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 4, cols = 8, bandwidth = 0, mac8_cycles = 3, energy = {dram_byte = 80.0 : f64}>} {

// CHECK-LABEL: func.func @movement
func.func @movement(%x: tensor<8x16xi8>, %y: tensor<8x4xi32>) -> (tensor<4x16xi8>, tensor<8x4xi32>) {
  // CHECK: %[[T:.*]] = sparq_pe.load %{{.*}} [4, 0] into input : tensor<8x16xi8> -> tensor<4x16xi8>
  %t = sparq_pe.load %x [4, 0] into input : tensor<8x16xi8> -> tensor<4x16xi8>
  %c = arith.constant dense<1> : tensor<4x4xi32>
  // CHECK: sparq_pe.store %{{.*}} into %{{.*}} [4, 0] : tensor<4x4xi32> into tensor<8x4xi32>
  %y1 = sparq_pe.store %c into %y [4, 0] : tensor<4x4xi32> into tensor<8x4xi32>
  return %t, %y1 : tensor<4x16xi8>, tensor<8x4xi32>
}

// CHECK-LABEL: func.func @mac
func.func @mac(%a: tensor<4x8xi8>, %hi: tensor<4x8xi4>, %w: tensor<8x3xi8>,
               %acc: tensor<4x3xi32>) -> tensor<4x3xi32> {
  // CHECK: %[[M:.*]] = sparq_pe.region_select %{{.*}}(signed) regions [2, 4] threshold(20) : tensor<4x8xi8> -> tensor<2x2xi1>
  %m = sparq_pe.region_select %a(signed) regions [2, 4] threshold(20) : tensor<4x8xi8> -> tensor<2x2xi1>
  // CHECK: sparq_pe.region_select %{{.*}}(unsigned) regions [3, 3] top(2) : tensor<4x8xi8> -> tensor<2x3xi1>
  %m2 = sparq_pe.region_select %a(unsigned) regions [3, 3] top(2) : tensor<4x8xi8> -> tensor<2x3xi1>
  // CHECK: sparq_pe.high_bits %{{.*}}(signed) : tensor<4x8xi8> -> tensor<4x8xi4>
  %h = sparq_pe.high_bits %a(signed) : tensor<4x8xi8> -> tensor<4x8xi4>
  // CHECK: %[[R1:.*]] = sparq_pe.mac %{{.*}}(signed), %{{.*}}(unsigned), %{{.*}} regions(%[[M]] : tensor<2x2xi1>, sensitive, [2, 4]) : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi32>
  %r1 = sparq_pe.mac %a(signed), %w(unsigned), %acc regions(%m : tensor<2x2xi1>, sensitive, [2, 4]) : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi32>
  // CHECK: sparq_pe.mac %{{.*}}(signed), %{{.*}}(unsigned), %[[R1]] shift(4) regions(%[[M]] : tensor<2x2xi1>, insensitive, [2, 4]) : tensor<4x8xi4>, tensor<8x3xi8>, tensor<4x3xi32>
  %r2 = sparq_pe.mac %h(signed), %w(unsigned), %r1 shift(4) regions(%m : tensor<2x2xi1>, insensitive, [2, 4]) : tensor<4x8xi4>, tensor<8x3xi8>, tensor<4x3xi32>
  // CHECK: sparq_pe.mac %{{.*}}(unsigned), %{{.*}}(signed), %{{.*}} : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi32>
  %r3 = sparq_pe.mac %a(unsigned), %w(signed), %r2 : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi32>
  return %r3 : tensor<4x3xi32>
}

// CHECK-LABEL: func.func @fused
func.func @fused(%a: tensor<4x8xi4>, %w: tensor<8x2xi2>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  // CHECK: sparq_pe.fused_mac %{{.*}}(signed), %{{.*}}(unsigned), %{{.*}} : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32> {
  // CHECK: ^bb0(%[[A:.*]]: tensor<4x8xi4>, %[[W:.*]]: tensor<8x2xi2>, %[[C:.*]]: tensor<4x2xi32>):
  // CHECK:   %[[C1:.*]] = sparq_pe.bitbrick %[[A]](signed), %[[W]](unsigned), %[[C]] digits(0, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
  // CHECK:   %[[C2:.*]] = sparq_pe.bitbrick %[[A]](signed), %[[W]](unsigned), %[[C1]] digits(1, 0)
  // CHECK:   sparq_pe.yield %[[C2]] : tensor<4x2xi32>
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32> {
  ^bb0(%ba: tensor<4x8xi4>, %bw: tensor<8x2xi2>, %c0: tensor<4x2xi32>):
    %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(0, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    %c2 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c1 digits(1, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    sparq_pe.yield %c2 : tensor<4x2xi32>
  }
  return %r : tensor<4x2xi32>
}

// CHECK-LABEL: func.func @sparse
func.func @sparse(%a: tensor<4x8xi8>, %w: tensor<8x2xi4>, %acc: tensor<4x2xi32>) -> (tensor<4x2xi32>, tensor<4x2xi32>) {
  // CHECK: sparq_pe.atom_mac %{{.*}}(signed), %{{.*}}(signed), %{{.*}} : tensor<4x8xi8>, tensor<8x2xi4>, tensor<4x2xi32>
  %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc : tensor<4x8xi8>, tensor<8x2xi4>, tensor<4x2xi32>
  // CHECK: %[[AV:.*]], %[[AB:.*]] = sparq_pe.bitmap_encode %{{.*}} along 1 : tensor<4x8xi8> -> tensor<4x8xi8>, tensor<4x8xi1>
  %av, %ab = sparq_pe.bitmap_encode %a along 1 : tensor<4x8xi8> -> tensor<4x8xi8>, tensor<4x8xi1>
  // CHECK: %[[WV:.*]], %[[WB:.*]] = sparq_pe.bitmap_encode %{{.*}} along 0 : tensor<8x2xi4> -> tensor<8x2xi4>, tensor<8x2xi1>
  %wv, %wb = sparq_pe.bitmap_encode %w along 0 : tensor<8x2xi4> -> tensor<8x2xi4>, tensor<8x2xi1>
  // CHECK: sparq_pe.inner_join %[[AV]](signed), %[[AB]], %[[WV]](unsigned), %[[WB]], %{{.*}} : tensor<4x8xi8>, tensor<4x8xi1>, tensor<8x2xi4>, tensor<8x2xi1>, tensor<4x2xi32>
  %j = sparq_pe.inner_join %av(signed), %ab, %wv(unsigned), %wb, %acc : tensor<4x8xi8>, tensor<4x8xi1>, tensor<8x2xi4>, tensor<8x2xi1>, tensor<4x2xi32>
  return %r, %j : tensor<4x2xi32>, tensor<4x2xi32>
}
}
