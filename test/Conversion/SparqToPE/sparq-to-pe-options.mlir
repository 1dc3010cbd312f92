// RUN: not sparq-opt %s --sparq-to-pe="scheme=eyeriss" 2>&1 | FileCheck %s --check-prefix=SCHEME
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq region-rows=0" 2>&1 | FileCheck %s --check-prefix=REGION
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq threshold=-3" 2>&1 | FileCheck %s --check-prefix=THRESH
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq threshold=3 top-fraction=0.5" 2>&1 | FileCheck %s --check-prefix=BOTH
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq top-fraction=1.5" 2>&1 | FileCheck %s --check-prefix=FRAC
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq" 2>&1 | FileCheck %s --check-prefix=DRQ4
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq top-fraction=0.5" --mlir-disable-threading 2>&1 | FileCheck %s --check-prefix=DRQ4
// RUN: not sparq-opt %s --sparq-to-pe="scheme=drq" -split-input-file 2>&1 | FileCheck %s --check-prefix=DRQCONV

// SCHEME: error: unknown sparq-to-pe scheme 'eyeriss' (expected bitfusion, drq, atoms or bitmap)
// REGION: error: sparq-to-pe: region-rows and region-cols must be at least 1, got 0 and 16
// THRESH: error: sparq-to-pe: threshold must be >= 0, got -3
// BOTH: error: sparq-to-pe: give either threshold or top-fraction, not both
// FRAC: error: sparq-to-pe: top-fraction must be in [0, 1], got 1.5
// DRQ4: error: 'sparq.matmul' op drq computes 8-bit activations at 8 or 4 bits; operand 'lhs' is 4-bit
func.func @f(%a: tensor<4x8xi4>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi4>, tensor<8x2xi8> -> tensor<4x2xi32>
  return %c : tensor<4x2xi32>
}

// -----

// DRQCONV: error: 'sparq.conv2d' op drq computes 8-bit activations at 8 or 4 bits; operand 'input' is 2-bit
func.func @conv(%x: tensor<1x3x3x2xi2>, %f: tensor<2x2x2x3xi8>) -> tensor<1x2x2x3xi32> {
  %y = sparq.conv2d %x, %f layout(nhwc_hwcf) acc(i32) : tensor<1x3x3x2xi2>, tensor<2x2x2x3xi8> -> tensor<1x2x2x3xi32>
  return %y : tensor<1x2x2x3xi32>
}
