// Every storage format on either operand and on both, under each dataflow,
// JIT-run through --sparq-to-llvm (which runs --sparq-lower-dataflow first);
// the numbers are checked against an independent numpy reference
// (Inputs/dataflow_reference.py, whose output is matched by the same CHECK
// lines). Float products here are exact (small integers), so they must match
// exactly; the integer product is bit-exact by construction.
// RUN: sed 's/DATAFLOW/row/' %s | sparq-opt --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sed 's/DATAFLOW/inner/' %s | sparq-opt --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sed 's/DATAFLOW/outer/' %s | sparq-opt --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The reference lowering gives the same numbers:
// RUN: sed 's/DATAFLOW/row/' %s | sparq-opt --sparq-to-llvm=dataflow=false | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: %python %S/Inputs/dataflow_reference.py | FileCheck %s

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc>
#coo = #sparq.encoding<coo>
#bitmap = #sparq.encoding<bitmap>
#nm = #sparq.encoding<nm<2, 4>>
#bcsr = #sparq.encoding<bcsr<1x2>>
#a8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#w8 = #sparq.quant<si8:f32, symmetric, channel(1)>
#w8dense = #sparq.encoding<dense, quant = #w8>
#w8csr = #sparq.encoding<csr, quant = #w8>

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -99.0 : f32
  %ipad = arith.constant -99 : i32
  %a = arith.constant dense<[[1.0, 0.0, 2.0, 0.0, 0.0, 3.0, 0.0, -1.0], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [4.0, -2.0, 0.0, 0.0, 0.0, 1.0, 5.0, 0.0]]> : tensor<3x8xf32>
  %b = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, -1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [3.0, 0.0, 1.0, 0.0], [0.0, 2.0, 0.0, -2.0], [0.0, 0.0, 0.0, 4.0], [-1.0, 0.0, 3.0, 0.0], [0.0, 5.0, 0.0, 0.0]]> : tensor<8x4xf32>

  // CHECK-LABEL: b-dense
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r1 = sparq.matmul %a, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v1 = vector.transfer_read %r1[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "b-dense\n"
  vector.print %v1 : vector<3x4xf32>
  // CHECK-LABEL: a-dense
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r2 = sparq.matmul %a, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v2 = vector.transfer_read %r2[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "a-dense\n"
  vector.print %v2 : vector<3x4xf32>
  // CHECK-LABEL: ab-dense
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r3 = sparq.matmul %a, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v3 = vector.transfer_read %r3[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "ab-dense\n"
  vector.print %v3 : vector<3x4xf32>
  %a_csr = sparq.pack %a : tensor<3x8xf32> -> tensor<3x8xf32, #csr>
  %b_csr = sparq.pack %b : tensor<8x4xf32> -> tensor<8x4xf32, #csr>
  // CHECK-LABEL: b-csr
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r4 = sparq.matmul %a, %b_csr acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32, #csr> -> tensor<3x4xf32>
  %v4 = vector.transfer_read %r4[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "b-csr\n"
  vector.print %v4 : vector<3x4xf32>
  // CHECK-LABEL: a-csr
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r5 = sparq.matmul %a_csr, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #csr>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v5 = vector.transfer_read %r5[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "a-csr\n"
  vector.print %v5 : vector<3x4xf32>
  // CHECK-LABEL: ab-csr
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r6 = sparq.matmul %a_csr, %b_csr acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #csr>, tensor<8x4xf32, #csr> -> tensor<3x4xf32>
  %v6 = vector.transfer_read %r6[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "ab-csr\n"
  vector.print %v6 : vector<3x4xf32>
  %a_csc = sparq.pack %a : tensor<3x8xf32> -> tensor<3x8xf32, #csc>
  %b_csc = sparq.pack %b : tensor<8x4xf32> -> tensor<8x4xf32, #csc>
  // CHECK-LABEL: b-csc
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r7 = sparq.matmul %a, %b_csc acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32, #csc> -> tensor<3x4xf32>
  %v7 = vector.transfer_read %r7[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "b-csc\n"
  vector.print %v7 : vector<3x4xf32>
  // CHECK-LABEL: a-csc
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r8 = sparq.matmul %a_csc, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #csc>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v8 = vector.transfer_read %r8[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "a-csc\n"
  vector.print %v8 : vector<3x4xf32>
  // CHECK-LABEL: ab-csc
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r9 = sparq.matmul %a_csc, %b_csc acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #csc>, tensor<8x4xf32, #csc> -> tensor<3x4xf32>
  %v9 = vector.transfer_read %r9[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "ab-csc\n"
  vector.print %v9 : vector<3x4xf32>
  %a_coo = sparq.pack %a : tensor<3x8xf32> -> tensor<3x8xf32, #coo>
  %b_coo = sparq.pack %b : tensor<8x4xf32> -> tensor<8x4xf32, #coo>
  // CHECK-LABEL: b-coo
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r10 = sparq.matmul %a, %b_coo acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32, #coo> -> tensor<3x4xf32>
  %v10 = vector.transfer_read %r10[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "b-coo\n"
  vector.print %v10 : vector<3x4xf32>
  // CHECK-LABEL: a-coo
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r11 = sparq.matmul %a_coo, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #coo>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v11 = vector.transfer_read %r11[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "a-coo\n"
  vector.print %v11 : vector<3x4xf32>
  // CHECK-LABEL: ab-coo
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r12 = sparq.matmul %a_coo, %b_coo acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #coo>, tensor<8x4xf32, #coo> -> tensor<3x4xf32>
  %v12 = vector.transfer_read %r12[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "ab-coo\n"
  vector.print %v12 : vector<3x4xf32>
  %a_bitmap = sparq.pack %a : tensor<3x8xf32> -> tensor<3x8xf32, #bitmap>
  %b_bitmap = sparq.pack %b : tensor<8x4xf32> -> tensor<8x4xf32, #bitmap>
  // CHECK-LABEL: b-bitmap
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r13 = sparq.matmul %a, %b_bitmap acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32, #bitmap> -> tensor<3x4xf32>
  %v13 = vector.transfer_read %r13[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "b-bitmap\n"
  vector.print %v13 : vector<3x4xf32>
  // CHECK-LABEL: a-bitmap
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r14 = sparq.matmul %a_bitmap, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #bitmap>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v14 = vector.transfer_read %r14[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "a-bitmap\n"
  vector.print %v14 : vector<3x4xf32>
  // CHECK-LABEL: ab-bitmap
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r15 = sparq.matmul %a_bitmap, %b_bitmap acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #bitmap>, tensor<8x4xf32, #bitmap> -> tensor<3x4xf32>
  %v15 = vector.transfer_read %r15[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "ab-bitmap\n"
  vector.print %v15 : vector<3x4xf32>
  %a_nm = sparq.pack %a : tensor<3x8xf32> -> tensor<3x8xf32, #nm>
  %b_nm = sparq.pack %b : tensor<8x4xf32> -> tensor<8x4xf32, #nm>
  // CHECK-LABEL: b-nm
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r16 = sparq.matmul %a, %b_nm acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32, #nm> -> tensor<3x4xf32>
  %v16 = vector.transfer_read %r16[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "b-nm\n"
  vector.print %v16 : vector<3x4xf32>
  // CHECK-LABEL: a-nm
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r17 = sparq.matmul %a_nm, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #nm>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v17 = vector.transfer_read %r17[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "a-nm\n"
  vector.print %v17 : vector<3x4xf32>
  // CHECK-LABEL: ab-nm
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r18 = sparq.matmul %a_nm, %b_nm acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #nm>, tensor<8x4xf32, #nm> -> tensor<3x4xf32>
  %v18 = vector.transfer_read %r18[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "ab-nm\n"
  vector.print %v18 : vector<3x4xf32>
  %a_bcsr = sparq.pack %a : tensor<3x8xf32> -> tensor<3x8xf32, #bcsr>
  %b_bcsr = sparq.pack %b : tensor<8x4xf32> -> tensor<8x4xf32, #bcsr>
  // CHECK-LABEL: b-bcsr
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r19 = sparq.matmul %a, %b_bcsr acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<8x4xf32, #bcsr> -> tensor<3x4xf32>
  %v19 = vector.transfer_read %r19[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "b-bcsr\n"
  vector.print %v19 : vector<3x4xf32>
  // CHECK-LABEL: a-bcsr
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r20 = sparq.matmul %a_bcsr, %b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #bcsr>, tensor<8x4xf32> -> tensor<3x4xf32>
  %v20 = vector.transfer_read %r20[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "a-bcsr\n"
  vector.print %v20 : vector<3x4xf32>
  // CHECK-LABEL: ab-bcsr
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r21 = sparq.matmul %a_bcsr, %b_bcsr acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32, #bcsr>, tensor<8x4xf32, #bcsr> -> tensor<3x4xf32>
  %v21 = vector.transfer_read %r21[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "ab-bcsr\n"
  vector.print %v21 : vector<3x4xf32>
  %bt = arith.constant dense<[[1.0, 0.0, 0.0, 3.0, 0.0, 0.0, -1.0, 0.0], [0.0, -1.0, 0.0, 0.0, 2.0, 0.0, 0.0, 5.0], [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 3.0, 0.0], [2.0, 0.0, 0.0, 0.0, -2.0, 4.0, 0.0, 0.0]]> : tensor<4x8xf32>
  %bt_csr = sparq.pack %bt : tensor<4x8xf32> -> tensor<4x8xf32, #csr>
  // CHECK-LABEL: bt-csr
  // CHECK-NEXT: ( ( 1, -5, 0, 14 ), ( 0, 0, 0, 0 ), ( -1, 2, 15, 12 ) )
  %r22 = sparq.matmul %a, %bt_csr transpose_b acc(f32) dataflow(DATAFLOW) : tensor<3x8xf32>, tensor<4x8xf32, #csr> -> tensor<3x4xf32>
  %v22 = vector.transfer_read %r22[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "bt-csr\n"
  vector.print %v22 : vector<3x4xf32>

  // int8: (a - 3) * w summed in i32; the f32 result applies 0.5 * ws[n] once.
  %qav = arith.constant dense<[[3, 5, 0, 10, 3, 3, 7, 1], [3, 3, 3, 3, 3, 3, 3, 3], [-6, 3, 9, 3, 0, 3, 3, 4]]> : tensor<3x8xi8>
  %as = arith.constant dense<[0.5]> : tensor<1xf32>
  %az = arith.constant dense<[3]> : tensor<1xi32>
  %qa = sparq.assemble values(%qav : tensor<3x8xi8>) scales(%as : tensor<1xf32>) zero_points(%az : tensor<1xi32>) : tensor<3x8xi8, #a8>
  %qwv = arith.constant dense<[[3, 0, 0, 6], [0, -3, 0, 0], [0, 0, 0, 0], [9, 0, 3, 0], [0, 6, 0, -6], [0, 0, 0, 12], [-3, 0, 9, 0], [0, 15, 0, 0]]> : tensor<8x4xi8>
  %ws = arith.constant dense<[0.25, 0.5, 1.0, 0.125]> : tensor<4xf32>
  %qwd = sparq.assemble values(%qwv : tensor<8x4xi8>) scales(%ws : tensor<4xf32>) : tensor<8x4xi8, #w8dense>
  %qw = sparq.pack %qwd : tensor<8x4xi8, #w8dense> -> tensor<8x4xi8, #w8csr>
  // CHECK-LABEL: int8-i32
  // CHECK-NEXT: ( ( 51, -36, 57, 0 ), ( 0, 0, 0, 0 ), ( 741, -3, 0, 1500 ) )
  %qi = sparq.matmul %qa, %qw acc(i32) dataflow(DATAFLOW) : tensor<3x8xi8, #a8>, tensor<8x4xi8, #w8csr> -> tensor<3x4xi32>
  %qiv = vector.transfer_read %qi[%c0, %c0], %ipad : tensor<3x4xi32>, vector<3x4xi32>
  vector.print str "int8-i32\n"
  vector.print %qiv : vector<3x4xi32>
  // CHECK-LABEL: int8-f32
  // CHECK-NEXT: ( ( 6.375, -9, 28.5, 0 ), ( 0, 0, 0, 0 ), ( 92.625, -0.75, 0, 93.75 ) )
  %qf = sparq.matmul %qa, %qw acc(i32) dataflow(DATAFLOW) : tensor<3x8xi8, #a8>, tensor<8x4xi8, #w8csr> -> tensor<3x4xf32>
  %qfv = vector.transfer_read %qf[%c0, %c0], %pad : tensor<3x4xf32>, vector<3x4xf32>
  vector.print str "int8-f32\n"
  vector.print %qfv : vector<3x4xf32>
  return
}
