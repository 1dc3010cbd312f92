// Bad options and impossible requests of --sparq-mixed-precision.
// RUN: split-file %s %t
// RUN: sparq-opt %t/empty.mlir --sparq-mixed-precision="budget=10" -verify-diagnostics
// RUN: sparq-opt %t/narrow.mlir --sparq-mixed-precision="candidates=1,4 budget=10" -verify-diagnostics
// RUN: sparq-opt %t/wide.mlir --sparq-mixed-precision="candidates=4,17 budget=10" -verify-diagnostics
// RUN: sparq-opt %t/kmeans.mlir --sparq-mixed-precision="candidates=4,16 scheme=kmeans budget=10" -verify-diagnostics
// RUN: sparq-opt %t/twice.mlir --sparq-mixed-precision="candidates=4,2,4 budget=10" -verify-diagnostics
// RUN: sparq-opt %t/scheme.mlir --sparq-mixed-precision="candidates=4 scheme=float budget=10" -verify-diagnostics
// RUN: sparq-opt %t/granularity.mlir --sparq-mixed-precision="candidates=4 granularity=row budget=10" -verify-diagnostics
// RUN: sparq-opt %t/group-size.mlir --sparq-mixed-precision="candidates=4 granularity=group group-size=0 budget=10" -verify-diagnostics
// RUN: sparq-opt %t/negative.mlir --sparq-mixed-precision="candidates=4 budget=-8" -verify-diagnostics
// RUN: sparq-opt %t/no-budget.mlir --sparq-mixed-precision="candidates=4" -verify-diagnostics
// RUN: sparq-opt %t/both.mlir --sparq-mixed-precision="candidates=4 budget=8 avg-bits=4" -verify-diagnostics
// RUN: sparq-opt %t/avg.mlir --sparq-mixed-precision="candidates=4 avg-bits=-1" -verify-diagnostics
// RUN: sparq-opt %t/fraction.mlir --sparq-mixed-precision="candidates=4 budget=8 outlier-fraction=1.0" -verify-diagnostics
// RUN: sparq-opt %t/fraction-negative.mlir --sparq-mixed-precision="candidates=4 budget=8 outlier-fraction=-0.5" -verify-diagnostics
// RUN: sparq-opt %t/outlier-bits.mlir --sparq-mixed-precision="candidates=4 budget=8 outlier-fraction=0.5 outlier-bits=20" -verify-diagnostics
// RUN: sparq-opt %t/infeasible.mlir --sparq-mixed-precision="candidates=4,8 budget=47" -verify-diagnostics
// RUN: sparq-opt %t/infeasible-avg.mlir --sparq-mixed-precision="candidates=2,4 outlier-fraction=0.5 outlier-bits=8 avg-bits=4.9" -verify-diagnostics
// RUN: sparq-opt %t/group.mlir --sparq-mixed-precision="candidates=4 budget=100 granularity=group group-size=3" -verify-diagnostics
// RUN: sparq-opt %t/result.mlir --sparq-mixed-precision="candidates=4 budget=100" -verify-diagnostics
// RUN: sparq-opt %t/maps.mlir --sparq-mixed-precision="candidates=4 budget=100" -verify-diagnostics
// RUN: sparq-opt %t/report.mlir --sparq-mixed-precision="candidates=4 budget=100 report=%t/no/such/dir/report.json" -verify-diagnostics
// A candidate that is not a number is rejected by the option parser.
// RUN: not sparq-opt %t/empty.mlir --sparq-mixed-precision="candidates=2,four budget=10" 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: for the --candidates option: 'four' value invalid

//--- empty.mlir
// expected-error@+1 {{sparq-mixed-precision: candidates must list at least one bit width (e.g. candidates=2,4,8)}}
module {}

//--- narrow.mlir
// expected-error@+1 {{sparq-mixed-precision: candidate bits must be in [2, 16] for symmetric quantization, got 1}}
module {}

//--- wide.mlir
// expected-error@+1 {{sparq-mixed-precision: candidate bits must be in [2, 16] for symmetric quantization, got 17}}
module {}

//--- kmeans.mlir
// expected-error@+1 {{sparq-mixed-precision: candidate bits must be in [1, 8] for kmeans quantization, got 16}}
module {}

//--- twice.mlir
// expected-error@+1 {{sparq-mixed-precision: candidate 4 is listed twice}}
module {}

//--- scheme.mlir
// expected-error@+1 {{sparq-mixed-precision: unknown scheme 'float' (expected symmetric, asymmetric or kmeans)}}
module {}

//--- granularity.mlir
// expected-error@+1 {{sparq-mixed-precision: unknown granularity 'row' (expected tensor, channel or group)}}
module {}

//--- group-size.mlir
// expected-error@+1 {{sparq-mixed-precision: group-size must be positive, got 0}}
module {}

//--- negative.mlir
// expected-error@+1 {{sparq-mixed-precision: budget must be a non-negative number of bits, got -8}}
module {}

//--- no-budget.mlir
// expected-error@+1 {{sparq-mixed-precision: a size budget is required (budget=BITS in total or avg-bits=B per weight element)}}
module {}

//--- both.mlir
// expected-error@+1 {{sparq-mixed-precision: give the size budget as budget or avg-bits, not both}}
module {}

//--- avg.mlir
// expected-error@+1 {{sparq-mixed-precision: avg-bits must be positive, got -1.000000e+00}}
module {}

//--- fraction.mlir
// expected-error@+1 {{sparq-mixed-precision: outlier-fraction must be in [0, 1), got 1.000000e+00}}
module {}

//--- fraction-negative.mlir
// expected-error@+1 {{sparq-mixed-precision: outlier-fraction must be in [0, 1), got -5.000000e-01}}
module {}

//--- outlier-bits.mlir
// expected-error@+1 {{sparq-mixed-precision: outlier-bits must be in [2, 16] for symmetric quantization, got 20}}
module {}

//--- infeasible.mlir
// Two layers of 6 weights need at least 2 * 6 * 4 = 48 bits.
// expected-error@+1 {{sparq-mixed-precision: the budget of 47 bits is infeasible: the smallest assignment (every layer at its narrowest candidate) needs 48 bits}}
module {
  func.func @f(%x: tensor<1x3xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
    %w = arith.constant dense<1.0> : tensor<3x2xf32>
    %v = arith.constant dense<2.0> : tensor<3x2xf32>
    // expected-note@+1 {{needs at least 24 bits}}
    %a = sparq.matmul %x, %w acc(f32) : tensor<1x3xf32>, tensor<3x2xf32> -> tensor<1x2xf32>
    // expected-note@+1 {{needs at least 24 bits}}
    %b = sparq.matmul %x, %v acc(f32) : tensor<1x3xf32>, tensor<3x2xf32> -> tensor<1x2xf32>
    return %a, %b : tensor<1x2xf32>, tensor<1x2xf32>
  }
}

//--- infeasible-avg.mlir
// 4 channels of 2 weights: round(0.5 * 4) = 2 outlier channels at 8 bits
// (32 bits) and 4 weights at >= 2 bits (8 bits): 40 bits > floor(4.9 * 8) = 39.
// expected-error@+1 {{sparq-mixed-precision: the budget of 39 bits is infeasible: the smallest assignment (every layer at its narrowest candidate) needs 40 bits}}
module {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x4xf32> {
    %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]> : tensor<2x4xf32>
    // expected-note@+1 {{needs at least 40 bits}}
    %y = sparq.matmul %x, %w acc(f32) : tensor<1x2xf32>, tensor<2x4xf32> -> tensor<1x4xf32>
    return %y : tensor<1x4xf32>
  }
}

//--- group.mlir
func.func @group(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2xf32>
  // expected-error@+1 {{sparq-mixed-precision: group-size 3 does not divide the reduction dimension (axis 0, size 4) of the weight 'tensor<4x2xf32>'}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<1x4xf32>, tensor<4x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

//--- result.mlir
// Nothing is rewritten when one layer cannot be: the error comes first.
func.func @result(%x: tensor<2x2xf32>, %init: tensor<2x2xf16>) -> tensor<2x2xf16> {
  %w = arith.constant dense<1.0> : tensor<2x2xf32>
  // expected-error@+1 {{sparq-mixed-precision: the result must be an f32 tensor (sparq ops accumulate in f32), got 'tensor<2x2xf16>'}}
  %y = linalg.matmul ins(%x, %w : tensor<2x2xf32>, tensor<2x2xf32>) outs(%init : tensor<2x2xf16>) -> tensor<2x2xf16>
  return %y : tensor<2x2xf16>
}

//--- maps.mlir
#a = affine_map<(m, n, k) -> (k, m)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @maps(%x: tensor<4x2xf32>, %init: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2xf32>
  // expected-error@+1 {{sparq-mixed-precision: linalg.matmul with custom indexing maps is not supported}}
  %y = linalg.matmul indexing_maps = [#a, #b, #c] ins(%x, %w : tensor<4x2xf32>, tensor<4x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

//--- report.mlir
// expected-error@+1 {{sparq-mixed-precision: cannot write}}
module {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %w = arith.constant dense<1.0> : tensor<2x2xf32>
    %y = sparq.matmul %x, %w acc(f32) : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32>
    return %y : tensor<1x2xf32>
  }
}
