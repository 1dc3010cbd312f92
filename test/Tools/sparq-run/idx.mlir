// IDX files (gzipped or not) are read as MNIST / Fashion-MNIST store them:
// u8 images [N, H, W] become f32 v / 255 in NCHW (default), NHWC or flat
// layout; --images=raw keeps u8 (which no signature accepts); other IDX types
// (here big-endian f32) are read as they are. Checked against numpy.
// RUN: %python %S/Inputs/make_idx.py %t
// RUN: sparq-run %s --entry=nchw --input=%t.images.gz --rows=2:6 --output=%t.nchw.npy
// RUN: sparq-run %s --entry=flat --input=%t.images --images=flat --rows=2:6 --output=%t.flat.npy
// RUN: sparq-run %s --entry=nhwc --input=%t.images.gz --images=nhwc --rows=2:6 --output=%t.nhwc.npy
// RUN: %python -c "import numpy as np; e = np.load('%t.expected.npy')[2:6].astype(np.float32) / np.float32(255); a = np.load('%t.nchw.npy'); b = np.load('%t.flat.npy'); c = np.load('%t.nhwc.npy'); assert a.shape == (4, 1, 3, 2) and a.tobytes() == e.tobytes(); assert b.shape == (4, 6) and b.tobytes() == e.tobytes(); assert c.shape == (4, 3, 2, 1) and c.tobytes() == e.tobytes(); print('ok')" | FileCheck %s --check-prefix=NUMPY
// RUN: sparq-run %s --entry=nchw --input=%t.images.gz --rows=0:4 --print | FileCheck %s --check-prefix=FIRST
// RUN: sparq-run %s --entry=floats --input=%t.f32 --print | FileCheck %s --check-prefix=F32
// RUN: not sparq-run %s --entry=nchw --input=%t.images.gz --images=raw --rows=0:4 2>&1 | FileCheck %s --check-prefix=RAW

// NUMPY: ok
// Pixel 0 is 255, then 6, 12, 18, ...: 1, 6/255, 12/255, ...
// FIRST: result 0: f32 4x1x3x2: 1 0.0235294122 0.0470588244 0.0705882385
// F32: result 0: f64 2x3: 0 0.25 0.5 0.75 1 1.25{{$}}
// RAW: sparq-run: error: input 0 ({{.*}}.images.gz): expected f32 elements (tensor<4x1x3x2xf32>), got u8

func.func @nchw(%x: tensor<4x1x3x2xf32>) -> tensor<4x1x3x2xf32> {
  return %x : tensor<4x1x3x2xf32>
}
func.func @flat(%x: tensor<4x6xf32>) -> tensor<4x6xf32> {
  return %x : tensor<4x6xf32>
}
func.func @nhwc(%x: tensor<4x3x2x1xf32>) -> tensor<4x3x2x1xf32> {
  return %x : tensor<4x3x2x1xf32>
}
func.func @floats(%x: tensor<2x3xf32>) -> tensor<2x3xf64> {
  %d = arith.extf %x : tensor<2x3xf32> to tensor<2x3xf64>
  return %d : tensor<2x3xf64>
}
