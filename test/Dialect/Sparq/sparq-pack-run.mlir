// Packing never changes the numbers: the same products, JIT-run after
// packing every weight in each format, match values computed by hand.
// RUN: sparq-opt %s --sparq-pack="format=csr" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-pack="format=csc" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-pack="format=coo" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-pack="format=bitmap" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-pack="format=nm n=2 m=4" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-pack="format=bcsr block=1x2" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-pack="format=dense" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sparq-opt %s --sparq-pack="format=auto" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// Unpacked, as a reference:
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -99.0 : f32
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %x = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]> : tensor<2x4xf32>
  %e = tensor.empty() : tensor<2x4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  %ones = linalg.fill ins(%one : f32) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>

  // W = [[1 0 0 2], [0 0 0 0], [0 3 0 0], [4 0 0 5]].
  // CHECK-LABEL: matmul
  // CHECK-NEXT: ( ( 17, 9, 0, 22 ), ( 37, 21, 0, 50 ) )
  %w = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.0, 3.0, 0.0, 0.0], [4.0, 0.0, 0.0, 5.0]]> : tensor<4x4xf32>
  %y0 = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x4xf32>) outs(%fill : tensor<2x4xf32>) -> tensor<2x4xf32> loc("mm")
  %v0 = vector.transfer_read %y0[%c0, %c0], %pad : tensor<2x4xf32>, vector<2x4xf32>
  vector.print str "matmul\n"
  vector.print %v0 : vector<2x4xf32>

  // The same product plus an init of ones.
  // CHECK-LABEL: init
  // CHECK-NEXT: ( ( 18, 10, 1, 23 ), ( 38, 22, 1, 51 ) )
  %w1 = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.0, 3.0, 0.0, 0.0], [4.0, 0.0, 0.0, 5.0]]> : tensor<4x4xf32>
  %y1 = linalg.matmul ins(%x, %w1 : tensor<2x4xf32>, tensor<4x4xf32>) outs(%ones : tensor<2x4xf32>) -> tensor<2x4xf32> loc("init")
  %v1 = vector.transfer_read %y1[%c0, %c0], %pad : tensor<2x4xf32>, vector<2x4xf32>
  vector.print str "init\n"
  vector.print %v1 : vector<2x4xf32>

  // A = [[0 1 0 0], [0 0 0 0], [2 0 0 3]] times [1, 2, 3, 4].
  // CHECK-LABEL: matvec
  // CHECK-NEXT: ( 2, 0, 14 )
  %a = arith.constant dense<[[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [2.0, 0.0, 0.0, 3.0]]> : tensor<3x4xf32>
  %vec = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %e3 = tensor.empty() : tensor<3xf32>
  %fill3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<3xf32>) -> tensor<3xf32>
  %y2 = linalg.matvec ins(%a, %vec : tensor<3x4xf32>, tensor<4xf32>) outs(%fill3 : tensor<3xf32>) -> tensor<3xf32> loc("mv")
  %v2 = vector.transfer_read %y2[%c0], %pad : tensor<3xf32>, vector<3xf32>
  vector.print str "matvec\n"
  vector.print %v2 : vector<3xf32>

  // Input [[1 2 3], [4 5 6], [7 8 9]], FCHW filters [[1 0], [0 2]] and
  // [[0 0], [3 0]].
  // CHECK-LABEL: conv
  // CHECK-NEXT: ( ( ( ( 11, 14 ), ( 20, 23 ) ), ( ( 12, 15 ), ( 21, 24 ) ) ) )
  %in = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %f = arith.constant dense<[[[[1.0, 0.0], [0.0, 2.0]]], [[[0.0, 0.0], [3.0, 0.0]]]]> : tensor<2x1x2x2xf32>
  %ec = tensor.empty() : tensor<1x2x2x2xf32>
  %fillc = linalg.fill ins(%zero : f32) outs(%ec : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y3 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %f : tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>) outs(%fillc : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> loc("conv")
  %v3 = vector.transfer_read %y3[%c0, %c0, %c0, %c0], %pad : tensor<1x2x2x2xf32>, vector<1x2x2x2xf32>
  vector.print str "conv\n"
  vector.print %v3 : vector<1x2x2x2xf32>

  // si4 [[1 0], [0 0], [-3 7], [0 -7]] with scales [0.5, 0.25] per column:
  // real [[0.5 0], [0 0], [-1.5 1.75], [0 -1.75]].
  // CHECK-LABEL: symmetric
  // CHECK-NEXT: ( ( -4, -1.75 ), ( -8, -1.75 ) )
  %qv = arith.constant dense<[[1, 0], [0, 0], [-3, 7], [0, -7]]> : tensor<4x2xi4>
  %qs = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %qw = sparq.assemble values(%qv : tensor<4x2xi4>) scales(%qs : tensor<2xf32>) : tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, channel(1)>>>
  %y4 = sparq.matmul %x, %qw acc(f32) : tensor<2x4xf32>, tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, channel(1)>>> -> tensor<2x2xf32> loc("q4")
  %v4 = vector.transfer_read %y4[%c0, %c0], %pad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "symmetric\n"
  vector.print %v4 : vector<2x2xf32>

  // ui4 [[8 3], [5 3], [8 3], [8 9]] with zero points [8, 3] and scales
  // [0.5, 0.25]: real [[0 0], [-1.5 0], [0 0], [0 1.5]].
  // CHECK-LABEL: asymmetric
  // CHECK-NEXT: ( ( -3, 6 ), ( -9, 12 ) )
  %av = arith.constant dense<[[8, 3], [5, 3], [8, 3], [8, 9]]> : tensor<4x2xi4>
  %as = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %az = arith.constant dense<[8, 3]> : tensor<2xi32>
  %aw = sparq.assemble values(%av : tensor<4x2xi4>) scales(%as : tensor<2xf32>) zero_points(%az : tensor<2xi32>) : tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>>
  %y5 = sparq.matmul %x, %aw acc(f32) : tensor<2x4xf32>, tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>> -> tensor<2x2xf32> loc("qa")
  %v5 = vector.transfer_read %y5[%c0, %c0], %pad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "asymmetric\n"
  vector.print %v5 : vector<2x2xf32>

  // ui2 codebook [0, -1, 0.5, 2] (index 0 is the zero) for
  // [[1 0], [0 0], [2 3], [0 1]]: real [[-1 0], [0 0], [0.5 2], [0 -1]].
  // CHECK-LABEL: codebook
  // CHECK-NEXT: ( ( 0.5, 2 ), ( -1.5, 6 ) )
  %cv = arith.constant dense<[[1, 0], [0, 0], [2, 3], [0, 1]]> : tensor<4x2xi2>
  %cb = arith.constant dense<[0.0, -1.0, 0.5, 2.0]> : tensor<4xf32>
  %cw = sparq.assemble values(%cv : tensor<4x2xi2>) codebook(%cb : tensor<4xf32>) : tensor<4x2xi2, #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>>
  %y6 = sparq.matmul %x, %cw acc(f32) : tensor<2x4xf32>, tensor<4x2xi2, #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>> -> tensor<2x2xf32> loc("cb")
  %v6 = vector.transfer_read %y6[%c0, %c0], %pad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "codebook\n"
  vector.print %v6 : vector<2x2xf32>

  // si4 with one scale per 2 entries along K (group(0, 2)), scales
  // [[0.5, 1], [0.25, 2]] for K rows {0, 1} and {2, 3}:
  // [[1 0], [0 0], [-3 7], [0 -7]] is real [[0.5 0], [0 0], [-0.75 14], [0 -14]].
  // nm stores it transposed, with the scales transposed to [[0.5, 0.25], [1, 2]].
  // CHECK-LABEL: group
  // CHECK-NEXT: ( ( -1.75, -14 ), ( -2.75, -14 ) )
  %gv = arith.constant dense<[[1, 0], [0, 0], [-3, 7], [0, -7]]> : tensor<4x2xi4>
  %gs = arith.constant dense<[[0.5, 1.0], [0.25, 2.0]]> : tensor<2x2xf32>
  %gw = sparq.assemble values(%gv : tensor<4x2xi4>) scales(%gs : tensor<2x2xf32>) : tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(0, 2)>>>
  %y7 = sparq.matmul %x, %gw acc(f32) : tensor<2x4xf32>, tensor<4x2xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(0, 2)>>> -> tensor<2x2xf32> loc("grp")
  %v7 = vector.transfer_read %y7[%c0, %c0], %pad : tensor<2x2xf32>, vector<2x2xf32>
  vector.print str "group\n"
  vector.print %v7 : vector<2x2xf32>
  return
}
