#!/usr/bin/env python3
"""Independent numpy reference for conv2d-to-matmul-run.mlir.

A direct (not im2col) NHWC convolution in float64 / int64 of the operands
pasted into the test, printed in vector.print's format. The operands are
drawn from a fixed seed; --literals prints them as MLIR constants.
"""
import sys
import numpy as np
from mlir_text import fmt, fmtn, literal

rng = np.random.RandomState(4)


def sparse(shape, lo, hi, density):
    v = rng.randint(lo, hi + 1, size=shape)
    return v * (rng.uniform(size=shape) < density)


# f32, plain filter, strides 2, padding 1.
xa = rng.randint(-3, 4, size=(1, 7, 7, 3)).astype(float)
fa = rng.randint(-2, 3, size=(3, 3, 3, 4)).astype(float) * 0.5
# f32, CSR filter, dilations 2, strides [1, 2], padding [0, 1, 1, 0], batch 2.
xb = rng.randint(-3, 4, size=(2, 6, 6, 2)).astype(float)
fb = sparse((2, 2, 2, 3), -4, 4, 0.4).astype(float)
# int8: ui8 activations (scale 0.5, zero point 5), si8 filter with channel(3)
# scales, strides 2, dilations 2, padding 1 (with the zero point).
xq = rng.randint(0, 21, size=(1, 7, 7, 2))
fq = sparse((3, 3, 2, 3), -8, 8, 0.5)
fqs = np.array([0.25, 0.5, 0.125])
XZ, XS = 5, 0.5


def conv_nhwc(x, f, stride, dil, pad, pad_value=0):
    # x [N,H,W,C], f [KH,KW,C,F], pad [top, bottom, left, right]
    x = np.pad(x, ((0, 0), (pad[0], pad[1]), (pad[2], pad[3]), (0, 0)),
               constant_values=pad_value)
    n, h, w, c = x.shape
    kh, kw, _, fo = f.shape
    oh = (h - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w - dil[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((n, oh, ow, fo), dtype=x.dtype)
    for b in range(n):
        for i in range(oh):
            for j in range(ow):
                for p in range(kh):
                    for q in range(kw):
                        for ch in range(c):
                            xv = x[b, i * stride[0] + p * dil[0],
                                   j * stride[1] + q * dil[1], ch]
                            for o in range(fo):
                                out[b, i, j, o] += xv * f[p, q, ch, o]
    return out


if "--literals" in sys.argv:
    for name, a, ty in [("xa", xa, "f32"), ("fa", fa, "f32"), ("xb", xb, "f32"),
                        ("fb", fb, "f32"), ("xq", xq, "i8"), ("fq", fq, "i8")]:
        shape = "x".join(map(str, a.shape))
        print("%%%s = arith.constant dense<%s> : tensor<%sx%s>" %
              (name, literal(a, ty), shape, ty))
    sys.exit(0)

print("f32-plain")
print(fmtn(conv_nhwc(xa, fa, (2, 2), (1, 1), (1, 1, 1, 1))))
print("f32-csr")
print(fmtn(conv_nhwc(xb, fb, (1, 2), (2, 2), (0, 1, 1, 0))))
acc = conv_nhwc(xq.astype(np.int64) - XZ, fq.astype(np.int64), (2, 2), (2, 2),
                (1, 1, 1, 1))
print("int8-f32")
print(fmtn(acc * XS * fqs))
print("int8-i32")
print(fmtn(acc))
print("int8-csr-f32")
print(fmtn(acc * XS * fqs))
