// RUN: sparq-opt %s --sparq-lower-dataflow --canonicalize --cse | FileCheck %s
// RUN: sparq-opt %s --sparq-lower-dataflow=print-plan -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN

// The bitmap join of the inner dataflow (docs/dataflow.md, "Bitmap join").

#bitmap = #sparq.encoding<bitmap>

// A (2 x 70) and B (70 x 3) as bitmap constants, K = 70: two words per line.
//   A row 0: k = 0 (1.0), 65 (2.0): words [1, 2]; row 1: k = 3 (3.0): [8, 0].
//   B row 0: n = 0, 1 (1.0, 2.0); row 3: n = 2 (3.0); row 65: n = 0 (4.0).
// B is re-laid out along K in the compiler: column 0 holds k = 0, 65 (words
// [1, 2], values 1, 4), column 1 k = 0 ([1, 0], 2), column 2 k = 3 ([8, 0],
// 3). The product is [[9, 2, 0], [0, 0, 9]] (bitmap-join-run.mlir runs it).
// PLAN: remark: dataflow inner, orientation C = A * B, A iterated as bitmap(rows), B iterated as bitmap(columns), intersection bitmap AND + popcount; convert B bitmap(rows) -> bitmap(columns) at compile time (the bitmap join ANDs a row of A with a column of B, both bitmaps along K)
// CHECK-LABEL: func.func @constant_operands
// CHECK-DAG: arith.constant dense<{{\[}}[1, 2], [1, 0], [8, 0]]> : tensor<3x2xi64>
// CHECK-DAG: arith.constant dense<[1.000000e+00, 4.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<4xf32>
// Per-word value offsets (entries before each word), constants too: A's
// words hold 1, 1, 1, 0 entries, B^T's 1, 1, 1, 0, 1, 0.
// CHECK-DAG: arith.constant dense<[0, 1, 2, 3, 3]> : tensor<5xindex>
// CHECK-DAG: arith.constant dense<[0, 1, 2, 3, 3, 4, 4]> : tensor<7xindex>
// CHECK-NOT: memref.alloc() : memref<{{[57]}}xindex>
// The join: one AND per word pair, then the matched bits.
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (f32)
// CHECK: %[[BOTH:.*]] = arith.andi
// CHECK: scf.while ({{.*}} = %[[BOTH]], {{.*}}) : (i64, f32) -> (i64, f32)
// CHECK: math.cttz
// CHECK: math.ctpop
// CHECK: math.ctpop
// CHECK: math.fma
// CHECK-NOT: sparq.
func.func @constant_operands() -> tensor<2x3xf32> {
  %av = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %ab = arith.constant dense<[[1, 2], [8, 0]]> : tensor<2x2xi64>
  %a = sparq.assemble values(%av : tensor<3xf32>) bitmap(%ab : tensor<2x2xi64>) : tensor<2x70xf32, #bitmap>
  %bv = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %bb = arith.constant dense<[[3], [0], [0], [4], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [1], [0], [0], [0], [0]]> : tensor<70x1xi64>
  %b = sparq.assemble values(%bv : tensor<4xf32>) bitmap(%bb : tensor<70x1xi64>) : tensor<70x3xf32, #bitmap>
  %y = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<2x70xf32, #bitmap>, tensor<70x3xf32, #bitmap> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// Run-time operands: B's bitmap is transposed once per call (a counting sort
// of its entries into a bitmap of 3 lines of 2 words); no conversion to
// coordinates.
// PLAN: remark: dataflow inner, orientation C = A * B, A iterated as bitmap(rows), B iterated as bitmap(columns), intersection bitmap AND + popcount; convert B bitmap(rows) -> bitmap(columns) at run time
// CHECK-LABEL: func.func @runtime_operands
// Offsets of A computed per call, one popcount per word.
// CHECK: memref.alloc() : memref<5xindex>
// CHECK: math.ctpop
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<3x2xi64>
// CHECK: arith.shli
// CHECK: arith.ori
// CHECK: scf.while
// CHECK: math.ctpop
func.func @runtime_operands(%a: tensor<2x70xf32, #bitmap>, %b: tensor<70x3xf32, #bitmap>) -> tensor<2x3xf32> {
  %y = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<2x70xf32, #bitmap>, tensor<70x3xf32, #bitmap> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// B stored transposed ([N, K]): its rows are already bitmaps along K.
// PLAN: remark: dataflow inner, orientation C = A * B, A iterated as bitmap(rows), B iterated as bitmap(columns), intersection bitmap AND + popcount{{$}}
// CHECK-LABEL: func.func @transposed_b
// CHECK-NOT: arith.shli
// CHECK: scf.while
func.func @transposed_b(%a: tensor<2x70xf32, #bitmap>, %b: tensor<3x70xf32, #bitmap>) -> tensor<2x3xf32> {
  %y = sparq.matmul %a, %b transpose_b acc(f32) dataflow(inner) : tensor<2x70xf32, #bitmap>, tensor<3x70xf32, #bitmap> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// Row-wise reads a bitmap in place too (its lines walked with cttz): no
// conversion.
// PLAN: remark: dataflow row, orientation C = A * B, A iterated as bitmap(rows), B iterated as bitmap(rows){{$}}
// CHECK-LABEL: func.func @row_in_place
// CHECK: math.cttz
// CHECK: math.cttz
func.func @row_in_place(%a: tensor<2x70xf32, #bitmap>, %b: tensor<70x3xf32, #bitmap>) -> tensor<2x3xf32> {
  %y = sparq.matmul %a, %b acc(f32) dataflow(row) : tensor<2x70xf32, #bitmap>, tensor<70x3xf32, #bitmap> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
