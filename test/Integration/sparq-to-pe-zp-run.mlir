// Asymmetric operands with nonzero zero points (per tensor, per row, per
// output channel; signed and unsigned storage; a CSR weight whose unstored
// entries are its zero points; transpose_b), float results (per-tensor and
// per-channel scales) and convolutions with zero-point padding, through
// --sparq-to-pe and run bit-exactly: integer results against numpy's
// sum (a - za)(w - zb), float results (printed as their bits) against
// numpy's f32(f64(acc) * sa * sb) -- the rounding of the reference lowering,
// whose run (first RUN) must match too. The second module has 16-byte
// buffers, so every reduction with an 8-bit operand is split into K tiles.
//
// RUN: %python %S/Inputs/pe_reference.py gen --set zp > %t.mlir
// RUN: sparq-opt %t.mlir --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.direct
// RUN: %python %S/Inputs/pe_reference.py check --set zp %t.direct | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe | FileCheck %s --check-prefix=IR
// RUN: sparq-opt %t.mlir --sparq-to-pe --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.bitfusion
// RUN: %python %S/Inputs/pe_reference.py check --set zp %t.bitfusion | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=atoms" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.atoms
// RUN: %python %S/Inputs/pe_reference.py check --set zp %t.atoms | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=bitmap" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.bitmap
// RUN: %python %S/Inputs/pe_reference.py check --set zp %t.bitmap | FileCheck %s
//
// RUN: %python %S/Inputs/pe_reference.py gen --set zp --accel "input_buffer = 16, weight_buffer = 16" > %t.k.mlir
// RUN: sparq-opt %t.k.mlir --sparq-to-pe | FileCheck %s --check-prefix=KSPLIT
// RUN: sparq-opt %t.k.mlir --sparq-to-pe --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.k.bitfusion
// RUN: %python %S/Inputs/pe_reference.py check --set zp %t.k.bitfusion | FileCheck %s
// RUN: sparq-opt %t.k.mlir --sparq-to-pe="scheme=atoms" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.k.atoms
// RUN: %python %S/Inputs/pe_reference.py check --set zp %t.k.atoms | FileCheck %s
//
// CHECK: 9 of 9 zero-point / scaled cases bit-exact
//
// Every contraction is on the array, with the corrections and rescales
// outside it (7 matmuls and 2 convolutions: 9 programs; zero points on 7).
// IR-NOT: sparq.matmul
// IR-NOT: sparq.conv2d
// IR-COUNT-9: sparq_pe.fused_mac
// IR-NOT: sparq.matmul
// With 16-byte buffers the first matmul (K = 20 of i8 > 16 bytes; 3 rows,
// 4 columns) runs in K tiles of min(16 / 3, 16 / 4) = 4: offsets 0, 4, ...,
// 16, accumulating into one 3 x 4 tile that is stored once.
// KSPLIT: %[[Z:.*]] = arith.constant dense<0> : tensor<3x4xi32>
// KSPLIT: sparq_pe.load %{{.*}} [0, 0] into input : tensor<3x20xi8> -> tensor<3x4xi8>
// KSPLIT: sparq_pe.load %{{.*}} [0, 0] into weight : tensor<20x4xi8> -> tensor<4x4xi8>
// KSPLIT: %[[P0:.*]] = sparq_pe.fused_mac %{{.*}}, %{{.*}}, %[[Z]]
// KSPLIT: sparq_pe.load %{{.*}} [0, 4] into input : tensor<3x20xi8> -> tensor<3x4xi8>
// KSPLIT: sparq_pe.load %{{.*}} [4, 0] into weight : tensor<20x4xi8> -> tensor<4x4xi8>
// KSPLIT: %[[P1:.*]] = sparq_pe.fused_mac %{{.*}}, %{{.*}}, %[[P0]]
// KSPLIT: sparq_pe.load %{{.*}} [0, 16] into input : tensor<3x20xi8> -> tensor<3x4xi8>
// KSPLIT: %[[P4:.*]] = sparq_pe.fused_mac
// KSPLIT-NOT: sparq_pe.fused_mac
// KSPLIT: sparq_pe.store %[[P4]] into %{{.*}} [0, 0] : tensor<3x4xi32> into tensor<3x4xi32>
