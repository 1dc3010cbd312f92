// RUN: sparq-opt %s --sparq-lower-dataflow --canonicalize --cse | FileCheck %s

#csc = #sparq.encoding<csc>

// C^T = W^T * X^T: X is transposed once into a stack copy with 8 x 8 tiles
// (8 vector loads, 3 stages of 8 shuffles, 8 vector stores); the register
// tiles of 8 rows of L are parked in an 8 x 64 stack buffer and written to C
// as 8 x 8 blocks transposed in registers (vector stores along C's rows).
// With 2 vectors per tile the compressed line is walked 4 entries at a time
// into 4 independent accumulator sets.
// CHECK-LABEL: func.func @csc_blocks
// CHECK: %[[XT:.*]] = memref.alloca() {alignment = 64 : i64} : memref<16x16xf32>
// CHECK-COUNT-8: vector.load %{{.*}} : memref<16x16xf32>, vector<8xf32>
// CHECK-COUNT-24: vector.shuffle
// CHECK-COUNT-8: vector.store %{{.*}}, %[[XT]]
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16x24xf32>
// CHECK: %[[PARK:.*]] = memref.alloca() {alignment = 64 : i64} : memref<8x64xf32>
// CHECK: scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK-COUNT-8: math.fma
// CHECK: vector.store %{{.*}}, %[[PARK]]
// CHECK-COUNT-8: vector.load %[[PARK]]
// CHECK-COUNT-24: vector.shuffle
// CHECK-COUNT-8: vector.store %{{.*}}, %[[C]]
func.func @csc_blocks(%x: tensor<16x16xf32>, %w: tensor<16x24xf32, #csc>) -> tensor<16x24xf32> {
  %y = sparq.matmul %x, %w acc(f32) dataflow(row) : tensor<16x16xf32>, tensor<16x24xf32, #csc> -> tensor<16x24xf32>
  return %y : tensor<16x24xf32>
}

// Dense x dense: the blocked GEMM. R is packed into panels of 2 vectors
// (the last one, columns 32..39 + padding, by masked transfer reads), then
// register tiles of 6 rows x 2 vectors: per k two panel loads, six
// broadcasts of L and twelve FMAs; the result needs no zero fill.
// CHECK-LABEL: func.func @gemm
// CHECK: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<12x40xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[PACK:.*]] = memref.alloca() {alignment = 64 : i64} : memref<3x20x16xf32>
// CHECK: vector.store %{{.*}}, %[[PACK]]
// CHECK: vector.transfer_read %{{.*}}[%{{.*}}, %c40], %{{.*}} : memref<20x40xf32>, vector<8xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c12 step %c6
// CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK-COUNT-2: vector.load %[[PACK]]
// CHECK-COUNT-12: math.fma
// CHECK: vector.transfer_write %{{.*}}, %[[OUT]]
func.func @gemm(%x: tensor<12x20xf32>, %w: tensor<20x40xf32>) -> tensor<12x40xf32> {
  %y = sparq.matmul %x, %w acc(f32) : tensor<12x20xf32>, tensor<20x40xf32> -> tensor<12x40xf32>
  return %y : tensor<12x40xf32>
}

// Stack budget: the loops' stack buffers of one function share 1 MiB. The
// first product's copy of X^T (512 KiB, rows padded by one cache line to
// 576 bytes: paddedRowStride) is on the stack; the second one's does not fit
// beside the first one's buffers and goes to the heap, freed (the padded
// allocation, not its subview) after its product.
// CHECK-LABEL: func.func @stack_budget
// CHECK: %[[S:.*]] = memref.alloca() {alignment = 64 : i64} : memref<1024x144xf32>
// CHECK: memref.subview %[[S]][0, 0] [1024, 128] [1, 1] : memref<1024x144xf32> to memref<1024x128xf32, strided<[144, 1]>>
// CHECK: %[[H:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1024x144xf32>
// CHECK: memref.subview %[[H]][0, 0] [1024, 128] [1, 1]
// CHECK: memref.dealloc %[[H]] : memref<1024x144xf32>
func.func @stack_budget(%x: tensor<128x1024xf32>, %w1: tensor<1024x8xf32, #csc>, %w2: tensor<1024x8xf32, #csc>) -> (tensor<128x8xf32>, tensor<128x8xf32>) {
  %y1 = sparq.matmul %x, %w1 acc(f32) dataflow(row) : tensor<128x1024xf32>, tensor<1024x8xf32, #csc> -> tensor<128x8xf32>
  %y2 = sparq.matmul %x, %w2 acc(f32) dataflow(row) : tensor<128x1024xf32>, tensor<1024x8xf32, #csc> -> tensor<128x8xf32>
  return %y1, %y2 : tensor<128x8xf32>, tensor<128x8xf32>
}

// C = A * B with B a run-time argument read in place by the row kernel: its
// 37-float rows (148 bytes) start off cache lines, and A's 8 entries read
// twice as many rows as B has (4), so B is first copied into rows padded to
// 48 floats (alignedRowsCopy: whole 64-byte lines), which the loops read.
// CHECK-LABEL: func.func @aligned_rows
// CHECK: %[[B:.*]] = bufferization.to_buffer %{{.*}} read_only : tensor<4x37xf32> to memref<4x37xf32>
// CHECK: %[[PAD:.*]] = memref.alloca() {alignment = 64 : i64} : memref<4x48xf32>
// CHECK: %[[ROWS:.*]] = memref.subview %[[PAD]][0, 0] [4, 37] [1, 1] : memref<4x48xf32> to memref<4x37xf32, strided<[48, 1]>>
// CHECK: vector.load %[[B]][{{.*}}] : memref<4x37xf32>, vector<8xf32>
// CHECK: vector.store %{{.*}}, %[[ROWS]][{{.*}}] : memref<4x37xf32, strided<[48, 1]>>, vector<8xf32>
// CHECK: math.fma
// CHECK-NOT: vector.load %[[B]]
// CHECK: return
func.func @aligned_rows(%b: tensor<4x37xf32>) -> tensor<2x37xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32>
  %p = arith.constant dense<[0, 4, 8]> : tensor<3xi32>
  %c = arith.constant dense<[0, 1, 2, 3, 0, 1, 2, 3]> : tensor<8xi32>
  %a = sparq.assemble values(%v : tensor<8xf32>) positions(%p : tensor<3xi32>) coordinates(%c : tensor<8xi32>) : tensor<2x4xf32, #sparq.encoding<csr>>
  %y = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<2x4xf32, #sparq.encoding<csr>>, tensor<4x37xf32> -> tensor<2x37xf32>
  return %y : tensor<2x37xf32>
}

// With 7 entries (fewer than twice B's 4 rows) the copy would not pay: B is
// read in place.
// CHECK-LABEL: func.func @unaligned_rows_few_entries
// CHECK: %[[B:.*]] = bufferization.to_buffer %{{.*}} read_only : tensor<4x37xf32> to memref<4x37xf32>
// CHECK-NOT: memref.subview
// CHECK: vector.load %[[B]][{{.*}}] : memref<4x37xf32>, vector<8xf32>
// CHECK: math.fma
// CHECK: return
func.func @unaligned_rows_few_entries(%b: tensor<4x37xf32>) -> tensor<2x37xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]> : tensor<7xf32>
  %p = arith.constant dense<[0, 4, 7]> : tensor<3xi32>
  %c = arith.constant dense<[0, 1, 2, 3, 0, 1, 2]> : tensor<7xi32>
  %a = sparq.assemble values(%v : tensor<7xf32>) positions(%p : tensor<3xi32>) coordinates(%c : tensor<7xi32>) : tensor<2x4xf32, #sparq.encoding<csr>>
  %y = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<2x4xf32, #sparq.encoding<csr>>, tensor<4x37xf32> -> tensor<2x37xf32>
  return %y : tensor<2x37xf32>
}
