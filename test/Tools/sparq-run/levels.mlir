// A module at any level runs: a sparq module (quantized weight, dynamic
// activation quantization) is lowered by sparq-run itself; a module already
// in the LLVM dialect runs with --signature; --repeat prints compile time and
// per-call times. The W8A8 result is checked against an independent numpy
// evaluation of the specified numerics (round half to even, f64 ratios).
// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.array([[0.5, -1.25, 2.0], [1.0, 0.75, -0.5]], dtype=np.float32))"
// RUN: sparq-opt %s --sparq-quantize="bits=8 granularity=tensor" --sparq-quantize-activations="bits=8" | sparq-run - --input=%t.x.npy --output=%t.q.npy --repeat=3 | FileCheck %s --check-prefix=TIME
// RUN: %python -c "import numpy as np; x = np.load('%t.x.npy').astype(np.float64); w = np.array([[1.0, -0.5], [0.25, 2.0], [-1.5, 0.125]]); sw = np.float32(2.0 / 127); qw = np.round(w / np.float64(sw)); sx = np.float32(2.0 / 127); qx = np.round(x / np.float64(sx)); r = ((qx @ qw) * np.float64(sx) * np.float64(sw)).astype(np.float32); o = np.load('%t.q.npy'); assert o.shape == (2, 2) and np.allclose(o, r, rtol=1e-6, atol=0), (o, r); print('ok')" | FileCheck %s --check-prefix=NUMPY
// RUN: sparq-opt %s --sparq-to-llvm | sparq-run - --input=%t.x.npy --signature="(tensor<2x3xf32>) -> tensor<2x2xf32>" --print | FileCheck %s --check-prefix=LLVM

// TIME: compile: {{[0-9]+\.[0-9]+}} ms
// TIME-NEXT: run: 3 calls, median {{[0-9]+\.[0-9]+}} ms, min {{[0-9]+\.[0-9]+}} ms per call, total {{[0-9]+\.[0-9]+}} ms
// NUMPY: ok
// x * w = [[-2.8125, -2.5], [1.9375, 0.9375]]
// LLVM: result 0: f32 2x2: -2.8125 -2.5 1.9375 0.9375{{$}}

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x2xf32> attributes {llvm.emit_c_interface} {
  %w = arith.constant dense<[[1.0, -0.5], [0.25, 2.0], [-1.5, 0.125]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>)
                     outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
