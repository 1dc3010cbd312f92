// The bitmap join (AND + popcount) of the inner dataflow, JIT-run through
// --sparq-to-llvm. Inputs/gen_bitmap_join.py generates 14 products per
// element type (bitmap x bitmap, bitmap x dense, dense x bitmap; K = 1, 7,
// 64, 65, 70, 129, 131, 200; densities 0 to 1 with empty rows and columns;
// B stored [K, N] or [N, K]; run-time or constant operands), compares each
// with numpy and checks that every bitmap x bitmap plan takes the join.
// RUN: %python %S/Inputs/gen_bitmap_join.py --dtype f32 --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s --check-prefix=F32
// RUN: %python %S/Inputs/gen_bitmap_join.py --dtype i8sym --opt sparq-opt --runner mlir-runner --runner-libs %mlir_runner_libs --work %t | FileCheck %s --check-prefix=I8
// F32-NOT: MISMATCH
// F32: f32: 14 products, 0 mismatches
// F32-NEXT: join: 10 of 10 bitmap x bitmap products
// I8-NOT: MISMATCH
// I8: i8sym: 14 products, 0 mismatches
// I8-NEXT: join: 10 of 10 bitmap x bitmap products
//
// The worked example of test/Conversion/SparqToLoops/bitmap-join.mlir: with
// A[0, 0] = 1, A[0, 65] = 2, A[1, 3] = 3 and B[0, 0] = 1, B[0, 1] = 2,
// B[3, 2] = 3, B[65, 0] = 4, C = [[1*1 + 2*4, 1*2, 0], [0, 0, 3*3]].
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// CHECK: ( ( 9, 2, 0 ), ( 0, 0, 9 ) )
//
// A group-quantized bitmap B (si8, group(0, 4): one scale per 4 rows of K
// and column) is transposed in generated code (its scales would need
// re-laying out too), after dequantization: with
//   A = [[1, 0, 2, 0, 0, 3, 0, 1], [0, 1, 0, 0, 4, 0, 0, 0]],
//   q = [[1, 0, 2], [0, 3, 0], [4, 0, 0], [0, 0, 5],
//        [6, 0, 0], [0, 7, 0], [0, 0, 0], [1, 1, 1]],
//   scales [[0.5, 1, 2], [0.25, 0.5, 4]] (rows 0-3, rows 4-7),
// C[0] = [1*0.5 + 2*4*0.5 + 1*0.25, 3*7*0.5 + 1*0.5, 1*2*2 + 1*4]
//      = [4.75, 11, 8], C[1] = [4*6*0.25, 1*3*1, 0] = [6, 3, 0].
// CHECK: ( ( 4.75, 11, 8 ), ( 6, 3, 0 ) )

#bitmap = #sparq.encoding<bitmap>
#qd = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 4)>>
#qb = #sparq.encoding<bitmap, quant = #sparq.quant<si8:f32, symmetric, group(0, 4)>>

func.func @group_quant(%a: tensor<2x8xf32, #bitmap>, %b: tensor<8x3xi8, #qb>) -> tensor<2x3xf32> {
  %c = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<2x8xf32, #bitmap>, tensor<8x3xi8, #qb> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

func.func @bitmap_join() -> tensor<2x3xf32> {
  %av = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %ab = arith.constant dense<[[1, 2], [8, 0]]> : tensor<2x2xi64>
  %a = sparq.assemble values(%av : tensor<3xf32>) bitmap(%ab : tensor<2x2xi64>) : tensor<2x70xf32, #bitmap>
  %bv = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %bb = arith.constant dense<[[3], [0], [0], [4], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [0], [1], [0], [0], [0], [0]]> : tensor<70x1xi64>
  %b = sparq.assemble values(%bv : tensor<4xf32>) bitmap(%bb : tensor<70x1xi64>) : tensor<70x3xf32, #bitmap>
  %y = sparq.matmul %a, %b acc(f32) dataflow(inner) : tensor<2x70xf32, #bitmap>, tensor<70x3xf32, #bitmap> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -1.0 : f32
  %c = call @bitmap_join() : () -> tensor<2x3xf32>
  %v = vector.transfer_read %c[%c0, %c0], %pad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print %v : vector<2x3xf32>

  %ga = arith.constant dense<[[1.0, 0.0, 2.0, 0.0, 0.0, 3.0, 0.0, 1.0], [0.0, 1.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0]]> : tensor<2x8xf32>
  %gq = arith.constant dense<[[1, 0, 2], [0, 3, 0], [4, 0, 0], [0, 0, 5], [6, 0, 0], [0, 7, 0], [0, 0, 0], [1, 1, 1]]> : tensor<8x3xi8>
  %gs = arith.constant dense<[[0.5, 1.0, 2.0], [0.25, 0.5, 4.0]]> : tensor<2x3xf32>
  %gbd = sparq.assemble values(%gq : tensor<8x3xi8>) scales(%gs : tensor<2x3xf32>) : tensor<8x3xi8, #qd>
  %gb = sparq.pack %gbd : tensor<8x3xi8, #qd> -> tensor<8x3xi8, #qb>
  %gap = sparq.pack %ga : tensor<2x8xf32> -> tensor<2x8xf32, #bitmap>
  %gc = call @group_quant(%gap, %gb) : (tensor<2x8xf32, #bitmap>, tensor<8x3xi8, #qb>) -> tensor<2x3xf32>
  %gv = vector.transfer_read %gc[%c0, %c0], %pad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print %gv : vector<2x3xf32>
  return
}
