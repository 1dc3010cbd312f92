// Convolutions through sparq-to-pe (im2col matrix x weight matrix), run
// bit-exactly and checked against direct loops in numpy
// (Inputs/pe_reference.py, no im2col): NHWC/HWCF and NCHW/FCHW, strides,
// dilations and asymmetric padding, 2/4/8-bit signed and unsigned operands.
//
// RUN: %python %S/Inputs/pe_reference.py gen --set conv > %t.mlir
// RUN: sparq-opt %t.mlir --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.direct
// RUN: %python %S/Inputs/pe_reference.py check --set conv %t.direct | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.bitfusion
// RUN: %python %S/Inputs/pe_reference.py check --set conv %t.bitfusion | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=atoms" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.atoms
// RUN: %python %S/Inputs/pe_reference.py check --set conv %t.atoms | FileCheck %s
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=bitmap" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.bitmap
// RUN: %python %S/Inputs/pe_reference.py check --set conv %t.bitmap | FileCheck %s
//
// CHECK: 4 of 4 convolutions bit-exact
