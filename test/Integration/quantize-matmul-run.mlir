// RUN: sparq-opt %s --sparq-quantize="scheme=symmetric bits=8 granularity=channel" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The expected numbers come from an independent numpy reference of the
// quantization rules (Inputs/quantize_reference.py, no code shared with the
// compiler); the same CHECK lines are matched against its output:
// RUN: %python %S/Inputs/quantize_reference.py | FileCheck %s
//
// Only 8- and 16-bit storage runs end to end: LLVM IR translation of a
// dense_resource global needs a byte-sized element type, so i2/i3/i4/i12
// values parts do not lower yet (sparq-to-llvm would have to widen them).

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -99.0 : f32
  %zero = arith.constant 0.0 : f32
  %x = arith.constant dense<[[1.0, 2.0, -1.0, 0.5], [-2.0, 0.5, 3.0, 1.0]]> : tensor<2x4xf32>
  %w = arith.constant dense<[[0.9, -1.7, 0.0], [2.3, 0.4, -0.05], [-1.1, 0.0, 3.3], [0.6, 2.2, -0.8]]> : tensor<4x3xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>

  // si8 per output channel (the pass options).
  // CHECK-LABEL: symmetric-channel
  // CHECK-NEXT: ( ( 6.90906, 0.199213, -3.80669 ), ( -3.37756, 5.79449, 9.0685 ) )
  %y0 = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x3xf32>) outs(%fill : tensor<2x3xf32>) -> tensor<2x3xf32>
  %v0 = vector.transfer_read %y0[%c0, %c0], %pad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "symmetric-channel\n"
  vector.print %v0 : vector<2x3xf32>

  // ui8 in groups of 2 along K (per-op override), added to a non-zero init.
  // CHECK-LABEL: asymmetric-group-init
  // CHECK-NEXT: ( ( 7.90196, 2.21059, -0.798039 ), ( 0.646078, 10.7947, 15.0593 ) )
  %init = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %y1 = linalg.matmul {sparq.quantize = {scheme = "asymmetric", granularity = "group", "group-size" = 2 : i64}}
      ins(%x, %w : tensor<2x4xf32>, tensor<4x3xf32>) outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
  %v1 = vector.transfer_read %y1[%c0, %c0], %pad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "asymmetric-group-init\n"
  vector.print %v1 : vector<2x3xf32>

  // NHWC conv, si8 per filter (the pass options).
  // CHECK-LABEL: conv-nhwc
  // CHECK-NEXT: ( ( ( ( -3.54252, -0.726772 ), ( -1.53307, -4.54488 ) ), ( ( -3.81969, 2.22126 ), ( -0.970079, 4.87244 ) ) ) )
  %cx = arith.constant dense<[[[[1.0, -1.0], [2.0, 0.5], [0.0, 3.0]], [[-2.0, 1.5], [1.0, 1.0], [4.0, -0.5]], [[0.5, 2.0], [-1.0, -3.0], [2.5, 1.0]]]]> : tensor<1x3x3x2xf32>
  %cw = arith.constant dense<[[[[0.7, -0.3], [1.9, 0.0]], [[-0.45, 1.2], [0.05, -2.6]]], [[[1.3, 0.8], [0.0, 0.25]], [[-1.05, 0.6], [2.2, -0.9]]]]> : tensor<2x2x2x2xf32>
  %ce = tensor.empty() : tensor<1x2x2x2xf32>
  %cf = linalg.fill ins(%zero : f32) outs(%ce : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %cy = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%cx, %cw : tensor<1x3x3x2xf32>, tensor<2x2x2x2xf32>) outs(%cf : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %cv = vector.transfer_read %cy[%c0, %c0, %c0, %c0], %pad : tensor<1x2x2x2xf32>, vector<1x2x2x2xf32>
  vector.print str "conv-nhwc\n"
  vector.print %cv : vector<1x2x2x2xf32>
  return
}
