#!/usr/bin/env python3
"""Independent numpy reference for conv2d-nchw-to-matmul-run.mlir.

A direct (not im2col) NCHW / FCHW convolution in float64 / int64 of the
operands pasted into the test, printed in vector.print's format. The operands
are drawn from a fixed seed; --literals prints them as MLIR constants.
"""
import sys
import numpy as np
from mlir_text import fmt, fmtn, literal

rng = np.random.RandomState(6)


def sparse(shape, lo, hi, density):
    v = rng.randint(lo, hi + 1, size=shape)
    return v * (rng.uniform(size=shape) < density)


# f32, plain filter, strides 2, padding 1.
xa = rng.randint(-3, 4, size=(1, 3, 7, 7)).astype(float)
fa = rng.randint(-2, 3, size=(4, 3, 3, 3)).astype(float) * 0.5
# f32, CSR and 2:4 filters ([F, C*KH*KW] = [3, 8]), batch 2, dilations 2,
# strides [1, 2], padding [top 0, bottom 1, left 1, right 0].
xb = rng.randint(-3, 4, size=(2, 2, 6, 6)).astype(float)
fb = sparse((3, 2, 2, 2), -4, 4, 0.4).astype(float)
# int8: ui8 activations (scale 0.5, zero point 5), si8 filter with channel(0)
# scales, strides 2, dilations 2, padding 1 (with the zero point), batch 2.
xq = rng.randint(0, 21, size=(2, 2, 7, 7))
fq = sparse((3, 2, 3, 3), -8, 8, 0.5)
fqs = np.array([0.25, 0.5, 0.125])
XZ, XS = 5, 0.5
# The 2:4 filter: a dense draw with the two largest |w| of every group of 4
# consecutive entries of a row of [F, C*KH*KW] kept.
fb24 = rng.randint(-4, 5, size=(3, 8)).astype(float)
for r in range(3):
    for g in range(2):
        group = fb24[r, 4 * g:4 * g + 4]
        group[np.argsort(-np.abs(group), kind="stable")[2:]] = 0
fb24 = fb24.reshape(3, 2, 2, 2)


def conv_nchw(x, f, stride, dil, pad, pad_value=0):
    # x [N,C,H,W], f [F,C,KH,KW], pad [top, bottom, left, right]
    x = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[1]), (pad[2], pad[3])),
               constant_values=pad_value)
    n, c, h, w = x.shape
    fo, _, kh, kw = f.shape
    oh = (h - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w - dil[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((n, fo, oh, ow), dtype=x.dtype)
    for b in range(n):
        for o in range(fo):
            for i in range(oh):
                for j in range(ow):
                    for ch in range(c):
                        for p in range(kh):
                            for q in range(kw):
                                out[b, o, i, j] += (
                                    x[b, ch, i * stride[0] + p * dil[0],
                                      j * stride[1] + q * dil[1]] *
                                    f[o, ch, p, q])
    return out


if "--literals" in sys.argv:
    for name, a, ty in [("xa", xa, "f32"), ("fa", fa, "f32"), ("xb", xb, "f32"),
                        ("fb", fb, "f32"), ("fb24", fb24, "f32"),
                        ("xq", xq, "i8"), ("fq", fq, "i8")]:
        shape = "x".join(map(str, a.shape))
        print("%%%s = arith.constant dense<%s> : tensor<%sx%s>" %
              (name, literal(a, ty), shape, ty))
    sys.exit(0)

print("f32-plain")
print(fmtn(conv_nchw(xa, fa, (2, 2), (1, 1), (1, 1, 1, 1))))
print("f32-csr")
print(fmtn(conv_nchw(xb, fb, (1, 2), (2, 2), (0, 1, 1, 0))))
print("f32-nm")
print(fmtn(conv_nchw(xb, fb24, (1, 2), (2, 2), (0, 1, 1, 0))))
acc = conv_nchw(xq.astype(np.int64) - XZ, fq.astype(np.int64), (2, 2), (2, 2),
                (1, 1, 1, 1))
real = acc * XS * fqs[None, :, None, None]
print("int8-f32")
print(fmtn(real))
print("int8-i32")
print(fmtn(acc))
print("int8-csr-f32")
print(fmtn(real))
