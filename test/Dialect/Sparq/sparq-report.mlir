// RUN: sparq-opt %s --sparq-report="file=-" -o /dev/null | FileCheck %s
// RUN: sparq-opt %s --sparq-report="file=%t.json summary=true" -o /dev/null | FileCheck %s --check-prefix=SUMMARY
// RUN: FileCheck %s < %t.json
// RUN: sparq-opt %s --sparq-pack="format=csr ops=plain" --sparq-report="file=-" -o /dev/null | FileCheck %s --check-prefix=PACKED

#csr = #sparq.encoding<csr, structure = unstructured>
#nm_si4 = #sparq.encoding<nm<2, 4>, quant = #sparq.quant<si4:f32, symmetric, channel(0)>>
#dense_ui4 = #sparq.encoding<dense, quant = #sparq.quant<ui4:f32, asymmetric, channel(1)>>

// Totals: 16 + 8 + 4 + 8 = 36 elements, 11 + 4 + 3 + 6 = 24 zeros,
// 64 + 32 + 16 + 32 = 144 B before, 60 + 11 + 16 + 24 = 111 B after.
// llvm::json prints keys in sorted order: totals before weights.
// CHECK-LABEL: "totals": {
// CHECK-NEXT: "bytes_after": 111,
// CHECK-NEXT: "bytes_before": 144,
// CHECK-NEXT: "compression_ratio": 1.2972972972972974,
// CHECK-NEXT: "elements": 36,
// CHECK-NEXT: "sparsity": 0.66666666666666663,
// CHECK-NEXT: "weights": 4,
// CHECK-NEXT: "zeros": 24

// An f32 csr weight [4, 4] with 5 nonzeros (11 zeros of 16):
// before 16 * 4 = 64 B; after values 5 * 4 + positions 5 * 4 +
// coordinates 5 * 4 = 60 B; ratio 64 / 60.
// CHECK-LABEL: "weights": [
// CHECK:      "bits": 32,
// CHECK-NEXT: "bytes_after": 60,
// CHECK-NEXT: "bytes_before": 64,
// CHECK-NEXT: "compression_ratio": 1.0666666666666667,
// CHECK-NEXT: "elements": 16,
// CHECK-NEXT: "format": "csr",
// CHECK-NEXT: "name": "csr",
// CHECK-NEXT: "op": "sparq.matmul",
// CHECK-NEXT: "parts": {
// CHECK-NEXT:   "coordinates": 20,
// CHECK-NEXT:   "positions": 20,
// CHECK-NEXT:   "values": 20
// CHECK-NEXT: },
// CHECK-NEXT: "quant": null,
// CHECK-NEXT: "shape": [
// CHECK-NEXT:   4,
// CHECK-NEXT:   4
// CHECK-NEXT: ],
// CHECK-NEXT: "sparsity": 0.6875,
// CHECK-NEXT: "structure": "unstructured",
// CHECK-NEXT: "zeros": 11
func.func @csr(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %p = arith.constant dense<[0, 2, 2, 3, 5]> : tensor<5xi32>
  %c = arith.constant dense<[0, 3, 1, 0, 3]> : tensor<5xi32>
  %w = sparq.assemble values(%v : tensor<5xf32>) positions(%p : tensor<5xi32>) coordinates(%c : tensor<5xi32>) : tensor<4x4xf32, #csr>
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x4xf32, #csr> -> tensor<2x4xf32> loc("csr")
  return %y : tensor<2x4xf32>
}

// An si4 2:4 weight W^T [2, 4] = [[1 0 -3 0], [0 0 7 -7]] (4 zeros of 8),
// values [[1, -3], [7, -7]] in 2 bytes, metadata [[0, 2], [2, 3]] in 1 byte,
// scales 2 * 4 B: after 11 B, before 8 * 4 = 32 B.
// CHECK:      "bits": 4,
// CHECK-NEXT: "bytes_after": 11,
// CHECK-NEXT: "bytes_before": 32,
// CHECK-NEXT: "compression_ratio": 2.9090909090909092,
// CHECK-NEXT: "elements": 8,
// CHECK-NEXT: "format": "nm<2, 4>",
// CHECK-NEXT: "name": "q4",
// CHECK-NEXT: "op": "sparq.matmul",
// CHECK-NEXT: "parts": {
// CHECK-NEXT:   "metadata": 1,
// CHECK-NEXT:   "scales": 8,
// CHECK-NEXT:   "values": 2
// CHECK-NEXT: },
// CHECK-NEXT: "quant": "symmetric",
// CHECK:      "sparsity": 0.5,
// CHECK-NEXT: "structure": null,
// CHECK-NEXT: "zeros": 4
func.func @q4(%x: tensor<3x4xf32>) -> tensor<3x2xf32> {
  %vb = arith.constant dense<[-47, -105]> : tensor<2xi8>
  %v = sparq.from_bytes %vb : tensor<2xi8> -> tensor<2x2xi4>
  %mb = arith.constant dense<-24> : tensor<1xi8>
  %m = sparq.from_bytes %mb : tensor<1xi8> -> tensor<2x2xi2>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %w = sparq.assemble values(%v : tensor<2x2xi4>) metadata(%m : tensor<2x2xi2>) scales(%s : tensor<2xf32>) : tensor<2x4xi4, #nm_si4>
  %y = sparq.matmul %x, %w transpose_b acc(f32) : tensor<3x4xf32>, tensor<2x4xi4, #nm_si4> -> tensor<3x2xf32> loc("q4")
  return %y : tensor<3x2xf32>
}

// A plain constant weight of a linalg op: [[0 1], [0 0]].
// CHECK:      "bits": 32,
// CHECK-NEXT: "bytes_after": 16,
// CHECK-NEXT: "bytes_before": 16,
// CHECK-NEXT: "compression_ratio": 1,
// CHECK-NEXT: "elements": 4,
// CHECK-NEXT: "format": "dense",
// CHECK-NEXT: "name": "plain",
// CHECK-NEXT: "op": "linalg.matmul",
// CHECK:      "sparsity": 0.75,
// CHECK-NEXT: "structure": null,
// CHECK-NEXT: "zeros": 3
func.func @plain(%x: tensor<2x2xf32>, %acc: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[0.0, 1.0], [0.0, 0.0]]> : tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<2x2xf32>) -> tensor<2x2xf32> loc("plain")
  return %y : tensor<2x2xf32>
}

// A dense asymmetric ui4 weight with zero points [8, 3] per column, one
// byte per value: [[8 3], [5 3], [8 3], [8 9]] has 6 zeros (q == zp).
// After: values 8 B + scales 8 B + zero points 8 B = 24 B.
// CHECK:      "bits": 4,
// CHECK-NEXT: "bytes_after": 24,
// CHECK-NEXT: "bytes_before": 32,
// CHECK-NEXT: "compression_ratio": 1.3333333333333333,
// CHECK-NEXT: "elements": 8,
// CHECK-NEXT: "format": "dense",
// CHECK-NEXT: "name": "qa",
// CHECK:      "quant": "asymmetric",
// CHECK:      "sparsity": 0.75,
// CHECK-NEXT: "structure": "nm",
// CHECK-NEXT: "zeros": 6
func.func @quant_asym(%x: tensor<3x4xf32>) -> tensor<3x2xf32> {
  %v = arith.constant dense<[[8, 3], [5, 3], [8, 3], [8, 9]]> : tensor<4x2xi4>
  %s = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %zp = arith.constant dense<[8, 3]> : tensor<2xi32>
  %w = sparq.assemble values(%v : tensor<4x2xi4>) scales(%s : tensor<2xf32>) zero_points(%zp : tensor<2xi32>) : tensor<4x2xi4, #dense_ui4>
  %y = sparq.matmul %x, %w acc(f32) {sparq.structure = #sparq<structure nm>} : tensor<3x4xf32>, tensor<4x2xi4, #dense_ui4> -> tensor<3x2xf32> loc("qa")
  return %y : tensor<3x2xf32>
}

// SUMMARY: weight           shape          format       bits sparsity     before      after   ratio
// SUMMARY-NEXT: csr              4x4            csr            32    68.8%         64         60    1.07x
// SUMMARY-NEXT: q4               2x4            nm<2, 4>        4    50.0%         32         11    2.91x
// SUMMARY-NEXT: plain            2x2            dense          32    75.0%         16         16    1.00x
// SUMMARY-NEXT: qa               4x2            dense           4    75.0%         32         24    1.33x
// SUMMARY-NEXT: total                                              66.7%        144        111    1.30x

// Packed as csr, the plain weight takes values 4 B + positions 3 * 4 B +
// coordinates 4 B = 20 B, more than its 16 B.
// PACKED:      "bytes_after": 20,
// PACKED-NEXT: "bytes_before": 16,
// PACKED-NEXT: "compression_ratio": 0.80000000000000004,
// PACKED-NEXT: "elements": 4,
// PACKED-NEXT: "format": "csr",
// PACKED-NEXT: "name": "plain",
