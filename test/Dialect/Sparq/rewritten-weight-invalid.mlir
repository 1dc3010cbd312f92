// A compression pass given a weight that an earlier pass already rewrote
// (packed, quantized, narrowed) or raw integers reports it at the op instead
// of leaving it unchanged without a word (describeRewrittenWeight in
// WeightOperand.h). Each case runs through every pass that takes f32 weights.
// RUN: split-file %s %t
// RUN: sparq-opt %t/prune.mlir --sparq-prune -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/quantize.mlir --sparq-quantize -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/float-format.mlir --sparq-float-format=type=bf16 -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/mixed-precision.mlir --sparq-mixed-precision="candidates=4,8 avg-bits=8" -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/pack.mlir --sparq-pack=format=csr -split-input-file -verify-diagnostics
// RUN: sparq-opt %t/custom-maps.mlir --sparq-prune -verify-diagnostics
// RUN: sparq-opt %t/custom-maps.mlir --sparq-pack=format=csr -verify-diagnostics
// Passes in the wrong order, on a linalg model: the error is at the op the
// first pass rewrote (its location is kept).
// RUN: sparq-opt %t/pack-then-prune.mlir --sparq-pack=format=csr --sparq-prune -verify-diagnostics
// RUN: sparq-opt %t/quantize-twice.mlir --sparq-quantize --sparq-quantize -verify-diagnostics
// Not an error: pruning an f32 weight again prunes it further (the zeros of
// the first run are the smallest magnitudes, so they stay zero).
// RUN: sparq-opt %t/prune-twice.mlir --sparq-prune=sparsity=0.25 --sparq-prune=sparsity=0.5 | FileCheck %t/prune-twice.mlir

//--- prune.mlir
#csr = #sparq.encoding<csr>
func.func @packed(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %p = arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xi32>
  %c = arith.constant dense<[0, 1]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<2xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<2xi32>) : tensor<4x2xf32, #csr>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: it is already stored compressed (csr); prune the f32 weight first (--sparq-prune before --sparq-quantize, --sparq-float-format, --sparq-mixed-precision and --sparq-pack)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32, #csr> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantized(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi8>) scales(%s : tensor<2xf32>) : tensor<4x2xi8, #q8>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: it is already quantized (#sparq.quant<si8:f32, symmetric, channel(1)>); prune the f32 weight first}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xi8, #q8> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @raw_integers(%x: tensor<1x4xi8>) -> tensor<1x2xi32> {
  %w = arith.constant dense<3> : tensor<4x2xi8>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: it holds raw i8 integers, not f32 values}}
  %y = sparq.matmul %x, %w acc(i32) : tensor<1x4xi8>, tensor<4x2xi8> -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

//--- quantize.mlir
#csr = #sparq.encoding<csr>
func.func @packed(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %p = arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xi32>
  %c = arith.constant dense<[0, 1]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<2xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<2xi32>) : tensor<4x2xf32, #csr>
  // expected-error@+1 {{sparq-quantize: cannot quantize the weight: it is already stored compressed (csr); quantize each f32 weight once (restrict repeated runs with ops=), before --sparq-pack}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32, #csr> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

#cb = #sparq.encoding<csr, quant = #sparq.quant<ui2:f32, codebook, tensor>>
func.func @packed_codebook(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<9> : tensor<1xi8>
  %vb = sparq.from_bytes %v : tensor<1xi8> -> tensor<2xi2>
  %p = arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xi32>
  %c = arith.constant dense<[0, 1]> : tensor<2xi32>
  %k = arith.constant dense<[0.0, 0.5, 1.0, 2.0]> : tensor<4xf32>
  %w = sparq.assemble values(%vb : tensor<2xi2>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<2xi32>) codebook(%k : tensor<4xf32>) : tensor<4x2xi2, #cb>
  // expected-error@+1 {{sparq-quantize: cannot quantize the weight: it is already stored compressed (csr, quantized as #sparq.quant<ui2:f32, codebook, tensor>)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xi2, #cb> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantized(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi8>) scales(%s : tensor<2xf32>) : tensor<4x2xi8, #q8>
  // expected-error@+1 {{sparq-quantize: cannot quantize the weight: it is already quantized (#sparq.quant<si8:f32, symmetric, channel(1)>)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xi8, #q8> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @narrowed(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.5> : tensor<4x2xf16>
  // expected-error@+1 {{sparq-quantize: cannot quantize the weight: it holds f16 values, not f32 (e.g. narrowed by --sparq-float-format)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf16> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @raw_integers(%x: tensor<1x4xi8>) -> tensor<1x2xi32> {
  %w = arith.constant dense<3> : tensor<4x2xi8>
  // expected-error@+1 {{sparq-quantize: cannot quantize the weight: it holds raw i8 integers, not f32 values}}
  %y = sparq.matmul %x, %w acc(i32) : tensor<1x4xi8>, tensor<4x2xi8> -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

//--- float-format.mlir
#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantized(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi8>) scales(%s : tensor<2xf32>) : tensor<4x2xi8, #q8>
  // expected-error@+1 {{sparq-float-format: cannot narrow the weight: it is already quantized (#sparq.quant<si8:f32, symmetric, channel(1)>); narrow each f32 weight once (restrict repeated runs with ops=), before --sparq-pack}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xi8, #q8> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @narrowed(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.5> : tensor<4x2xf16>
  // expected-error@+1 {{sparq-float-format: cannot narrow the weight: it holds f16 values, not f32}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf16> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- mixed-precision.mlir
#q8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @quantized(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %w = sparq.assemble values(%v : tensor<4x2xi8>) scales(%s : tensor<2xf32>) : tensor<4x2xi8, #q8>
  // expected-error@+1 {{sparq-mixed-precision: cannot quantize the weight: it is already quantized (#sparq.quant<si8:f32, symmetric, channel(1)>); give the layers it should choose widths for as f32 weights (restrict with ops=)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xi8, #q8> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- pack.mlir
#csr = #sparq.encoding<csr>
func.func @packed(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %v = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %p = arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xi32>
  %c = arith.constant dense<[0, 1]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<2xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<2xi32>) : tensor<4x2xf32, #csr>
  // expected-error@+1 {{sparq-pack: cannot pack the weight: it is already stored compressed (csr); pack each weight once (restrict repeated runs with ops=)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32, #csr> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @narrowed(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.5> : tensor<4x2xf16>
  // expected-error@+1 {{sparq-pack: cannot pack the weight: it holds f16 values, not f32 (e.g. narrowed by --sparq-float-format); --sparq-pack stores f32 weights and the dense quantized weights of --sparq-quantize}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf16> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @raw_integers(%x: tensor<1x4xi8>) -> tensor<1x2xi32> {
  %w = arith.constant dense<3> : tensor<4x2xi8>
  // expected-error@+1 {{sparq-pack: cannot pack the weight: it holds raw i8 integers, not f32 values}}
  %y = sparq.matmul %x, %w acc(i32) : tensor<1x4xi8>, tensor<4x2xi8> -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

//--- pack-then-prune.mlir
func.func @model(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, -2.0], [3.0, 0.5], [-0.25, 4.0], [5.0, -6.0]]> : tensor<4x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  // expected-error@+1 {{'sparq.matmul' op cannot prune the weight: it is already stored compressed (csr)}}
  %y = linalg.matmul ins(%x, %w : tensor<1x4xf32>, tensor<4x2xf32>) outs(%i : tensor<1x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- quantize-twice.mlir
func.func @model(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, -2.0], [3.0, 0.5], [-0.25, 4.0], [5.0, -6.0]]> : tensor<4x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  // expected-error@+1 {{sparq-quantize: cannot quantize the weight: it is already quantized (#sparq.quant<si8:f32, symmetric, channel(1)>)}}
  %y = linalg.matmul ins(%x, %w : tensor<1x4xf32>, tensor<4x2xf32>) outs(%i : tensor<1x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- prune-twice.mlir
// The second run zeroes the 4 smallest |w| of 8: the first run's two zeros
// (-0.25 and 0.5) and then 1.0 and -2.0.
// CHECK-LABEL: func @model
// CHECK: %[[W:.*]] = arith.constant dense_resource<sparq_pruned{{.*}}> : tensor<4x2xf32>
// CHECK: linalg.matmul {sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure unstructured>} ins(%{{.*}}, %[[W]] :
// CHECK: sparq_pruned{{.*}}: "0x080000000000000000000000000040400000000000000000000080400000A0400000C0C0"
func.func @model(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, -2.0], [3.0, 0.5], [-0.25, 4.0], [5.0, -6.0]]> : tensor<4x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x4xf32>, tensor<4x2xf32>) outs(%i : tensor<1x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- custom-maps.mlir
// A constant weight of a matmul with custom indexing maps, whose axes the
// passes cannot tell: an error in prune and pack as in quantize.
func.func @custom_maps(%x: tensor<2x3xf32>, %init: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{linalg.matmul with custom indexing maps is not supported}}
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<2x3xf32>, tensor<2x2xf32>) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
