// RUN: sparq-opt %s -split-input-file --sparq-pe-simulate="report=-" -verify-diagnostics -o /dev/null
// Bad options and input files: sparq-pe-simulate-options-invalid.mlir.

// The accelerator's BitBricks must form a square grid.
// expected-error@+1 {{sparq-pe-simulate: cannot simulate this accelerator: BitBricks per fusion unit must be a square number (a G x G grid), got 12}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<bitbricks = 12>} {
}

// -----

// A load larger than its buffer.
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<input_buffer = 8>} {
  func.func @big(%x: tensor<4x4xi8>) -> tensor<4x4xi8> {
    // expected-error@+1 {{sparq-pe-simulate: cannot simulate a load of 16 bytes into the input buffer of 8 bytes}}
    %a = sparq_pe.load %x [0, 0] into input : tensor<4x4xi8> -> tensor<4x4xi8>
    return %a : tensor<4x4xi8>
  }
}

// -----

// PE programs are straight-line.
func.func @loop(%x: tensor<4x4xi8>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c2 step %c1 {
    // expected-error@+1 {{sparq-pe-simulate: cannot simulate an instruction nested in 'scf.for': PE programs must be straight-line}}
    %a = sparq_pe.load %x [0, 0] into input : tensor<4x4xi8> -> tensor<4x4xi8>
  }
  return
}

// -----

// Atoms of run-time activations need their values.
func.func @atoms(%a: tensor<1x2xi4>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[3, 0], [-1, 6]]> : tensor<2x2xi4>
  %acc = arith.constant dense<0> : tensor<1x2xi32>
  // expected-error@+1 {{sparq-pe-simulate: cannot count the work of this instruction: its activation operand is not known at compile time: it depends on argument #0 of @atoms, known only at run time (give its values with input=FILE.json)}}
  %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc
      : tensor<1x2xi4>, tensor<2x2xi4>, tensor<1x2xi32>
  return %r : tensor<1x2xi32>
}

// -----

// A DRQ mask computed by an op the simulator cannot evaluate.
func.func @mask(%x: tensor<4x8xi8>, %w: tensor<8x2xi8>, %m0: tensor<2x2xi1>) -> tensor<4x2xi32> {
  %acc = arith.constant dense<0> : tensor<4x2xi32>
  %m1 = arith.constant dense<true> : tensor<2x2xi1>
  %mask = arith.andi %m0, %m1 : tensor<2x2xi1>
  // expected-error@+1 {{its region mask is not known at compile time: the simulator cannot evaluate 'arith.andi' at}}
  %r = sparq_pe.mac %x(signed), %w(signed), %acc
      regions(%mask : tensor<2x2xi1>, sensitive, [2, 4])
      : tensor<4x8xi8>, tensor<8x2xi8>, tensor<4x2xi32>
  return %r : tensor<4x2xi32>
}
