// RUN: sparq-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{accelerator field 'rows' must be at least 1, got 0}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 0>} {}

// -----

// expected-error @+1 {{accelerator field 'bandwidth' must be >= 0 (0 = unconstrained), got -1}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<bandwidth = -1>} {}

// -----

// expected-error @+1 {{accelerator field 'mac8_cycles' must be at least 1, got 0}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<mac8_cycles = 0>} {}

// -----

// expected-error @+1 {{unknown energy table key 'dram' (expected dram_byte, buffer_byte, bitbrick, mac4, mac8, atom_pair or bitmap_word)}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<energy = {dram = 1.0}>} {}

// -----

// expected-error @+1 {{energy table entry 'mac8' must be a non-negative float (picojoules)}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<energy = {mac8 = -1.0}>} {}

// -----

// expected-error @+1 {{energy table entry 'mac4' must be a non-negative float (picojoules)}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<energy = {mac4 = 3}>} {}

// -----

// expected-error @+1 {{'sparq_pe.accelerator' must be a #sparq_pe.accelerator, got 3 : i64}}
module attributes {sparq_pe.accelerator = 3} {}

// -----

// expected-error @+1 {{'sparq_pe.accelerator' must be attached to a builtin.module}}
func.func @f() attributes {sparq_pe.accelerator = #sparq_pe.accelerator<>} {
  return
}

// -----

// expected-error @+1 {{unknown sparq_pe attribute 'sparq_pe.accel'}}
module attributes {sparq_pe.accel = #sparq_pe.accelerator<>} {}

// -----

// expected-error @+1 {{duplicate or unknown struct parameter name: rows}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, rows = 3>} {}

// -----

// expected-error @+1 {{duplicate or unknown struct parameter name: bricks}}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<bricks = 3>} {}

// -----

func.func @host_work(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'sparq_pe.host_work' must be "zero_point_correction" or "rescale", got "im2col"}}
  %y = arith.addi %x, %x {sparq_pe.host_work = "im2col"} : tensor<4xi32>
  return %y : tensor<4xi32>
}
