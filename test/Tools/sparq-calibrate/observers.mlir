// sparq-calibrate's observers against an independent numpy reference, bit
// for bit: min-max, percentile (NumPy's linear method) and the MSE search,
// per tensor and per channel, over 10 rows run in batches of 4 (the padded
// rows of the last batch must not count). Then the scales and zero points
// that --sparq-quantize-activations emits from the file, for every observer
// and grid, against the reference's range-to-scale rule.
// RUN: %python -c "import numpy as np; r = np.random.RandomState(7); x = r.randint(-64, 64, size=(10, 3)) / 16.0; x[3, 1] = 9.5; x[8, 2] = -7.25; np.save('%t.x.npy', x.astype(np.float32))"
// RUN: sparq-calibrate %s --input=%t.x.npy --batch=4 --granularity=channel --percentile=90 --mse-bits=4,8 --mse-steps=50 --output=%t.json | FileCheck %s --check-prefix=LOG
// RUN: %python %S/Inputs/observers_reference.py check %t.json %t.x.npy | FileCheck %s --check-prefix=OK
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.json" | %python %S/Inputs/observers_reference.py scales %t.json minmax symmetric 8 | FileCheck %s --check-prefix=OK
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.json scheme=asymmetric" | %python %S/Inputs/observers_reference.py scales %t.json minmax asymmetric 8 | FileCheck %s --check-prefix=OK
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.json observer=percentile" | %python %S/Inputs/observers_reference.py scales %t.json percentile symmetric 8 | FileCheck %s --check-prefix=OK
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.json observer=percentile scheme=asymmetric" | %python %S/Inputs/observers_reference.py scales %t.json percentile asymmetric 8 | FileCheck %s --check-prefix=OK
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.json observer=mse" | %python %S/Inputs/observers_reference.py scales %t.json mse symmetric 8 | FileCheck %s --check-prefix=OK
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.json observer=mse scheme=asymmetric bits=4" | %python %S/Inputs/observers_reference.py scales %t.json mse asymmetric 4 | FileCheck %s --check-prefix=OK

// LOG: fc1: linalg.matmul 10x3, min -7.25, max 9.50
// LOG: fc2: linalg.matmul 10x4
// OK: ok

func.func @main(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w1 = arith.constant dense<[[1.0, -0.5, 0.25, 2.0], [0.5, 1.5, -1.0, 0.0], [-2.0, 0.75, 1.0, -0.25]]> : tensor<3x4xf32>
  %w2 = arith.constant dense<[[1.0, -1.0], [0.5, 0.25], [-0.75, 2.0], [1.5, -0.5]]> : tensor<4x2xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4x4xf32>
  %i1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<4x3xf32>, tensor<3x4xf32>) outs(%i1 : tensor<4x4xf32>) -> tensor<4x4xf32> loc("fc1")
  %e2 = tensor.empty() : tensor<4x2xf32>
  %i2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%h, %w2 : tensor<4x4xf32>, tensor<4x2xf32>) outs(%i2 : tensor<4x2xf32>) -> tensor<4x2xf32> loc("fc2")
  return %y : tensor<4x2xf32>
}
