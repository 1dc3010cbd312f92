// Every sparq-calibrate error: a message on stderr and exit code 1.
// RUN: split-file %s %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.ones((2, 3), np.float32))"
// RUN: not sparq-calibrate %t/model.mlir --input=%t/missing.npy --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sparq-calibrate: error: {{.*}}missing.npy: cannot read: {{[Nn]}}o such file or directory
// RUN: not sparq-calibrate %t/model.mlir --input=%t/x.npy --output=%t/c.json --percentile=0 2>&1 | FileCheck %s --check-prefix=PERCENTILE
// PERCENTILE: sparq-calibrate: error: --percentile must be in (0, 100], got 0.000000
// RUN: not sparq-calibrate %t/model.mlir --input=%t/x.npy --output=%t/c.json --mse-bits=1 2>&1 | FileCheck %s --check-prefix=MSEBITS
// MSEBITS: sparq-calibrate: error: --mse-bits must be in [2, 16], got 1
// RUN: not sparq-calibrate %t/model.mlir --input=%t/x.npy --output=%t/c.json --mse-steps=0 2>&1 | FileCheck %s --check-prefix=MSESTEPS
// MSESTEPS: sparq-calibrate: error: --mse-steps must be positive
// RUN: not sparq-calibrate %t/model.mlir --input=%t/x.npy --output=%t/c.json --granularity=row 2>&1 | FileCheck %s --check-prefix=GRANULARITY
// GRANULARITY: sparq-calibrate: error: unknown granularity 'row' (expected tensor or channel)
// RUN: not sparq-calibrate %t/model.mlir --entry=nope --input=%t/x.npy --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: sparq-calibrate: error: no func.func @nope with a body in the module (calibration needs the model before lowering)
// RUN: not sparq-calibrate %t/model.mlir --input=%t/x.npy --input=%t/x.npy --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: sparq-calibrate: error: the entry takes 1 input(s) (tensor<2x3xf32>), got 2
// RUN: not sparq-calibrate %t/model.mlir --input=%t/x.npy --output=%t/no-dir/c.json 2>&1 | FileCheck %s --check-prefix=WRITE
// WRITE: sparq-calibrate: error: {{.*}}no-dir/c.json: cannot write: {{[Nn]}}o such file or directory
// RUN: not sparq-calibrate %t/nothing.mlir --input=%t/x.npy --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=NOTHING
// NOTHING: sparq-calibrate: error: @main has no contraction with a constant weight and an f32 activation: nothing to calibrate
// RUN: not sparq-calibrate %t/duplicate.mlir --input=%t/x.npy --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=DUPLICATE
// DUPLICATE: sparq-calibrate: error: two contractions have the activation key 'fc': give them distinct location names
// RUN: not sparq-calibrate %t/blocks.mlir --input=%t/x.npy --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=BLOCKS
// BLOCKS: sparq-calibrate: error: @main has several blocks; calibration observes activations of a single-block entry
// RUN: sparq-opt %t/model.mlir --sparq-to-llvm | not sparq-calibrate - --input=%t/x.npy --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=LOWERED
// LOWERED: sparq-calibrate: error: no func.func @main with a body in the module (calibration needs the model before lowering)
// RUN: not sparq-calibrate %t/rhs.mlir --input=%t/x.npy --batch=2 --output=%t/c.json 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: sparq-calibrate: error: activation 'wx' (tensor<3x2xf32>) does not have the batch of 2 rows as its first dimension; calibrate without --batch
// An activation computed in another function is not observable: a warning,
// and the entry's own activations are still recorded.
// RUN: sparq-calibrate %t/callee.mlir --input=%t/x.npy --output=%t/callee.json 2>&1 | FileCheck %s --check-prefix=CALLEE
// CALLEE: sparq-calibrate: warning: activation 'inner' (linalg.matmul) is not in the body of @main; not recorded
// CALLEE: outer: linalg.matmul 2x3, min 1.00, max 1.00

//--- model.mlir
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%i : tensor<2x2xf32>) -> tensor<2x2xf32> loc("fc")
  return %y : tensor<2x2xf32>
}

//--- nothing.mlir
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = arith.addf %x, %x : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

//--- duplicate.mlir
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x3xf32>
  %v = arith.constant dense<1.0> : tensor<3x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %h = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x3xf32>) outs(%i : tensor<2x3xf32>) -> tensor<2x3xf32> loc("fc")
  %e2 = tensor.empty() : tensor<2x2xf32>
  %i2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%h, %v : tensor<2x3xf32>, tensor<3x2xf32>) outs(%i2 : tensor<2x2xf32>) -> tensor<2x2xf32> loc("fc")
  return %y : tensor<2x2xf32>
}

//--- blocks.mlir
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%i : tensor<2x2xf32>) -> tensor<2x2xf32> loc("fc")
  cf.br ^bb1
^bb1:
  return %y : tensor<2x2xf32>
}

//--- callee.mlir
func.func private @helper(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<1.0> : tensor<3x3xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x3xf32>) outs(%i : tensor<2x3xf32>) -> tensor<2x3xf32> loc("inner")
  return %y : tensor<2x3xf32>
}
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<1.0> : tensor<3x3xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x3xf32>) outs(%i : tensor<2x3xf32>) -> tensor<2x3xf32> loc("outer")
  %r = func.call @helper(%y) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

//--- rhs.mlir
func.func @main(%x: tensor<2x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<1.0> : tensor<4x3xf32>
  %z = arith.constant 0.0 : f32
  %te = tensor.empty() : tensor<3x2xf32>
  %t = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%te : tensor<3x2xf32>) permutation = [1, 0]
  %e = tensor.empty() : tensor<4x2xf32>
  %i = linalg.fill ins(%z : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%w, %t : tensor<4x3xf32>, tensor<3x2xf32>) outs(%i : tensor<4x2xf32>) -> tensor<4x2xf32> loc("wx")
  return %y : tensor<4x2xf32>
}
