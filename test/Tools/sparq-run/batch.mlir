// --batch splits the first dimension of every input into batches of the
// entry's static batch size, zero-pads the last one, calls once per batch and
// concatenates the results; --rows selects rows first. Checked against numpy.
// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.arange(10 * 3, dtype=np.float32).reshape(10, 3) / 8); np.save('%t.k.npy', np.arange(10, dtype=np.int32) - 4)"
// RUN: sparq-run %s --input=%t.x.npy --input=%t.k.npy --batch=4 --output=%t.out.npy --print | FileCheck %s
// RUN: %python -c "import numpy as np; x = np.load('%t.x.npy'); k = np.load('%t.k.npy'); s = np.load('%t.out_0.npy'); m = np.load('%t.out_1.npy'); assert s.shape == (10,) and (s == x.sum(1)).all(), s; assert m.shape == (10, 3) and m.dtype == np.int32 and (m == k[:, None] * 3).all(), m; print('ok')" | FileCheck %s --check-prefix=NUMPY
// RUN: sparq-run %s --input=%t.x.npy --input=%t.k.npy --batch=4 --rows=3:8 --print | FileCheck %s --check-prefix=ROWS

// Sums of rows (0 + 1 + 2) / 8, (3 + 4 + 5) / 8, ...; 3 batches for 10 rows.
// CHECK: result 0: f32 10: 0.375 1.5 2.625 3.75 4.875 6 7.125 8.25 9.375 10.5{{$}}
// CHECK: result 1: i32 10x3: -12 -12 -12 -9 -9 -9 -6 -6 -6 -3 -3 -3 0 0 0 3 3 3 6 6 6 9 9 9 12 12 12 15 15 15{{$}}
// NUMPY: ok
// ROWS: result 0: f32 5: 3.75 4.875 6 7.125 8.25{{$}}
// ROWS: result 1: i32 5x3: -3 -3 -3 0 0 0 3 3 3 6 6 6 9 9 9{{$}}

func.func @main(%x: tensor<4x3xf32>, %k: tensor<4xi32>)
    -> (tensor<4xf32>, tensor<4x3xi32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.reduce ins(%x : tensor<4x3xf32>) outs(%init : tensor<4xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %three = arith.constant 3 : i32
  %e2 = tensor.empty() : tensor<4x3xi32>
  %m = linalg.broadcast ins(%k : tensor<4xi32>) outs(%e2 : tensor<4x3xi32>) dimensions = [1]
  %c = arith.constant dense<3> : tensor<4x3xi32>
  %m3 = arith.muli %m, %c : tensor<4x3xi32>
  return %sum, %m3 : tensor<4xf32>, tensor<4x3xi32>
}
