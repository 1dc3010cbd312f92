// A name in a compression pass's ops= option that no contraction is located
// at (a typo, a layer of another model) gets a warning naming it and the
// names there are, instead of a pass that silently changes nothing
// (checkOpsOption in WeightOperand.h). A warning, not an error: one option
// may name the layers of several modules (-split-input-file).
// RUN: sparq-opt %s --sparq-prune="ops=fc2,/fc9/Gemm" -verify-diagnostics
// RUN: sparq-opt %s --sparq-quantize="ops=fc2,/fc9/Gemm" -verify-diagnostics
// RUN: sparq-opt %s --sparq-float-format="type=f16 ops=fc2,/fc9/Gemm" -verify-diagnostics
// RUN: sparq-opt %s --sparq-mixed-precision="candidates=4,8 avg-bits=8 ops=fc2,/fc9/Gemm" -verify-diagnostics
// RUN: sparq-opt %s --sparq-pack="ops=fc2,/fc9/Gemm" -verify-diagnostics
// RUN: sparq-opt %s --sparq-quantize-activations="ops=/fc9/Gemm" -verify-diagnostics
// Names that exist are accepted (and only those ops change):
// RUN: sparq-opt %s --sparq-prune="ops=fc2" --sparq-quantize="ops=/fc1/Gemm" -mlir-print-debuginfo -mlir-print-local-scope | FileCheck %s

// CHECK-LABEL: func @model
// CHECK: sparq.matmul {{.*}} loc("/fc1/Gemm")
// CHECK: linalg.matmul {sparq.sparsity = 5.000000e-01 : f64, sparq.structure = #sparq<structure unstructured>} {{.*}} loc("fc2")

// expected-warning@+1 {{ops= names no contraction here: '/fc9/Gemm' (contractions are located at '/fc1/Gemm', 'fc2'); nothing is done for it}}
module {
  func.func @model(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
    %w1 = arith.constant dense<[[1.0, -2.0, 0.5, 1.5], [3.0, 0.5, -1.0, 2.0], [-0.25, 4.0, 1.0, 0.0], [5.0, -6.0, 2.0, 1.0]]> : tensor<4x4xf32>
    %w2 = arith.constant dense<[[1.0, -2.0], [3.0, 0.5], [-0.25, 4.0], [5.0, -6.0]]> : tensor<4x2xf32>
    %z = arith.constant 0.0 : f32
    %e1 = tensor.empty() : tensor<1x4xf32>
    %i1 = linalg.fill ins(%z : f32) outs(%e1 : tensor<1x4xf32>) -> tensor<1x4xf32>
    %h = linalg.matmul ins(%x, %w1 : tensor<1x4xf32>, tensor<4x4xf32>) outs(%i1 : tensor<1x4xf32>) -> tensor<1x4xf32> loc("/fc1/Gemm")
    %e2 = tensor.empty() : tensor<1x2xf32>
    %i2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<1x2xf32>) -> tensor<1x2xf32>
    %y = linalg.matmul ins(%h, %w2 : tensor<1x4xf32>, tensor<4x2xf32>) outs(%i2 : tensor<1x2xf32>) -> tensor<1x2xf32> loc("fc2")
    return %y : tensor<1x2xf32>
  }
}
