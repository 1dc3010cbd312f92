// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

// Compressed quantized values at run time: dequantizing compressed tensors,
// codebook and asymmetric sparse operands of matmul, compressed values
// passed through calls and loops, dynamic shapes and per-channel requantize.
// Expected values are computed by hand in the comments.

#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#u8ch = #sparq.quant<ui8:f32, asymmetric, channel(1)>
#u8chdense = #sparq.encoding<dense, quant = #u8ch>
#u8chcsr = #sparq.encoding<csr, quant = #u8ch>
#csr = #sparq.encoding<csr>
#cbcsr = #sparq.encoding<csr, quant = #sparq.quant<ui2:f32, codebook, tensor>>
#a8 = #sparq.quant<ui8:f32, asymmetric, tensor>
#a8dense = #sparq.encoding<dense, quant = #a8>
#a8csr = #sparq.encoding<csr, quant = #a8>
#w8n = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(0)>>
#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#g4q = #sparq.quant<si4:f32, symmetric, group(0, 2)>
#g4dense = #sparq.encoding<dense, quant = #g4q>
#g4csr = #sparq.encoding<csr, quant = #g4q>
#g4t = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(1, 2)>>
#cb2 = #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>
#cbbitmap = #sparq.encoding<bitmap, quant = #sparq.quant<ui2:f32, codebook, channel(0)>>
#s8c = #sparq.quant<si8:f32, symmetric, channel(1)>
#s8ch = #sparq.encoding<dense, quant = #s8c>
#s8bcsr = #sparq.encoding<bcsr<1x2>, quant = #s8c>
#s8gq = #sparq.quant<si8:f32, symmetric, group(1, 2)>
#s8g = #sparq.encoding<dense, quant = #s8gq>
#s8nm = #sparq.encoding<nm<1, 2>, quant = #s8gq>
#o8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, channel(1)>>

func.func @print_csr(%c: tensor<3x4xf32, #csr>) {
  %c0 = arith.constant 0 : index
  %ipad = arith.constant -1 : i32
  %fpad = arith.constant -99.0 : f32
  %p = sparq.part positions of %c : tensor<3x4xf32, #csr> -> tensor<4xi32>
  %i = sparq.part coordinates of %c : tensor<3x4xf32, #csr> -> tensor<?xi32>
  %v = sparq.part values of %c : tensor<3x4xf32, #csr> -> tensor<?xf32>
  %pv = vector.transfer_read %p[%c0], %ipad : tensor<4xi32>, vector<4xi32>
  %iv = vector.transfer_read %i[%c0], %ipad : tensor<?xi32>, vector<5xi32>
  %vv = vector.transfer_read %v[%c0], %fpad : tensor<?xf32>, vector<5xf32>
  vector.print %pv : vector<4xi32>
  vector.print %iv : vector<5xi32>
  vector.print %vv : vector<5xf32>
  return
}

func.func @identity(%c: tensor<3x4xi8, #q8csr>) -> tensor<3x4xi8, #q8csr> {
  return %c : tensor<3x4xi8, #q8csr>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %fpad = arith.constant -99.0 : f32
  %ipad = arith.constant -99 : i32
  %i8pad = arith.constant 0 : i8

  // si8 CSR with one scale 0.5: the values part is dequantized in place:
  // positions 0 2 2 4, coordinates 1 3 0 3, values 1 -2 3 63.5.
  // The CSR value also goes through a call inside an scf.for.
  // CHECK-LABEL: dequantize-tensor
  // CHECK-NEXT: ( 0, 2, 2, 4 )
  // CHECK-NEXT: ( 1, 3, 0, 3, -1 )
  // CHECK-NEXT: ( 1, -2, 3, 63.5, -99 )
  %wq = arith.constant dense<[[0, 2, 0, -4], [0, 0, 0, 0], [6, 0, 0, 127]]> : tensor<3x4xi8>
  %ws = arith.constant dense<[0.5]> : tensor<1xf32>
  %wd = sparq.assemble values(%wq : tensor<3x4xi8>) scales(%ws : tensor<1xf32>)
      : tensor<3x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
  %wc = sparq.pack %wd : tensor<3x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
      -> tensor<3x4xi8, #q8csr>
  %wl = scf.for %it = %c0 to %c3 step %c1 iter_args(%t = %wc) -> tensor<3x4xi8, #q8csr> {
    %n = func.call @identity(%t) : (tensor<3x4xi8, #q8csr>) -> tensor<3x4xi8, #q8csr>
    scf.yield %n : tensor<3x4xi8, #q8csr>
  }
  %wf = sparq.dequantize %wl : tensor<3x4xi8, #q8csr> -> tensor<3x4xf32, #csr>
  vector.print str "dequantize-tensor\n"
  func.call @print_csr(%wf) : (tensor<3x4xf32, #csr>) -> ()

  // ui8 CSR with channel(1) zero points 5 0 7 0 and scales 1 0.5 0.25 2:
  // entries equal to their column's zero point are not stored. Stored:
  // (1,1) = 9 -> 0.5 * 9 = 4.5 and (1,2) = 0 -> 0.25 * (0 - 7) = -1.75;
  // row 2 = (2,3) = 3 -> 2 * 3 = 6.
  // CHECK-LABEL: dequantize-channel
  // CHECK-NEXT: ( 0, 0, 2, 3 )
  // CHECK-NEXT: ( 1, 2, 3, -1, -1 )
  // CHECK-NEXT: ( 4.5, -1.75, 6, -99, -99 )
  %cq = arith.constant dense<[[5, 0, 7, 0], [5, 9, 0, 0], [5, 0, 7, 3]]> : tensor<3x4xi8>
  %cs = arith.constant dense<[1.0, 0.5, 0.25, 2.0]> : tensor<4xf32>
  %cz = arith.constant dense<[5, 0, 7, 0]> : tensor<4xi32>
  %cd = sparq.assemble values(%cq : tensor<3x4xi8>) scales(%cs : tensor<4xf32>)
      zero_points(%cz : tensor<4xi32>) : tensor<3x4xi8, #u8chdense>
  %cc = sparq.pack %cd : tensor<3x4xi8, #u8chdense> -> tensor<3x4xi8, #u8chcsr>
  %cf = sparq.dequantize %cc : tensor<3x4xi8, #u8chcsr> -> tensor<3x4xf32, #csr>
  vector.print str "dequantize-channel\n"
  func.call @print_csr(%cf) : (tensor<3x4xf32, #csr>) -> ()

  // Bitmap with a codebook per row (channel(0)), assembled from parts:
  // row 0 stores columns 0 and 2 (word 5) as indices 3 and 0 into
  // [0, 1, 2, 3]; row 1 stores column 1 (word 2) as index 1 into
  // [-1, -2, -3, -4]. Dequantized values: 3, 0 (stays stored), -2.
  // [[1, 1], [2, 0]] x [[3, 0, 0], [0, -2, 0]] = [[3, -2, 0], [6, 0, 0]].
  // CHECK-LABEL: codebook-channel
  // CHECK-NEXT: ( 3, 0, -2 )
  // CHECK-NEXT: ( ( 3, -2, 0 ), ( 6, 0, 0 ) )
  %bmv = arith.constant dense<[3, 0, 1]> : tensor<3xi2>
  %bmvd = tensor.cast %bmv : tensor<3xi2> to tensor<?xi2>
  %bmw = arith.constant dense<[[5], [2]]> : tensor<2x1xi64>
  %bmcb = arith.constant dense<[[0.0, 1.0, 2.0, 3.0], [-1.0, -2.0, -3.0, -4.0]]> : tensor<2x4xf32>
  %bm = sparq.assemble values(%bmvd : tensor<?xi2>) bitmap(%bmw : tensor<2x1xi64>)
      codebook(%bmcb : tensor<2x4xf32>) : tensor<2x3xi2, #cbbitmap>
  %bmf = sparq.dequantize %bm : tensor<2x3xi2, #cbbitmap> -> tensor<2x3xf32, #sparq.encoding<bitmap>>
  %bmfv = sparq.part values of %bmf : tensor<2x3xf32, #sparq.encoding<bitmap>> -> tensor<?xf32>
  %bmfr = vector.transfer_read %bmfv[%c0], %fpad : tensor<?xf32>, vector<3xf32>
  %bma = arith.constant dense<[[1.0, 1.0], [2.0, 0.0]]> : tensor<2x2xf32>
  %bmm = sparq.matmul %bma, %bm acc(f32) : tensor<2x2xf32>, tensor<2x3xi2, #cbbitmap> -> tensor<2x3xf32>
  %bmmr = vector.transfer_read %bmm[%c0, %c0], %fpad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "codebook-channel\n"
  vector.print %bmfr : vector<3xf32>
  vector.print %bmmr : vector<2x3xf32>

  // bcsr<1x2> with channel(1) scales [1, 2, 3, 4]: blocks [1, 0] at (0, 0)
  // and [5, -1] at (1, 1) -> [1, 0] and [15, -4].
  // CHECK-LABEL: dequantize-bcsr
  // CHECK-NEXT: ( ( ( 1, 0 ) ), ( ( 15, -4 ) ) )
  %kq = arith.constant dense<[[1, 0, 0, 0], [0, 0, 5, -1]]> : tensor<2x4xi8>
  %kqs = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %kqd = sparq.assemble values(%kq : tensor<2x4xi8>) scales(%kqs : tensor<4xf32>) : tensor<2x4xi8, #s8ch>
  %kqc = sparq.pack %kqd : tensor<2x4xi8, #s8ch> -> tensor<2x4xi8, #s8bcsr>
  %kqf = sparq.dequantize %kqc : tensor<2x4xi8, #s8bcsr> -> tensor<2x4xf32, #sparq.encoding<bcsr<1x2>>>
  %kqfv = sparq.part values of %kqf : tensor<2x4xf32, #sparq.encoding<bcsr<1x2>>> -> tensor<?x1x2xf32>
  %kqfr = vector.transfer_read %kqfv[%c0, %c0, %c0], %fpad : tensor<?x1x2xf32>, vector<2x1x2xf32>
  vector.print str "dequantize-bcsr\n"
  vector.print %kqfr : vector<2x1x2xf32>

  // nm<1, 2> with group(1, 2) scales [[1, 2], [3, 4]]: row 0 keeps 2 @1 and
  // 3 @0 of group 1; row 1 keeps 1 @0 and pads group 1 @0 (column 2):
  // values [[2 * 1, 3 * 2], [1 * 3, 0]] = [[2, 6], [3, 0]].
  // CHECK-LABEL: dequantize-nm
  // CHECK-NEXT: ( ( 2, 6 ), ( 3, 0 ) )
  %nq = arith.constant dense<[[0, 2, 3, 0], [1, 0, 0, 0]]> : tensor<2x4xi8>
  %nqs = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %nqd = sparq.assemble values(%nq : tensor<2x4xi8>) scales(%nqs : tensor<2x2xf32>) : tensor<2x4xi8, #s8g>
  %nqc = sparq.pack %nqd : tensor<2x4xi8, #s8g> -> tensor<2x4xi8, #s8nm>
  %nqf = sparq.dequantize %nqc : tensor<2x4xi8, #s8nm> -> tensor<2x4xf32, #sparq.encoding<nm<1, 2>>>
  %nqfv = sparq.part values of %nqf : tensor<2x4xf32, #sparq.encoding<nm<1, 2>>> -> tensor<2x2xf32>
  %nqfr = vector.transfer_read %nqfv[%c0, %c0], %fpad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "dequantize-nm\n"
  vector.print %nqfr : vector<2x2xf32>

  // Codebook CSR assembled from parts: indices 1 3 0 into [0.5, -1, 2, 4]
  // at (0,0) (2,0) (2,1): B = [[-1, 0], [0, 0], [4, 0.5]];
  // [1 2 3] x B = [-1 + 12, 1.5] = [11, 1.5].
  // CHECK-LABEL: codebook-matmul
  // CHECK-NEXT: ( ( 11, 1.5 ) )
  %kv = arith.constant dense<[1, 3, 0]> : tensor<3xi2>
  %kp = arith.constant dense<[0, 1, 1, 3]> : tensor<4xi32>
  %kc = arith.constant dense<[0, 0, 1]> : tensor<3xi32>
  %kb = arith.constant dense<[0.5, -1.0, 2.0, 4.0]> : tensor<4xf32>
  %kvd = tensor.cast %kv : tensor<3xi2> to tensor<?xi2>
  %kcd = tensor.cast %kc : tensor<3xi32> to tensor<?xi32>
  %k = sparq.assemble values(%kvd : tensor<?xi2>) positions(%kp : tensor<4xi32>)
      coordinates(%kcd : tensor<?xi32>) codebook(%kb : tensor<4xf32>) : tensor<3x2xi2, #cbcsr>
  %ka = arith.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %km = sparq.matmul %ka, %k acc(f32) : tensor<1x3xf32>, tensor<3x2xi2, #cbcsr> -> tensor<1x2xf32>
  %kmv = vector.transfer_read %km[%c0, %c0], %fpad : tensor<1x2xf32>, vector<1x2xf32>
  vector.print str "codebook-matmul\n"
  vector.print %kmv : vector<1x2xf32>

  // Asymmetric ui8 CSR lhs (scale 0.5, zero point 2; zero points are not
  // stored and come back as 2 on unpack) times a transposed si8 rhs with
  // channel(0) (= N) scales 1 and 0.25:
  // A - 2 = [[0, 2, 0], [1, 0, 0]], B^T rows [1, -1, 2] and [0, 3, 0]:
  // acc = [[-2, 6], [1, 0]] -> [[-1, 0.75], [0.5, 0]].
  // CHECK-LABEL: asymmetric-csr-matmul
  // CHECK-NEXT: ( ( -1, 0.75 ), ( 0.5, 0 ) )
  %aq = arith.constant dense<[[2, 4, 2], [3, 2, 2]]> : tensor<2x3xi8>
  %as = arith.constant dense<[0.5]> : tensor<1xf32>
  %az = arith.constant dense<[2]> : tensor<1xi32>
  %ad = sparq.assemble values(%aq : tensor<2x3xi8>) scales(%as : tensor<1xf32>)
      zero_points(%az : tensor<1xi32>) : tensor<2x3xi8, #a8dense>
  %ac = sparq.pack %ad : tensor<2x3xi8, #a8dense> -> tensor<2x3xi8, #a8csr>
  %bq = arith.constant dense<[[1, -1, 2], [0, 3, 0]]> : tensor<2x3xi8>
  %bs = arith.constant dense<[1.0, 0.25]> : tensor<2xf32>
  %b = sparq.assemble values(%bq : tensor<2x3xi8>) scales(%bs : tensor<2xf32>) : tensor<2x3xi8, #w8n>
  %am = sparq.matmul %ac, %b transpose_b acc(i32) : tensor<2x3xi8, #a8csr>, tensor<2x3xi8, #w8n> -> tensor<2x2xf32>
  %amv = vector.transfer_read %am[%c0, %c0], %fpad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "asymmetric-csr-matmul\n"
  vector.print %amv : vector<2x2xf32>

  // Integer accumulation with si4 CSR weights grouped along K (group(0, 2),
  // scales [[0.5, 1], [0.25, 2]]) and si8 activations (scale 0.5): one
  // integer sum per group. A = [[1, 2, 3, 4], [-1, 0, 2, 1]],
  // B = [[1, -1], [2, 0], [0, 3], [-2, 1]]. Group sums: row 0: (5, -1) and
  // (-8, 13); row 1: (-1, 1) and (-2, 7). C = 0.5 * sum_G P * s_G:
  // [[0.5 * (2.5 - 2), 0.5 * (-1 + 26)], [0.5 * (-0.5 - 0.5), 0.5 * (1 + 14)]]
  // = [[0.25, 12.5], [-0.5, 7.5]]; the transposed layout (group(1, 2) on
  // [N, K]) gives the same.
  // CHECK-LABEL: grouped-matmul
  // CHECK-NEXT: ( ( 0.25, 12.5 ), ( -0.5, 7.5 ) )
  // CHECK-NEXT: ( ( 0.25, 12.5 ), ( -0.5, 7.5 ) )
  %ga = arith.constant dense<[[1, 2, 3, 4], [-1, 0, 2, 1]]> : tensor<2x4xi8>
  %gas = arith.constant dense<[0.5]> : tensor<1xf32>
  %gA = sparq.assemble values(%ga : tensor<2x4xi8>) scales(%gas : tensor<1xf32>) : tensor<2x4xi8, #s8>
  %gb = arith.constant dense<[[1, -1], [2, 0], [0, 3], [-2, 1]]> : tensor<4x2xi4>
  %gbs = arith.constant dense<[[0.5, 1.0], [0.25, 2.0]]> : tensor<2x2xf32>
  %gBd = sparq.assemble values(%gb : tensor<4x2xi4>) scales(%gbs : tensor<2x2xf32>) : tensor<4x2xi4, #g4dense>
  %gB = sparq.pack %gBd : tensor<4x2xi4, #g4dense> -> tensor<4x2xi4, #g4csr>
  %gc = sparq.matmul %gA, %gB acc(i32) : tensor<2x4xi8, #s8>, tensor<4x2xi4, #g4csr> -> tensor<2x2xf32>
  %gcr = vector.transfer_read %gc[%c0, %c0], %fpad : tensor<2x2xf32>, vector<2x2xf32>
  %gbt = arith.constant dense<[[1, 2, 0, -2], [-1, 0, 3, 1]]> : tensor<2x4xi4>
  %gbts = arith.constant dense<[[0.5, 0.25], [1.0, 2.0]]> : tensor<2x2xf32>
  %gBt = sparq.assemble values(%gbt : tensor<2x4xi4>) scales(%gbts : tensor<2x2xf32>) : tensor<2x4xi4, #g4t>
  %gct = sparq.matmul %gA, %gBt transpose_b acc(i32) : tensor<2x4xi8, #s8>, tensor<2x4xi4, #g4t> -> tensor<2x2xf32>
  %gctr = vector.transfer_read %gct[%c0, %c0], %fpad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "grouped-matmul\n"
  vector.print %gcr : vector<2x2xf32>
  vector.print %gctr : vector<2x2xf32>

  // Unpacking a codebook CSR: unstored entries get the lowest index of a
  // zero centroid of [1, -1, 0, 0], which is 2. Stored: (0,1) = 0, (1,2) = 1.
  // CHECK-LABEL: unpack-codebook
  // CHECK-NEXT: ( ( 2, 0, 2 ), ( 2, 2, 1 ) )
  %uv = arith.constant dense<[0, 1]> : tensor<2xi2>
  %uvd = tensor.cast %uv : tensor<2xi2> to tensor<?xi2>
  %up = arith.constant dense<[0, 1, 2]> : tensor<3xi32>
  %uc = arith.constant dense<[1, 2]> : tensor<2xi32>
  %ucd = tensor.cast %uc : tensor<2xi32> to tensor<?xi32>
  %ucb = arith.constant dense<[1.0, -1.0, 0.0, 0.0]> : tensor<4xf32>
  %ut = sparq.assemble values(%uvd : tensor<?xi2>) positions(%up : tensor<3xi32>)
      coordinates(%ucd : tensor<?xi32>) codebook(%ucb : tensor<4xf32>) : tensor<2x3xi2, #cbcsr>
  %uu = sparq.unpack %ut : tensor<2x3xi2, #cbcsr> -> tensor<2x3xi2, #cb2>
  %uuv = sparq.part values of %uu : tensor<2x3xi2, #cb2> -> tensor<2x3xi2>
  %uue = tensor.empty() : tensor<2x3xi32>
  %uuw = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
      ins(%uuv : tensor<2x3xi2>) outs(%uue : tensor<2x3xi32>) {
  ^bb0(%in: i2, %out: i32):
    %x = arith.extui %in : i2 to i32
    linalg.yield %x : i32
  } -> tensor<2x3xi32>
  %uur = vector.transfer_read %uuw[%c0, %c0], %ipad : tensor<2x3xi32>, vector<2x3xi32>
  vector.print str "unpack-codebook\n"
  vector.print %uur : vector<2x3xi32>

  // Per-K (channel(1)) lhs scales [1, 0.5, 0.25, 2] with an integer
  // accumulator are groups of one along K: A = [[1, 2, 3, 4], [0, 1, 0, 1]],
  // B = [[1, 0], [0, 1], [1, 1], [2, -1]] with scale 1:
  // row 0: 1 + 0.75 + 16 = 17.75 and 1 + 0.75 - 8 = -6.25;
  // row 1: 4 and 0.5 - 2 = -1.5.
  // CHECK-LABEL: channel-along-k
  // CHECK-NEXT: ( ( 17.75, -6.25 ), ( 4, -1.5 ) )
  %ka8 = arith.constant dense<[[1, 2, 3, 4], [0, 1, 0, 1]]> : tensor<2x4xi8>
  %kas = arith.constant dense<[1.0, 0.5, 0.25, 2.0]> : tensor<4xf32>
  %kA = sparq.assemble values(%ka8 : tensor<2x4xi8>) scales(%kas : tensor<4xf32>) : tensor<2x4xi8, #s8ch>
  %kb8 = arith.constant dense<[[1, 0], [0, 1], [1, 1], [2, -1]]> : tensor<4x2xi8>
  %kbs = arith.constant dense<[1.0]> : tensor<1xf32>
  %kB = sparq.assemble values(%kb8 : tensor<4x2xi8>) scales(%kbs : tensor<1xf32>) : tensor<4x2xi8, #s8>
  %kC = sparq.matmul %kA, %kB acc(i32) : tensor<2x4xi8, #s8ch>, tensor<4x2xi8, #s8> -> tensor<2x2xf32>
  %kCr = vector.transfer_read %kC[%c0, %c0], %fpad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "channel-along-k\n"
  vector.print %kCr : vector<2x2xf32>

  // conv2d with a dynamic batch: 2x2 all-ones filter over 3x3 images 1..9
  // and 2..18: window sums 12 16 24 28 and 24 32 48 56.
  // CHECK-LABEL: conv-dynamic-batch
  // CHECK-NEXT: ( ( ( ( 12 ), ( 16 ) ), ( ( 24 ), ( 28 ) ) ), ( ( ( 24 ), ( 32 ) ), ( ( 48 ), ( 56 ) ) ) )
  %cvx = arith.constant dense<[[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]],
                               [[[2.0], [4.0], [6.0]], [[8.0], [10.0], [12.0]], [[14.0], [16.0], [18.0]]]]> : tensor<2x3x3x1xf32>
  %cvxd = tensor.cast %cvx : tensor<2x3x3x1xf32> to tensor<?x3x3x1xf32>
  %cvf = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %cvy = sparq.conv2d %cvxd, %cvf layout(nhwc_hwcf) acc(f32)
      : tensor<?x3x3x1xf32>, tensor<2x2x1x1xf32> -> tensor<?x2x2x1xf32>
  %cvyr = vector.transfer_read %cvy[%c0, %c0, %c0, %c0], %fpad : tensor<?x2x2x1xf32>, vector<2x2x2x1xf32>
  vector.print str "conv-dynamic-batch\n"
  vector.print %cvyr : vector<2x2x2x1xf32>

  // Dynamic shape: [1, -0.75, 200] / 0.5 = [2, -1.5, 400] -> [2, -2, 127].
  // CHECK-LABEL: dynamic
  // CHECK-NEXT: ( 2, -2, 127 )
  %dx = arith.constant dense<[1.0, -0.75, 200.0]> : tensor<3xf32>
  %dxd = tensor.cast %dx : tensor<3xf32> to tensor<?xf32>
  %dq = sparq.quantize %dxd scales(%ws : tensor<1xf32>) : tensor<?xf32> -> tensor<?xi8, #s8>
  %dqv = sparq.part values of %dq : tensor<?xi8, #s8> -> tensor<?xi8>
  %dqr = vector.transfer_read %dqv[%c0], %i8pad : tensor<?xi8>, vector<3xi8>
  %dqw = arith.extsi %dqr : vector<3xi8> to vector<3xi32>
  vector.print str "dynamic\n"
  vector.print %dqw : vector<3xi32>

  // Requantize raw i32 with per-channel in_scales [0.1, 0.2] into ui8 with
  // channel(1) scales [0.5, 1] and zero points [128, 0]:
  // (0,0) 1 / 0.5 + 128 = 130, (0,1) -2 -> 0, (1,0) 1.4 -> 1 + 128 = 129,
  // (1,1) 20.
  // CHECK-LABEL: requantize-channel
  // CHECK-NEXT: ( ( 130, 0 ), ( 129, 20 ) )
  %racc = arith.constant dense<[[10, -10], [7, 100]]> : tensor<2x2xi32>
  %rin = arith.constant dense<[0.1, 0.2]> : tensor<2xf32>
  %rout = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %rz = arith.constant dense<[128, 0]> : tensor<2xi32>
  %r = sparq.requantize %racc in_scales(%rin : tensor<2xf32>) scales(%rout : tensor<2xf32>)
      zero_points(%rz : tensor<2xi32>) : tensor<2x2xi32> -> tensor<2x2xi8, #o8>
  %rv = sparq.part values of %r : tensor<2x2xi8, #o8> -> tensor<2x2xi8>
  %rvr = vector.transfer_read %rv[%c0, %c0], %i8pad : tensor<2x2xi8>, vector<2x2xi8>
  %rvw = arith.extui %rvr : vector<2x2xi8> to vector<2x2xi32>
  vector.print str "requantize-channel\n"
  vector.print %rvw : vector<2x2xi32>

  // Requantize codebook indices 0 1 2 3 over [-1, 0, 0.5, 2] into si8 with
  // scale 0.25: -4, 0, 2, 8.
  // CHECK-LABEL: requantize-codebook
  // CHECK-NEXT: ( -4, 0, 2, 8 )
  %cbi = arith.constant dense<[0, 1, 2, -1]> : tensor<4xi2>
  %cbc = arith.constant dense<[-1.0, 0.0, 0.5, 2.0]> : tensor<4xf32>
  %cbq = sparq.assemble values(%cbi : tensor<4xi2>) codebook(%cbc : tensor<4xf32>) : tensor<4xi2, #cb2>
  %cbs = arith.constant dense<[0.25]> : tensor<1xf32>
  %cbr = sparq.requantize %cbq scales(%cbs : tensor<1xf32>) : tensor<4xi2, #cb2> -> tensor<4xi8, #s8>
  %cbrv = sparq.part values of %cbr : tensor<4xi8, #s8> -> tensor<4xi8>
  %cbrr = vector.transfer_read %cbrv[%c0], %i8pad : tensor<4xi8>, vector<4xi8>
  %cbrw = arith.extsi %cbrr : vector<4xi8> to vector<4xi32>
  vector.print str "requantize-codebook\n"
  vector.print %cbrw : vector<4xi32>
  return
}
