// An op that sparq-to-llvm does not lower is named at its location, instead
// of failing later in the translation to LLVM IR.
// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.zeros((2, 3), np.float32))"
// RUN: not sparq-run %s --input=%t.x.npy 2>&1 | FileCheck %s
// CHECK: unlowered.mlir:[[# @LINE + 4]]:8: error: sparq-to-llvm left 'tosa.abs' unlowered
// CHECK: sparq-run: error: the module is not fully lowered to the LLVM dialect ('tosa.abs' remains); sparq-to-llvm does not handle it

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = tosa.abs %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
