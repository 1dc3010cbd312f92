// Bit-exact execution of PE programs: every scheme of --sparq-to-pe, run
// through --sparq-to-llvm and mlir-runner, against an independent numpy
// reference (Inputs/pe_reference.py) and the direct integer sparq.matmul.
// 36 cases: a, w in {2, 4, 8}^2, signed / unsigned each, sparsity 0 / 0.5 /
// 0.9 on either side, every third signed weight stored as CSR.
//
// RUN: %python %S/Inputs/pe_reference.py gen --set exact > %t.mlir
// RUN: sparq-opt %t.mlir --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.direct
// RUN: %python %S/Inputs/pe_reference.py check --set exact %t.direct | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe | FileCheck %s --check-prefix=IR
// RUN: sparq-opt %t.mlir --sparq-to-pe --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.bitfusion
// RUN: %python %S/Inputs/pe_reference.py check --set exact %t.bitfusion | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=atoms" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.atoms
// RUN: %python %S/Inputs/pe_reference.py check --set exact %t.atoms | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=bitmap" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.bitmap
// RUN: %python %S/Inputs/pe_reference.py check --set exact %t.bitmap | FileCheck %s
//
// CHECK: 36 of 36 cases bit-exact
//
// The module really is lowered to PE instructions (36 fusion units, none of
// the sparq.matmul ops left).
// IR-COUNT-36: sparq_pe.fused_mac
// IR-NOT: sparq.matmul
