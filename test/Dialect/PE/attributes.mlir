// RUN: sparq-opt %s -split-input-file | sparq-opt -split-input-file | FileCheck %s

// All defaults: the struct prints empty.
// CHECK: module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<>}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<>} {}

// -----

// A field equal to its default is not printed.
// CHECK: module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, cols = 3, bitbricks = 4, input_buffer = 5, weight_buffer = 6, output_buffer = 7, bandwidth = 8, bitbrick_cycles = 9, mac4_cycles = 10, mac8_cycles = 11, atom_cycles = 12, join_cycles = 13, energy = {atom_pair = 1.000000e+00 : f64, bitbrick = 2.000000e+00 : f64, bitmap_word = 3.000000e+00 : f64, buffer_byte = 4.000000e+00 : f64, dram_byte = 5.000000e+00 : f64, mac4 = 6.000000e+00 : f64, mac8 = 7.000000e+00 : f64}>}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 2, cols = 3, bitbricks = 4, input_buffer = 5, weight_buffer = 6, output_buffer = 7, bandwidth = 8, bitbrick_cycles = 9, mac4_cycles = 10, mac8_cycles = 11, atom_cycles = 12, join_cycles = 13, energy = {dram_byte = 5.0, buffer_byte = 4.0, bitbrick = 2.0, mac4 = 6.0, mac8 = 7.0, atom_pair = 1.0, bitmap_word = 3.0}>} {}

// -----

// CHECK: module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 32>}
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 32, cols = 16>} {}
