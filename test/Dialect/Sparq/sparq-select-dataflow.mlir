// RUN: sparq-opt %s --sparq-select-dataflow="policy=inner" | FileCheck %s --check-prefix=INNER
// RUN: sparq-opt %s --sparq-select-dataflow="policy=outer ops=conv" | FileCheck %s --check-prefix=OPS
// RUN: sparq-opt %s --sparq-select-dataflow | FileCheck %s --check-prefix=COST
// RUN: sparq-opt %s --sparq-select-dataflow="assumed-density=1.0" | FileCheck %s --check-prefix=DENSE1

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc>

// A constant CSR weight W [4, 4] times a run-time dense x [2, 4]. The
// lowering computes C^T = W^T x^T for every dataflow; row and outer run
// 10 effectual MACs vectorized along M = 2, inner merges 22 coordinates
// scalar: row wins (tied with outer; ties go to row).
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

// A run-time CSC activation times a dense weight: row would first convert
// A to CSR at run time; outer reads A by columns as stored, and its 8 x 32
// partial sums fit the cache: outer wins.
// INNER-LABEL: func.func @csc_activation
// INNER: dataflow(inner)
// COST-LABEL: func.func @csc_activation
// COST: sparq.matmul {{.*}} dataflow(outer)
func.func @csc_activation(%a: tensor<8x16xf32, #csc>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x16xf32, #csc>, tensor<16x32xf32> -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// Run-time CSR x CSC: inner reads both as stored; row and outer convert
// one or both at run time. At the default density 0.5 the merge examines
// about three coordinates per effectual MAC and row still wins; with
// assumed-density=1 the merge steps equal the MACs and the conversions
// decide: inner wins.
// COST-LABEL: func.func @csr_times_csc
// COST: sparq.matmul {{.*}} dataflow(row)
// DENSE1-LABEL: func.func @csr_times_csc
// DENSE1: sparq.matmul {{.*}} dataflow(inner)
func.func @csr_times_csc(%a: tensor<8x16xf32, #csr>, %b: tensor<16x8xf32, #csc>) -> tensor<8x8xf32> {
  %y = sparq.matmul %a, %b acc(f32) : tensor<8x16xf32, #csr>, tensor<16x8xf32, #csc> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// conv2d through im2col (M = 4, K = 4, N = 8, all dense): row vectorizes
// along N = 8 lanes, inner only along K = 4; the existing dataflow(inner)
// is replaced.
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
