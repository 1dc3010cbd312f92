// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The expected numbers come from an independent numpy reference; the same
// CHECK lines are matched against its output:
// RUN: %python %S/Inputs/quant_reference.py | FileCheck %s

#s8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>
#s8away = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor, rounding = nearest_away>>
#s8zero = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor, rounding = toward_zero>>
#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#s4 = #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, tensor>>
#ch = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
#grp = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, group(1, 2)>>
#cb = #sparq.encoding<dense, quant = #sparq.quant<ui2:f32, codebook, tensor>>

#id1 = affine_map<(i) -> (i)>
#id2 = affine_map<(i, j) -> (i, j)>

/// Widens storage integers with scalar code (vector loads of sub-byte
/// memrefs read packed bits).
func.func @sext1(%t: tensor<?xi8>) -> vector<8xi32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %t, %c0 : tensor<?xi8>
  %e = tensor.empty(%n) : tensor<?xi32>
  %w = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%t : tensor<?xi8>) outs(%e : tensor<?xi32>) {
  ^bb0(%in: i8, %out: i32):
    %x = arith.extsi %in : i8 to i32
    linalg.yield %x : i32
  } -> tensor<?xi32>
  %pad = arith.constant -99 : i32
  %v = vector.transfer_read %w[%c0], %pad : tensor<?xi32>, vector<8xi32>
  return %v : vector<8xi32>
}

func.func @f1(%t: tensor<?xf32>) -> vector<8xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant -99.0 : f32
  %v = vector.transfer_read %t[%c0], %pad : tensor<?xf32>, vector<8xf32>
  return %v : vector<8xf32>
}

func.func @symmetric_si8(%x: tensor<8xf32>, %s: tensor<1xf32>) {
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<8xf32> -> tensor<8xi8, #s8>
  %d = sparq.dequantize %q : tensor<8xi8, #s8> -> tensor<8xf32>
  %qv = sparq.part values of %q : tensor<8xi8, #s8> -> tensor<8xi8>
  %qd = tensor.cast %qv : tensor<8xi8> to tensor<?xi8>
  %dd = tensor.cast %d : tensor<8xf32> to tensor<?xf32>
  %a = func.call @sext1(%qd) : (tensor<?xi8>) -> vector<8xi32>
  %b = func.call @f1(%dd) : (tensor<?xf32>) -> vector<8xf32>
  vector.print %a : vector<8xi32>
  vector.print %b : vector<8xf32>
  return
}

func.func @symmetric_si8_away(%x: tensor<8xf32>, %s: tensor<1xf32>) {
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<8xf32> -> tensor<8xi8, #s8away>
  %d = sparq.dequantize %q : tensor<8xi8, #s8away> -> tensor<8xf32>
  %qv = sparq.part values of %q : tensor<8xi8, #s8away> -> tensor<8xi8>
  %qd = tensor.cast %qv : tensor<8xi8> to tensor<?xi8>
  %dd = tensor.cast %d : tensor<8xf32> to tensor<?xf32>
  %a = func.call @sext1(%qd) : (tensor<?xi8>) -> vector<8xi32>
  %b = func.call @f1(%dd) : (tensor<?xf32>) -> vector<8xf32>
  vector.print %a : vector<8xi32>
  vector.print %b : vector<8xf32>
  return
}

func.func @symmetric_si8_zero(%x: tensor<8xf32>, %s: tensor<1xf32>) {
  %q = sparq.quantize %x scales(%s : tensor<1xf32>) : tensor<8xf32> -> tensor<8xi8, #s8zero>
  %d = sparq.dequantize %q : tensor<8xi8, #s8zero> -> tensor<8xf32>
  %qv = sparq.part values of %q : tensor<8xi8, #s8zero> -> tensor<8xi8>
  %qd = tensor.cast %qv : tensor<8xi8> to tensor<?xi8>
  %dd = tensor.cast %d : tensor<8xf32> to tensor<?xf32>
  %a = func.call @sext1(%qd) : (tensor<?xi8>) -> vector<8xi32>
  %b = func.call @f1(%dd) : (tensor<?xf32>) -> vector<8xf32>
  vector.print %a : vector<8xi32>
  vector.print %b : vector<8xf32>
  return
}

func.func @main() {
  %nan = arith.constant 0x7FC00000 : f32
  %c7 = arith.constant 7 : index
  %c5 = arith.constant 5 : index
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index

  // CHECK-LABEL: si8-nearest_even
  // CHECK-NEXT: ( 2, 2, -2, 2, 127, -127, 0, 0 )
  // CHECK-NEXT: ( 1, 1, -1, 1, 63.5, -63.5, 0, 0 )
  // CHECK-LABEL: si8-nearest_away
  // CHECK-NEXT: ( 3, 2, -3, 2, 127, -127, 0, 0 )
  // CHECK-NEXT: ( 1.5, 1, -1.5, 1, 63.5, -63.5, 0, 0 )
  // CHECK-LABEL: si8-toward_zero
  // CHECK-NEXT: ( 2, 2, -2, 1, 127, -127, 0, 0 )
  // CHECK-NEXT: ( 1, 1, -1, 0.5, 63.5, -63.5, 0, 0 )
  %x0 = arith.constant dense<[1.25, 1.24, -1.25, 0.75, 100.0, -100.0, 0.0, 0.0]> : tensor<8xf32>
  %x = tensor.insert %nan into %x0[%c7] : tensor<8xf32>
  %s = arith.constant dense<[0.5]> : tensor<1xf32>
  vector.print str "si8-nearest_even\n"
  func.call @symmetric_si8(%x, %s) : (tensor<8xf32>, tensor<1xf32>) -> ()
  vector.print str "si8-nearest_away\n"
  func.call @symmetric_si8_away(%x, %s) : (tensor<8xf32>, tensor<1xf32>) -> ()
  vector.print str "si8-toward_zero\n"
  func.call @symmetric_si8_zero(%x, %s) : (tensor<8xf32>, tensor<1xf32>) -> ()

  // CHECK-LABEL: ui8-asymmetric
  // CHECK-NEXT: ( 130, 126, 128, 255, 0, 128, 255, 0 )
  // CHECK-NEXT: ( 1, -1, 0, 63.5, -64, 0, 63.5, -64 )
  %u0 = arith.constant dense<[1.25, -1.25, 0.0, 100.0, -100.0, 0.0, 63.5, -64.0]> : tensor<8xf32>
  %u = tensor.insert %nan into %u0[%c5] : tensor<8xf32>
  %zp = arith.constant dense<[128]> : tensor<1xi32>
  %uq = sparq.quantize %u scales(%s : tensor<1xf32>) zero_points(%zp : tensor<1xi32>)
      : tensor<8xf32> -> tensor<8xi8, #u8>
  %ud = sparq.dequantize %uq : tensor<8xi8, #u8> -> tensor<8xf32>
  %uqv = sparq.part values of %uq : tensor<8xi8, #u8> -> tensor<8xi8>
  %upad = arith.constant 0 : i8
  %uqr = vector.transfer_read %uqv[%c0], %upad : tensor<8xi8>, vector<8xi8>
  %uqw = arith.extui %uqr : vector<8xi8> to vector<8xi32>
  %fpad = arith.constant -99.0 : f32
  %udr = vector.transfer_read %ud[%c0], %fpad : tensor<8xf32>, vector<8xf32>
  vector.print str "ui8-asymmetric\n"
  vector.print %uqw : vector<8xi32>
  vector.print %udr : vector<8xf32>

  // CHECK-LABEL: si4
  // CHECK-NEXT: ( 2, 2, -7, 7, -2, 0 )
  // CHECK-NEXT: ( 0.5, 0.5, -1.75, 1.75, -0.5, 0 )
  %f = arith.constant dense<[0.625, 0.375, -2.0, 2.0, -0.625, 0.0]> : tensor<6xf32>
  %fs = arith.constant dense<[0.25]> : tensor<1xf32>
  %fq = sparq.quantize %f scales(%fs : tensor<1xf32>) : tensor<6xf32> -> tensor<6xi4, #s4>
  %fd = sparq.dequantize %fq : tensor<6xi4, #s4> -> tensor<6xf32>
  %fqv = sparq.part values of %fq : tensor<6xi4, #s4> -> tensor<6xi4>
  %fe = tensor.empty() : tensor<6xi32>
  %fw = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%fqv : tensor<6xi4>) outs(%fe : tensor<6xi32>) {
  ^bb0(%in: i4, %out: i32):
    %w = arith.extsi %in : i4 to i32
    linalg.yield %w : i32
  } -> tensor<6xi32>
  %ipad = arith.constant -99 : i32
  %fwr = vector.transfer_read %fw[%c0], %ipad : tensor<6xi32>, vector<6xi32>
  %fdr = vector.transfer_read %fd[%c0], %fpad : tensor<6xf32>, vector<6xf32>
  vector.print str "si4\n"
  vector.print %fwr : vector<6xi32>
  vector.print %fdr : vector<6xf32>

  // CHECK-LABEL: channel
  // CHECK-NEXT: ( ( 2, 2, 2 ), ( -127, 0, -2 ) )
  // CHECK-NEXT: ( ( 1, 2, 4 ), ( -63.5, 0, -4 ) )
  %cx = arith.constant dense<[[1.25, 2.5, 5.0], [-300.0, 0.5, -3.0]]> : tensor<2x3xf32>
  %cs = arith.constant dense<[0.5, 1.0, 2.0]> : tensor<3xf32>
  %cq = sparq.quantize %cx scales(%cs : tensor<3xf32>) : tensor<2x3xf32> -> tensor<2x3xi8, #ch>
  %cd = sparq.dequantize %cq : tensor<2x3xi8, #ch> -> tensor<2x3xf32>
  %cqv = sparq.part values of %cq : tensor<2x3xi8, #ch> -> tensor<2x3xi8>
  %cqr = vector.transfer_read %cqv[%c0, %c0], %upad : tensor<2x3xi8>, vector<2x3xi8>
  %cqw = arith.extsi %cqr : vector<2x3xi8> to vector<2x3xi32>
  %cdr = vector.transfer_read %cd[%c0, %c0], %fpad : tensor<2x3xf32>, vector<2x3xf32>
  vector.print str "channel\n"
  vector.print %cqw : vector<2x3xi32>
  vector.print %cdr : vector<2x3xf32>

  // CHECK-LABEL: group
  // CHECK-NEXT: ( ( 10, 0, 4, 15 ), ( 3, 5, 11, 15 ) )
  // CHECK-NEXT: ( ( 1, -4, 4, 15 ), ( 0, 0.5, -8, 0 ) )
  %gx = arith.constant dense<[[1.25, -4.5, 3.5, 20.0], [0.125, 0.375, -7.0, 0.0]]> : tensor<2x4xf32>
  %gs = arith.constant dense<[[0.5, 1.0], [0.25, 2.0]]> : tensor<2x2xf32>
  %gz = arith.constant dense<[[8, 0], [3, 15]]> : tensor<2x2xi32>
  %gq = sparq.quantize %gx scales(%gs : tensor<2x2xf32>) zero_points(%gz : tensor<2x2xi32>)
      : tensor<2x4xf32> -> tensor<2x4xi4, #grp>
  %gd = sparq.dequantize %gq : tensor<2x4xi4, #grp> -> tensor<2x4xf32>
  %gqv = sparq.part values of %gq : tensor<2x4xi4, #grp> -> tensor<2x4xi4>
  %ge = tensor.empty() : tensor<2x4xi32>
  %gw = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%gqv : tensor<2x4xi4>) outs(%ge : tensor<2x4xi32>) {
  ^bb0(%in: i4, %out: i32):
    %w = arith.extui %in : i4 to i32
    linalg.yield %w : i32
  } -> tensor<2x4xi32>
  %gwr = vector.transfer_read %gw[%c0, %c0], %ipad : tensor<2x4xi32>, vector<2x4xi32>
  %gdr = vector.transfer_read %gd[%c0, %c0], %fpad : tensor<2x4xf32>, vector<2x4xf32>
  vector.print str "group\n"
  vector.print %gwr : vector<2x4xi32>
  vector.print %gdr : vector<2x4xf32>

  // CHECK-LABEL: codebook
  // CHECK-NEXT: ( 0, 0, 1, 2, 3, 0 )
  // CHECK-NEXT: ( -1, -1, 0, 0.5, 2, -1 )
  %kx0 = arith.constant dense<[-3.0, -0.5, 0.25, 1.25, 10.0, 0.0]> : tensor<6xf32>
  %kx = tensor.insert %nan into %kx0[%c5] : tensor<6xf32>
  %kb = arith.constant dense<[-1.0, 0.0, 0.5, 2.0]> : tensor<4xf32>
  %kq = sparq.quantize %kx codebook(%kb : tensor<4xf32>) : tensor<6xf32> -> tensor<6xi2, #cb>
  %kd = sparq.dequantize %kq : tensor<6xi2, #cb> -> tensor<6xf32>
  %kqv = sparq.part values of %kq : tensor<6xi2, #cb> -> tensor<6xi2>
  %ke = tensor.empty() : tensor<6xi32>
  %kw = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%kqv : tensor<6xi2>) outs(%ke : tensor<6xi32>) {
  ^bb0(%in: i2, %out: i32):
    %w = arith.extui %in : i2 to i32
    linalg.yield %w : i32
  } -> tensor<6xi32>
  %kwr = vector.transfer_read %kw[%c0], %ipad : tensor<6xi32>, vector<6xi32>
  %kdr = vector.transfer_read %kd[%c0], %fpad : tensor<6xf32>, vector<6xf32>
  vector.print str "codebook\n"
  vector.print %kwr : vector<6xi32>
  vector.print %kdr : vector<6xf32>

  // CHECK-LABEL: requantize-raw
  // CHECK-NEXT: ( 50, -50, 4, 127, -2 )
  %acc = arith.constant dense<[100, -100, 7, 1000000, -3]> : tensor<5xi32>
  %as = arith.constant dense<[0.01]> : tensor<1xf32>
  %os = arith.constant dense<[0.02]> : tensor<1xf32>
  %rq = sparq.requantize %acc in_scales(%as : tensor<1xf32>) scales(%os : tensor<1xf32>)
      : tensor<5xi32> -> tensor<5xi8, #s8>
  %rqv = sparq.part values of %rq : tensor<5xi8, #s8> -> tensor<5xi8>
  %rqr = vector.transfer_read %rqv[%c0], %upad : tensor<5xi8>, vector<5xi8>
  %rqw = arith.extsi %rqr : vector<5xi8> to vector<5xi32>
  vector.print str "requantize-raw\n"
  vector.print %rqw : vector<5xi32>

  // CHECK-LABEL: requantize-quantized
  // CHECK-NEXT: ( 4, -4, 127, 0 )
  %qi = arith.constant dense<[-126, 126, -1, -128]> : tensor<4xi8>
  %qin = sparq.assemble values(%qi : tensor<4xi8>) scales(%s : tensor<1xf32>)
      zero_points(%zp : tensor<1xi32>) : tensor<4xi8, #u8>
  %qs = arith.constant dense<[0.25]> : tensor<1xf32>
  %rq2 = sparq.requantize %qin scales(%qs : tensor<1xf32>) : tensor<4xi8, #u8> -> tensor<4xi8, #s8>
  %rq2v = sparq.part values of %rq2 : tensor<4xi8, #s8> -> tensor<4xi8>
  %rq2r = vector.transfer_read %rq2v[%c0], %upad : tensor<4xi8>, vector<4xi8>
  %rq2w = arith.extsi %rq2r : vector<4xi8> to vector<4xi32>
  vector.print str "requantize-quantized\n"
  vector.print %rq2w : vector<4xi32>
  return
}
