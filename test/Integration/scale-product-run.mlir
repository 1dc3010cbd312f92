// An integer accumulator with a float result is scaled by the exact f64
// product of the two scales, rounded once: f32(f64(acc) * (f64(sa) * f64(sb)))
// (docs/design.md, Numerics). The operands below are chosen so that the two
// sequential orders, (acc * sa) * sb and (acc * sb) * sa, round to different
// f32 values: the result must be the exact-product one in every lowering,
// and the nchw conv (which --sparq-conv2d-to-matmul turns into a matmul with
// the filter on the left) must equal the reference conv lowering bit for bit.
// The f32 results are printed as their bit patterns (arith.bitcast to i32).
//
// Dataflow lowering (sparq-lower-dataflow, conv2d-to-matmul):
// RUN: sparq-opt %s --sparq-to-llvm | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// Reference lowering of every op (sparq-to-linalg):
// RUN: sparq-opt %s --sparq-to-llvm="dataflow=false" | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// The expected bit patterns, from numpy (which also shows that the lhs-first
// order gives the neighbouring f32 value):
// RUN: %python %S/Inputs/scale_product_reference.py | FileCheck %s

#q16 = #sparq.encoding<dense, quant = #sparq.quant<si16:f32, symmetric, tensor>>

func.func @matmul(%a: tensor<1x3xi16>, %sa: tensor<1xf32>, %b: tensor<3x1xi16>, %sb: tensor<1xf32>) -> vector<1x1xi32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %qa = sparq.assemble values(%a : tensor<1x3xi16>) scales(%sa : tensor<1xf32>) : tensor<1x3xi16, #q16>
  %qb = sparq.assemble values(%b : tensor<3x1xi16>) scales(%sb : tensor<1xf32>) : tensor<3x1xi16, #q16>
  %y = sparq.matmul %qa, %qb acc(i32) : tensor<1x3xi16, #q16>, tensor<3x1xi16, #q16> -> tensor<1x1xf32>
  %v = vector.transfer_read %y[%c0, %c0], %pad : tensor<1x1xf32>, vector<1x1xf32>
  %bits = arith.bitcast %v : vector<1x1xf32> to vector<1x1xi32>
  return %bits : vector<1x1xi32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  // acc = 32767 * 32767 + 32767 * 32392 + 29225 = 2135094178
  %a1 = arith.constant dense<[[32767, 32767, 29225]]> : tensor<1x3xi16>
  %b1 = arith.constant dense<[[32767], [32392], [1]]> : tensor<3x1xi16>
  %s1 = arith.constant dense<0x3BF52FEF> : tensor<1xf32>  // 0x1.ea5fdep-8
  %t1 = arith.constant dense<0x3ABC6FFA> : tensor<1xf32>  // 0x1.78dff4p-10
  // CHECK-LABEL: matmul-1
  // CHECK-NEXT: ( ( 1186164708 ) )
  %r1 = func.call @matmul(%a1, %s1, %b1, %t1) : (tensor<1x3xi16>, tensor<1xf32>, tensor<3x1xi16>, tensor<1xf32>) -> vector<1x1xi32>
  vector.print str "matmul-1\n"
  vector.print %r1 : vector<1x1xi32>

  // acc = 32767 * 32767 + 32767 * 10018 + 17832 = 1401953927
  %a2 = arith.constant dense<[[32767, 32767, 17832]]> : tensor<1x3xi16>
  %b2 = arith.constant dense<[[32767], [10018], [1]]> : tensor<3x1xi16>
  %s2 = arith.constant dense<0x3BFE71D7> : tensor<1xf32>  // 0x1.fce3aep-8
  %t2 = arith.constant dense<0x3B0943A8> : tensor<1xf32>  // 0x1.128750p-9
  // CHECK-LABEL: matmul-2
  // CHECK-NEXT: ( ( 1186079257 ) )
  %r2 = func.call @matmul(%a2, %s2, %b2, %t2) : (tensor<1x3xi16>, tensor<1xf32>, tensor<3x1xi16>, tensor<1xf32>) -> vector<1x1xi32>
  vector.print str "matmul-2\n"
  vector.print %r2 : vector<1x1xi32>

  // The first case as an nchw 1x1 convolution: input scale 0x1.ea5fdep-8,
  // filter scale 0x1.78dff4p-10 (input-first would give 1186164709).
  // CHECK-LABEL: conv-nchw
  // CHECK-NEXT: ( ( ( ( 1186164708 ) ) ) )
  %x = arith.constant dense<[[[[32767]], [[32767]], [[29225]]]]> : tensor<1x3x1x1xi16>
  %f = arith.constant dense<[[[[32767]], [[32392]], [[1]]]]> : tensor<1x3x1x1xi16>
  %qx = sparq.assemble values(%x : tensor<1x3x1x1xi16>) scales(%s1 : tensor<1xf32>) : tensor<1x3x1x1xi16, #q16>
  %qf = sparq.assemble values(%f : tensor<1x3x1x1xi16>) scales(%t1 : tensor<1xf32>) : tensor<1x3x1x1xi16, #q16>
  %y = sparq.conv2d %qx, %qf layout(nchw_fchw) acc(i32) : tensor<1x3x1x1xi16, #q16>, tensor<1x3x1x1xi16, #q16> -> tensor<1x1x1x1xf32>
  %v = vector.transfer_read %y[%c0, %c0, %c0, %c0], %pad : tensor<1x1x1x1xf32>, vector<1x1x1x1xf32>
  %bits = arith.bitcast %v : vector<1x1x1x1xf32> to vector<1x1x1x1xi32>
  vector.print str "conv-nchw\n"
  vector.print %bits : vector<1x1x1x1xi32>
  return
}
