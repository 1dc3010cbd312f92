// RUN: sparq-opt %s --sparq-select-dataflow | FileCheck %s --check-prefix=COST
// RUN: sparq-opt %s --sparq-select-dataflow="policy=dense" | FileCheck %s --check-prefix=FORCED
// RUN: sparq-opt %s --sparq-select-dataflow="dense-alternative=false" | FileCheck %s --check-prefix=SPARSE
// RUN: sparq-opt %s --sparq-report="file=-" -o /dev/null | FileCheck %s --check-prefix=REPORT
// RUN: sparq-opt %s --sparq-report="summary=true" -o /dev/null | FileCheck %s --check-prefix=SUMMARY

// The dense alternative of --sparq-select-dataflow (docs/dataflow.md, "The
// dense choice"), worked by hand with the defaults: 256-bit vectors (8 f32
// lanes), 2 steps per ns for the sparse kernels and 3 steps of loop overhead
// per stored entry per column chunk, 2.44 MACs per ns per lane for the
// dense GEMM, 10 GB/s, 2 MiB cache.
//
// A [8, 8] in CSR with 4 entries per row (32, density 0.5; 4 B value + 4 B
// coordinate + 9 * 4 B positions / 32 = 9.125 B per entry, 292 B) times a
// run-time dense B [8, 16].
//   row (= inner: the same register-tile kernel): 32 * 16 = 512 MACs on 8
//     lanes = 64 steps, plus 3 * 32 entries * 1 column chunk (N = 16: two
//     whole vectors) = 96 steps: 80 ns; memory A 292 + B 512 + C 512 =
//     1316 B = 131.6 ns; 211.6 ns.
//   outer: 64 steps = 32 ns, 131.6 ns of memory, 2 * 512 partial sums * 4 B
//     = 4096 B in the cache at 64 GB/s = 64 ns: 227.6 ns.
//   dense: 8 * 8 * 16 = 1024 MACs on 8 lanes at 2.44 = 52.459 ns; A and B
//     dense (256 + 512 B) and C 512 B = 128 ns; a constant A is
//     decompressed in the compiler (0 B at run time): 180.459 ns < 211.6 ns,
//     dense wins. A run-time A is scattered once per call: 292 B read and
//     2 * 256 B written, 804 B = 80.4 ns more: 260.859 ns, row wins (outer
//     also converts a run-time A to CSC: 286 ns).

#csr = #sparq.encoding<csr>

// COST-LABEL: func.func @constant_weight
// COST: sparq.matmul {{.*}} dataflow(dense)
// FORCED-LABEL: func.func @constant_weight
// FORCED: sparq.matmul {{.*}} dataflow(dense)
// SPARSE-LABEL: func.func @constant_weight
// SPARSE: sparq.matmul {{.*}} dataflow(row)
func.func @constant_weight(%b: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %v = arith.constant dense<1.0> : tensor<32xf32>
  %p = arith.constant dense<[0, 4, 8, 12, 16, 20, 24, 28, 32]> : tensor<9xi32>
  %c = arith.constant dense<[0, 2, 4, 6, 1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7]> : tensor<32xi32>
  %a = sparq.assemble values(%v : tensor<32xf32>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<32xi32>) : tensor<8x8xf32, #csr>
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x8xf32, #csr>, tensor<8x16xf32> -> tensor<8x16xf32> loc("constant")
  return %y : tensor<8x16xf32>
}

// COST-LABEL: func.func @runtime_weight
// COST: sparq.matmul {{.*}} dataflow(row)
// FORCED-LABEL: func.func @runtime_weight
// FORCED: sparq.matmul {{.*}} dataflow(dense)
func.func @runtime_weight(%a: tensor<8x8xf32, #csr>, %b: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x8xf32, #csr>, tensor<8x16xf32> -> tensor<8x16xf32> loc("runtime")
  return %y : tensor<8x16xf32>
}

// REPORT:      "chosen": "dense",
// REPORT-NEXT: "chosen_by": "cost model",
// REPORT-NEXT: "conversions": [
// REPORT-NEXT:   {
// REPORT-NEXT:     "from": "csr(rows)",
// REPORT-NEXT:     "operand": "A",
// REPORT-NEXT:     "reason": "dataflow(dense) decompresses the constant into a dense constant",
// REPORT-NEXT:     "to": "dense(rows)",
// REPORT-NEXT:     "when": "compile time"
// REPORT-NEXT:   }
// REPORT-NEXT: ],
// REPORT-NEXT: "cost": {
// REPORT-NEXT:   "dense": {
// REPORT-NEXT:     "cache_bytes": 0,
// REPORT-NEXT:     "cache_ns": 0,
// REPORT-NEXT:     "compute_ns": 52.459{{[0-9]*}},
// REPORT-NEXT:     "decompression_bytes": 0,
// REPORT-NEXT:     "lanes": 8,
// REPORT-NEXT:     "memory_bytes": 1280,
// REPORT-NEXT:     "memory_ns": 128,
// REPORT-NEXT:     "ops": 1024,
// REPORT-NEXT:     "total_ns": 180.459{{[0-9]*}}
// REPORT-NEXT:   },
// REPORT:        "row": {
// REPORT-NEXT:     "cache_bytes": 0,
// REPORT-NEXT:     "cache_ns": 0,
// REPORT-NEXT:     "compute_ns": 80,
// REPORT-NEXT:     "lanes": 8,
// REPORT-NEXT:     "memory_bytes": 1316,
// REPORT-NEXT:     "memory_ns": 131.{{59999|6}}{{[0-9]*}},
// REPORT-NEXT:     "ops": 512,
// REPORT-NEXT:     "overhead_ops": 96,
// REPORT-NEXT:     "total_ns": 211.{{59999|6}}{{[0-9]*}}
// REPORT-NEXT:   }
// REPORT-NEXT: },
// REPORT-NEXT: "cost_model_choice": "dense",
// The counts of the three dataflows are unchanged by the dense alternative.
// REPORT:      "counts": {
// REPORT-NEXT:   "effectual_macs": 512,
// REPORT:      "lowering": {
// REPORT-NEXT:   "dense": {
// REPORT-NEXT:     "a_layout": "dense(rows)",
// REPORT-NEXT:     "b_layout": "dense(rows)",
// REPORT:          "orientation": "C = A * B",
// REPORT:      "reason": "dense: the dense GEMM (dataflow dense: decompress, then 1024 MACs on 8 lanes) 180.459 ns (compute 52.459 ns, memory 128 ns for 1280 B) is cheaper than the best sparse dataflow, row has the lowest estimated time, 211.6 ns (compute 80 ns for 512 ops on 8 lanes and 96 steps of loop overhead, memory 131.6 ns for 1316 B), against inner 211.6 ns (compute 80 ns, memory 131.6 ns) and outer 227.6 ns (compute 32 ns, memory 131.6 ns, cache 64 ns)"
// REPORT:      "chosen": "row",
// REPORT:        "dense": {
// REPORT:          "decompression_bytes": 804,
// REPORT:          "total_ns": 260.859{{[0-9]*}}
// REPORT:      "reason": "row has the lowest estimated time, 211.6 ns {{.*}}; the dense GEMM (dataflow dense: decompress, then 1024 MACs on 8 lanes) 260.859 ns (compute 52.459 ns, memory 208.4 ns for 2084 B of which 804 B decompress run-time operands) is not cheaper"

// SUMMARY: op               batch x M x N x K    dataflow     inner ns     outer ns       row ns     dense ns
// SUMMARY-NEXT: constant         1x8x16x8             dense           211.6        227.6        211.6        180.5
// SUMMARY-NEXT: runtime          1x8x16x8             row             211.6        286.0        211.6        260.9
