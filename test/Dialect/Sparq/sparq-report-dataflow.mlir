// RUN: sparq-opt %s --sparq-report="file=- dense-alternative=false entry-overhead=0" -o /dev/null | FileCheck %s
// RUN: sparq-opt %s --sparq-report="file=%t.json summary=true dense-alternative=false entry-overhead=0" -o /dev/null | FileCheck %s --check-prefix=SUMMARY
// RUN: FileCheck %s < %t.json

// The dataflow section of --sparq-report, on matrices small enough to count
// by hand, with the sparse dataflows' model alone (dense-alternative=false
// entry-overhead=0: sparq-select-dataflow-dense.mlir tests those). Counts follow docs/cost-model.md:
//   effectual_macs = sum_k nnz(A[:, k]) * nnz(B[k, :]);
//   inner: a_reads = N * nnz(A), b_reads = M * nnz(B), c_writes = M * N,
//          intersection_steps = sum over (row m of A, column n of B) of the
//          coordinates a two-pointer merge examines: the distinct
//          coordinates of both lists up to min(last of A's, last of B's);
//   outer: a_reads = nnz(A), b_reads = nnz(B), partial_products =
//          effectual_macs, merge_traffic = 2 * partial_products;
//   row:   a_reads = nnz(A), b_reads = c_updates = effectual_macs.

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc>
#coo = #sparq.encoding<coo>
#bitmap = #sparq.encoding<bitmap>
#nm = #sparq.encoding<nm<2, 4>, meta_width = 8>
#bcsr = #sparq.encoding<bcsr<2x2>>

// W (K = 4 x N = 4), times a run-time dense x (M = 2 x K = 4):
//   [1 0 0 2]    rows of W hold 2, 0, 1, 2 entries (nnz(W) = 5);
//   [0 0 0 0]    columns: 0 -> {0, 3}, 1 -> {2}, 2 -> {}, 3 -> {0, 3}.
//   [0 3 0 0]
//   [4 0 0 5]
// effectual_macs = nnz(x[:, k]) = 2 times (2 + 0 + 1 + 2) = 10.
// inner: a_reads = 4 * 8 = 32, b_reads = 2 * 5 = 10, c_writes = 8; a dense
// row merged with column 0 ends at its last coordinate 3: 4 steps; column 1
// (last 2): 3; column 2: 0; column 3: 4; 11 per row, 22 for 2 rows.
// outer: 8, 5, 10 partial products, 20 merge traffic. row: 8, 10, 10.
//
// Cost (defaults: 2 MiB cache, 10 GB/s, 64 GB/s cache, 2 ops/ns, 256-bit
// vectors, f32): every dataflow's plan computes C^T = W^T x^T (the sparse
// operand on the left) and transposes x at run time: 2 * 8 entries * 4 B =
// 64 B.
//   row:   10 MACs on min(8, M = 2) = 2 lanes: 10 / (2 * 2) = 2.5 ns;
//          memory W 5 entries * 12 B (value, coordinate, positions 5*4/5)
//          + x 8 * 4 B + C 8 * 4 B + 64 B = 188 B: 18.8 ns; 21.3 ns.
//   inner: with a dense right operand the same register-tile kernel as
//          row (no merge): 21.3 ns.
//   outer: the same MACs (a row of 2 is one vector of 2 lanes) and bytes,
//          plus a load and a store of a partial sum per partial product in
//          the cache (the 2 x 4 partial sums fit it): merge traffic 20 * 4 B
//          = 80 B at 64 GB/s = 1.25 ns; 22.55 ns.
// Row and inner tie; ties go to row.
// CHECK-LABEL: "dataflows": [
// CHECK:      "chosen": "row",
// CHECK-NEXT: "chosen_by": "cost model",
// CHECK-NEXT: "conversions": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "from": "dense(rows)",
// CHECK-NEXT:     "operand": "A",
// CHECK-NEXT:     "reason": "the dense operand is read along its rows with vector loads, so it is transposed once",
// CHECK-NEXT:     "to": "dense(columns)",
// CHECK-NEXT:     "when": "run time"
// CHECK-NEXT:   },
// CHECK-NEXT:   {
// CHECK-NEXT:     "from": "csr(rows)",
// CHECK-NEXT:     "operand": "B",
// CHECK-NEXT:     "reason": "row reads this operand by columns but csr groups it by rows",
// CHECK-NEXT:     "to": "csc(columns)",
// CHECK-NEXT:     "when": "compile time"
// CHECK-NEXT:   }
// CHECK-NEXT: ],
// CHECK-NEXT: "cost": {
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "cache_bytes": 0,
// CHECK-NEXT:     "cache_ns": 0,
// CHECK-NEXT:     "compute_ns": 2.5,
// CHECK-NEXT:     "lanes": 2,
// CHECK-NEXT:     "memory_bytes": 188,
// CHECK-NEXT:     "memory_ns": 18.80{{[0-9]*}},
// CHECK-NEXT:     "ops": 10,
// CHECK-NEXT:     "total_ns": 21.30{{[0-9]*}}
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "cache_bytes": 80,
// CHECK-NEXT:     "cache_ns": 1.25,
// CHECK-NEXT:     "compute_ns": 2.5,
// CHECK-NEXT:     "lanes": 2,
// CHECK-NEXT:     "memory_bytes": 188,
// CHECK-NEXT:     "memory_ns": 18.80{{[0-9]*}},
// CHECK-NEXT:     "ops": 10,
// CHECK-NEXT:     "total_ns": 22.55{{[0-9]*}}
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "cache_bytes": 0,
// CHECK-NEXT:     "cache_ns": 0,
// CHECK-NEXT:     "compute_ns": 2.5,
// CHECK-NEXT:     "lanes": 2,
// CHECK-NEXT:     "memory_bytes": 188,
// CHECK-NEXT:     "memory_ns": 18.80{{[0-9]*}},
// CHECK-NEXT:     "ops": 10,
// CHECK-NEXT:     "total_ns": 21.30{{[0-9]*}}
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "cost_model_choice": "row",
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 10,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 32,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_writes": 8,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 22,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 5,
// CHECK-NEXT:     "merge_traffic": 20,
// CHECK-NEXT:     "partial_products": 10,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_updates": 10,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "row": {
// CHECK-NEXT:   "a_layout": "dense(columns)",
// CHECK-NEXT:   "b_layout": "csc(columns)",
// CHECK:        "orientation": "C^T = B^T * A^T",
// CHECK-NEXT:   "planned": true,
// CHECK-NEXT:   "run_time_conversion_bytes": 64
// CHECK:      "matmul": {
// CHECK-NEXT:   "batch": 1,
// CHECK-NEXT:   "k": 4,
// CHECK-NEXT:   "m": 2,
// CHECK-NEXT:   "n": 4
// CHECK-NEXT: },
// CHECK-NEXT: "name": "csr",
// CHECK-NEXT: "op": "sparq.matmul",
// CHECK-NEXT: "reason": "row has the lowest estimated time, 21.3 ns (compute 2.5 ns for 10 ops on 2 lanes, memory 18.8 ns for 188 B of which 64 B convert layouts at run time), against inner 21.3 ns (compute 2.5 ns, memory 18.8 ns) and outer 22.55 ns (compute 2.5 ns, memory 18.8 ns, cache 1.25 ns)"
func.func @csr(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %p = arith.constant dense<[0, 2, 2, 3, 5]> : tensor<5xi32>
  %c = arith.constant dense<[0, 3, 1, 0, 3]> : tensor<5xi32>
  %w = sparq.assemble values(%v : tensor<5xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<5xi32>) : tensor<4x4xf32, #csr>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csr> -> tensor<2x4xf32> loc("csr")
  return %y : tensor<2x4xf32>
}

// The same W read from CSC, COO and bitmap parts: the same counts.
// CHECK:      "b": {
// CHECK-NEXT:   "bytes_per_entry": 12,
// CHECK-NEXT:   "constant": true,
// CHECK-NEXT:   "density": 0.3125,
// CHECK-NEXT:   "format": "csc",
// CHECK-NEXT:   "nnz": 5
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 10,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 32,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_writes": 8,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 22,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 5,
// CHECK-NEXT:     "merge_traffic": 20,
// CHECK-NEXT:     "partial_products": 10,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_updates": 10,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "name": "csc",
func.func @csc(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<[1.0, 4.0, 3.0, 2.0, 5.0]> : tensor<5xf32>
  %p = arith.constant dense<[0, 2, 3, 3, 5]> : tensor<5xi32>
  %c = arith.constant dense<[0, 3, 2, 0, 3]> : tensor<5xi32>
  %w = sparq.assemble values(%v : tensor<5xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<5xi32>) : tensor<4x4xf32, #csc>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csc> -> tensor<2x4xf32> loc("csc")
  return %y : tensor<2x4xf32>
}

// COO, with dataflow(inner) already set: the attribute is what runs.
// CHECK:      "chosen": "inner",
// CHECK-NEXT: "chosen_by": "attribute",
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 10,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 32,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_writes": 8,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 22,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 5,
// CHECK-NEXT:     "merge_traffic": 20,
// CHECK-NEXT:     "partial_products": 10,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_updates": 10,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "name": "coo",
// CHECK-NEXT: "op": "sparq.matmul",
// CHECK-NEXT: "reason": "dataflow(inner) is set on the op; the cost model would pick row: row has the lowest
func.func @coo(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %c = arith.constant dense<[[0, 0], [0, 3], [2, 1], [3, 0], [3, 3]]> : tensor<5x2xi32>
  %w = sparq.assemble values(%v : tensor<5xf32>) coordinates(%c : tensor<5x2xi32>) : tensor<4x4xf32, #coo>
  %y = sparq.matmul %x, %w acc(f32) dataflow(inner) : tensor<2x4xf32>, tensor<4x4xf32, #coo> -> tensor<2x4xf32> loc("coo")
  return %y : tensor<2x4xf32>
}

// Bitmap words: row 0 bits 0 and 3 (9), row 2 bit 1 (2), row 3 bits 0, 3.
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 10,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 32,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_writes": 8,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 22,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 5,
// CHECK-NEXT:     "merge_traffic": 20,
// CHECK-NEXT:     "partial_products": 10,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 10,
// CHECK-NEXT:     "c_updates": 10,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "name": "bitmap",
func.func @bitmap(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %b = arith.constant dense<[[9], [0], [2], [9]]> : tensor<4x1xi64>
  %w = sparq.assemble values(%v : tensor<5xf32>) bitmap(%b : tensor<4x1xi64>) : tensor<4x4xf32, #bitmap>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #bitmap> -> tensor<2x4xf32> loc("bitmap")
  return %y : tensor<2x4xf32>
}

// W in nm<2, 4>: every row stores 2 entries (padding zeros count as
// stored): row 0 {0, 3}, row 1 {0, 1} (padding), row 2 {0, 1} (3 at 1 and
// a padding zero at 0), row 3 {0, 3}; nnz = 8, columns 0 -> {0, 1, 2, 3},
// 1 -> {1, 2}, 2 -> {}, 3 -> {0, 3}.
// effectual_macs = 2 * 8 = 16. inner: 32, 2 * 8 = 16, 8; merge steps per
// dense row: 4 + 3 + 0 + 4 = 11, 22 in all. outer: 8, 8, 16, 32. row: 8, 16, 16.
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 16,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 32,
// CHECK-NEXT:     "b_reads": 16,
// CHECK-NEXT:     "c_writes": 8,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 22,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 8,
// CHECK-NEXT:     "merge_traffic": 32,
// CHECK-NEXT:     "partial_products": 16,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 16,
// CHECK-NEXT:     "c_updates": 16,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "name": "nm",
func.func @nm(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<[[1.0, 2.0], [0.0, 0.0], [0.0, 3.0], [4.0, 5.0]]> : tensor<4x2xf32>
  %m = arith.constant dense<[[0, 3], [0, 1], [0, 1], [0, 3]]> : tensor<4x2xi8>
  %w = sparq.assemble values(%v : tensor<4x2xf32>) metadata(%m : tensor<4x2xi8>) : tensor<4x4xf32, #nm>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #nm> -> tensor<2x4xf32> loc("nm")
  return %y : tensor<2x4xf32>
}

// bcsr<2x2> with blocks (0, 0) and (1, 1) stored in full: rows 0, 1 hold
// {0, 1}, rows 2, 3 hold {2, 3}; nnz = 8; columns 0, 1 -> {0, 1}, 2, 3 ->
// {2, 3}. effectual_macs = 16. inner: 32, 16, 8; merge steps per dense row:
// 2 + 2 + 4 + 4 = 12, 24 in all. outer: 8, 8, 16, 32. row: 8, 16, 16.
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 16,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 32,
// CHECK-NEXT:     "b_reads": 16,
// CHECK-NEXT:     "c_writes": 8,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 24,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 8,
// CHECK-NEXT:     "merge_traffic": 32,
// CHECK-NEXT:     "partial_products": 16,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 8,
// CHECK-NEXT:     "b_reads": 16,
// CHECK-NEXT:     "c_updates": 16,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "name": "bcsr",
func.func @bcsr(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<1.0> : tensor<2x2x2xf32>
  %p = arith.constant dense<[0, 1, 2]> : tensor<3xi32>
  %c = arith.constant dense<[0, 1]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<2x2x2xf32>) positions(%p : tensor<3xi32>) coordinates(%c : tensor<2xi32>) : tensor<4x4xf32, #bcsr>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #bcsr> -> tensor<2x4xf32> loc("bcsr")
  return %y : tensor<2x4xf32>
}

// A sparse constant lhs with an empty row, A = [[1 0 2 0], [0 0 0 0]],
// times a run-time dense B (4 x 3): nnz(A) = 2, nnz(B) = 12.
// effectual_macs = (1 + 1) * 3 = 6. inner: a_reads = 3 * 2 = 6, b_reads =
// 2 * 12 = 24, c_writes = 6; row 0 {0, 2} against a dense column stops
// after coordinate 2: 3 steps, 3 columns: 9; the empty row: 0.
// outer: 2, 12, 6, 12. row: 2, 6, 6.
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 6,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 6,
// CHECK-NEXT:     "b_reads": 24,
// CHECK-NEXT:     "c_writes": 6,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 9,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 2,
// CHECK-NEXT:     "b_reads": 12,
// CHECK-NEXT:     "merge_traffic": 12,
// CHECK-NEXT:     "partial_products": 6,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 2,
// CHECK-NEXT:     "b_reads": 6,
// CHECK-NEXT:     "c_updates": 6,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "name": "sparse_lhs",
func.func @sparse_lhs(%b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %v = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %p = arith.constant dense<[0, 2, 2]> : tensor<3xi32>
  %c = arith.constant dense<[0, 2]> : tensor<2xi32>
  %a = sparq.assemble values(%v : tensor<2xf32>) positions(%p : tensor<3xi32>) coordinates(%c : tensor<2xi32>) : tensor<2x4xf32, #csr>
  %y = sparq.matmul %a, %b acc(f32) : tensor<2x4xf32, #csr>, tensor<4x3xf32> -> tensor<2x3xf32> loc("sparse_lhs")
  return %y : tensor<2x3xf32>
}

// A run-time CSR A (1 x 2) at the assumed density 0.5 times B = [[1], [1]]:
// expectations over the 4 equally likely rows {}, {0}, {1}, {0, 1} of A:
// merges with column {0, 1} take 0, 1, 2, 2 steps: 1.25; effectual_macs =
// E[nnz(A)] = 1; inner a_reads = 1 * 1, b_reads = 1 * 2, c_writes = 1;
// outer 1, 2, 1, 2; row 1, 1, 1. Not exact.
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 1,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 1,
// CHECK-NEXT:     "b_reads": 2,
// CHECK-NEXT:     "c_writes": 1,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 1.25,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 1,
// CHECK-NEXT:     "b_reads": 2,
// CHECK-NEXT:     "merge_traffic": 2,
// CHECK-NEXT:     "partial_products": 1,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 1,
// CHECK-NEXT:     "b_reads": 1,
// CHECK-NEXT:     "c_updates": 1,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": false,
// CHECK:      "name": "assumed_density",
func.func @assumed_density(%a: tensor<1x2xf32, #csr>) -> tensor<1x1xf32> {
  %b = arith.constant dense<1.0> : tensor<2x1xf32>
  %y = sparq.matmul %a, %b acc(f32) : tensor<1x2xf32, #csr>, tensor<2x1xf32> -> tensor<1x1xf32> loc("assumed_density")
  return %y : tensor<1x1xf32>
}

// conv2d through im2col: input 1x3x3x1 (dense), filter 2x2x1x2 in CSR as the
// [KH*KW*C = 4, F = 2] matrix S = [[1 0], [0 0], [0 3], [4 0]]: M = 1*2*2 = 4
// output pixels, K = 4, N = 2; nnz(X) = 16, nnz(S) = 3.
// effectual_macs = 4 * 3 = 12. inner: a_reads = 2 * 16 = 32, b_reads =
// 4 * 3 = 12, c_writes = 8; column 0 {0, 3}: 4 steps, column 1 {2}: 3;
// 7 per row, 28. outer: 16, 3, 12, 24. row: 16, 12, 12.
// Cost: no plan (a conv2d), costed like the lowering of its im2col product,
// turned around since only S is sparse: L = S^T (3 entries of
// (3 * 32 + 5 * 32 + 3 * 32) / 8 / 3 = 44/3 B: 44 B), R = X^T (16 * 4 =
// 64 B), C 4 * 2 * 4 = 32 B: 140 B = 14 ns for every dataflow; 12 MACs on
// min(8, M = 4) = 4 lanes = 1.5 ns. Row and inner (one register-tile
// kernel): 15.5 ns. Outer (a row of 4 is one vector) adds 2 * 12 partial
// sums * 4 B = 96 B in the cache = 1.5 ns: 17 ns. Row wins (tie with inner).
// CHECK:      "chosen": "row",
// CHECK:      "cost": {
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "cache_bytes": 0,
// CHECK-NEXT:     "cache_ns": 0,
// CHECK-NEXT:     "compute_ns": 1.5,
// CHECK-NEXT:     "lanes": 4,
// CHECK-NEXT:     "memory_bytes": 140,
// CHECK-NEXT:     "memory_ns": 14,
// CHECK-NEXT:     "ops": 12,
// CHECK-NEXT:     "total_ns": 15.5
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "cache_bytes": 96,
// CHECK-NEXT:     "cache_ns": 1.5,
// CHECK-NEXT:     "compute_ns": 1.5,
// CHECK-NEXT:     "lanes": 4,
// CHECK-NEXT:     "memory_bytes": 140,
// CHECK-NEXT:     "memory_ns": 14,
// CHECK-NEXT:     "ops": 12,
// CHECK-NEXT:     "total_ns": 17
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "cache_bytes": 0,
// CHECK-NEXT:     "cache_ns": 0,
// CHECK-NEXT:     "compute_ns": 1.5,
// CHECK-NEXT:     "lanes": 4,
// CHECK-NEXT:     "memory_bytes": 140,
// CHECK-NEXT:     "memory_ns": 14,
// CHECK-NEXT:     "ops": 12,
// CHECK-NEXT:     "total_ns": 15.5
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 12,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 32,
// CHECK-NEXT:     "b_reads": 12,
// CHECK-NEXT:     "c_writes": 8,
// CHECK-NEXT:     "intersection": "merge",
// CHECK-NEXT:     "intersection_steps": 28,
// CHECK-NEXT:     "psum": "scalar"
// CHECK-NEXT:   },
// CHECK-NEXT:   "outer": {
// CHECK-NEXT:     "a_reads": 16,
// CHECK-NEXT:     "b_reads": 3,
// CHECK-NEXT:     "merge_traffic": 24,
// CHECK-NEXT:     "partial_products": 12,
// CHECK-NEXT:     "psum": "matrix"
// CHECK-NEXT:   },
// CHECK-NEXT:   "row": {
// CHECK-NEXT:     "a_reads": 16,
// CHECK-NEXT:     "b_reads": 12,
// CHECK-NEXT:     "c_updates": 12,
// CHECK-NEXT:     "psum": "row"
// CHECK-NEXT:   }
// CHECK-NEXT: },
// CHECK-NEXT: "exact": true,
// CHECK:      "lowering": {
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "planned": false,
// CHECK-NEXT:     "why_not": "the dataflow lowering plans sparq.matmul only; a conv2d is costed as its im2col product, turned around (C^T = B^T * A^T) when only B is sparse"
// CHECK:      "matmul": {
// CHECK-NEXT:   "batch": 1,
// CHECK-NEXT:   "k": 4,
// CHECK-NEXT:   "m": 4,
// CHECK-NEXT:   "n": 2
// CHECK:      "name": "conv",
// CHECK-NEXT: "op": "sparq.conv2d",
func.func @conv(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x2x2xf32> {
  %v = arith.constant dense<[1.0, 3.0, 4.0]> : tensor<3xf32>
  %p = arith.constant dense<[0, 1, 1, 2, 3]> : tensor<5xi32>
  %c = arith.constant dense<[0, 1, 0]> : tensor<3xi32>
  %f = sparq.assemble values(%v : tensor<3xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<3xi32>) : tensor<2x2x1x2xf32, #csr>
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x3x3x1xf32>, tensor<2x2x1x2xf32, #csr> -> tensor<1x2x2x2xf32> loc("conv")
  return %y : tensor<1x2x2x2xf32>
}

// Inner with two bitmaps: the bitmap join (AND + popcount). A is 2 x 70
// (row 0: k = 0, 65; row 1: k = 3), B is 70 x 3 (row 0: n = 0, 1; row 3:
// n = 2; row 65: n = 0); K = 70 takes ceil(70 / 64) = 2 words per line.
// effectual_macs = k 0: 1 * 2 + k 3: 1 * 1 + k 65: 1 * 1 = 4.
// inner: a_reads = 3 * 3 = 9, b_reads = 2 * 4 = 8, c_writes = 6, and
// intersection_steps counts the words ANDed, not coordinates: one AND per
// word pair of every (row of A, column of B), 2 * 3 * 2 = 12. The inner
// cost's ops are those 12 ANDs plus one step per matched entry (the
// 4 effectual MACs): 16, scalar, 8 ns at 2 ops/ns. B is re-laid out as a
// bitmap along K in the compiler; row reads both bitmaps in place.
// CHECK:      "chosen": "inner",
// CHECK-NEXT: "chosen_by": "attribute",
// CHECK-NEXT: "conversions": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "from": "bitmap(rows)",
// CHECK-NEXT:     "operand": "B",
// CHECK-NEXT:     "reason": "the bitmap join ANDs a row of A with a column of B, both bitmaps along K",
// CHECK-NEXT:     "to": "bitmap(columns)",
// CHECK-NEXT:     "when": "compile time"
// CHECK-NEXT:   }
// CHECK-NEXT: ],
// CHECK-NEXT: "cost": {
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "cache_bytes": 0,
// CHECK-NEXT:     "cache_ns": 0,
// CHECK-NEXT:     "compute_ns": 8,
// CHECK-NEXT:     "lanes": 1,
// CHECK:          "ops": 16,
// CHECK:      "counts": {
// CHECK-NEXT:   "effectual_macs": 4,
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_reads": 9,
// CHECK-NEXT:     "b_reads": 8,
// CHECK-NEXT:     "c_writes": 6,
// CHECK-NEXT:     "intersection": "bitmap-and",
// CHECK-NEXT:     "intersection_steps": 12,
// CHECK-NEXT:     "psum": "scalar"
// CHECK:      "lowering": {
// CHECK-NEXT:   "inner": {
// CHECK-NEXT:     "a_layout": "bitmap(rows)",
// CHECK-NEXT:     "b_layout": "bitmap(columns)",
// CHECK:          "intersection": "bitmap-and",
// CHECK:        "row": {
// CHECK-NEXT:     "a_layout": "bitmap(rows)",
// CHECK-NEXT:     "b_layout": "bitmap(rows)",
// CHECK-NEXT:     "conversions": [],
// CHECK-NEXT:     "intersection": "none",
// CHECK:      "name": "bitmap_join",
func.func @bitmap_join() -> tensor<2x3xf32> {
  %av = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %ab = arith.constant dense<[[1, 2], [8, 0]]> : tensor<2x2xi64>
  %a = sparq.assemble values(%av : tensor<3xf32>) bitmap(%ab : tensor<2x2xi64>) : tensor<2x70xf32, #bitmap>
  %bv = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %bb = arith.constant dense<[[3], [0], [0], [4], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [1], [0], [0], [0], [0]]> : tensor<70x1xi64>
  %b = sparq.assemble values(%bv : tensor<4xf32>) bitmap(%bb : tensor<70x1xi64>) : tensor<70x3xf32, #bitmap>
  %y = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<2x70xf32, #bitmap>, tensor<70x3xf32, #bitmap> -> tensor<2x3xf32> loc("bitmap_join")
  return %y : tensor<2x3xf32>
}

// A dynamic shape is listed, not analyzed.
// CHECK:      "chosen": null,
// CHECK-NEXT: "name": "dynamic",
// CHECK-NEXT: "op": "sparq.matmul",
// CHECK-NEXT: "reason": "not analyzed: dynamic shape"
// CHECK-NEXT: }
// CHECK-NEXT: ],
func.func @dynamic(%x: tensor<?x4xf32>, %w: tensor<4x4xf32>) -> tensor<?x4xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<?x4xf32>, tensor<4x4xf32> -> tensor<?x4xf32> loc("dynamic")
  return %y : tensor<?x4xf32>
}

// SUMMARY:      op               batch x M x N x K    dataflow     inner ns     outer ns       row ns
// SUMMARY-NEXT: csr              1x2x4x4              row              21.3         22.6         21.3
// SUMMARY-NEXT: csc              1x2x4x4              row
// SUMMARY-NEXT: coo              1x2x4x4              inner
// SUMMARY:      dynamic          not analyzed: dynamic shape
