#!/usr/bin/env python3
"""Independent numpy reference for sparq-unbatch-matmul-run.mlir.

Batched products computed batch by batch with explicit loops over m, n, k in
float64 / int64 (no reshaping), printed in vector.print's format. The
operands are drawn from a fixed seed; --literals prints them as MLIR
constants.
"""
import sys
import numpy as np
from mlir_text import fmt, fmtn, literal

rng = np.random.RandomState(8)


def sparse(shape, lo, hi, density):
    v = rng.randint(lo, hi + 1, size=shape)
    return v * (rng.uniform(size=shape) < density)


# f32: shared plain / CSR weight, fully batched, fully batched transpose_b,
# a sparse batched lhs weight times a shared activation.
xa = rng.randint(-3, 4, size=(3, 4, 5)).astype(float)
wa = rng.randint(-2, 3, size=(5, 6)).astype(float) * 0.5
wc = sparse((5, 6), -4, 4, 0.4).astype(float)
ba = rng.randint(-3, 4, size=(3, 5, 6)).astype(float) * 0.5
bt = rng.randint(-3, 4, size=(3, 6, 5)).astype(float)
ls = sparse((2, 3, 5), -4, 4, 0.4).astype(float)
rs = rng.randint(-3, 4, size=(5, 4)).astype(float)
# int8: ui8 activations (scale 0.5, zero point 7) times an si8 weight with
# channel scales (shared, [8, 4] channel(1)); fully batched with si8 [2, 8, 4]
# scaled per batch (channel(0)) and with per-output-channel scales
# (channel(2)).
XZ, XS = 7, 0.5
xq = rng.randint(0, 16, size=(2, 3, 8))
wq = sparse((8, 4), -8, 8, 0.6)
wqs = np.array([0.25, 0.5, 0.125, 1.0])
bq = sparse((2, 8, 4), -8, 8, 0.6)
bqs_b = np.array([0.25, 0.5])
bqs_n = np.array([0.5, 0.25, 1.0, 0.125])


def bmm(a, b, transpose_b=False):
    """a [B, M, K] times b [K, N] / [B, K, N] (or [N, K] / [B, N, K])."""
    nb, m, k = a.shape
    out = None
    for i in range(nb):
        bi = b[i] if b.ndim == 3 else b
        if transpose_b:
            bi = bi.T
        n = bi.shape[1]
        if out is None:
            out = np.zeros((nb, m, n), dtype=a.dtype)
        for r in range(m):
            for c in range(n):
                for j in range(k):
                    out[i, r, c] += a[i, r, j] * bi[j, c]
    return out


if "--literals" in sys.argv:
    for name, a, ty in [("xa", xa, "f32"), ("wa", wa, "f32"), ("wc", wc, "f32"),
                        ("ba", ba, "f32"), ("bt", bt, "f32"), ("ls", ls, "f32"),
                        ("rs", rs, "f32"), ("xq", xq, "i8"), ("wq", wq, "i8"),
                        ("bq", bq, "i8")]:
        shape = "x".join(map(str, a.shape))
        print("%%%s = arith.constant dense<%s> : tensor<%sx%s>" %
              (name, literal(a, ty), shape, ty))
    sys.exit(0)

print("f32-shared")
print(fmtn(bmm(xa, wa)))
print("f32-shared-csr")
print(fmtn(bmm(xa, wc)))
print("f32-batched")
print(fmtn(bmm(xa, ba)))
print("f32-batched-tb")
print(fmtn(bmm(xa, bt, transpose_b=True)))
print("f32-sparse-lhs")
print(fmtn(bmm(ls, rs)))
x = xq.astype(np.int64) - XZ
acc = bmm(x, wq.astype(np.int64))
print("int8-shared-f32")
print(fmtn(acc * XS * wqs[None, None, :]))
print("int8-shared-i32")
print(fmtn(acc))
acc = bmm(x, bq.astype(np.int64))
print("int8-batched-f32")
print(fmtn(acc * XS * bqs_b[:, None, None]))
print("int8-batched-i32")
print(fmtn(acc))
print("int8-batched-channel-f32")
print(fmtn(acc * XS * bqs_n[None, None, :]))
# The same activations read as si8 with one scale per row (channel(1) of
# [B, M, K]: not foldable into M, so sliced per batch) times the shared weight.
xrs = np.array([0.5, 0.25, 1.0])
acc = bmm(xq.astype(np.int64), wq.astype(np.int64))
print("int8-per-row-f32")
print(fmtn(acc * xrs[None, :, None] * wqs[None, None, :]))
