// RUN: sparq-opt %s --sparq-to-pe --sparq-pe-simulate="report=-" -o /dev/null | FileCheck %s

// The zero-point corrections and the rescale run outside the array: the
// simulator reports them under host_work (elements of the largest tensor
// each tagged op reads or writes), not in the cycles. Here the activation
// row sums read 4 x 8 = 32 elements, the weight column sums 8 x 2 = 16, the
// combination writes 4 x 2 = 8 (zero_point_correction: 56) and the rescale
// writes 8. Each instruction names its layer (the op's name location).
// CHECK: "function": "host",
// CHECK-NEXT: "host_work": {
// CHECK-NEXT: "rescale": 8,
// CHECK-NEXT: "zero_point_correction": 56
// CHECK-NEXT: },
// CHECK: "layer": "fc",
// CHECK: "op": "sparq_pe.load",
// CHECK: "8x8": 64
// CHECK: "op": "sparq_pe.fused_mac",
// CHECK: "total": {
// CHECK: "compute_cycles": 1,
// CHECK-NEXT: "cycles": 1,
#u8 = #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>
#s8c = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, channel(1)>>
module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<bandwidth = 0>} {
func.func @host(%a: tensor<4x8xi8, #u8>, %w: tensor<8x2xi8, #s8c>) -> tensor<4x2xf32> {
  %c = sparq.matmul %a, %w acc(i32) : tensor<4x8xi8, #u8>, tensor<8x2xi8, #s8c> -> tensor<4x2xf32> loc("fc")
  return %c : tensor<4x2xf32>
}
}
