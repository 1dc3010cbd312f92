// Three layers of 8 weights each, with values chosen so that every scale is
// an exact integer (max|w| = 889 = 7 * 127: the si2, si4 and si8 scales are
// 889, 127 and 7), so the squared errors below are exact, computed by hand:
//   grid   (every column on {-889, 0, 889}): SSE 0 at 2, 4 and 8 bits;
//   spread column 0 = [889, 70, -35, 14]: si2 rounds 70, -35, 14 to 0 (6321),
//          si4 gives [7, 1, 0, 0] * 127 (57^2 + 35^2 + 14^2 = 4670), si8 is
//          exact; column 1 = [-889, 889, 7, -7]: 98 at 2 and 4 bits, 0 at 8.
//          SSE: 6419 / 4768 / 0;
//   mid    (a 1x1 conv) column 0 = [889, 127, -254, 0]: si2 loses 127 and
//          -254 (80645), si4 is exact (127 * [7, 1, -2, 0]), si8 rounds 127/7
//          and -254/7 (1 + 4 = 5): wider is not always better.
//          SSE: 80645 / 0 / 5.
// Sizes are 8 * bits = 16 / 32 / 64 per layer. The Pareto frontier of
// (total size, total SSE) is (48, 87064) [2,2,2], (64, 6419) [2,2,4],
// (80, 4768) [2,4,4], (112, 0) [2,8,4]; every budget picks the last point
// that fits.

// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=48 report=- ops=grid,spread,mid" | FileCheck %s --check-prefix=B48
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=79 ops=grid,spread,mid" | FileCheck %s --check-prefix=B64
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=8,2,4 budget=80 report=- ops=grid,spread,mid" | FileCheck %s --check-prefix=B80
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 avg-bits=3.5 report=- ops=grid,spread,mid" | FileCheck %s --check-prefix=AVG
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=112 ops=grid,spread,mid" | FileCheck %s --check-prefix=B112
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=100000 report=- ops=grid,spread,mid" | FileCheck %s --check-prefix=BIG
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=40 granularity=tensor outlier-fraction=0.25 outlier-bits=8 ops=out report=-" | FileCheck %s --check-prefix=OUT
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=40 granularity=tensor ops=out report=-" | FileCheck %s --check-prefix=NOOUT
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=79 outlier-fraction=0.4 outlier-bits=16 ops=out" | FileCheck %s --check-prefix=OUT16
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=2,4,8 budget=80 report=%t.json ops=grid,spread,mid" -o /dev/null && FileCheck %s --check-prefix=FILE < %t.json

// B48: "budget_bits": 48,
// B48: "name": "grid",
// B48: "total": {
// B48-NEXT: "avg_bits": 2,
// B48-NEXT: "elements": 24,
// B48-NEXT: "mse": 3627.6666
// B48-NEXT: "size_bits": 48,
// B48-NEXT: "slack_bits": 0,
// B48-NEXT: "sse": 87064
// B48: "why": {
// B48-NEXT: "better": {
// B48-NEXT: "bits": [
// B48-NEXT: 2,
// B48-NEXT: 2,
// B48-NEXT: 4
// B48-NEXT: ],
// B48-NEXT: "over_budget_bits": 16,
// B48-NEXT: "size_bits": 64,
// B48-NEXT: "sse": 6419
// B48-NEXT: },
// B48-NEXT: "cheaper": null,
// B48-LABEL: func.func @layers(
// B48: linalg.fill
// B48: sparq.matmul {{.*}} {sparq.bits = 2 : i64, sparq.quant_mse = 0.000000e+00 : f64} : tensor<3x4xf32>, tensor<4x2xi2, #{{.*}}>
// B48: sparq.matmul {{.*}} {sparq.bits = 2 : i64, sparq.quant_mse = 8.023750e+02 : f64} : tensor<3x4xf32>, tensor<4x2xi2, #{{.*}}>
// B48: sparq.conv2d {{.*}} {sparq.bits = 2 : i64, sparq.quant_mse = 10080.625 : f64} : tensor<1x2x2x4xf32>, tensor<1x1x4x2xi2, #{{.*}}>

// B64-LABEL: func.func @layers(
// B64: sparq.matmul {{.*}} {sparq.bits = 2 : i64, {{.*}} tensor<4x2xi2
// B64: sparq.matmul {{.*}} {sparq.bits = 2 : i64, {{.*}} tensor<4x2xi2
// B64: sparq.conv2d {{.*}} {sparq.bits = 4 : i64, {{.*}} tensor<1x1x4x2xi4

// The whole report at budget 80; candidates are sorted. Keys print sorted.
// B80: "budget_bits": 80,
// B80-NEXT: "candidates": [
// B80-NEXT: 2,
// B80-NEXT: 4,
// B80-NEXT: 8
// B80-NEXT: ],
// B80-NEXT: "granularity": "channel",
// B80-NEXT: "layers": [
// B80-NEXT: {
// B80-NEXT: "candidates": [
// B80-NEXT: {
// B80-NEXT: "bits": 2,
// B80-NEXT: "mse": 0,
// B80-NEXT: "size_bits": 16,
// B80-NEXT: "sse": 0
// B80:      "chosen_bits": 2,
// B80:      "name": "grid",
// B80-NEXT: "op": "linalg.matmul",
// B80:      "candidates": [
// B80-NEXT: {
// B80-NEXT: "bits": 2,
// B80-NEXT: "mse": 802.375,
// B80-NEXT: "size_bits": 16,
// B80-NEXT: "sse": 6419
// B80-NEXT: },
// B80-NEXT: {
// B80-NEXT: "bits": 4,
// B80-NEXT: "mse": 596,
// B80-NEXT: "size_bits": 32,
// B80-NEXT: "sse": 4768
// B80-NEXT: },
// B80-NEXT: {
// B80-NEXT: "bits": 8,
// B80-NEXT: "mse": 0,
// B80-NEXT: "size_bits": 64,
// B80-NEXT: "sse": 0
// B80-NEXT: }
// B80-NEXT: ],
// B80-NEXT: "chosen_bits": 4,
// B80-NEXT: "elements": 8,
// B80-NEXT: "marginal": {
// B80-NEXT: "narrower": {
// B80-NEXT: "bits": 2,
// B80-NEXT: "delta_size_bits": -16,
// B80-NEXT: "delta_sse": 1651
// B80-NEXT: },
// B80-NEXT: "wider": {
// B80-NEXT: "bits": 8,
// B80-NEXT: "delta_size_bits": 32,
// B80-NEXT: "delta_sse": -4768,
// B80-NEXT: "fits": false
// B80-NEXT: }
// B80-NEXT: },
// B80-NEXT: "mse": 596,
// B80-NEXT: "name": "spread",
// B80-NEXT: "op": "sparq.matmul",
// B80-NEXT: "outlier_channels": [],
// B80-NEXT: "outlier_elements": 0,
// B80-NEXT: "outlier_sse": 0,
// B80:      "size_bits": 32,
// B80-NEXT: "sse": 4768
// B80:      "candidates": [
// B80-NEXT: {
// B80-NEXT: "bits": 2,
// B80-NEXT: "mse": 10080.625,
// B80-NEXT: "size_bits": 16,
// B80-NEXT: "sse": 80645
// B80-NEXT: },
// B80-NEXT: {
// B80-NEXT: "bits": 4,
// B80-NEXT: "mse": 0,
// B80-NEXT: "size_bits": 32,
// B80-NEXT: "sse": 0
// B80-NEXT: },
// B80-NEXT: {
// B80-NEXT: "bits": 8,
// B80-NEXT: "mse": 0.625,
// B80-NEXT: "size_bits": 64,
// B80-NEXT: "sse": 5
// B80-NEXT: }
// B80-NEXT: ],
// B80-NEXT: "chosen_bits": 4,
// B80:      "wider": {
// B80-NEXT: "bits": 8,
// B80-NEXT: "delta_size_bits": 32,
// B80-NEXT: "delta_sse": 5,
// B80-NEXT: "fits": false
// B80:      "name": "mid",
// B80-NEXT: "op": "linalg.conv_2d_nhwc_hwcf",
// B80:      "outlier_bits": null,
// B80-NEXT: "outlier_fraction": 0,
// B80-NEXT: "scheme": "symmetric",
// B80-NEXT: "total": {
// B80-NEXT: "avg_bits": 3.333333
// B80-NEXT: "elements": 24,
// B80-NEXT: "mse": 198.666666
// B80-NEXT: "size_bits": 80,
// B80-NEXT: "slack_bits": 0,
// B80-NEXT: "sse": 4768
// B80-NEXT: },
// B80-NEXT: "why": {
// B80-NEXT: "better": {
// B80-NEXT: "bits": [
// B80-NEXT: 2,
// B80-NEXT: 8,
// B80-NEXT: 4
// B80-NEXT: ],
// B80-NEXT: "over_budget_bits": 32,
// B80-NEXT: "size_bits": 112,
// B80-NEXT: "sse": 0
// B80-NEXT: },
// B80-NEXT: "cheaper": {
// B80-NEXT: "bits": [
// B80-NEXT: 2,
// B80-NEXT: 2,
// B80-NEXT: 4
// B80-NEXT: ],
// B80-NEXT: "size_bits": 64,
// B80-NEXT: "sse": 6419
// B80-NEXT: },
// B80-NEXT: "frontier_complete": true,
// B80-NEXT: "pareto_points": 4,
// B80-LABEL: func.func @layers(
// B80-SAME: %[[X:.*]]: tensor<3x4xf32>, %[[IMG:.*]]: tensor<1x2x2x4xf32>
// B80-DAG: %[[GVB:.*]] = arith.constant dense_resource<grid_values> : tensor<2xi8>
// B80-DAG: %[[GV:.*]] = sparq.from_bytes %[[GVB]] : tensor<2xi8> -> tensor<4x2xi2>
// B80-DAG: %[[GS:.*]] = arith.constant dense_resource<grid_scales> : tensor<2xf32>
// B80-DAG: %[[G:.*]] = sparq.assemble values(%[[GV]] : tensor<4x2xi2>) scales(%[[GS]] : tensor<2xf32>) : tensor<4x2xi2, #[[SI2:.*]]>
// B80-DAG: %[[S:.*]] = sparq.assemble values(%{{.*}} : tensor<4x2xi4>) scales(%{{.*}} : tensor<2xf32>) : tensor<4x2xi4, #[[SI4:.*]]>
// B80-DAG: %[[M:.*]] = sparq.assemble values(%{{.*}} : tensor<1x1x4x2xi4>) scales(%{{.*}} : tensor<2xf32>) : tensor<1x1x4x2xi4, #[[SI4C:.*]]>
// B80: %[[A:.*]] = sparq.matmul %[[X]], %[[G]] acc(f32) {sparq.bits = 2 : i64, sparq.quant_mse = 0.000000e+00 : f64}
// B80: %[[B:.*]] = sparq.matmul %[[X]], %[[S]] acc(f32) {sparq.bits = 4 : i64, sparq.quant_mse = 5.960000e+02 : f64}
// B80: %[[C:.*]] = sparq.conv2d %[[IMG]], %[[M]] layout(nhwc_hwcf) acc(f32) {sparq.bits = 4 : i64, sparq.quant_mse = 0.000000e+00 : f64}
// B80: return %[[A]], %[[B]], %[[C]]
// grid: scales 889 per column, q = [[1, -1], [0, 1], [-1, 0], [1, 0]];
// spread: scales 127, q = [[7, -7], [1, 7], [0, 0], [0, 0]];
// mid: scales 127, q = [[7, 7], [1, -7], [-2, 0], [0, 0]].
// B80: grid_values: "0x080000004D13",
// B80: grid_scales: "0x0800000000405E4400405E44",
// B80: spread_values: "0x0800000097710000",
// B80: spread_scales: "0x080000000000FE420000FE42",
// B80: mid_values: "0x0800000077910E00",
// B80: mid_scales: "0x080000000000FE420000FE42"

// avg-bits=3.5 is floor(3.5 * 24) = 84 bits: [2, 4, 4] with 4 bits to spare.
// AVG: "budget_bits": 84,
// AVG: "chosen_bits": 2,
// AVG: "chosen_bits": 4,
// AVG: "chosen_bits": 4,
// AVG: "slack_bits": 4,
// AVG-NEXT: "sse": 4768

// B112-LABEL: func.func @layers(
// B112: sparq.matmul {{.*}} {sparq.bits = 2 : i64, {{.*}} tensor<4x2xi2
// B112: sparq.matmul {{.*}} {sparq.bits = 8 : i64, sparq.quant_mse = 0.000000e+00 : f64} {{.*}} tensor<4x2xi8
// B112: sparq.conv2d {{.*}} {sparq.bits = 4 : i64, {{.*}} tensor<1x1x4x2xi4

// With room for everything at 8 bits, grid stays at 2 (no error to save)
// and mid at 4 (8 bits would add error): nothing better exists.
// BIG: "budget_bits": 100000,
// BIG: "chosen_bits": 2,
// BIG: "chosen_bits": 8,
// BIG: "chosen_bits": 4,
// BIG: "size_bits": 112,
// BIG-NEXT: "slack_bits": 99888,
// BIG-NEXT: "sse": 0
// BIG: "better": null,
// BIG-LABEL: func.func @layers(
// BIG: sparq.bits = 2
// BIG: sparq.bits = 8
// BIG: sparq.bits = 4

// FILE: "budget_bits": 80,
// FILE: "sse": 4768
func.func @layers(%x: tensor<3x4xf32>, %img: tensor<1x2x2x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<1x2x2x2xf32>) {
  %grid = arith.constant dense<[[889.0, -889.0], [0.0, 889.0], [-889.0, 0.0], [889.0, 0.0]]> : tensor<4x2xf32>
  %spread = arith.constant dense<[[889.0, -889.0], [70.0, 889.0], [-35.0, 7.0], [14.0, -7.0]]> : tensor<4x2xf32>
  %mid = arith.constant dense<[[[[889.0, 889.0], [127.0, -889.0], [-254.0, 0.0], [0.0, 0.0]]]]> : tensor<1x1x4x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<3x2xf32>) -> tensor<3x2xf32>
  %a = linalg.matmul ins(%x, %grid : tensor<3x4xf32>, tensor<4x2xf32>) outs(%f : tensor<3x2xf32>) -> tensor<3x2xf32> loc("grid")
  %b = sparq.matmul %x, %spread acc(f32) : tensor<3x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32> loc("spread")
  %ec = tensor.empty() : tensor<1x2x2x2xf32>
  %fc = linalg.fill ins(%zero : f32) outs(%ec : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %c = linalg.conv_2d_nhwc_hwcf ins(%img, %mid : tensor<1x2x2x4xf32>, tensor<1x1x4x2xf32>) outs(%fc : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> loc("mid")
  return %a, %b, %c : tensor<3x2xf32>, tensor<3x2xf32>, tensor<1x2x2x2xf32>
}

// Outlier channels. Column 0 of w (max|w| 14224 = 112 * 127) dwarfs the rest
// (max 889), so one scale per tensor rounds every other weight to 0 at 2 and
// 4 bits (SSE 889^2 * 2 + 70^2 + 35^2 + 14^2 = 1586963 at 2 and 4 bits; at 8
// bits the scale 112 gives errors 7, 35, 7, 42, 14: 3283). With
// outlier-fraction=0.25, round(0.25 * 4) = 1 channel, column 0, is kept at 8
// bits on its own (W_out, scale 112: exact), and the rest (W_low, max 889)
// loses 6321 / 4670 / 0 at 2 / 4 / 8 bits, like spread's column 0. Sizes:
// 6 * b + 2 * 8 = 28 / 40 / 64 bits. Budget 40: 4 bits, SSE 4670 instead of
// 1586963 (no outliers: 2 bits, since 4 bits saves nothing).
// OUT: "layers": [
// OUT: "candidates": [
// OUT-NEXT: {
// OUT-NEXT: "bits": 2,
// OUT-NEXT: "mse": 790.125,
// OUT-NEXT: "size_bits": 28,
// OUT-NEXT: "sse": 6321
// OUT-NEXT: },
// OUT-NEXT: {
// OUT-NEXT: "bits": 4,
// OUT-NEXT: "mse": 583.75,
// OUT-NEXT: "size_bits": 40,
// OUT-NEXT: "sse": 4670
// OUT-NEXT: },
// OUT-NEXT: {
// OUT-NEXT: "bits": 8,
// OUT-NEXT: "mse": 0,
// OUT-NEXT: "size_bits": 64,
// OUT-NEXT: "sse": 0
// OUT-NEXT: }
// OUT-NEXT: ],
// OUT-NEXT: "chosen_bits": 4,
// OUT:      "name": "out",
// OUT-NEXT: "op": "linalg.matmul",
// OUT-NEXT: "outlier_channels": [
// OUT-NEXT: 0
// OUT-NEXT: ],
// OUT-NEXT: "outlier_elements": 2,
// OUT-NEXT: "outlier_sse": 0,
// OUT:      "outlier_bits": 8,
// OUT-NEXT: "outlier_fraction": 0.25,
// OUT-LABEL: func.func @outliers(
// OUT-SAME: %[[X:.*]]: tensor<3x2xf32>
// OUT-DAG: %[[LOW:.*]] = sparq.assemble values(%{{.*}} : tensor<2x4xi4>) scales(%{{.*}} : tensor<1xf32>) : tensor<2x4xi4, #{{.*}}>
// OUT-DAG: %[[HIGH:.*]] = sparq.assemble values(%{{.*}} : tensor<2x4xi8>) scales(%{{.*}} : tensor<1xf32>) : tensor<2x4xi8, #{{.*}}>
// OUT: %[[P:.*]] = sparq.matmul %[[X]], %[[LOW]] acc(f32) {sparq.bits = 4 : i64, sparq.outlier_channels = array<i64: 0>, sparq.quant_mse = 5.837500e+02 : f64}
// OUT: %[[Q:.*]] = sparq.matmul %[[X]], %[[HIGH]] acc(f32) {sparq.bits = 8 : i64, sparq.outlier_part, sparq.quant_mse = 0.000000e+00 : f64}
// OUT: %[[E:.*]] = tensor.empty() : tensor<3x4xf32>
// OUT: %[[SUM:.*]] = linalg.add ins(%[[P]], %[[Q]] : tensor<3x4xf32>, tensor<3x4xf32>) outs(%[[E]] : tensor<3x4xf32>)
// OUT: return %[[SUM]]
// W_low (scale 127): q = [[0, 7, 0, -7], [0, 1, 0, 0]];
// W_out (scale 112): q = [[127, 0, 0, 0], [0, 0, 0, 0]].
// OUT: out_values: "0x0800000070901000",
// OUT: out_scales: "0x080000000000FE42",
// OUT: out_outliers_values: "0x080000007F00000000000000",
// OUT: out_outliers_scales: "0x080000000000E042"

// NOOUT: "sse": 1586963
// NOOUT: "sse": 1586963
// NOOUT: "sse": 3283
// NOOUT: "chosen_bits": 2,
// NOOUT-LABEL: func.func @outliers(
// NOOUT: sparq.matmul {{.*}} {sparq.bits = 2 : i64, sparq.quant_mse = 198370.375 : f64}
// NOOUT-NOT: linalg.add

// Per channel, round(0.4 * 4) = 2 outlier channels: 0 (14224) and, of the
// equal peaks 889 of columns 1 and 3, the lower index 1. Sizes 4 * b + 4 *
// 16 = 72 / 80 / 96: budget 79 fits only 2 bits for the rest.
// OUT16-LABEL: func.func @outliers(
// OUT16: sparq.matmul {{.*}} {sparq.bits = 2 : i64, sparq.outlier_channels = array<i64: 0, 1>, {{.*}} tensor<2x4xi2
// OUT16: sparq.matmul {{.*}} {sparq.bits = 16 : i64, sparq.outlier_part, {{.*}} tensor<2x4xi16
// OUT16: linalg.add
func.func @outliers(%x: tensor<3x2xf32>) -> tensor<3x4xf32> {
  %w = arith.constant dense<[[14224.0, 889.0, -35.0, -889.0], [0.0, 70.0, 14.0, 0.0]]> : tensor<2x4xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<3x4xf32>) -> tensor<3x4xf32>
  %y = linalg.matmul ins(%x, %w : tensor<3x2xf32>, tensor<2x4xf32>) outs(%f : tensor<3x4xf32>) -> tensor<3x4xf32> loc("out")
  return %y : tensor<3x4xf32>
}
