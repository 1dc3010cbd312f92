// RUN: echo '{"drq": {"0": [100,100,100,100,1,1,1,1, 100,100,100,100,1,1,1,1, 1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1]}}' > %t.json
// RUN: sparq-opt %s --sparq-pe-simulate="report=%t.out.json input=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=DRQ < %t.out.json

// DRQ with run-time activations whose values come from input=FILE.json:
// the same activations as @drq_constant in sparq-pe-simulate.mlir, so the
// same counts (r = 0.25, 112 cycles, speedup 4 / (1 + 3 * 0.25)).
// DRQ:      "function": "drq",
// DRQ:      "total": {
// DRQ:        "compute_cycles": 112,
// DRQ:        "sensitive_fraction": 0.25,
// DRQ-NEXT:   "skipped_work": 0,
// DRQ-NEXT:   "speedup_vs_8bit": 2.2857142857142856
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<rows = 1, cols = 1, bandwidth = 0>} {
  func.func @drq(%x: tensor<4x8xi8>, %w: tensor<8x2xi8>) -> tensor<4x2xi32> {
    %acc = arith.constant dense<0> : tensor<4x2xi32>
    %mask = sparq_pe.region_select %x(signed) regions [2, 4] threshold(20)
        : tensor<4x8xi8> -> tensor<2x2xi1>
    %r0 = sparq_pe.mac %x(signed), %w(signed), %acc
        regions(%mask : tensor<2x2xi1>, sensitive, [2, 4])
        : tensor<4x8xi8>, tensor<8x2xi8>, tensor<4x2xi32>
    %hi = sparq_pe.high_bits %x(signed) : tensor<4x8xi8> -> tensor<4x8xi4>
    %r1 = sparq_pe.mac %hi(signed), %w(signed), %r0 shift(4)
        regions(%mask : tensor<2x2xi1>, insensitive, [2, 4])
        : tensor<4x8xi4>, tensor<8x2xi8>, tensor<4x2xi32>
    return %r1 : tensor<4x2xi32>
  }
}
