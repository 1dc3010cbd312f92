// Static activation scales from a calibration file: every observer, both
// grids, two bit widths, a named op and an unnamed one (key "#1", the second
// contraction). The ranges are chosen so that the scales are exact binary
// fractions (or checked as f32 = numpy.float32(x / 127)): scale = absmax / 127 (symmetric) or (max - min) / 255,
// zp = round(-min / scale) (asymmetric, 8 bits); / 7 and / 15 for 4 bits.
// RUN: split-file %s %t
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json" --mlir-print-local-scope | FileCheck %s --check-prefix=MINMAX-SYM
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json observer=minmax scheme=asymmetric" --mlir-print-local-scope | FileCheck %s --check-prefix=MINMAX-ASYM
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json observer=percentile" --mlir-print-local-scope | FileCheck %s --check-prefix=PCT-SYM
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json observer=percentile scheme=asymmetric" --mlir-print-local-scope | FileCheck %s --check-prefix=PCT-ASYM
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json observer=mse" --mlir-print-local-scope | FileCheck %s --check-prefix=MSE-SYM
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json observer=mse scheme=asymmetric" --mlir-print-local-scope | FileCheck %s --check-prefix=MSE-ASYM
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json observer=mse bits=4" --mlir-print-local-scope | FileCheck %s --check-prefix=MSE4-SYM
// RUN: sparq-opt %t/model.mlir --sparq-quantize-activations="calibration=%t/cal.json observer=mse bits=4 scheme=asymmetric" --mlir-print-local-scope | FileCheck %s --check-prefix=MSE4-ASYM

// No run-time range computation is left: the scales are constants.
// Symmetric min-max: max(2, 13.9375) / 127, rounded to f32.
// MINMAX-SYM-LABEL: func @main
// MINMAX-SYM-NOT: linalg.generic
// MINMAX-SYM: %[[S:.*]] = arith.constant dense<0.109744094> : tensor<1xf32>
// MINMAX-SYM: sparq.quantize %{{.*}} scales(%[[S]] : tensor<1xf32>) : tensor<2x4xf32> -> tensor<2x4xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, tensor>>>
// MINMAX-SYM: sparq.matmul {{.*}} acc(i32)
// 1 / 127 for the unnamed op, rounded to f32.
// MINMAX-SYM: %[[S1:.*]] = arith.constant dense<0.00787401571> : tensor<1xf32>
// MINMAX-SYM: sparq.quantize %{{.*}} scales(%[[S1]] : tensor<1xf32>)
// MINMAX-SYM-NOT: linalg.generic

// MINMAX-ASYM: %[[S:.*]] = arith.constant dense<6.250000e-02> : tensor<1xf32>
// MINMAX-ASYM: %[[Z:.*]] = arith.constant dense<32> : tensor<1xi32>
// MINMAX-ASYM: sparq.quantize %{{.*}} scales(%[[S]] : tensor<1xf32>) zero_points(%[[Z]] : tensor<1xi32>) : tensor<2x4xf32> -> tensor<2x4xi8, #sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>>
// [-0.25, 1] -> scale 1.25 / 255, zp round(0.25 / f32(1.25 / 255)) = 51.
// MINMAX-ASYM: %[[S1:.*]] = arith.constant dense<0.00490196096> : tensor<1xf32>
// MINMAX-ASYM: %[[Z1:.*]] = arith.constant dense<51> : tensor<1xi32>

// PCT-SYM: arith.constant dense<3.125000e-02> : tensor<1xf32>
// PCT-SYM: arith.constant dense<1.250000e-01> : tensor<1xf32>
// PCT-ASYM: arith.constant dense<3.125000e-02> : tensor<1xf32>
// PCT-ASYM-NEXT: arith.constant dense<16> : tensor<1xi32>
// MSE-SYM: arith.constant dense<1.562500e-02> : tensor<1xf32>
// MSE-ASYM: arith.constant dense<1.562500e-02> : tensor<1xf32>
// MSE-ASYM-NEXT: arith.constant dense<64> : tensor<1xi32>
// MSE4-SYM: arith.constant dense<2.500000e-01> : tensor<1xf32>
// MSE4-SYM: sparq.quantize {{.*}} -> tensor<2x4xi4, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, tensor>>>
// MSE4-ASYM: arith.constant dense<2.500000e-01> : tensor<1xf32>
// MSE4-ASYM-NEXT: arith.constant dense<2> : tensor<1xi32>

//--- model.mlir
#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @main(%x: tensor<2x4xf32>, %w: tensor<4x3xi8, #w8>, %v: tensor<3x2xi8, #w8>) -> tensor<2x2xf32> {
  %h = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xi8, #w8> -> tensor<2x3xf32> loc("a")
  %y = sparq.matmul %h, %v acc(f32) : tensor<2x3xf32>, tensor<3x2xi8, #w8> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

//--- cal.json
{
  "format": "sparq-calibration", "version": 1,
  "activations": {
    "a": {"tensor": {
      "minmax": {"min": -2.0, "max": 13.9375},
      "percentile": {"p": 99.9, "min": -0.5, "max": 7.46875, "absmax": 3.96875},
      "mse": {"8": {"symmetric": {"absmax": 1.984375}, "asymmetric": {"min": -1.0, "max": 2.984375}},
              "4": {"symmetric": {"absmax": 1.75}, "asymmetric": {"min": -0.5, "max": 3.25}}}}},
    "#1": {"tensor": {
      "minmax": {"min": -0.25, "max": 1.0},
      "percentile": {"p": 99.9, "min": -0.25, "max": 1.0, "absmax": 15.875},
      "mse": {"8": {"symmetric": {"absmax": 1.0}, "asymmetric": {"min": -0.25, "max": 1.0}},
              "4": {"symmetric": {"absmax": 1.0}, "asymmetric": {"min": -0.25, "max": 1.0}}}}}
  }
}
