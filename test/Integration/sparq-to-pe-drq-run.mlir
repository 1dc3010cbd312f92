// Bit-exact execution of DRQ programs against the numpy reference
// (Inputs/pe_reference.py): 12 cases (8-bit activations, w in {2, 4, 8},
// signed / unsigned each) of a 3 x 10 activation in 2 x 4 regions (2 x 3 = 6
// regions per case). The result is DRQ's approximation (insensitive regions
// use floor(x / 16) * 16), which the reference reproduces from the same masks.
//
// RUN: %python %S/Inputs/pe_reference.py gen --set drq > %t.mlir
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=drq region-rows=2 region-cols=4 threshold=40" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.t40
// RUN: %python %S/Inputs/pe_reference.py check --set drq %t.t40 --drq "threshold=40 rows=2 cols=4" | FileCheck %s --check-prefix=T40
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=drq region-rows=2 region-cols=4 top-fraction=0.36" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.top
// RUN: %python %S/Inputs/pe_reference.py check --set drq %t.top --drq "top=2 rows=2 cols=4" | FileCheck %s --check-prefix=TOP
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=drq region-rows=2 region-cols=4 top-fraction=0" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.none
// RUN: %python %S/Inputs/pe_reference.py check --set drq %t.none --drq "top=0 rows=2 cols=4" | FileCheck %s --check-prefix=NONE
// The all-4-bit result is not the exact product (the check can fail) ...
// RUN: not %python %S/Inputs/pe_reference.py check --set drq %t.none | FileCheck %s --check-prefix=INEXACT
// ... and with every region sensitive DRQ is the exact integer matmul.
// RUN: sparq-opt %t.mlir --sparq-to-pe="scheme=drq region-rows=2 region-cols=4 top-fraction=1" --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.all
// RUN: %python %S/Inputs/pe_reference.py check --set drq %t.all | FileCheck %s --check-prefix=ALL
//
// T40: 12 of 12 cases bit-exact
// T40-NEXT: sensitive regions 37 of 72
// TOP: 12 of 12 cases bit-exact
// TOP-NEXT: sensitive regions 24 of 72
// NONE: 12 of 12 cases bit-exact
// NONE-NEXT: sensitive regions 0 of 72
// INEXACT: 0 of 12 cases bit-exact
// ALL: 12 of 12 cases bit-exact
