// Each RUN narrows the weight of one named op (ops=NAME). Expected bits were
// worked out by hand (round to nearest even, each format's overflow rule)
// and match the numerics unit tests (unittests/Numerics/FloatFormatTest.cpp).
// Blobs print as little-endian bytes after a 4-byte alignment header.

// RUN: sparq-opt %s --sparq-float-format="type=f16 ops=f16mm" 2>/dev/null | FileCheck %s --check-prefix=F16
// RUN: sparq-opt %s --sparq-float-format="type=bf16 ops=bf16mm" | FileCheck %s --check-prefix=BF16
// RUN: sparq-opt %s --sparq-float-format="type=bf16 ops=bf16conv" | FileCheck %s --check-prefix=BF16CONV
// RUN: sparq-opt %s --sparq-float-format="type=f16 ops=f16batch,f16vec" | FileCheck %s --check-prefix=F16MORE
// RUN: sparq-opt %s --sparq-float-format="type=tf32 ops=tf32conv" | FileCheck %s --check-prefix=TF32
// RUN: sparq-opt %s --sparq-float-format="type=f8E4M3FN ops=e4m3" 2>/dev/null | FileCheck %s --check-prefix=E4M3
// RUN: sparq-opt %s --sparq-float-format="type=f8E5M2 ops=e5m2" 2>/dev/null | FileCheck %s --check-prefix=E5M2

// f16: 1 + 2^-11 is halfway between 1 and 1 + 2^-10: even, 1.0 (0x3C00);
// 65520 rounds up past the largest f16 (65504): +inf (0x7C00); 65519 ->
// 65504 (0x7BFF); -2 -> 0xC000. The linalg op is rebuilt with the f16
// weight; its body extends it to f32 (exact).
// F16-LABEL: func.func @f16mm(
// F16-SAME: %[[X:[^:]*]]: tensor<3x2xf32>, %[[INIT:.*]]: tensor<3x2xf32>
// F16: %[[W:.*]] = arith.constant dense_resource<f16mm_f16> : tensor<2x2xf16>
// F16: %[[Y:.*]] = linalg.matmul {sparq.float_format = "f16"} ins(%[[X]], %[[W]] : tensor<3x2xf32>, tensor<2x2xf16>) outs(%[[INIT]] : tensor<3x2xf32>) -> tensor<3x2xf32>
// F16: return %[[Y]]
// F16: f16mm_f16: "0x08000000003C007CFF7B00C0"
func.func @f16mm(%x: tensor<3x2xf32>, %init: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<[[1.00048828125, 65520.0], [65519.0, -2.0]]> : tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<3x2xf32>, tensor<2x2xf32>) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32> loc("f16mm")
  return %y : tensor<3x2xf32>
}

// bf16 (7 mantissa bits) on a sparq.matmul: the bf16 weight is its operand.
// 1 -> 0x3F80, -2 -> 0xC000, 1 + 2^-8 (a tie) -> 1 (even) 0x3F80,
// 1 + 3 * 2^-8 (a tie between 1 + 2^-7 and 1 + 2^-6) -> 1 + 2^-6 = 0x3F82.
// BF16-LABEL: func.func @bf16mm(
// BF16-NOT: tensor<2x2xf32>
// BF16: %[[W:.*]] = arith.constant dense_resource<bf16mm_bf16> : tensor<2x2xbf16>
// BF16-NOT: tensor<2x2xf32>
// BF16: sparq.matmul %{{.*}}, %[[W]] acc(f32) {sparq.float_format = "bf16"} : tensor<3x2xf32>, tensor<2x2xbf16> -> tensor<3x2xf32>
// BF16: bf16mm_bf16: "0x08000000803F00C0803F823F"
func.func @bf16mm(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<[[1.0, -2.0], [1.00390625, 1.01171875]]> : tensor<2x2xf32>
  %y = sparq.matmul %x, %w acc(f32) : tensor<3x2xf32>, tensor<2x2xf32> -> tensor<3x2xf32> loc("bf16mm")
  return %y : tensor<3x2xf32>
}

// A linalg NCHW conv keeps its strides and dilations when rebuilt.
// 0.1 -> 0x3DCD (0.1 = 0x3DCCCCCD rounds up), -0.0 -> 0x8000.
// BF16CONV-LABEL: func.func @bf16conv(
// BF16CONV: %[[W:.*]] = arith.constant dense_resource<bf16conv_bf16> : tensor<1x2x1x1xbf16>
// BF16CONV: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, sparq.float_format = "bf16", strides = dense<2> : tensor<2xi64>} ins(%{{.*}}, %[[W]] : tensor<1x2x3x3xf32>, tensor<1x2x1x1xbf16>)
// BF16CONV: bf16conv_bf16: "0x08000000CD3D0080"
func.func @bf16conv(%x: tensor<1x2x3x3xf32>, %init: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %w = arith.constant dense<[[[[0.1]], [[-0.0]]]]> : tensor<1x2x1x1xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) outs(%init : tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> loc("bf16conv")
  return %y : tensor<1x1x2x2xf32>
}

// batch_matmul and matvec are rebuilt with f16 weights as well.
// 0.5 -> 0x3800, 3 -> 0x4200, 2^-24 (the smallest f16 subnormal) -> 0x0001,
// 2^-26 (a quarter of it) -> +0.
// F16MORE-LABEL: func.func @f16more(
// F16MORE: linalg.batch_matmul {sparq.float_format = "f16"} ins(%{{.*}}, %{{.*}} : tensor<2x1x2xf32>, tensor<2x2x1xf16>)
// F16MORE: linalg.matvec {sparq.float_format = "f16"} ins(%{{.*}}, %{{.*}} : tensor<2x2xf16>, tensor<2xf32>)
// F16MORE: f16batch_f16: "0x080000000038004201000000"
// F16MORE: f16vec_f16: "0x080000000038004201000000"
func.func @f16more(%x: tensor<2x1x2xf32>, %v: tensor<2xf32>, %i3: tensor<2x1x1xf32>, %i1: tensor<2xf32>) -> (tensor<2x1x1xf32>, tensor<2xf32>) {
  %w = arith.constant dense<[[[0.5], [3.0]], [[5.9604644775390625E-8], [1.4901161193847656E-8]]]> : tensor<2x2x1xf32>
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x1x2xf32>, tensor<2x2x1xf32>) outs(%i3 : tensor<2x1x1xf32>) -> tensor<2x1x1xf32> loc("f16batch")
  %m = arith.constant dense<[[0.5, 3.0], [5.9604644775390625E-8, 1.4901161193847656E-8]]> : tensor<2x2xf32>
  %z = linalg.matvec ins(%m, %v : tensor<2x2xf32>, tensor<2xf32>) outs(%i1 : tensor<2xf32>) -> tensor<2xf32> loc("f16vec")
  return %y, %z : tensor<2x1x1xf32>, tensor<2xf32>
}

// tf32 (10 mantissa bits, f32's range) is stored as f32 values: the op
// keeps its type and takes the narrowed constant in place.
// 1 + 2^-11 -> 1.0 (0x3F800000); 1 + 3 * 2^-11 -> 1 + 2^-9 (0x3F804000);
// 65520 (a tie between 65504 and 65536) -> 65536 (0x47800000); -0 stays.
// TF32-LABEL: func.func @tf32conv(
// TF32: %[[W:.*]] = arith.constant dense_resource<tf32conv_tf32> : tensor<1x1x2x2xf32>
// TF32: sparq.conv2d %{{.*}}, %[[W]] layout(nhwc_hwcf) acc(f32) {sparq.float_format = "tf32"}
// TF32: tf32conv_tf32: "0x080000000000803F0040803F0000804700000080"
func.func @tf32conv(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[1.00048828125, 1.00146484375], [65520.0, -0.0]]]]> : tensor<1x1x2x2xf32>
  %y = sparq.conv2d %x, %w layout(nhwc_hwcf) acc(f32) : tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x2x2x2xf32> loc("tf32conv")
  return %y : tensor<1x2x2x2xf32>
}

// f8E4M3FN (3 mantissa bits, max 448, no infinity), stored as f32:
// 464 (a tie between 448 and 480) -> 448 (0x43E00000); 465 -> NaN
// (0x7FC00000); 0.1 -> 13 * 2^-7 = 0.1015625 (0x3DD00000);
// 0.001 -> 2^-9, the smallest subnormal (0x3B000000).
// E4M3-LABEL: func.func @e4m3(
// E4M3: %[[W:.*]] = arith.constant dense_resource<e4m3_f8E4M3FN> : tensor<2x2xf32>
// E4M3: linalg.matvec {sparq.float_format = "f8E4M3FN"} ins(%[[W]], %{{.*}} : tensor<2x2xf32>, tensor<2xf32>)
// E4M3: e4m3_f8E4M3FN: "0x080000000000E0430000C07F0000D03D0000003B"
func.func @e4m3(%v: tensor<2xf32>, %init: tensor<2xf32>) -> tensor<2xf32> {
  %m = arith.constant dense<[[464.0, 465.0], [0.1, 0.001]]> : tensor<2x2xf32>
  %y = linalg.matvec ins(%m, %v : tensor<2x2xf32>, tensor<2xf32>) outs(%init : tensor<2xf32>) -> tensor<2xf32> loc("e4m3")
  return %y : tensor<2xf32>
}

// f8E5M2 (2 mantissa bits, max 57344): 61440 (a tie between 57344 and
// 65536) -> 65536, which overflows: +inf (0x7F800000); 1.125 (a tie
// between 1 and 1.25) -> 1 (0x3F800000); -3.5 exact (0xC0600000);
// 57344 exact (0x47600000).
// E5M2-LABEL: func.func @e5m2(
// E5M2: %[[W:.*]] = arith.constant dense_resource<e5m2_f8E5M2> : tensor<1x2x1x2xf32>
// E5M2: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, sparq.float_format = "f8E5M2", strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %[[W]] : tensor<1x2x2x2xf32>, tensor<1x2x1x2xf32>)
// E5M2: e5m2_f8E5M2: "0x080000000000807F0000803F000060C000006047"
func.func @e5m2(%x: tensor<1x2x2x2xf32>, %init: tensor<1x1x2x1xf32>) -> tensor<1x1x2x1xf32> {
  %w = arith.constant dense<[[[[61440.0, 1.125]], [[-3.5, 57344.0]]]]> : tensor<1x2x1x2xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x2x2xf32>, tensor<1x2x1x2xf32>) outs(%init : tensor<1x1x2x1xf32>) -> tensor<1x1x2x1xf32> loc("e5m2")
  return %y : tensor<1x1x2x1xf32>
}
