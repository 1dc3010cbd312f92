// Every sparq-run error: a message on stderr and exit code 1, no crash.
// RUN: %python %S/Inputs/make_bad_inputs.py %t
// RUN: not sparq-run %s --input=%t.missing.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sparq-run: error: {{.*}}missing.npy: cannot read: {{[Nn]}}o such file or directory
// RUN: not sparq-run %s --input=%t.truncated.npy 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: error: {{.*}}truncated.npy: malformed .npy: shape 2x3 of f32 needs 24 data bytes, the file has 20
// RUN: not sparq-run %s --input=%t.header.npy 2>&1 | FileCheck %s --check-prefix=HEADER
// HEADER: error: {{.*}}header.npy: malformed .npy: header longer than the file
// RUN: not sparq-run %s --input=%t.version.npy 2>&1 | FileCheck %s --check-prefix=VERSION
// VERSION: error: {{.*}}version.npy: unsupported .npy format version 7 (expected 1, 2 or 3)
// RUN: not sparq-run %s --input=%t.nokeys.npy 2>&1 | FileCheck %s --check-prefix=NOKEYS
// NOKEYS: error: {{.*}}nokeys.npy: malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): {'descr': '<f4', 'shape': (2, 3), }
// RUN: not sparq-run %s --input=%t.fortran.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: error: {{.*}}fortran.npy: Fortran-order .npy arrays are not supported (save with np.ascontiguousarray)
// RUN: not sparq-run %s --input=%t.bigendian.npy 2>&1 | FileCheck %s --check-prefix=BIGENDIAN
// BIGENDIAN: error: {{.*}}bigendian.npy: unsupported .npy dtype '>f4' (supported: little-endian f2, f4, f8, i1, i2, i4, i8, u1)
// RUN: not sparq-run %s --input=%t.complex.npy 2>&1 | FileCheck %s --check-prefix=COMPLEX
// COMPLEX: error: {{.*}}complex.npy: unsupported .npy dtype '<c8'
// RUN: not sparq-run %s --input=%t.text.npy 2>&1 | FileCheck %s --check-prefix=TEXT
// TEXT: error: {{.*}}text.npy: neither a .npy file nor an IDX file
// RUN: not sparq-run %s --input=%t.short.idx 2>&1 | FileCheck %s --check-prefix=IDX
// IDX: error: {{.*}}short.idx: malformed IDX file: shape 2x1x3 needs 6 data bytes, the file has 5
// RUN: not sparq-run %s --input=%t.corrupt.gz 2>&1 | FileCheck %s --check-prefix=GZIP
// GZIP: error: {{.*}}corrupt.gz: corrupt or truncated gzip data
// RUN: not sparq-run %s --input=%t.i64.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: sparq-run: error: input 0 ({{.*}}i64.npy): expected f32 elements (tensor<2x3xf32>), got i64
// RUN: not sparq-run %s --input=%t.shape.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: sparq-run: error: input 0 ({{.*}}shape.npy): expected shape 2x3 (tensor<2x3xf32>), got 3x2
// RUN: not sparq-run %s --input=%t.rank0.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: sparq-run: error: input 0 ({{.*}}rank0.npy): expected shape 2x3 (tensor<2x3xf32>), got scalar
// RUN: not sparq-run %s --input=%t.good.npy --input=%t.good.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: sparq-run: error: the entry takes 1 input(s) (tensor<2x3xf32>), got 2
// RUN: not sparq-run %s 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: sparq-run: error: the entry takes 1 input(s) (tensor<2x3xf32>), got 0
// RUN: not sparq-run %s --entry=nope --input=%t.good.npy 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: sparq-run: error: no function @nope in the module (functions: @main, @scalar, @index_result, @encoded, @strided, @unranked, @not_batched)
// RUN: not sparq-run %s --entry=scalar --input=%t.good.npy 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: sparq-run: error: @scalar: argument 1 has type f32; sparq-run supports ranked tensors and memrefs of f16, f32, f64, i8, i16, i32 and i64
// RUN: not sparq-run %s --entry=index_result 2>&1 | FileCheck %s --check-prefix=INDEX
// INDEX: sparq-run: error: @index_result: result 0 has type tensor<2xindex>; sparq-run supports
// RUN: not sparq-run %s --entry=encoded 2>&1 | FileCheck %s --check-prefix=ENCODED
// ENCODED: sparq-run: error: @encoded: argument 0 has type tensor<2x4xi8, #sparq.encoding<nm<2, 4>>>: an encoded (compressed) tensor cannot cross the call boundary; pass a plain tensor and pack it inside
// RUN: not sparq-run %s --entry=strided 2>&1 | FileCheck %s --check-prefix=STRIDED
// STRIDED: sparq-run: error: @strided: argument 0 has type memref<2x3xf32, strided<[4, 1]>>: only identity-layout memrefs are supported
// RUN: not sparq-run %s --entry=unranked 2>&1 | FileCheck %s --check-prefix=UNRANKED
// UNRANKED: sparq-run: error: @unranked: argument 0 has type tensor<*xf32>; sparq-run supports
// RUN: not sparq-run %s --entry=external 2>&1 | FileCheck %s --check-prefix=EXTERNAL
// EXTERNAL: sparq-run: error: @external is a declaration without a body
// RUN: not sparq-run %s --input=%t.good.npy --output=%t.a.npy --output=%t.b.npy 2>&1 | FileCheck %s --check-prefix=OUTPUTS
// OUTPUTS: sparq-run: error: @main has 1 result(s), got 2 --output files (give one per result, or one name)
// RUN: not sparq-run %s --input=%t.good.npy --output=%t.missing-dir/out.npy 2>&1 | FileCheck %s --check-prefix=WRITE
// WRITE: sparq-run: error: {{.*}}missing-dir/out.npy: cannot write: {{[Nn]}}o such file or directory
// RUN: not sparq-run %s --input=%t.good.npy --input=%t.rows3.npy --entry=main --batch=2 2>&1 | FileCheck %s --check-prefix=BATCHROWS
// BATCHROWS: sparq-run: error: input 1 ({{.*}}rows3.npy) has 3 rows, input 0 has 2: --batch needs the same number
// RUN: not sparq-run %s --input=%t.rank0.npy --batch=2 2>&1 | FileCheck %s --check-prefix=BATCHRANK
// BATCHRANK: sparq-run: error: input 0 ({{.*}}rank0.npy): --batch splits the first dimension, but the input is rank 0
// RUN: not sparq-run %s --input=%t.wide.npy --batch=2 2>&1 | FileCheck %s --check-prefix=BATCHSHAPE
// BATCHSHAPE: sparq-run: error: batch of 2 rows: input 0 ({{.*}}wide.npy): expected shape 2x3 (tensor<2x3xf32>), got 2x4
// RUN: not sparq-run %s --entry=not_batched --input=%t.rows3.npy --batch=2 2>&1 | FileCheck %s --check-prefix=BATCHRESULT
// BATCHRESULT: sparq-run: error: result 0 has shape 3: --batch=2 needs every result to have 2 rows
// RUN: not sparq-run %s --input=%t.good.npy --rows=1-2 2>&1 | FileCheck %s --check-prefix=ROWSYNTAX
// ROWSYNTAX: sparq-run: error: bad row range '1-2' (expected BEGIN:END, e.g. 0:1000)
// RUN: not sparq-run %s --input=%t.good.npy --rows=1:5 2>&1 | FileCheck %s --check-prefix=ROWRANGE
// ROWRANGE: sparq-run: error: {{.*}}good.npy: rows 1:5 out of range (the array has 2 rows)
// RUN: not sparq-run %s --input=%t.good.npy --images=chw 2>&1 | FileCheck %s --check-prefix=IMAGES
// IMAGES: sparq-run: error: unknown image layout 'chw' (expected nchw, nhwc, flat or raw)
// RUN: not sparq-run %s --input=%t.good.npy -O4 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: sparq-run: error: -O must be 0, 1, 2 or 3
// RUN: sparq-opt %s --sparq-to-llvm | not sparq-run - --input=%t.good.npy 2>&1 | FileCheck %s --check-prefix=NOSIG
// NOSIG: sparq-run: error: @main is already in the LLVM dialect, where argument types and shapes are gone: give them with --signature="(...) -> (...)", or pass the module before lowering
// RUN: sparq-opt %s --sparq-to-llvm | not sparq-run - --input=%t.good.npy --signature="tensor<2x3xf32>" 2>&1 | FileCheck %s --check-prefix=BADSIG
// BADSIG: sparq-run: error: --signature: 'tensor<2x3xf32>' is not a function type such as (tensor<4x8xf32>) -> tensor<4x2xf32>
// RUN: sparq-opt %s --sparq-to-llvm | not sparq-run - --input=%t.good.npy --signature="(tensor<2x3xf32>) -> tensor<2x3xf32>" 2>&1 | FileCheck %s --check-prefix=NOWRAPPER
// NOWRAPPER: sparq-run: error: the lowered module has no _mlir_ciface_main (lower @main with the llvm.emit_c_interface attribute)
// RUN: echo "func.func @main(" | not sparq-run - 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: <stdin>:1:17: error: expected non-function type
// PARSE: sparq-run: error: -: cannot parse the module
// RUN: not sparq-run %t.no-such-module.mlir 2>&1 | FileCheck %s --check-prefix=NOMODULE
// NOMODULE: sparq-run: error: {{.*}}no-such-module.mlir: {{.*}}o such file or directory

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
func.func @scalar(%x: tensor<2x3xf32>, %s: f32) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
func.func @index_result() -> tensor<2xindex> {
  %c = arith.constant dense<[1, 2]> : tensor<2xindex>
  return %c : tensor<2xindex>
}
func.func @encoded(%x: tensor<2x4xi8, #sparq.encoding<nm<2, 4>>>) {
  return
}
func.func @strided(%x: memref<2x3xf32, strided<[4, 1]>>) {
  return
}
func.func @unranked(%x: tensor<*xf32>) {
  return
}
func.func private @external(tensor<2xf32>) -> tensor<2xf32>
func.func @not_batched(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  %c = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  return %c : tensor<3xf32>
}
