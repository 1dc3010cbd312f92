// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The sparsifier's vectorizer must leave the generated code intact:
// RUN: sparq-opt %s '--sparq-to-llvm=vectorize=true' | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

// Packs small matrices with empty rows / columns into every format, prints
// the parts and unpacks them again. Expected parts are worked out by hand
// (see the comments above each matrix).

#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc, pos_width = 16, crd_width = 8>
#coo = #sparq.encoding<coo>
#bitmap = #sparq.encoding<bitmap>
#nm24 = #sparq.encoding<nm<2, 4>>
#nm14 = #sparq.encoding<nm<1, 4>>
#bcsr = #sparq.encoding<bcsr<2x2>>
#csr3 = #sparq.encoding<csr>
#a8 = #sparq.quant<ui8:f32, asymmetric, tensor>
#qdense = #sparq.encoding<dense, quant = #a8>
#qcsr = #sparq.encoding<csr, quant = #a8>

func.func @print_i32(%t: tensor<?xi32>, %n: index) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -1 : i32
  %v = vector.transfer_read %t[%c0], %pad : tensor<?xi32>, vector<8xi32>
  vector.print %n : index
  vector.print %v : vector<8xi32>
  return
}

func.func @print_f32(%t: tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -1.0 : f32
  %v = vector.transfer_read %t[%c0], %pad : tensor<?xf32>, vector<8xf32>
  vector.print %v : vector<8xf32>
  return
}

/// Widens any small integer matrix to i32 with scalar code (a vector load of
/// an i2 memref would read packed bits; the lowering stores one per byte).
func.func @widen(%t: tensor<?x?xi2>) -> tensor<?x?xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %t, %c0 : tensor<?x?xi2>
  %c = tensor.dim %t, %c1 : tensor<?x?xi2>
  %e = tensor.empty(%r, %c) : tensor<?x?xi32>
  %w = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<?x?xi2>) outs(%e : tensor<?x?xi32>) {
  ^bb0(%in: i2, %out: i32):
    %x = arith.extui %in : i2 to i32
    linalg.yield %x : i32
  } -> tensor<?x?xi32>
  return %w : tensor<?x?xi32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %fpad = arith.constant -1.0 : f32
  %ipad = arith.constant -1 : i32
  %c0_i8 = arith.constant 0 : i8
  %c0_i16 = arith.constant 0 : i16
  %c0_i64 = arith.constant 0 : i64

  // A (5x7): rows 1 and 3 and columns 2, 3 and 5 are empty.
  %a = arith.constant dense<[[0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 2.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 5.0, 0.0, 0.0, 6.0, 0.0, 7.0]]> : tensor<5x7xf32>

  // CSR: positions 0 2 2 4 4 7, coordinates 1 6 0 6 1 4 6, values 1..7.
  %csr = sparq.pack %a : tensor<5x7xf32> -> tensor<5x7xf32, #csr>
  %csr_p = sparq.part positions of %csr : tensor<5x7xf32, #csr> -> tensor<6xi32>
  %csr_c = sparq.part coordinates of %csr : tensor<5x7xf32, #csr> -> tensor<?xi32>
  %csr_v = sparq.part values of %csr : tensor<5x7xf32, #csr> -> tensor<?xf32>
  %csr_pv = vector.transfer_read %csr_p[%c0], %ipad : tensor<6xi32>, vector<6xi32>
  // CHECK-LABEL: csr
  // CHECK-NEXT: ( 0, 2, 2, 4, 4, 7 )
  // CHECK-NEXT: 7
  // CHECK-NEXT: ( 1, 6, 0, 6, 1, 4, 6, -1 )
  // CHECK-NEXT: ( 1, 2, 3, 4, 5, 6, 7, -1 )
  // CHECK-NEXT: ( ( 0, 1, 0, 0, 0, 0, 2 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 3, 0, 0, 0, 0, 0, 4 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 0, 5, 0, 0, 6, 0, 7 ) )
  vector.print str "csr\n"
  vector.print %csr_pv : vector<6xi32>
  %csr_n = tensor.dim %csr_c, %c0 : tensor<?xi32>
  func.call @print_i32(%csr_c, %csr_n) : (tensor<?xi32>, index) -> ()
  func.call @print_f32(%csr_v) : (tensor<?xf32>) -> ()
  %csr_u = sparq.unpack %csr : tensor<5x7xf32, #csr> -> tensor<5x7xf32>
  %csr_uv = vector.transfer_read %csr_u[%c0, %c0], %fpad : tensor<5x7xf32>, vector<5x7xf32>
  vector.print %csr_uv : vector<5x7xf32>

  // CSC (16-bit positions, 8-bit coordinates): positions 0 1 3 3 3 4 4 7,
  // row coordinates 2 0 4 4 0 2 4, values 3 1 5 6 2 4 7.
  %csc = sparq.pack %a : tensor<5x7xf32> -> tensor<5x7xf32, #csc>
  %csc_p = sparq.part positions of %csc : tensor<5x7xf32, #csc> -> tensor<8xi16>
  %csc_c = sparq.part coordinates of %csc : tensor<5x7xf32, #csc> -> tensor<?xi8>
  %csc_v = sparq.part values of %csc : tensor<5x7xf32, #csc> -> tensor<?xf32>
  %csc_pv = vector.transfer_read %csc_p[%c0], %c0_i16 : tensor<8xi16>, vector<8xi16>
  %csc_cv = vector.transfer_read %csc_c[%c0], %c0_i8 : tensor<?xi8>, vector<8xi8>
  // CHECK-LABEL: csc
  // CHECK-NEXT: ( 0, 1, 3, 3, 3, 4, 4, 7 )
  // CHECK-NEXT: ( 2, 0, 4, 4, 0, 2, 4, 0 )
  // CHECK-NEXT: ( 3, 1, 5, 6, 2, 4, 7, -1 )
  // CHECK-NEXT: ( ( 0, 1, 0, 0, 0, 0, 2 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 3, 0, 0, 0, 0, 0, 4 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 0, 5, 0, 0, 6, 0, 7 ) )
  vector.print str "csc\n"
  vector.print %csc_pv : vector<8xi16>
  vector.print %csc_cv : vector<8xi8>
  func.call @print_f32(%csc_v) : (tensor<?xf32>) -> ()
  %csc_u = sparq.unpack %csc : tensor<5x7xf32, #csc> -> tensor<5x7xf32>
  %csc_uv = vector.transfer_read %csc_u[%c0, %c0], %fpad : tensor<5x7xf32>, vector<5x7xf32>
  vector.print %csc_uv : vector<5x7xf32>

  // COO: (0,1) (0,6) (2,0) (2,6) (4,1) (4,4) (4,6), values 1..7.
  %coo = sparq.pack %a : tensor<5x7xf32> -> tensor<5x7xf32, #coo>
  %coo_c = sparq.part coordinates of %coo : tensor<5x7xf32, #coo> -> tensor<?x2xi32>
  %coo_v = sparq.part values of %coo : tensor<5x7xf32, #coo> -> tensor<?xf32>
  %coo_cv = vector.transfer_read %coo_c[%c0, %c0], %ipad : tensor<?x2xi32>, vector<8x2xi32>
  // CHECK-LABEL: coo
  // CHECK-NEXT: ( ( 0, 1 ), ( 0, 6 ), ( 2, 0 ), ( 2, 6 ), ( 4, 1 ), ( 4, 4 ), ( 4, 6 ), ( -1, -1 ) )
  // CHECK-NEXT: ( 1, 2, 3, 4, 5, 6, 7, -1 )
  // CHECK-NEXT: ( ( 0, 1, 0, 0, 0, 0, 2 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 3, 0, 0, 0, 0, 0, 4 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 0, 5, 0, 0, 6, 0, 7 ) )
  vector.print str "coo\n"
  vector.print %coo_cv : vector<8x2xi32>
  func.call @print_f32(%coo_v) : (tensor<?xf32>) -> ()
  %coo_u = sparq.unpack %coo : tensor<5x7xf32, #coo> -> tensor<5x7xf32>
  %coo_uv = vector.transfer_read %coo_u[%c0, %c0], %fpad : tensor<5x7xf32>, vector<5x7xf32>
  vector.print %coo_uv : vector<5x7xf32>

  // Bitmap: one word per row: 2^1 + 2^6 = 66, 0, 2^0 + 2^6 = 65, 0,
  // 2^1 + 2^4 + 2^6 = 82; values 1..7 in row-major order.
  %bm = sparq.pack %a : tensor<5x7xf32> -> tensor<5x7xf32, #bitmap>
  %bm_b = sparq.part bitmap of %bm : tensor<5x7xf32, #bitmap> -> tensor<5x1xi64>
  %bm_v = sparq.part values of %bm : tensor<5x7xf32, #bitmap> -> tensor<?xf32>
  %bm_bv = vector.transfer_read %bm_b[%c0, %c0], %c0_i64 : tensor<5x1xi64>, vector<5x1xi64>
  // CHECK-LABEL: bitmap
  // CHECK-NEXT: ( ( 66 ), ( 0 ), ( 65 ), ( 0 ), ( 82 ) )
  // CHECK-NEXT: ( 1, 2, 3, 4, 5, 6, 7, -1 )
  // CHECK-NEXT: ( ( 0, 1, 0, 0, 0, 0, 2 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 3, 0, 0, 0, 0, 0, 4 ), ( 0, 0, 0, 0, 0, 0, 0 ), ( 0, 5, 0, 0, 6, 0, 7 ) )
  vector.print str "bitmap\n"
  vector.print %bm_bv : vector<5x1xi64>
  func.call @print_f32(%bm_v) : (tensor<?xf32>) -> ()
  %bm_u = sparq.unpack %bm : tensor<5x7xf32, #bitmap> -> tensor<5x7xf32>
  %bm_uv = vector.transfer_read %bm_u[%c0, %c0], %fpad : tensor<5x7xf32>, vector<5x7xf32>
  vector.print %bm_uv : vector<5x7xf32>

  // Bitmap across a word boundary (2x70): row 0 has columns 0, 63, 64, 69.
  // Words: row 0 = (2^0 + 2^63, 2^0 + 2^5) = (-9223372036854775807, 33).
  %w = arith.constant dense<0.0> : tensor<2x70xf32>
  %c63 = arith.constant 63 : index
  %c64 = arith.constant 64 : index
  %c69 = arith.constant 69 : index
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %w1 = tensor.insert %one into %w[%c0, %c0] : tensor<2x70xf32>
  %w2 = tensor.insert %two into %w1[%c0, %c63] : tensor<2x70xf32>
  %w3 = tensor.insert %one into %w2[%c0, %c64] : tensor<2x70xf32>
  %w4 = tensor.insert %two into %w3[%c0, %c69] : tensor<2x70xf32>
  %bw = sparq.pack %w4 : tensor<2x70xf32> -> tensor<2x70xf32, #bitmap>
  %bw_b = sparq.part bitmap of %bw : tensor<2x70xf32, #bitmap> -> tensor<2x2xi64>
  %bw_v = sparq.part values of %bw : tensor<2x70xf32, #bitmap> -> tensor<?xf32>
  %bw_bv = vector.transfer_read %bw_b[%c0, %c0], %c0_i64 : tensor<2x2xi64>, vector<2x2xi64>
  %bw_u = sparq.unpack %bw : tensor<2x70xf32, #bitmap> -> tensor<2x70xf32>
  %bw_row = vector.transfer_read %bw_u[%c0, %c63], %fpad : tensor<2x70xf32>, vector<7xf32>
  // CHECK-LABEL: bitmap-words
  // CHECK-NEXT: ( ( -9223372036854775807, 33 ), ( 0, 0 ) )
  // CHECK-NEXT: ( 1, 2, 1, 2, -1, -1, -1, -1 )
  // CHECK-NEXT: ( 2, 1, 0, 0, 0, 0, 2 )
  vector.print str "bitmap-words\n"
  vector.print %bw_bv : vector<2x2xi64>
  func.call @print_f32(%bw_v) : (tensor<?xf32>) -> ()
  vector.print %bw_row : vector<7xf32>

  // B (3x8) as nm<2, 4> (2-bit metadata). Row 0: group 0 keeps 1 @1, 2 @3;
  // group 1 has one nonzero (5 @3) and is padded at the lowest free
  // position 0. Row 1: group 0 is empty (padded at 0, 1); group 1 keeps
  // 3 @0 and pads @1. Row 2 is empty.
  %b = arith.constant dense<[[0.0, 1.0, 0.0, 2.0, 0.0, 0.0, 0.0, 5.0],
                             [0.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<3x8xf32>
  %nm = sparq.pack %b : tensor<3x8xf32> -> tensor<3x8xf32, #nm24>
  %nm_v = sparq.part values of %nm : tensor<3x8xf32, #nm24> -> tensor<3x4xf32>
  %nm_m = sparq.part metadata of %nm : tensor<3x8xf32, #nm24> -> tensor<3x4xi2>
  %nm_vv = vector.transfer_read %nm_v[%c0, %c0], %fpad : tensor<3x4xf32>, vector<3x4xf32>
  %nm_md = tensor.cast %nm_m : tensor<3x4xi2> to tensor<?x?xi2>
  %nm_mw = func.call @widen(%nm_md) : (tensor<?x?xi2>) -> tensor<?x?xi32>
  %nm_mv = vector.transfer_read %nm_mw[%c0, %c0], %ipad : tensor<?x?xi32>, vector<3x4xi32>
  // CHECK-LABEL: nm24
  // CHECK-NEXT: ( ( 1, 2, 0, 5 ), ( 0, 0, 3, 0 ), ( 0, 0, 0, 0 ) )
  // CHECK-NEXT: ( ( 1, 3, 0, 3 ), ( 0, 1, 0, 1 ), ( 0, 1, 0, 1 ) )
  // CHECK-NEXT: ( ( 0, 1, 0, 2, 0, 0, 0, 5 ), ( 0, 0, 0, 0, 3, 0, 0, 0 ), ( 0, 0, 0, 0, 0, 0, 0, 0 ) )
  vector.print str "nm24\n"
  vector.print %nm_vv : vector<3x4xf32>
  vector.print %nm_mv : vector<3x4xi32>
  %nm_u = sparq.unpack %nm : tensor<3x8xf32, #nm24> -> tensor<3x8xf32>
  %nm_uv = vector.transfer_read %nm_u[%c0, %c0], %fpad : tensor<3x8xf32>, vector<3x8xf32>
  vector.print %nm_uv : vector<3x8xf32>

  // C (3x8) as nm<1, 4>: row 0 keeps 7 @2 and pads group 1 @0; row 1 pads
  // group 0 @0 and keeps 8 @3; row 2 keeps 9 @0 and 6 @1.
  %c = arith.constant dense<[[0.0, 0.0, 7.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 8.0],
                             [9.0, 0.0, 0.0, 0.0, 0.0, 6.0, 0.0, 0.0]]> : tensor<3x8xf32>
  %n1 = sparq.pack %c : tensor<3x8xf32> -> tensor<3x8xf32, #nm14>
  %n1_v = sparq.part values of %n1 : tensor<3x8xf32, #nm14> -> tensor<3x2xf32>
  %n1_m = sparq.part metadata of %n1 : tensor<3x8xf32, #nm14> -> tensor<3x2xi2>
  %n1_vv = vector.transfer_read %n1_v[%c0, %c0], %fpad : tensor<3x2xf32>, vector<3x2xf32>
  %n1_md = tensor.cast %n1_m : tensor<3x2xi2> to tensor<?x?xi2>
  %n1_mw = func.call @widen(%n1_md) : (tensor<?x?xi2>) -> tensor<?x?xi32>
  %n1_mv = vector.transfer_read %n1_mw[%c0, %c0], %ipad : tensor<?x?xi32>, vector<3x2xi32>
  // CHECK-LABEL: nm14
  // CHECK-NEXT: ( ( 7, 0 ), ( 0, 8 ), ( 9, 6 ) )
  // CHECK-NEXT: ( ( 2, 0 ), ( 0, 3 ), ( 0, 1 ) )
  // CHECK-NEXT: ( ( 0, 0, 7, 0, 0, 0, 0, 0 ), ( 0, 0, 0, 0, 0, 0, 0, 8 ), ( 9, 0, 0, 0, 0, 6, 0, 0 ) )
  vector.print str "nm14\n"
  vector.print %n1_vv : vector<3x2xf32>
  vector.print %n1_mv : vector<3x2xi32>
  %n1_u = sparq.unpack %n1 : tensor<3x8xf32, #nm14> -> tensor<3x8xf32>
  %n1_uv = vector.transfer_read %n1_u[%c0, %c0], %fpad : tensor<3x8xf32>, vector<3x8xf32>
  vector.print %n1_uv : vector<3x8xf32>

  // D (6x6) as bcsr<2x2>: block row 0 holds blocks 0 and 2, block row 1 is
  // empty, block row 2 holds block 1: positions 0 2 2 3, coordinates 0 2 1.
  %d = arith.constant dense<[[1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 2.0, 0.0, 0.0, 0.0, 3.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 4.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<6x6xf32>
  %bc = sparq.pack %d : tensor<6x6xf32> -> tensor<6x6xf32, #bcsr>
  %bc_p = sparq.part positions of %bc : tensor<6x6xf32, #bcsr> -> tensor<4xi32>
  %bc_c = sparq.part coordinates of %bc : tensor<6x6xf32, #bcsr> -> tensor<?xi32>
  %bc_v = sparq.part values of %bc : tensor<6x6xf32, #bcsr> -> tensor<?x2x2xf32>
  %bc_pv = vector.transfer_read %bc_p[%c0], %ipad : tensor<4xi32>, vector<4xi32>
  %bc_vv = vector.transfer_read %bc_v[%c0, %c0, %c0], %fpad : tensor<?x2x2xf32>, vector<4x2x2xf32>
  // CHECK-LABEL: bcsr
  // CHECK-NEXT: ( 0, 2, 2, 3 )
  // CHECK-NEXT: 3
  // CHECK-NEXT: ( 0, 2, 1, -1, -1, -1, -1, -1 )
  // CHECK-NEXT: ( ( ( 1, 0 ), ( 0, 2 ) ), ( ( 0, 0 ), ( 0, 3 ) ), ( ( 4, 0 ), ( 0, 0 ) ), ( ( -1, -1 ), ( -1, -1 ) ) )
  // CHECK-NEXT: ( ( 1, 0, 0, 0, 0, 0 ), ( 0, 2, 0, 0, 0, 3 ), ( 0, 0, 0, 0, 0, 0 ), ( 0, 0, 0, 0, 0, 0 ), ( 0, 0, 4, 0, 0, 0 ), ( 0, 0, 0, 0, 0, 0 ) )
  vector.print str "bcsr\n"
  vector.print %bc_pv : vector<4xi32>
  %bc_n = tensor.dim %bc_c, %c0 : tensor<?xi32>
  func.call @print_i32(%bc_c, %bc_n) : (tensor<?xi32>, index) -> ()
  vector.print %bc_vv : vector<4x2x2xf32>
  %bc_u = sparq.unpack %bc : tensor<6x6xf32, #bcsr> -> tensor<6x6xf32>
  %bc_uv = vector.transfer_read %bc_u[%c0, %c0], %fpad : tensor<6x6xf32>, vector<6x6xf32>
  vector.print %bc_uv : vector<6x6xf32>

  // A rank-3 tensor (2x2x3) in CSR views its first two dims as 4 rows.
  %r3 = arith.constant dense<[[[0.0, 1.0, 0.0], [0.0, 0.0, 0.0]],
                              [[2.0, 0.0, 3.0], [0.0, 0.0, 4.0]]]> : tensor<2x2x3xf32>
  %r3c = sparq.pack %r3 : tensor<2x2x3xf32> -> tensor<2x2x3xf32, #csr3>
  %r3_p = sparq.part positions of %r3c : tensor<2x2x3xf32, #csr3> -> tensor<5xi32>
  %r3_pv = vector.transfer_read %r3_p[%c0], %ipad : tensor<5xi32>, vector<5xi32>
  %r3_u = sparq.unpack %r3c : tensor<2x2x3xf32, #csr3> -> tensor<2x2x3xf32>
  %r3_uv = vector.transfer_read %r3_u[%c0, %c0, %c0], %fpad : tensor<2x2x3xf32>, vector<2x2x3xf32>
  // CHECK-LABEL: rank3
  // CHECK-NEXT: ( 0, 1, 1, 3, 4 )
  // CHECK-NEXT: ( ( ( 0, 1, 0 ), ( 0, 0, 0 ) ), ( ( 2, 0, 3 ), ( 0, 0, 4 ) ) )
  vector.print str "rank3\n"
  vector.print %r3_pv : vector<5xi32>
  vector.print %r3_uv : vector<2x2x3xf32>

  // Asymmetric ui8 with zero point 10: a stored 10 is a zero and is dropped;
  // unpack fills with 10. Values are printed zero-extended.
  %qv = arith.constant dense<[[10, 12, 10], [10, 10, -1]]> : tensor<2x3xi8>
  %qs = arith.constant dense<[0.5]> : tensor<1xf32>
  %qz = arith.constant dense<[10]> : tensor<1xi32>
  %q = sparq.assemble values(%qv : tensor<2x3xi8>) scales(%qs : tensor<1xf32>)
      zero_points(%qz : tensor<1xi32>) : tensor<2x3xi8, #qdense>
  %qc = sparq.pack %q : tensor<2x3xi8, #qdense> -> tensor<2x3xi8, #qcsr>
  %qc_p = sparq.part positions of %qc : tensor<2x3xi8, #qcsr> -> tensor<3xi32>
  %qc_v = sparq.part values of %qc : tensor<2x3xi8, #qcsr> -> tensor<?xi8>
  %qc_pv = vector.transfer_read %qc_p[%c0], %ipad : tensor<3xi32>, vector<3xi32>
  %qc_vv = vector.transfer_read %qc_v[%c0], %c0_i8 : tensor<?xi8>, vector<2xi8>
  %qc_vw = arith.extui %qc_vv : vector<2xi8> to vector<2xi32>
  %qu = sparq.unpack %qc : tensor<2x3xi8, #qcsr> -> tensor<2x3xi8, #qdense>
  %qu_v = sparq.part values of %qu : tensor<2x3xi8, #qdense> -> tensor<2x3xi8>
  %qu_vv = vector.transfer_read %qu_v[%c0, %c0], %c0_i8 : tensor<2x3xi8>, vector<2x3xi8>
  %qu_vw = arith.extui %qu_vv : vector<2x3xi8> to vector<2x3xi32>
  // CHECK-LABEL: asymmetric
  // CHECK-NEXT: ( 0, 1, 2 )
  // CHECK-NEXT: ( 12, 255 )
  // CHECK-NEXT: ( ( 10, 12, 10 ), ( 10, 10, 255 ) )
  vector.print str "asymmetric\n"
  vector.print %qc_pv : vector<3xi32>
  vector.print %qc_vw : vector<2xi32>
  vector.print %qu_vw : vector<2x3xi32>
  return
}
