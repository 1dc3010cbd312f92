// bench/dataflow/summarize.py on a made-up results.tsv whose ratios are
// worked out by hand (not a timed test): per case, SparQ's fastest kernel in
// each orientation (X * W: sparq_<format>; W^T X^T: sparq_wx_<format>; the
// OpenMP `_par` kernels only on two cores), the fastest upstream kernel, and
// the ratios; SparQ's own dense path from the same case when it was timed
// there, else the shape's fastest; a WRONG kernel listed, never timed; the
// targets by median and by minimum, a ratio equal to the goal meeting it.
// RUN: split-file %s %t
// RUN: %python %sparq_src_root/bench/dataflow/summarize.py %t/results.tsv | FileCheck %s

// 0.9: X*W 1.0 (csc; csc_par is a two-core kernel), W^T X^T 0.5, upstream
// best up_wx_v8 1.1: same orientation 1.1 / 0.5 = 2.2x, X*W vs best 1.1x,
// OpenBLAS 4 / 1 = 4x, own dense 1.4 / 1 = 1.4x and 1.3 / 0.5 = 2.6x.
// CHECK: | fc (4x8x8) | f32 | 0.9 | 10.67x | 1 (csc) | 0.5 (csc) | 1.1 (up_wx_v8) | 4 | - | - | 1.4 / 1.3 | 2.2x | 1.1x | 4x | - | - | 1.4x / 2.6x |
// 2:4: its own dense times (1.5, 1.44), not the 0.9 case's faster ones: 3 / 0.9 =
// 3.33x, 3 / 1 = 3x, 1.5 / 1 = 1.5x, 1.44 / 0.9 = 1.6x.
// CHECK-NEXT: | fc (4x8x8) | f32 | 2:4 | 2.00x | 1 (nm) | 0.9 (nm) | 3 (up_wx_v8) | 4 | - | - | 1.5 / 1.44 | 3.33x | 3x | 4x | - | - | 1.5x / 1.6x |
// 0.5 has no dense kernel: the shape's fastest, 1.4 and 1.3 (1.4 / 3 =
// 0.467x, 1.3 / 2.4 = 0.542x).
// CHECK-NEXT: | fc (4x8x8) | f32 | 0.5 | 2.00x | 3 (csr) | 2.4 (csr) | - | - | - | - | 1.4 / 1.3 | - | - | - | - | - | 0.467x / 0.542x |
// CHECK: - fc f32 0.9, 1 core(s): `sparq_wx_csr` max_abs_err_1
// Minimum times: 1.0 / 0.4 = 2.5x, 1.0 / 0.8 = 1.25x, 3.0 / 0.8 = 3.75x,
// 1.2 / 0.9 = 1.33x, 1.3 / 0.8 = 1.625x.
// CHECK: | SparQ >= 2x faster than the upstream sparsifier, both W^T X^T (upstream's best orientation) | fc f32 0.9 | 2.2x | yes | 2.5x | yes |
// CHECK-NEXT: | SparQ's X*W >= 2x faster than the upstream sparsifier's best | fc f32 0.9 | 1.1x | no | 1.25x | no |
// CHECK-NEXT: | SparQ's X*W >= 4x faster than dense OpenBLAS | fc f32 0.9 | 4x | yes | 3.75x | no |
// CHECK-NEXT: | 2:4 >= 1.6x faster than SparQ's own dense path (X*W) | fc f32 2:4 | 1.5x | no | 1.33x | no |
// CHECK-NEXT: | 2:4 >= 1.6x faster than SparQ's own dense path (W^T X^T) | fc f32 2:4 | 1.6x | yes | 1.62x | yes |

//--- results.tsv
# commit abc1234 (clean), 2026-11-27T00:00:00Z
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=openblas status=ok median_ms=4.0 min_ms=3.0 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=sparq_csr status=ok median_ms=1.2 min_ms=1.1 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=sparq_csc status=ok median_ms=1.0 min_ms=0.8 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=sparq_csc_par status=ok median_ms=0.1 min_ms=0.1 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=sparq_dense status=ok median_ms=1.4 min_ms=1.1 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=sparq_wx_csc status=ok median_ms=0.5 min_ms=0.4 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=sparq_wx_csr status=WRONG err=max_abs_err_1
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=sparq_dense_wx status=ok median_ms=1.3 min_ms=1.2 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=up_xw status=ok median_ms=9.0 min_ms=8.0 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=up_wx status=ok median_ms=1.3 min_ms=1.2 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.9 cores=1 nnz=6 kernel=up_wx_v8 status=ok median_ms=1.1 min_ms=1.0 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=2:4 cores=1 nnz=32 kernel=openblas status=ok median_ms=4.0 min_ms=3.0 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=2:4 cores=1 nnz=32 kernel=sparq_nm status=ok median_ms=1.0 min_ms=0.9 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=2:4 cores=1 nnz=32 kernel=sparq_dense status=ok median_ms=1.5 min_ms=1.2 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=2:4 cores=1 nnz=32 kernel=sparq_wx_nm status=ok median_ms=0.9 min_ms=0.8 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=2:4 cores=1 nnz=32 kernel=sparq_dense_wx status=ok median_ms=1.44 min_ms=1.3 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=2:4 cores=1 nnz=32 kernel=up_wx_v8 status=ok median_ms=3.0 min_ms=2.0 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.5 cores=1 nnz=32 kernel=sparq_csr status=ok median_ms=3.0 min_ms=3.0 reps=3
shape=fc M=4 K=8 N=8 dtype=f32 sparsity=0.5 cores=1 nnz=32 kernel=sparq_wx_csr status=ok median_ms=2.4 min_ms=2.4 reps=3
