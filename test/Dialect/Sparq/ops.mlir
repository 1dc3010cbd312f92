// RUN: sparq-opt %s | sparq-opt --mlir-print-local-scope | FileCheck %s
// RUN: sparq-opt %s --mlir-print-op-generic | sparq-opt --mlir-print-local-scope | FileCheck %s
// RUN: sparq-opt %s --emit-bytecode | sparq-opt --mlir-print-local-scope | FileCheck %s

// Round trip of every sparq op, in the pretty and the generic form.

#q8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#u8t = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#u4g = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, group(0, 4), rounding = nearest_away>>
#cb5 = #sparq.encoding<dense, quant = #sparq.quant<ui5:f32, codebook, tensor>>
#cbc = #sparq.encoding<dense, quant = #sparq.quant<ui2:f16, codebook, channel(0)>>
#q8csr = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#csr = #sparq.encoding<csr>
#csc = #sparq.encoding<csc, pos_width = 16, crd_width = 8>
#coo = #sparq.encoding<coo>
#bitmap = #sparq.encoding<bitmap>
#nm24 = #sparq.encoding<nm<2, 4>>
#nm28 = #sparq.encoding<nm<2, 8>, meta_width = 8>
#bcsr = #sparq.encoding<bcsr<2x4>, structure = block>
#conv = #sparq.encoding<nm<2, 4>, row_dims = 1>
#nm24x = #sparq.encoding<nm<2, 4>>
#q8hwcf = #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>

// CHECK-LABEL: func @quantize_ops
func.func @quantize_ops(%x: tensor<8x4xf32>, %s: tensor<4xf32>, %st: tensor<1xf32>,
                        %zt: tensor<1xi32>, %sg: tensor<2x4xf32>, %zg: tensor<2x4xi32>,
                        %cb: tensor<32xf32>) {
  // CHECK: sparq.quantize %{{.*}} scales(%{{.*}} : tensor<4xf32>) : tensor<8x4xf32> -> tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>
  %q = sparq.quantize %x scales(%s : tensor<4xf32>) : tensor<8x4xf32> -> tensor<8x4xi8, #q8c>
  // CHECK: sparq.quantize %{{.*}} scales(%{{.*}} : tensor<1xf32>) zero_points(%{{.*}} : tensor<1xi32>) : tensor<8x4xf32> -> tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>>
  %u = sparq.quantize %x scales(%st : tensor<1xf32>) zero_points(%zt : tensor<1xi32>) : tensor<8x4xf32> -> tensor<8x4xi8, #u8t>
  // CHECK: sparq.quantize %{{.*}} scales(%{{.*}} : tensor<2x4xf32>) zero_points(%{{.*}} : tensor<2x4xi32>) : tensor<8x4xf32> -> tensor<8x4xi4, #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, group(0, 4), rounding = nearest_away>>>
  %g = sparq.quantize %x scales(%sg : tensor<2x4xf32>) zero_points(%zg : tensor<2x4xi32>) : tensor<8x4xf32> -> tensor<8x4xi4, #u4g>
  // CHECK: sparq.quantize %{{.*}} codebook(%{{.*}} : tensor<32xf32>) : tensor<8x4xf32> -> tensor<8x4xi5, #sparq.encoding<dense, quant = #sparq.quant<ui5:f32, codebook, tensor>>>
  %c = sparq.quantize %x codebook(%cb : tensor<32xf32>) : tensor<8x4xf32> -> tensor<8x4xi5, #cb5>
  // CHECK: sparq.dequantize %{{.*}} : tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<8x4xf32>
  %d = sparq.dequantize %q : tensor<8x4xi8, #q8c> -> tensor<8x4xf32>
  // CHECK: sparq.dequantize %{{.*}} : tensor<8x4xi5, #sparq.encoding<dense, quant = #sparq.quant<ui5:f32, codebook, tensor>>> -> tensor<8x4xf32>
  %dc = sparq.dequantize %c : tensor<8x4xi5, #cb5> -> tensor<8x4xf32>
  // CHECK: sparq.requantize %{{.*}} scales(%{{.*}} : tensor<1xf32>) zero_points(%{{.*}} : tensor<1xi32>) : tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>>
  %r = sparq.requantize %q scales(%st : tensor<1xf32>) zero_points(%zt : tensor<1xi32>) : tensor<8x4xi8, #q8c> -> tensor<8x4xi8, #u8t>
  return
}

// CHECK-LABEL: func @requantize_accumulator
func.func @requantize_accumulator(%acc: tensor<8x4xi32>, %sa: tensor<4xf32>, %so: tensor<4xf32>) -> tensor<8x4xi8, #q8c> {
  // CHECK: sparq.requantize %{{.*}} in_scales(%{{.*}} : tensor<4xf32>) scales(%{{.*}} : tensor<4xf32>) : tensor<8x4xi32> -> tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>
  %r = sparq.requantize %acc in_scales(%sa : tensor<4xf32>) scales(%so : tensor<4xf32>) : tensor<8x4xi32> -> tensor<8x4xi8, #q8c>
  return %r : tensor<8x4xi8, #q8c>
}

// CHECK-LABEL: func @codebook_per_channel
func.func @codebook_per_channel(%x: tensor<3x4xf16>, %cb: tensor<3x4xf16>) -> tensor<3x4xi2, #cbc> {
  // CHECK: sparq.quantize %{{.*}} codebook(%{{.*}} : tensor<3x4xf16>) : tensor<3x4xf16> -> tensor<3x4xi2, #sparq.encoding<dense, quant = #sparq.quant<ui2:f16, codebook, channel(0)>>>
  %q = sparq.quantize %x codebook(%cb : tensor<3x4xf16>) : tensor<3x4xf16> -> tensor<3x4xi2, #cbc>
  return %q : tensor<3x4xi2, #cbc>
}

// CHECK-LABEL: func @pack_unpack
func.func @pack_unpack(%x: tensor<8x16xf32>, %q: tensor<8x4xi8, #q8c>) {
  // CHECK: sparq.pack %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<csr>>
  %a = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #csr>
  // CHECK: sparq.pack %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<csc, pos_width = 16, crd_width = 8>>
  %b = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #csc>
  // CHECK: sparq.pack %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<coo>>
  %c = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #coo>
  // CHECK: sparq.pack %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<bitmap>>
  %d = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #bitmap>
  // CHECK: sparq.pack %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<nm<2, 4>>>
  %e = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #nm24>
  // CHECK: sparq.pack %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<nm<2, 8>, meta_width = 8>>
  %f = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #nm28>
  // CHECK: sparq.pack %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf32, #sparq.encoding<bcsr<2x4>, structure = block>>
  %g = sparq.pack %x : tensor<8x16xf32> -> tensor<8x16xf32, #bcsr>
  // CHECK: sparq.pack %{{.*}} : tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>
  %h = sparq.pack %q : tensor<8x4xi8, #q8c> -> tensor<8x4xi8, #q8csr>
  // CHECK: sparq.unpack %{{.*}} : tensor<8x16xf32, #sparq.encoding<bcsr<2x4>, structure = block>> -> tensor<8x16xf32>
  %i = sparq.unpack %g : tensor<8x16xf32, #bcsr> -> tensor<8x16xf32>
  // CHECK: sparq.unpack %{{.*}} : tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<8x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>
  %j = sparq.unpack %h : tensor<8x4xi8, #q8csr> -> tensor<8x4xi8, #q8c>
  return
}

// CHECK-LABEL: func @assemble_and_parts
func.func @assemble_and_parts(%v: tensor<?xi8>, %p: tensor<9xi32>, %c: tensor<?xi32>,
                              %s: tensor<4xf32>, %bv: tensor<?xf32>, %bm: tensor<8x1xi64>,
                              %nv: tensor<8x8xf32>, %nmd: tensor<8x8xi2>,
                              %cv: tensor<?xf32>, %cc: tensor<?x2xi32>,
                              %kv: tensor<?x2x4xf32>, %kp: tensor<5xi32>, %kc: tensor<?xi32>) {
  // CHECK: sparq.assemble values(%{{.*}} : tensor<?xi8>) positions(%{{.*}} : tensor<9xi32>) coordinates(%{{.*}} : tensor<?xi32>) scales(%{{.*}} : tensor<4xf32>) : tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>>
  %w = sparq.assemble values(%v : tensor<?xi8>) positions(%p : tensor<9xi32>) coordinates(%c : tensor<?xi32>) scales(%s : tensor<4xf32>) : tensor<8x4xi8, #q8csr>
  // CHECK: sparq.part values of %{{.*}} : tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<?xi8>
  %0 = sparq.part values of %w : tensor<8x4xi8, #q8csr> -> tensor<?xi8>
  // CHECK: sparq.part positions of %{{.*}} : tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<9xi32>
  %1 = sparq.part positions of %w : tensor<8x4xi8, #q8csr> -> tensor<9xi32>
  // CHECK: sparq.part coordinates of %{{.*}} : tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<?xi32>
  %2 = sparq.part coordinates of %w : tensor<8x4xi8, #q8csr> -> tensor<?xi32>
  // CHECK: sparq.part scales of %{{.*}} : tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<4xf32>
  %3 = sparq.part scales of %w : tensor<8x4xi8, #q8csr> -> tensor<4xf32>
  // CHECK: sparq.assemble values(%{{.*}} : tensor<?xf32>) bitmap(%{{.*}} : tensor<8x1xi64>) : tensor<8x16xf32, #sparq.encoding<bitmap>>
  %b = sparq.assemble values(%bv : tensor<?xf32>) bitmap(%bm : tensor<8x1xi64>) : tensor<8x16xf32, #bitmap>
  // CHECK: sparq.part bitmap of %{{.*}} : tensor<8x16xf32, #sparq.encoding<bitmap>> -> tensor<8x1xi64>
  %4 = sparq.part bitmap of %b : tensor<8x16xf32, #bitmap> -> tensor<8x1xi64>
  // CHECK: sparq.assemble values(%{{.*}} : tensor<8x8xf32>) metadata(%{{.*}} : tensor<8x8xi2>) : tensor<8x16xf32, #sparq.encoding<nm<2, 4>>>
  %n = sparq.assemble values(%nv : tensor<8x8xf32>) metadata(%nmd : tensor<8x8xi2>) : tensor<8x16xf32, #nm24>
  // CHECK: sparq.part metadata of %{{.*}} : tensor<8x16xf32, #sparq.encoding<nm<2, 4>>> -> tensor<8x8xi2>
  %5 = sparq.part metadata of %n : tensor<8x16xf32, #nm24> -> tensor<8x8xi2>
  // CHECK: sparq.assemble values(%{{.*}} : tensor<?xf32>) coordinates(%{{.*}} : tensor<?x2xi32>) : tensor<8x16xf32, #sparq.encoding<coo>>
  %o = sparq.assemble values(%cv : tensor<?xf32>) coordinates(%cc : tensor<?x2xi32>) : tensor<8x16xf32, #coo>
  // CHECK: sparq.assemble values(%{{.*}} : tensor<?x2x4xf32>) positions(%{{.*}} : tensor<5xi32>) coordinates(%{{.*}} : tensor<?xi32>) : tensor<8x16xf32, #sparq.encoding<bcsr<2x4>, structure = block>>
  %k = sparq.assemble values(%kv : tensor<?x2x4xf32>) positions(%kp : tensor<5xi32>) coordinates(%kc : tensor<?xi32>) : tensor<8x16xf32, #bcsr>
  // CHECK: sparq.part values of %{{.*}} : tensor<8x16xf32, #sparq.encoding<bcsr<2x4>, structure = block>> -> tensor<?x2x4xf32>
  %6 = sparq.part values of %k : tensor<8x16xf32, #bcsr> -> tensor<?x2x4xf32>
  return
}

// CHECK-LABEL: func @matmuls
func.func @matmuls(%x: tensor<16x8xf32>, %w: tensor<8x4xi8, #q8csr>, %a: tensor<16x8xi8, #u8t>,
                   %xb: tensor<2x16x8xf32>, %wt: tensor<4x8xf32, #nm24x>) {
  // CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(f32) dataflow(row) : tensor<16x8xf32>, tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<16x4xf32>
  %0 = sparq.matmul %x, %w acc(f32) dataflow(row) : tensor<16x8xf32>, tensor<8x4xi8, #q8csr> -> tensor<16x4xf32>
  // CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(i32) dataflow(inner) : tensor<16x8xi8, #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>>, tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<16x4xf32>
  %1 = sparq.matmul %a, %w acc(i32) dataflow(inner) : tensor<16x8xi8, #u8t>, tensor<8x4xi8, #q8csr> -> tensor<16x4xf32>
  // CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(i32) : tensor<16x8xi8, #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>>, tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<16x4xi32>
  %2 = sparq.matmul %a, %w acc(i32) : tensor<16x8xi8, #u8t>, tensor<8x4xi8, #q8csr> -> tensor<16x4xi32>
  // CHECK: sparq.matmul %{{.*}}, %{{.*}} transpose_b acc(f32) dataflow(outer) : tensor<16x8xf32>, tensor<4x8xf32, #sparq.encoding<nm<2, 4>>> -> tensor<16x4xf32>
  %3 = sparq.matmul %x, %wt transpose_b acc(f32) dataflow(outer) : tensor<16x8xf32>, tensor<4x8xf32, #nm24x> -> tensor<16x4xf32>
  // CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(f32) dataflow(auto) : tensor<2x16x8xf32>, tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<2x16x4xf32>
  %4 = sparq.matmul %xb, %w acc(f32) dataflow(auto) : tensor<2x16x8xf32>, tensor<8x4xi8, #q8csr> -> tensor<2x16x4xf32>
  // CHECK: sparq.matmul %{{.*}}, %{{.*}} acc(f32) : tensor<16x8xf32>, tensor<8x4xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>> -> tensor<16x4xf32, #sparq.encoding<csr>>
  %5 = sparq.matmul %x, %w acc(f32) : tensor<16x8xf32>, tensor<8x4xi8, #q8csr> -> tensor<16x4xf32, #csr>
  return
}

// CHECK-LABEL: func @convs
func.func @convs(%x: tensor<1x9x9x3xf32>, %f: tensor<3x3x3x8xi8, #q8hwcf>,
                 %xn: tensor<1x3x9x9xf32>, %fn: tensor<8x3x3x4xf32, #conv>) {
  // CHECK: sparq.conv2d %{{.*}}, %{{.*}} layout(nhwc_hwcf) acc(f32) strides = [2, 2] padding = [1, 1, 1, 1] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>> -> tensor<1x5x5x8xf32>
  %0 = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) strides = [2, 2] padding = [1, 1, 1, 1] : tensor<1x9x9x3xf32>, tensor<3x3x3x8xi8, #q8hwcf> -> tensor<1x5x5x8xf32>
  // CHECK: sparq.conv2d %{{.*}}, %{{.*}} layout(nchw_fchw) acc(f32) dilations = [2, 1] dataflow(inner) : tensor<1x3x9x9xf32>, tensor<8x3x3x4xf32, #sparq.encoding<nm<2, 4>, row_dims = 1>> -> tensor<1x8x5x6xf32>
  %1 = sparq.conv2d %xn, %fn layout(nchw_fchw) acc(f32) dilations = [2, 1] dataflow(inner) : tensor<1x3x9x9xf32>, tensor<8x3x3x4xf32, #conv> -> tensor<1x8x5x6xf32>
  // CHECK: sparq.conv2d %{{.*}}, %{{.*}} layout(nhwc_hwcf) acc(f32) : tensor<1x9x9x3xf32>, tensor<3x3x3x8xi8, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, channel(3)>>> -> tensor<1x7x7x8xf32>
  %2 = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(f32) : tensor<1x9x9x3xf32>, tensor<3x3x3x8xi8, #q8hwcf> -> tensor<1x7x7x8xf32>
  return
}

// CHECK-LABEL: func @from_bytes
func.func @from_bytes(%b: tensor<3xi8>, %d: tensor<?xi8>) {
  // CHECK: sparq.from_bytes %{{.*}} : tensor<3xi8> -> tensor<2x3xi4>
  %v = sparq.from_bytes %b : tensor<3xi8> -> tensor<2x3xi4>
  // CHECK: sparq.from_bytes %{{.*}} : tensor<3xi8> -> tensor<12xi2>
  %w = sparq.from_bytes %b : tensor<3xi8> -> tensor<12xi2>
  // CHECK: sparq.from_bytes %{{.*}} : tensor<?xi8> -> tensor<?xi5>
  %x = sparq.from_bytes %d : tensor<?xi8> -> tensor<?xi5>
  return
}

// Rank-0 quantized tensors (per-tensor scales) are fine.
// CHECK-LABEL: func @rank0
func.func @rank0(%a: tensor<f32>, %s: tensor<1xf32>) -> tensor<i8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>> {
  // CHECK: sparq.quantize %{{.*}} scales(%{{.*}} : tensor<1xf32>) : tensor<f32> -> tensor<i8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
  %q = sparq.quantize %a scales(%s : tensor<1xf32>) : tensor<f32> -> tensor<i8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
  return %q : tensor<i8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
}
