// Every supported element type crosses the call boundary both ways, and
// several results go to OUT_0.npy, OUT_1.npy, ... (or one --output each).
// Values are checked bit-exactly against numpy's own x + x.
// RUN: %python -c "import numpy as np; [np.save('%t.in%%d.npy' %% i, (np.arange(-3, 3) * 41).astype(t).reshape(2, 3)) for i, t in enumerate([np.float16, np.float64, np.int8, np.int16, np.int32, np.int64])]"
// RUN: sparq-run %s --input=%t.in0.npy --input=%t.in1.npy --input=%t.in2.npy --input=%t.in3.npy --input=%t.in4.npy --input=%t.in5.npy --output=%t.out.npy --print | FileCheck %s
// RUN: %python -c "import numpy as np; ins = [np.load('%t.in%%d.npy' %% i) for i in range(6)]; outs = [np.load('%t.out_%%d.npy' %% i) for i in range(6)]; assert all(o.dtype == i.dtype and o.shape == (2, 3) and o.tobytes() == (i + i).tobytes() for i, o in zip(ins, outs)), outs; print('ok')" | FileCheck %s --check-prefix=NUMPY
// RUN: sparq-run %s --input=%t.in0.npy --input=%t.in1.npy --input=%t.in2.npy --input=%t.in3.npy --input=%t.in4.npy --input=%t.in5.npy --output=%t.a.npy --output=%t.b.npy --output=%t.c.npy --output=%t.d.npy --output=%t.e.npy --output=%t.f.npy
// RUN: %python -c "import numpy as np; i = np.load('%t.in2.npy'); o = np.load('%t.c.npy'); assert o.dtype == np.int8 and o.tobytes() == (i + i).tobytes(); print('ok')" | FileCheck %s --check-prefix=NUMPY

// The inputs are -123, -82, -41, 0, 41, 82; i8 wraps (-123 * 2 = 10 mod 256).
// CHECK: result 0: f16 2x3: -246 -164 -82 0 82 164
// CHECK: result 1: f64 2x3: -246 -164 -82 0 82 164
// CHECK: result 2: i8 2x3: 10 92 -82 0 82 -92
// CHECK: result 3: i16 2x3: -246 -164 -82 0 82 164
// CHECK: result 4: i32 2x3: -246 -164 -82 0 82 164
// CHECK: result 5: i64 2x3: -246 -164 -82 0 82 164
// NUMPY: ok

func.func @main(%h: tensor<2x3xf16>, %d: tensor<2x3xf64>, %b: tensor<2x3xi8>,
                %s: tensor<2x3xi16>, %i: tensor<2x3xi32>, %l: tensor<2x3xi64>)
    -> (tensor<2x3xf16>, tensor<2x3xf64>, tensor<2x3xi8>, tensor<2x3xi16>,
        tensor<2x3xi32>, tensor<2x3xi64>) {
  %h2 = arith.addf %h, %h : tensor<2x3xf16>
  %d2 = arith.addf %d, %d : tensor<2x3xf64>
  %b2 = arith.addi %b, %b : tensor<2x3xi8>
  %s2 = arith.addi %s, %s : tensor<2x3xi16>
  %i2 = arith.addi %i, %i : tensor<2x3xi32>
  %l2 = arith.addi %l, %l : tensor<2x3xi64>
  return %h2, %d2, %b2, %s2, %i2, %l2
      : tensor<2x3xf16>, tensor<2x3xf64>, tensor<2x3xi8>, tensor<2x3xi16>,
        tensor<2x3xi32>, tensor<2x3xi64>
}
