// sparq-run lowers a tensor-level module itself, JIT-compiles it and runs
// @main on .npy inputs; the result is checked against numpy.
// RUN: %python -c "import numpy as np; np.save('%t.a.npy', (np.arange(6, dtype=np.float32) - 2.5).reshape(2, 3)); np.save('%t.b.npy', np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4))"
// RUN: sparq-run %s --entry=main --input=%t.a.npy --input=%t.b.npy --output=%t.out.npy --print | FileCheck %s
// RUN: %python -c "import numpy as np; a = np.load('%t.a.npy'); b = np.load('%t.b.npy'); o = np.load('%t.out.npy'); assert o.dtype == np.float32 and o.shape == (2, 4), (o.dtype, o.shape); r = (a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32); assert np.allclose(o, r, rtol=1e-6, atol=1e-6), (o, r); print('ok')" | FileCheck %s --check-prefix=NUMPY

// a = [[-2.5, -1.5, -0.5], [0.5, 1.5, 2.5]], b = linspace(-1, 1, 12) as 3x4.
// The printed values to 6 digits (the last bits depend on how the loops
// round: the dataflow loops sparq-adopt-linalg gives this matmul use fma);
// the NUMPY line checks every value within 1e-6.
// CHECK: result 0: f32 2x4: 2.68181{{[0-9]*}} 1.86363{{[0-9]*}} 1.04545{{[0-9]*}} 0.22727{{[0-9]*}} 0.22727{{[0-9]*}} 1.04545{{[0-9]*}} 1.86363{{[0-9]*}} 2.68181{{[0-9]*}}{{$}}
// NUMPY: ok

func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x4xf32>) -> tensor<2x4xf32>
  %c = linalg.matmul ins(%a, %b : tensor<2x3xf32>, tensor<3x4xf32>)
                     outs(%init : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %c : tensor<2x4xf32>
}
