// RUN: sparq-opt %s --sparq-select-dataflow="policy=inner" | FileCheck %s --check-prefix=INNER
// RUN: sparq-opt %s --sparq-select-dataflow="policy=outer ops=conv" | FileCheck %s --check-prefix=OPS
// RUN: sparq-opt %s --sparq-select-dataflow="dense-alternative=false entry-overhead=0" | FileCheck %s --check-prefix=COST
// RUN: sparq-opt %s --sparq-select-dataflow="assumed-density=1.0 dense-alternative=false entry-overhead=0" | FileCheck %s --check-prefix=DENSE1
// RUN: sparq-opt %s --sparq-select-dataflow="cache-bytes=32768 dense-alternative=false entry-overhead=0" | FileCheck %s --check-prefix=SMALL
// RUN: sparq-opt %s --sparq-report="summary=true cache-bytes=32768 dense-alternative=false entry-overhead=0" -o /dev/null | FileCheck %s --check-prefix=SMALLREPORT

// The cost model of the three sparse dataflows alone (dense-alternative=false
// entry-overhead=0); the dense alternative and the loop overhead are tested
// in sparq-select-dataflow-dense.mlir.

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc>
#nm = #sparq.encoding<nm<2, 4>>

// A constant CSR weight W [4, 4] times a run-time dense x [2, 4]. The
// lowering computes C^T = W^T x^T for every dataflow; row and inner run the
// same register-tile kernel (10 effectual MACs vectorized along M = 2),
// outer the same MACs plus a load and a store of a partial sum in the cache
// per partial product: row wins (tied with inner; ties go to row).
// INNER-LABEL: func.func @csr_weight
// INNER: sparq.matmul {{.*}} dataflow(inner)
// OPS-LABEL: func.func @csr_weight
// OPS: sparq.matmul {{.*}} acc(f32) :
// COST-LABEL: func.func @csr_weight
// COST: sparq.matmul {{.*}} dataflow(row)
func.func @csr_weight(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %p = arith.constant dense<[0, 2, 2, 3, 5]> : tensor<5xi32>
  %c = arith.constant dense<[0, 3, 1, 0, 3]> : tensor<5xi32>
  %w = sparq.assemble values(%v : tensor<5xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<5xi32>) : tensor<4x4xf32, #csr>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csr> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// A run-time CSC activation A [8, 16] (density 0.5: 64 entries of
// 4 + 4 + 17 * 4 / 64 = 9.0625 B) times a dense weight B [16, 32]: 16 * 4 *
// 32 = 2048 effectual MACs, 2048 / (2 * 8 lanes) = 128 ns for every
// dataflow. Row (and inner, the same kernel) first converts A to CSR at run
// time: 2 * 64 * 9.0625 = 1160 B; memory A 580 + B 2048 + C 1024 + 1160 =
// 4812 B = 481.2 ns; 609.2 ns. Outer reads A by columns as stored (3652 B,
// 365.2 ns) but loads and stores a partial sum per partial product:
// 2 * 2048 * 4 B = 16384 B at 64 GB/s = 256 ns; 749.2 ns: row wins.
// INNER-LABEL: func.func @csc_activation
// INNER: dataflow(inner)
// COST-LABEL: func.func @csc_activation
// COST: sparq.matmul {{.*}} dataflow(row)
func.func @csc_activation(%a: tensor<8x16xf32, #csc>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x16xf32, #csc>, tensor<16x32xf32> -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// Run-time CSC x CSR (density 0.5): outer reads both as stored; row
// converts A to CSR (2 * 64 * 9.0625 = 1160 B), inner A and B (B: 256
// entries of 4 + 4 + 17 * 4 / 256 = 8.265625 B, 4232 B more). Row and outer
// both do 16 * 4 * 16 = 1024 scalar MACs (512 ns) and a load and a store of
// a partial sum per MAC (8192 B in the cache, 128 ns), and read A 580 + B
// 2116 + C 1024 B: outer 512 + 372 + 128 = 1012 ns, row 1128 ns (the
// conversion), inner more than 1800 ns (over 3600 merge steps): outer wins.
// COST-LABEL: func.func @csc_times_csr
// COST: sparq.matmul {{.*}} dataflow(outer)
func.func @csc_times_csr(%a: tensor<8x16xf32, #csc>, %b: tensor<16x32xf32, #csr>) -> tensor<8x32xf32> {
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x16xf32, #csc>, tensor<16x32xf32, #csr> -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// Run-time CSR x CSC: inner reads both as stored; row and outer convert
// one or both at run time. At the default density 0.5 the merge examines
// about three coordinates per effectual MAC and row still wins; with
// assumed-density=1 the merge steps equal the MACs, and the conversions
// and row's and outer's partial-sum loads and stores decide: inner wins.
// COST-LABEL: func.func @csr_times_csc
// COST: sparq.matmul {{.*}} dataflow(row)
// DENSE1-LABEL: func.func @csr_times_csc
// DENSE1: sparq.matmul {{.*}} dataflow(inner)
func.func @csr_times_csc(%a: tensor<8x16xf32, #csr>, %b: tensor<16x8xf32, #csc>) -> tensor<8x8xf32> {
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x16xf32, #csr>, tensor<16x8xf32, #csc> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// conv2d through im2col (M = 4, K = 4, N = 8, all dense): every dataflow
// is lowered to the same dense GEMM (128 MACs on 8 lanes along N = 8, 8 ns;
// 320 B, 32 ns): a tie, which goes to row; the existing dataflow(inner) is
// replaced.
// INNER-LABEL: func.func @conv
// INNER: sparq.conv2d {{.*}} dataflow(inner)
// OPS-LABEL: func.func @conv
// OPS: sparq.conv2d {{.*}} dataflow(outer)
// COST-LABEL: func.func @conv
// COST: sparq.conv2d {{.*}} dataflow(row)
func.func @conv(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x2x8xf32> {
  %f = arith.constant dense<1.0> : tensor<2x2x1x8xf32>
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) dataflow(inner) : tensor<1x3x3x1xf32>, tensor<2x2x1x8xf32> -> tensor<1x2x2x8xf32> loc("conv")
  return %y : tensor<1x2x2x8xf32>
}

// AlexNet conv4 through im2col with a 2:4 weight, at small scale
// (docs/cost-model.md): a dense x [72, 128] times a run-time nm<2, 4> weight
// stored as 65 lines of K = 128 (transpose_b; 4 B values + 2-bit metadata
// = 4.25 B per entry, E[nnz] = 4160), effectual MACs 128 * 72 * 32.5 =
// 299520 on 8 lanes = 18720 ns for every dataflow. Every dataflow
// transposes x at run time (2 * 9216 * 4 = 73728 B); outer also re-lays the
// weight out by rows (2 * 4160 * 4.25 = 35360 B). With a 32 KiB cache x^T
// (36864 B) does not fit and the 72 x 65 partial sums (18720 B) do.
//   row, inner: W 17680 + x^T twice (once per 64 of the 65 lines) 73728
//     + C 18720 + 73728 = 183856 B = 18385.6 ns; 37105.6 ns;
//   outer: 17680 + 36864 + 18720 + 109088 = 182352 B = 18235.2 ns, plus
//     2 * 299520 * 4 = 2396160 B of partial sums at 64 GB/s = 37440 ns;
//     74395.2 ns.
// Row wins (without its partial sums outer would cost 36955.2 ns and win,
// as it did on the real layer, measured 3.7x slower than row).
// SMALL-LABEL: func.func @conv4_like
// SMALL: sparq.matmul {{.*}} dataflow(row)
// SMALLREPORT: conv4_like       1x72x65x128          row           37105.6      74395.2      37105.6
func.func @conv4_like(%x: tensor<72x128xf32>, %w: tensor<65x128xf32, #nm>) -> tensor<72x65xf32> {
  %y = sparq.matmul %x, %w transpose_b acc(f32) : tensor<72x128xf32>, tensor<65x128xf32, #nm> -> tensor<72x65xf32> loc("conv4_like")
  return %y : tensor<72x65xf32>
}
