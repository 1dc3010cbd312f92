// --labels prints result 0's top-1 accuracy (first maximum of each row, as
// numpy's argmax), here over batches with a padded last batch and rows
// selected by --rows, with labels from .npy (int64) and from a gzipped IDX
// file (u8); the count is checked against numpy.
// RUN: %python -c "import numpy as np, gzip, struct; r = np.random.RandomState(5); x = r.randint(0, 3, size=(11, 4)).astype(np.float32); l = r.randint(0, 4, size=11); np.save('%t.x.npy', x); np.save('%t.l.npy', l); gzip.open('%t.l.gz', 'wb').write(struct.pack('>BBBBI', 0, 0, 8, 1, 11) + l.astype(np.uint8).tobytes()); print('expect top-1: %%d / 11 (%%.2f%%%%)' %% ((x.argmax(1) == l).sum(), 100 * (x.argmax(1) == l).mean())); print('expect top-1: %%d / 8 (%%.2f%%%%)' %% ((x[2:10].argmax(1) == l[2:10]).sum(), 100 * (x[2:10].argmax(1) == l[2:10]).mean()))" > %t.expected
// RUN: sparq-run %s --input=%t.x.npy --batch=4 --labels=%t.l.npy > %t.got
// RUN: sparq-run %s --input=%t.x.npy --batch=4 --labels=%t.l.gz --rows=2:10 >> %t.got
// RUN: %python -c "e = [l.split(' ', 1)[1] for l in open('%t.expected').read().splitlines()]; g = open('%t.got').read().splitlines(); assert e == g, (e, g); print('ok')" | FileCheck %s
// CHECK: ok
// RUN: %python -c "import numpy as np; np.save('%t.f.npy', np.zeros(11, np.float32)); np.save('%t.short.npy', np.zeros(10, np.int64))"
// RUN: not sparq-run %s --input=%t.x.npy --batch=4 --labels=%t.f.npy 2>&1 | FileCheck %s --check-prefix=FLOAT
// FLOAT: sparq-run: error: --labels: expected integer labels, got f32
// RUN: not sparq-run %s --input=%t.x.npy --batch=4 --labels=%t.short.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: sparq-run: error: --labels: 10 labels for 11 rows of result 0
// RUN: not sparq-run %s --entry=flat --input=%t.x.npy --batch=4 --labels=%t.l.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: sparq-run: error: --labels: result 0 has shape 11; top-1 needs [N, ..., classes]
// RUN: not sparq-run %s --entry=none --input=%t.x.npy --labels=%t.l.npy 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: sparq-run: error: --labels: @none has no result

func.func @main(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  return %x : tensor<4x4xf32>
}
func.func @flat(%x: tensor<4x4xf32>) -> tensor<4xf32> {
  %s = tensor.extract_slice %x[0, 0] [4, 1] [1, 1] : tensor<4x4xf32> to tensor<4xf32>
  return %s : tensor<4xf32>
}
func.func @none(%x: tensor<11x4xf32>) {
  return
}
