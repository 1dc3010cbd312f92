// dataflow(dense) on a sparq.conv2d (im2col, then the dense GEMM on the
// decompressed filter), JIT-run; expected values worked by hand: output
// (0, 0) channel 0 = 1*1 + 5*3 = 16, channel 1 = 2*2 = 4, and so on. The
// row dataflow gives the same numbers.
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: sed 's/dataflow(dense)/dataflow(row)/' %s | sparq-opt --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// CHECK: ( ( ( ( 16, 4 ), ( 20, 6 ) ), ( ( 28, 10 ), ( 32, 12 ) ) ) )

#csr = #sparq.encoding<csr>
func.func @main() {
  %x = arith.constant dense<[[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]]]> : tensor<1x3x3x1xf32>
  %f = arith.constant dense<[[[[1.0, 0.0]], [[0.0, 2.0]]], [[[0.0, 0.0]], [[3.0, 0.0]]]]> : tensor<2x2x1x2xf32>
  %fs = sparq.pack %f : tensor<2x2x1x2xf32> -> tensor<2x2x1x2xf32, #csr>
  %y = sparq.conv2d %x, %fs layout(nhwc_hwcf) acc(f32) dataflow(dense) : tensor<1x3x3x1xf32>, tensor<2x2x1x2xf32, #csr> -> tensor<1x2x2x2xf32>
  %c0 = arith.constant 0 : index
  %pad = arith.constant -1.0 : f32
  %v = vector.transfer_read %y[%c0, %c0, %c0, %c0], %pad : tensor<1x2x2x2xf32>, vector<1x2x2x2xf32>
  vector.print %v : vector<1x2x2x2xf32>
  return
}
