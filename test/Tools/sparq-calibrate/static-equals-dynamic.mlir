// End to end: calibrating with min-max on exactly the data the model then
// runs on gives the range that dynamic quantization measures at run time, so
// the statically calibrated W8A8 model must reproduce the dynamic one bit for
// bit (symmetric and asymmetric grids), and differ when calibrated on other
// data.
// RUN: %python -c "import numpy as np; r = np.random.RandomState(3); np.save('%t.x.npy', r.randn(4, 3).astype(np.float32)); np.save('%t.other.npy', (2 * r.randn(4, 3)).astype(np.float32))"
// RUN: sparq-calibrate %s --input=%t.x.npy --output=%t.json
// RUN: sparq-calibrate %s --input=%t.other.npy --output=%t.other.json
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations | sparq-run - --input=%t.x.npy --output=%t.dyn.npy
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.json" | sparq-run - --input=%t.x.npy --output=%t.static.npy
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="calibration=%t.other.json" | sparq-run - --input=%t.x.npy --output=%t.other.npy
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="scheme=asymmetric" | sparq-run - --input=%t.x.npy --output=%t.adyn.npy
// RUN: sparq-opt %s --sparq-quantize=bits=8 --sparq-quantize-activations="scheme=asymmetric calibration=%t.json" | sparq-run - --input=%t.x.npy --output=%t.astatic.npy
// RUN: %python -c "import numpy as np; l = lambda n: np.load('%t.' + n + '.npy'); assert l('dyn').tobytes() == l('static').tobytes(), (l('dyn'), l('static')); assert l('adyn').tobytes() == l('astatic').tobytes(); assert l('dyn').tobytes() != l('adyn').tobytes(); assert l('other').tobytes() != l('dyn').tobytes(); print('ok')" | FileCheck %s
// CHECK: ok

func.func @main(%x: tensor<4x3xf32>) -> tensor<4x4xf32> {
  %w = arith.constant dense<[[1.0, -0.5, 0.25, 2.0], [0.5, 1.5, -1.0, 0.0], [-2.0, 0.75, 1.0, -0.25]]> : tensor<3x4xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %i = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x4xf32>) outs(%i : tensor<4x4xf32>) -> tensor<4x4xf32> loc("fc")
  return %y : tensor<4x4xf32>
}
