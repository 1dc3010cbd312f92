// Bad calibration files and options of
// --sparq-quantize-activations="calibration=...".
// RUN: split-file %s %t && cd %t
// RUN: sparq-opt empty.mlir --sparq-quantize-activations="calibration=cal.json observer=mean" -verify-diagnostics
// RUN: sparq-opt row.mlir --sparq-quantize-activations="calibration=cal.json granularity=row" -verify-diagnostics
// RUN: sparq-opt missing-file.mlir --sparq-quantize-activations="calibration=missing.json" -verify-diagnostics
// RUN: sparq-opt not-json.mlir --sparq-quantize-activations="calibration=not-json.json" -verify-diagnostics
// RUN: sparq-opt wrong-format.mlir --sparq-quantize-activations="calibration=wrong-format.json" -verify-diagnostics
// RUN: sparq-opt model.mlir --sparq-quantize-activations="calibration=cal.json" -split-input-file -verify-diagnostics
// RUN: sparq-opt no-percentile.mlir --sparq-quantize-activations="calibration=cal.json observer=percentile" -verify-diagnostics
// RUN: sparq-opt no-mse-bits.mlir --sparq-quantize-activations="calibration=cal.json observer=mse bits=4" -verify-diagnostics
// RUN: sparq-opt no-max.mlir --sparq-quantize-activations="calibration=cal.json scheme=asymmetric" -verify-diagnostics

//--- empty.mlir
// expected-error@+1 {{sparq-quantize-activations: unknown observer 'mean' (expected minmax, percentile or mse)}}
module {}

//--- row.mlir
// expected-error@+1 {{sparq-quantize-activations: calibration= gives per-tensor scales; granularity=row scales are per token and computed at run time}}
module {}

//--- missing-file.mlir
// expected-error@+1 {{sparq-quantize-activations: cannot read calibration file 'missing.json': No such file or directory}}
module {}

//--- not-json.mlir
// expected-error@+1 {{sparq-quantize-activations: malformed calibration file 'not-json.json': [1:16, byte=16]: Expected , or } after object property}}
module {}

//--- wrong-format.mlir
// expected-error@+1 {{sparq-quantize-activations: malformed calibration file 'wrong-format.json': expected an object with "format": "sparq-calibration" and an "activations" object}}
module {}

//--- model.mlir
#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @unknown_key(%x: tensor<2x4xf32>, %w: tensor<4x3xi8, #w8>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'sparq.matmul' op activation 'fc9' is not in calibration file 'cal.json' (it has: fc1, no_tensor, no_max)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xi8, #w8> -> tensor<2x3xf32> loc("fc9"("model.mlir":4:8))
  return %y : tensor<2x3xf32>
}

// -----

#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @unnamed(%x: tensor<2x4xf32>, %w: tensor<4x3xi8, #w8>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'sparq.matmul' op activation '#0' is not in calibration file 'cal.json'}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xi8, #w8> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @no_tensor(%x: tensor<2x4xf32>, %w: tensor<4x3xi8, #w8>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'sparq.matmul' op malformed calibration file 'cal.json', activation 'no_tensor': no "tensor" ranges}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xi8, #w8> -> tensor<2x3xf32> loc("no_tensor"("model.mlir":22:8))
  return %y : tensor<2x3xf32>
}

//--- no-percentile.mlir
#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @f(%x: tensor<2x4xf32>, %w: tensor<4x3xi8, #w8>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'sparq.matmul' op calibration file 'cal.json', activation 'fc1' has no 'percentile' ranges (sparq-calibrate records minmax always, percentile with --percentile, mse with --mse-bits)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xi8, #w8> -> tensor<2x3xf32> loc("fc1"("no-percentile.mlir":4:8))
  return %y : tensor<2x3xf32>
}

//--- no-mse-bits.mlir
#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @f(%x: tensor<2x4xf32>, %w: tensor<4x3xi8, #w8>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'sparq.matmul' op calibration file 'cal.json', activation 'fc1' has no mse range for 4-bit grids (run sparq-calibrate with --mse-bits=4)}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xi8, #w8> -> tensor<2x3xf32> loc("fc1"("no-mse-bits.mlir":4:8))
  return %y : tensor<2x3xf32>
}

//--- no-max.mlir
#w8 = #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(1)>>
func.func @f(%x: tensor<2x4xf32>, %w: tensor<4x3xi8, #w8>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'sparq.matmul' op malformed calibration file 'cal.json', activation 'no_max': 'minmax' has no number 'max'}}
  %y = sparq.matmul %x, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xi8, #w8> -> tensor<2x3xf32> loc("no_max"("no-max.mlir":4:8))
  return %y : tensor<2x3xf32>
}

//--- cal.json
{"format": "sparq-calibration", "version": 1, "activations": {
  "fc1": {"tensor": {"minmax": {"min": -1.0, "max": 1.0},
                     "mse": {"8": {"symmetric": {"absmax": 1.0}, "asymmetric": {"min": -1.0, "max": 1.0}}}}},
  "no_tensor": {"channel": {}},
  "no_max": {"tensor": {"minmax": {"min": -1.0, "max": "big"}}}}}

//--- not-json.json
{"format": "x" "activations": {}}

//--- wrong-format.json
{"format": "onnx", "activations": {}}
