// RUN: sparq-opt %s --sparq-lower-dataflow=print-plan=true -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN
// RUN: sparq-opt %s --sparq-lower-dataflow --canonicalize --cse | FileCheck %s
// RUN: sparq-opt %s --sparq-lower-dataflow="print-plan=true exact-float-accumulation=false" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF

// Exact float accumulation (docs/dataflow.md, Numerics): an integer product
// with a dense operand accumulates in f32 when the compiler bounds every
// partial sum by 2^24. Here X is a run-time i16 (|x| <= 32768) and W a
// constant whose column 0 sums to 512 in magnitude: 32768 * 512 = 2^24
// exactly, so f32 (W becomes an f32 constant, packed in the compiler into
// the dense GEMM's one panel of 2 x 8 lanes, zeros past its 3 columns; X is
// copied as f32 once, the loops are f32 FMAs, one fptosi pass gives the i32
// result).

// CHECK-LABEL: func.func @at_bound
// CHECK: arith.constant dense<{{\[\[}}[-1.280000e+02, 3.000000e+00, -1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [-1.280000e+02, -7.000000e+00, 2.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [-1.280000e+02, 1.000000e+02, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [-1.280000e+02, 0.000000e+00, 5.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]]> : tensor<1x4x16xf32>
// CHECK: arith.sitofp %{{.*}} : i16 to f32
// CHECK: math.fma %{{.*}} : vector<8xf32>
// CHECK-NOT: arith.muli
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: return
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @at_bound(%x: tensor<2x4xi16>) -> tensor<2x3xi32> {
  %w = arith.constant dense<[[-128, 3, -1], [-128, -7, 2], [-128, 100, 0], [-128, 0, 5]]> : tensor<4x3xi8>
  // PLAN: remark: {{.*}}accumulate in f32, exact: |partial sums| <= 32768 (max |A| of its type) * 512 (max column sum of |B|) = 16777216 <= 2^24; converted to i32
  %c = sparq.matmul %x, %w acc(i32) : tensor<2x4xi16>, tensor<4x3xi8> -> tensor<2x3xi32>
  return %c : tensor<2x3xi32>
}

// One more entry of 1 in column 0: 32768 * 513 > 2^24, so i32 as before.
// CHECK-LABEL: func.func @past_bound
// CHECK-NOT: f32
// CHECK: arith.muli %{{.*}} : vector<8xi32>
// CHECK-NOT: fptosi
// CHECK: return
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @past_bound(%x: tensor<2x5xi16>) -> tensor<2x3xi32> {
  %w = arith.constant dense<[[-128, 3, -1], [-128, -7, 2], [-128, 100, 0], [-128, 0, 5], [1, 2, 3]]> : tensor<5x3xi8>
  // PLAN: remark: {{.*}}accumulate in i32: |partial sums| <= 32768 (max |A| of its type) * 513 (max column sum of |B|) = 16809984, above 2^24 (f32 would not be exact)
  %c = sparq.matmul %x, %w acc(i32) : tensor<2x5xi16>, tensor<5x3xi8> -> tensor<2x3xi32>
  return %c : tensor<2x3xi32>
}

// Two run-time si8 operands: K * 128 * 128 is 2^24 at K = 1024 (f32, the
// dense GEMM on f32 copies of both) and above it at K = 1025, where the
// dense GEMM sums each 256-deep reduction block in f32 (256 * 128 * 128 =
// 2^22) and adds the block sums, converted, into the i32 result. With i16
// activations a block can reach 256 * 32768 * 128 = 2^30: i32 throughout.
// CHECK-LABEL: func.func @runtime_k1024
// CHECK: math.fma %{{.*}} : vector<8xf32>
// CHECK: arith.fptosi
// CHECK-LABEL: func.func @runtime_k1025
// CHECK: scf.for
// CHECK: math.fma %{{.*}} : vector<8xf32>
// CHECK: arith.fptosi %{{.*}} : vector<8xf32> to vector<8xi32>
// CHECK: vector.transfer_read %{{.*}} : memref<2x3xi32>, vector<8xi32>
// CHECK: arith.addi %{{.*}} : vector<8xi32>
// CHECK: vector.transfer_write %{{.*}} : vector<8xi32>, memref<2x3xi32>
// CHECK-LABEL: func.func @runtime_i16_k1025
// CHECK-NOT: f32
// CHECK: arith.muli %{{.*}} : vector<8xi32>
// CHECK-NOT: fptosi
// CHECK: return
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @runtime_k1024(%x: tensor<2x1024xi8>, %w: tensor<1024x3xi8>) -> tensor<2x3xi32> {
  // PLAN: remark: {{.*}}accumulate in f32, exact: |partial sums| <= 1024 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 16777216 <= 2^24; converted to i32
  %c = sparq.matmul %x, %w acc(i32) : tensor<2x1024xi8>, tensor<1024x3xi8> -> tensor<2x3xi32>
  return %c : tensor<2x3xi32>
}
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @runtime_k1025(%x: tensor<2x1025xi8>, %w: tensor<1025x3xi8>) -> tensor<2x3xi32> {
  // PLAN: remark: {{.*}}accumulate in f32 per reduction block of 256, exact: |partial sums of a block| <= 256 (block) * 128 (max |A| of its type) * 128 (max |B| of its type) = 4194304 <= 2^24 (of all K: <= 1025 (K) * 128 (max |A| of its type) * 128 (max |B| of its type) = 16793600); block sums converted and added in i32
  %c = sparq.matmul %x, %w acc(i32) : tensor<2x1025xi8>, tensor<1025x3xi8> -> tensor<2x3xi32>
  return %c : tensor<2x3xi32>
}
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @runtime_i16_k1025(%x: tensor<2x1025xi16>, %w: tensor<1025x3xi8>) -> tensor<2x3xi32> {
  // PLAN: remark: {{.*}}accumulate in i32: |partial sums| <= 1025 (K) * 32768 (max |A| of its type) * 128 (max |B| of its type) = 4299161600, above 2^24 (f32 would not be exact)
  %c = sparq.matmul %x, %w acc(i32) : tensor<2x1025xi16>, tensor<1025x3xi8> -> tensor<2x3xi32>
  return %c : tensor<2x3xi32>
}

// ui8 (|x| <= 255) asymmetric activations kept as stored times a folded
// per-channel asymmetric weight (column 0: q - zw = 127 + 128 = 255, four
// times, 1020 in all): 255 * 1020, f32; the zero-point correction of the
// activation stays in i32, after the conversion.
// CHECK-LABEL: func.func @asymmetric
// CHECK: math.fma
// CHECK: arith.fptosi
// CHECK: arith.subi
// CHECK: return
#xu = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#wa = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, channel(1)>>
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @asymmetric(%x: tensor<2x4xi8, #xu>) -> tensor<2x2xi32> {
  %v = arith.constant dense<[[127, 1], [127, 2], [127, 3], [127, 4]]> : tensor<4x2xi8>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %z = arith.constant dense<[-128, 0]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<4x2xi8>) scales(%s : tensor<2xf32>) zero_points(%z : tensor<2xi32>) : tensor<4x2xi8, #wa>
  // PLAN: remark: {{.*}}accumulate in f32, exact: |partial sums| <= 255 (max |A| of its type) * 1020 (max column sum of |B|) = 260100 <= 2^24; converted to i32
  %c = sparq.matmul %x, %w acc(i32) : tensor<2x4xi8, #xu>, tensor<4x2xi8, #wa> -> tensor<2x2xi32>
  return %c : tensor<2x2xi32>
}

// Where f32 is not considered: two sparse operands (scalar integer MACs), a
// compressed result, a float accumulator (no accumulation remark).
#csr = #sparq.encoding<csr>
// CHECK-LABEL: func.func @sparse_sparse
// CHECK-NOT: fptosi
// CHECK: return
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @sparse_sparse(%a: tensor<4x8xi8, #csr>, %b: tensor<8x4xi8, #csr>) -> tensor<4x4xi32> {
  // PLAN: remark: {{.*}}accumulate in i32 (sparse x sparse: scalar integer multiply-adds)
  %c = sparq.matmul %a, %b acc(i32) : tensor<4x8xi8, #csr>, tensor<8x4xi8, #csr> -> tensor<4x4xi32>
  return %c : tensor<4x4xi32>
}
// OFF: remark: {{.*}}accumulate in i32 (exact-float-accumulation=false)
func.func @csr_result(%a: tensor<4x8xi8>, %b: tensor<8x4xi8, #csr>) -> tensor<4x4xi32, #csr> {
  // PLAN: remark: {{.*}}accumulate in i32 (a csr result is built in the integer accumulator)
  %c = sparq.matmul %a, %b acc(i32) : tensor<4x8xi8>, tensor<8x4xi8, #csr> -> tensor<4x4xi32, #csr>
  return %c : tensor<4x4xi32, #csr>
}
// OFF-NOT: accumulate
func.func @float_acc(%a: tensor<4x8xf32>, %b: tensor<8x4xf32, #csr>) -> tensor<4x4xf32> {
  // PLAN: remark: {{.*}}(row reads this operand by columns but csr groups it by rows){{$}}
  %c = sparq.matmul %a, %b acc(f32) : tensor<4x8xf32>, tensor<8x4xf32, #csr> -> tensor<4x4xf32>
  return %c : tensor<4x4xf32>
}
