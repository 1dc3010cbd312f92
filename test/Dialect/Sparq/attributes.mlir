// RUN: sparq-opt %s | FileCheck %s
// RUN: sparq-opt %s --mlir-print-local-scope | FileCheck %s --check-prefix=LOCAL

// Encodings print with short aliases named after format and storage; default
// widths, default metadata widths and the default rounding mode are elided.

// Alias names: format, N_M or block, then storage signedness and width.
// CHECK-DAG: #bcsr4x2 = #sparq.encoding<bcsr<4x2>, structure = block>
// CHECK-DAG: #bitmap_ui4 = #sparq.encoding<bitmap, quant = #sparq.quant<ui4:bf16, asymmetric, channel(0), rounding = toward_zero>>
// CHECK-DAG: #coo = #sparq.encoding<coo, crd_width = 8>
// CHECK-DAG: #csc = #sparq.encoding<csc, pos_width = 64, crd_width = 16>
// CHECK-DAG: #csr = #sparq.encoding<csr>
// CHECK-DAG: #csr1 = #sparq.encoding<csr, row_dims = 1, structure = filter>
// CHECK-DAG: #dense_si4 = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(1, 8)>>
// CHECK-DAG: #nm2_4 = #sparq.encoding<nm<2, 4>>
// CHECK-DAG: #nm2_8 = #sparq.encoding<nm<2, 8>>
// CHECK-DAG: #nm4_16 = #sparq.encoding<nm<4, 16>, meta_width = 8>

// CHECK-LABEL: func private @encodings
// CHECK-SAME: tensor<8x16xf32, #csr>
// CHECK-SAME: tensor<8x16xf32, #csc>
// CHECK-SAME: tensor<8x16xf16, #nm2_4>
// CHECK-SAME: tensor<8x16xbf16, #nm2_8>
// CHECK-SAME: tensor<8x32xi8, #nm4_16>
// CHECK-SAME: tensor<8x16xf32, #bcsr4x2>
// CHECK-SAME: tensor<8x16xi4, #dense_si4>
// CHECK-SAME: tensor<8x16xi4, #bitmap_ui4>
// CHECK-SAME: tensor<16x3x3x3xf32, #csr1>
// CHECK-SAME: tensor<8x16xf8E4M3FN, #coo>
func.func private @encodings(
  tensor<8x16xf32, #sparq.encoding<csr, pos_width = 32, crd_width = 32>>,
  tensor<8x16xf32, #sparq.encoding<csc, pos_width = 64, crd_width = 16>>,
  tensor<8x16xf16, #sparq.encoding<nm<2, 4>, meta_width = 2>>,
  tensor<8x16xbf16, #sparq.encoding<nm<2, 8>>>,
  tensor<8x32xi8, #sparq.encoding<nm<4, 16>, meta_width = 8>>,
  tensor<8x16xf32, #sparq.encoding<bcsr<4x2>, structure = block>>,
  tensor<8x16xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, group(1, 8), rounding = nearest_even>>>,
  tensor<8x16xi4, #sparq.encoding<bitmap, quant = #sparq.quant<ui4:bf16, asymmetric, channel(0), rounding = toward_zero>>>,
  tensor<16x3x3x3xf32, #sparq.encoding<csr, row_dims = 1, structure = filter>>,
  tensor<8x16xf8E4M3FN, #sparq.encoding<coo, crd_width = 8>>)

// Enum attributes usable on any op (for example by passes that annotate linalg ops).
// LOCAL-LABEL: func private @annotated
// LOCAL-SAME: sparq.dataflow = #sparq<dataflow outer>
// LOCAL-SAME: sparq.structure = #sparq<structure kernel>
func.func private @annotated() attributes {
  sparq.dataflow = #sparq<dataflow outer>,
  sparq.structure = #sparq<structure kernel>}

// Quant attributes stand alone too.
// LOCAL-LABEL: func private @quant_attrs
// LOCAL-SAME: q = #sparq.quant<ui5:f32, codebook, tensor>
// LOCAL-SAME: r = #sparq.quant<si16:f64, asymmetric, group(0, 2), rounding = nearest_away>
func.func private @quant_attrs() attributes {
  q = #sparq.quant<ui5:f32, codebook, tensor>,
  r = #sparq.quant<si16:f64, asymmetric, group(0, 2), rounding = nearest_away>}
