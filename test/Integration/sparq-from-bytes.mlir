// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

// Sub-byte integers stored at their real size (LSB-first bit stream), read
// with sparq.from_bytes. Byte values are worked out by hand below.

#nm = #sparq.encoding<nm<2, 4>>

func.func @main() {
  %c0 = arith.constant 0 : index
  %ipad = arith.constant -99 : i32
  %fpad = arith.constant -99.0 : f32

  // si4 [[1, -2, 3], [7, -8, 0]]: nibbles 1, E, 3, 7, 8, 0 give the bytes
  // 0xE1 (-31), 0x73 (115), 0x08.
  // CHECK-LABEL: i4
  // CHECK-NEXT: ( ( 1, -2, 3 ), ( 7, -8, 0 ) )
  %b4 = arith.constant dense<[-31, 115, 8]> : tensor<3xi8>
  %v4 = sparq.from_bytes %b4 : tensor<3xi8> -> tensor<2x3xi4>
  %e4 = tensor.empty() : tensor<2x3xi32>
  %w4 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%v4 : tensor<2x3xi4>) outs(%e4 : tensor<2x3xi32>) {
  ^bb0(%in: i4, %out: i32):
    %x = arith.extsi %in : i4 to i32
    linalg.yield %x : i32
  } -> tensor<2x3xi32>
  %r4 = vector.transfer_read %w4[%c0, %c0], %ipad : tensor<2x3xi32>, vector<2x3xi32>
  vector.print str "i4\n"
  vector.print %r4 : vector<2x3xi32>

  // ui5 [31, 1, 16] crosses a byte boundary: bits 0-4 set, bit 5 set,
  // bit 14 set: bytes 0x3F (63) and 0x40 (64).
  // CHECK-LABEL: i5
  // CHECK-NEXT: ( 31, 1, 16 )
  %b5 = arith.constant dense<[63, 64]> : tensor<2xi8>
  %v5 = sparq.from_bytes %b5 : tensor<2xi8> -> tensor<3xi5>
  %e5 = tensor.empty() : tensor<3xi32>
  %w5 = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                        iterator_types = ["parallel"]}
      ins(%v5 : tensor<3xi5>) outs(%e5 : tensor<3xi32>) {
  ^bb0(%in: i5, %out: i32):
    %x = arith.extui %in : i5 to i32
    linalg.yield %x : i32
  } -> tensor<3xi32>
  %r5 = vector.transfer_read %w5[%c0], %ipad : tensor<3xi32>, vector<3xi32>
  vector.print str "i5\n"
  vector.print %r5 : vector<3xi32>

  // 2-bit N:M metadata at its real size: positions 1, 3, 0, 2 pack into
  // 0b10_00_11_01 = 0x8D (-115). Values 5 6 | 7 8 unpack to
  // [0, 5, 0, 6, 7, 0, 8, 0].
  // CHECK-LABEL: nm-metadata
  // CHECK-NEXT: ( ( 0, 5, 0, 6, 7, 0, 8, 0 ) )
  %mb = arith.constant dense<[-115]> : tensor<1xi8>
  %meta = sparq.from_bytes %mb : tensor<1xi8> -> tensor<1x4xi2>
  %vals = arith.constant dense<[[5.0, 6.0, 7.0, 8.0]]> : tensor<1x4xf32>
  %t = sparq.assemble values(%vals : tensor<1x4xf32>) metadata(%meta : tensor<1x4xi2>) : tensor<1x8xf32, #nm>
  %u = sparq.unpack %t : tensor<1x8xf32, #nm> -> tensor<1x8xf32>
  %ur = vector.transfer_read %u[%c0, %c0], %fpad : tensor<1x8xf32>, vector<1x8xf32>
  vector.print str "nm-metadata\n"
  vector.print %ur : vector<1x8xf32>
  return
}
