// RUN: sparq-opt %s -split-input-file -verify-diagnostics

func.func @load_outside(%x: tensor<8x16xi8>) -> tensor<4x16xi8> {
  // expected-error @+1 {{tile of size 4 at offset 6 leaves dimension 0 (size 8)}}
  %t = sparq_pe.load %x [6, 0] into input : tensor<8x16xi8> -> tensor<4x16xi8>
  return %t : tensor<4x16xi8>
}

// -----

func.func @load_elem(%x: tensor<8x16xi8>) -> tensor<4x16xi4> {
  // expected-error @+1 {{tile element type 'i4' differs from the global tensor's 'i8'}}
  %t = sparq_pe.load %x [0, 0] into weight : tensor<8x16xi8> -> tensor<4x16xi4>
  return %t : tensor<4x16xi4>
}

// -----

func.func @load_rank(%x: tensor<8x16xi8>) -> tensor<4x16xi8> {
  // expected-error @+1 {{expected 2 offsets and a tile of rank 2}}
  %t = sparq_pe.load %x [0] into input : tensor<8x16xi8> -> tensor<4x16xi8>
  return %t : tensor<4x16xi8>
}

// -----

func.func @load_float(%x: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{statically shaped tensor of signless integers without encoding}}
  %t = sparq_pe.load %x [0, 0] into input : tensor<8x16xf32> -> tensor<4x16xf32>
  return %t : tensor<4x16xf32>
}

// -----

func.func @store_outside(%t: tensor<4x4xi32>, %y: tensor<8x4xi32>) -> tensor<8x4xi32> {
  // expected-error @+1 {{tile of size 4 at offset 1 leaves dimension 1 (size 4)}}
  %y1 = sparq_pe.store %t into %y [0, 1] : tensor<4x4xi32> into tensor<8x4xi32>
  return %y1 : tensor<8x4xi32>
}

// -----

func.func @mac_shape(%a: tensor<4x8xi8>, %w: tensor<7x3xi8>, %acc: tensor<4x3xi32>) -> tensor<4x3xi32> {
  // expected-error @+1 {{tile shapes do not form a matmul}}
  %r = sparq_pe.mac %a(signed), %w(signed), %acc : tensor<4x8xi8>, tensor<7x3xi8>, tensor<4x3xi32>
  return %r : tensor<4x3xi32>
}

// -----

func.func @mac_acc(%a: tensor<4x8xi8>, %w: tensor<8x3xi8>, %acc: tensor<4x3xi16>) -> tensor<4x3xi16> {
  // expected-error @+1 {{accumulator i16 must have between 20 (operand bits + shift) and 64 bits}}
  %r = sparq_pe.mac %a(signed), %w(signed), %acc shift(4) : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi16>
  return %r : tensor<4x3xi16>
}

// -----

func.func @mac_wide(%a: tensor<4x8xi32>, %w: tensor<8x3xi8>, %acc: tensor<4x3xi64>) -> tensor<4x3xi64> {
  // expected-error @+1 {{operand 'a' must have 1- to 16-bit elements, got i32}}
  %r = sparq_pe.mac %a(signed), %w(signed), %acc : tensor<4x8xi32>, tensor<8x3xi8>, tensor<4x3xi64>
  return %r : tensor<4x3xi64>
}

// -----

func.func @mac_shift(%a: tensor<4x8xi8>, %w: tensor<8x3xi8>, %acc: tensor<4x3xi64>) -> tensor<4x3xi64> {
  // expected-error @+1 {{shift must be in [0, 32], got 40}}
  %r = sparq_pe.mac %a(signed), %w(signed), %acc shift(40) : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi64>
  return %r : tensor<4x3xi64>
}

// -----

func.func @mac_mask(%a: tensor<4x8xi8>, %w: tensor<8x3xi8>, %acc: tensor<4x3xi32>, %m: tensor<2x3xi1>) -> tensor<4x3xi32> {
  // expected-error @+1 {{region mask must be tensor<2x2xi1>, got 'tensor<2x3xi1>'}}
  %r = sparq_pe.mac %a(signed), %w(signed), %acc regions(%m : tensor<2x3xi1>, sensitive, [2, 4]) : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi32>
  return %r : tensor<4x3xi32>
}

// -----

func.func @mac_region(%a: tensor<4x8xi8>, %w: tensor<8x3xi8>, %acc: tensor<4x3xi32>, %m: tensor<2x2xi1>) -> tensor<4x3xi32> {
  // expected-error @+1 {{region size must be two positive integers [rows, cols]}}
  %r = sparq_pe.mac %a(signed), %w(signed), %acc regions(%m : tensor<2x2xi1>, sensitive, [0, 4]) : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi32>
  return %r : tensor<4x3xi32>
}

// -----

func.func @mac_half(%a: tensor<4x8xi8>, %w: tensor<8x3xi8>, %acc: tensor<4x3xi32>) -> tensor<4x3xi32> {
  // expected-error @+1 {{a region mask needs both a region class and a region size, and they need the mask}}
  %r = sparq_pe.mac %a(signed), %w(signed), %acc {region_class = 0 : i32} : tensor<4x8xi8>, tensor<8x3xi8>, tensor<4x3xi32>
  return %r : tensor<4x3xi32>
}

// -----

func.func @fused_missing(%a: tensor<4x8xi4>, %w: tensor<8x2xi2>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  // expected-error @+1 {{a 4x2 fusion unit needs 2 BitBricks (one per digit pair), got 1}}
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32> {
  ^bb0(%ba: tensor<4x8xi4>, %bw: tensor<8x2xi2>, %c0: tensor<4x2xi32>):
    %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(0, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    sparq_pe.yield %c1 : tensor<4x2xi32>
  }
  return %r : tensor<4x2xi32>
}

// -----

func.func @fused_repeat(%a: tensor<4x8xi4>, %w: tensor<8x2xi2>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32> {
  ^bb0(%ba: tensor<4x8xi4>, %bw: tensor<8x2xi2>, %c0: tensor<4x2xi32>):
    %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(0, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    // expected-error @+1 {{repeats digit pair (0, 0)}}
    %c2 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c1 digits(0, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    sparq_pe.yield %c2 : tensor<4x2xi32>
  }
  return %r : tensor<4x2xi32>
}

// -----

func.func @fused_sign(%a: tensor<4x8xi4>, %w: tensor<8x2xi2>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32> {
  ^bb0(%ba: tensor<4x8xi4>, %bw: tensor<8x2xi2>, %c0: tensor<4x2xi32>):
    // expected-error @+1 {{signedness differs from its fusion unit's}}
    %c1 = sparq_pe.bitbrick %ba(unsigned), %bw(unsigned), %c0 digits(0, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    %c2 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c1 digits(1, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    sparq_pe.yield %c2 : tensor<4x2xi32>
  }
  return %r : tensor<4x2xi32>
}

// -----

func.func @fused_chain(%a: tensor<4x8xi4>, %w: tensor<8x2xi2>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32> {
  ^bb0(%ba: tensor<4x8xi4>, %bw: tensor<8x2xi2>, %c0: tensor<4x2xi32>):
    %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(0, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    // expected-error @+1 {{must read the fusion unit's a and w and the previous accumulator}}
    %c2 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(1, 0) : tensor<4x8xi4>, tensor<8x2xi2>, tensor<4x2xi32>
    sparq_pe.yield %c2 : tensor<4x2xi32>
  }
  return %r : tensor<4x2xi32>
}

// -----

func.func @fused_yield(%a: tensor<2x8xi2>, %w: tensor<8x2xi2>, %acc: tensor<2x2xi32>) -> tensor<2x2xi32> {
  // expected-error @+1 {{body must yield the accumulator of its last BitBrick}}
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<2x8xi2>, tensor<8x2xi2>, tensor<2x2xi32> {
  ^bb0(%ba: tensor<2x8xi2>, %bw: tensor<8x2xi2>, %c0: tensor<2x2xi32>):
    %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(0, 0) : tensor<2x8xi2>, tensor<8x2xi2>, tensor<2x2xi32>
    sparq_pe.yield %c0 : tensor<2x2xi32>
  }
  return %r : tensor<2x2xi32>
}

// -----

func.func @fused_args(%a: tensor<2x8xi2>, %w: tensor<8x2xi2>, %acc: tensor<2x2xi32>) -> tensor<2x2xi32> {
  // expected-error @+1 {{body must take the operands (a, w, acc) as its block arguments}}
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<2x8xi2>, tensor<8x2xi2>, tensor<2x2xi32> {
  ^bb0(%ba: tensor<2x8xi2>, %bw: tensor<8x2xi2>):
    sparq_pe.yield %acc : tensor<2x2xi32>
  }
  return %r : tensor<2x2xi32>
}

// -----

func.func @fused_odd(%a: tensor<2x8xi3>, %w: tensor<8x2xi2>, %acc: tensor<2x2xi32>) -> tensor<2x2xi32> {
  // expected-error @+1 {{BitBrick operand 'a' must have an even width of 2 to 16 bits, got i3}}
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<2x8xi3>, tensor<8x2xi2>, tensor<2x2xi32> {
  ^bb0(%ba: tensor<2x8xi3>, %bw: tensor<8x2xi2>, %c0: tensor<2x2xi32>):
    sparq_pe.yield %c0 : tensor<2x2xi32>
  }
  return %r : tensor<2x2xi32>
}

// -----

func.func @fused_foreign(%a: tensor<2x8xi2>, %w: tensor<8x2xi2>, %acc: tensor<2x2xi32>) -> tensor<2x2xi32> {
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<2x8xi2>, tensor<8x2xi2>, tensor<2x2xi32> {
  ^bb0(%ba: tensor<2x8xi2>, %bw: tensor<8x2xi2>, %c0: tensor<2x2xi32>):
    // expected-error @+1 {{is not allowed in a fusion unit (only sparq_pe.bitbrick and sparq_pe.yield)}}
    %c1 = arith.addi %c0, %c0 : tensor<2x2xi32>
    sparq_pe.yield %c1 : tensor<2x2xi32>
  }
  return %r : tensor<2x2xi32>
}

// -----

func.func @bitbrick_digit(%a: tensor<2x8xi2>, %w: tensor<8x2xi2>, %acc: tensor<2x2xi32>) -> tensor<2x2xi32> {
  %r = sparq_pe.fused_mac %a(signed), %w(unsigned), %acc : tensor<2x8xi2>, tensor<8x2xi2>, tensor<2x2xi32> {
  ^bb0(%ba: tensor<2x8xi2>, %bw: tensor<8x2xi2>, %c0: tensor<2x2xi32>):
    // expected-error @+1 {{digit pair (1, 0) outside the 1x1 digits of the operands}}
    %c1 = sparq_pe.bitbrick %ba(signed), %bw(unsigned), %c0 digits(1, 0) : tensor<2x8xi2>, tensor<8x2xi2>, tensor<2x2xi32>
    sparq_pe.yield %c1 : tensor<2x2xi32>
  }
  return %r : tensor<2x2xi32>
}

// -----

func.func @bitbrick_outside(%a: tensor<2x8xi2>, %w: tensor<8x2xi2>, %acc: tensor<2x2xi32>) -> tensor<2x2xi32> {
  // expected-error @+1 {{expects parent op 'sparq_pe.fused_mac'}}
  %c1 = sparq_pe.bitbrick %a(signed), %w(unsigned), %acc digits(0, 0) : tensor<2x8xi2>, tensor<8x2xi2>, tensor<2x2xi32>
  return %c1 : tensor<2x2xi32>
}

// -----

func.func @select_both(%a: tensor<4x8xi8>) -> tensor<2x2xi1> {
  // expected-error @+1 {{needs exactly one of threshold(T) and top(R)}}
  %m = sparq_pe.region_select %a(signed) regions [2, 4] threshold(3) top(1) : tensor<4x8xi8> -> tensor<2x2xi1>
  return %m : tensor<2x2xi1>
}

// -----

func.func @select_top(%a: tensor<4x8xi8>) -> tensor<2x2xi1> {
  // expected-error @+1 {{top(5) exceeds the 4 regions}}
  %m = sparq_pe.region_select %a(signed) regions [2, 4] top(5) : tensor<4x8xi8> -> tensor<2x2xi1>
  return %m : tensor<2x2xi1>
}

// -----

func.func @select_shape(%a: tensor<4x8xi8>) -> tensor<2x2xi1> {
  // expected-error @+1 {{region mask must be tensor<1x2xi1>, got 'tensor<2x2xi1>'}}
  %m = sparq_pe.region_select %a(signed) regions [4, 4] top(1) : tensor<4x8xi8> -> tensor<2x2xi1>
  return %m : tensor<2x2xi1>
}

// -----

func.func @high_bits(%a: tensor<4x8xi4>) -> tensor<4x8xi8> {
  // expected-error @+1 {{i4 -> i8 is not narrowing}}
  %h = sparq_pe.high_bits %a(signed) : tensor<4x8xi4> -> tensor<4x8xi8>
  return %h : tensor<4x8xi8>
}

// -----

func.func @high_bits_shape(%a: tensor<4x8xi8>) -> tensor<4x4xi4> {
  // expected-error @+1 {{result must have the input's shape}}
  %h = sparq_pe.high_bits %a(signed) : tensor<4x8xi8> -> tensor<4x4xi4>
  return %h : tensor<4x4xi4>
}

// -----

func.func @atom_acc(%a: tensor<4x8xi8>, %w: tensor<8x2xi8>, %acc: tensor<4x2xi8>) -> tensor<4x2xi8> {
  // expected-error @+1 {{accumulator i8 must have between 16 (operand bits + shift) and 64 bits}}
  %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc : tensor<4x8xi8>, tensor<8x2xi8>, tensor<4x2xi8>
  return %r : tensor<4x2xi8>
}

// -----

func.func @encode_dim(%a: tensor<4x8xi8>) -> tensor<4x8xi8> {
  // expected-error @+1 {{encodes a rank-2 tile along dimension 0 or 1}}
  %v, %b = sparq_pe.bitmap_encode %a along 2 : tensor<4x8xi8> -> tensor<4x8xi8>, tensor<4x8xi1>
  return %v : tensor<4x8xi8>
}

// -----

func.func @encode_bitmap(%a: tensor<4x8xi8>) -> tensor<4x8xi8> {
  // expected-error @+1 {{bitmap must be the input's shape in i1, got 'tensor<4x8xi8>'}}
  %v, %b = sparq_pe.bitmap_encode %a along 1 : tensor<4x8xi8> -> tensor<4x8xi8>, tensor<4x8xi8>
  return %v : tensor<4x8xi8>
}

// -----

func.func @join_bitmap(%av: tensor<4x8xi8>, %ab: tensor<4x4xi1>, %wv: tensor<8x2xi8>, %wb: tensor<8x2xi1>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  // expected-error @+1 {{each bitmap must be its values' shape in i1}}
  %r = sparq_pe.inner_join %av(signed), %ab, %wv(signed), %wb, %acc : tensor<4x8xi8>, tensor<4x4xi1>, tensor<8x2xi8>, tensor<8x2xi1>, tensor<4x2xi32>
  return %r : tensor<4x2xi32>
}
