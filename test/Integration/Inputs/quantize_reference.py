#!/usr/bin/env python3
"""Independent numpy reference for quantize-matmul-run.mlir.

Quantizes the test's constant weights with the rules of the sparq-quantize
pass description (symmetric: scale = max|w| / 127; asymmetric over
[min(w, 0), max(w, 0)]: scale = range / 255, zp = round(-min / scale);
q = clamp(round_half_even(w / scale) + zp); scales rounded once to f32,
w / scale in f64), dequantizes (scale * (q - zp), one f32 rounding) and runs
the contractions in f32 in the loop order of the linalg lowering. Shares no
code with the compiler; prints the lines the test CHECKs in vector.print's
format.
"""
import numpy as np

f32 = np.float32


def fmt(values):
    if np.ndim(values) == 0:
        return "%g" % values
    return "( " + ", ".join(fmt(v) for v in values) + " )"


def quantize(w, groups, bits, symmetric):
    """`groups` maps each element (same shape as w) to a group id."""
    w = np.asarray(w, dtype=f32)
    real = np.zeros_like(w)
    for g in np.unique(groups):
        mask = groups == g
        vals = w[mask].astype(np.float64)
        lo, hi = min(vals.min(), 0.0), max(vals.max(), 0.0)
        if symmetric:
            qmin, qmax = -(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1
            scale = max(-lo, hi) / qmax
            scale = f32(scale) if scale > 0 else f32(1)
            zp = 0
        else:
            qmin, qmax = 0, 2 ** bits - 1
            scale = (hi - lo) / (qmax - qmin)
            scale = f32(scale) if scale > 0 else f32(1)
            zp = int(np.clip(qmin + np.rint(-lo / np.float64(scale)), qmin, qmax))
        q = np.clip(np.rint(vals / np.float64(scale)) + zp, qmin, qmax)
        real[mask] = (np.float64(scale) * (q - zp)).astype(f32)
    return real


def matmul(x, w, init=None):
    m, k = x.shape
    n = w.shape[1]
    out = np.zeros((m, n), dtype=f32)
    for i in range(m):
        for j in range(n):
            acc = f32(0)
            for p in range(k):
                acc = f32(acc + f32(x[i, p] * w[p, j]))
            out[i, j] = acc
    if init is not None:
        out = (out + init).astype(f32)
    return out


def conv_nhwc(x, w):
    n, h, wd, c = x.shape
    kh, kw, _, f = w.shape
    oh, ow = h - kh + 1, wd - kw + 1
    out = np.zeros((n, oh, ow, f), dtype=f32)
    for b in range(n):
        for i in range(oh):
            for j in range(ow):
                for o in range(f):
                    acc = f32(0)
                    for a in range(kh):
                        for d in range(kw):
                            for ch in range(c):
                                acc = f32(acc + f32(x[b, i + a, j + d, ch] *
                                                    w[a, d, ch, o]))
                    out[b, i, j, o] = acc
    return out


x = np.array([[1.0, 2.0, -1.0, 0.5], [-2.0, 0.5, 3.0, 1.0]], dtype=f32)
w = np.array([[0.9, -1.7, 0.0], [2.3, 0.4, -0.05], [-1.1, 0.0, 3.3],
              [0.6, 2.2, -0.8]], dtype=f32)
init = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=f32)

# Per output channel (column).
channel = np.broadcast_to(np.arange(3), w.shape)
print("symmetric-channel")
print(fmt(matmul(x, quantize(w, channel, 8, True))))

# Groups of 2 consecutive rows (K) within each column.
rows = np.arange(4)[:, None] // 2
group = rows * 3 + np.arange(3)[None, :]
print("asymmetric-group-init")
print(fmt(matmul(x, quantize(w, group, 8, False), init)))

cx = np.array([[[[1.0, -1.0], [2.0, 0.5], [0.0, 3.0]],
                [[-2.0, 1.5], [1.0, 1.0], [4.0, -0.5]],
                [[0.5, 2.0], [-1.0, -3.0], [2.5, 1.0]]]], dtype=f32)
cw = np.array([[[[0.7, -0.3], [1.9, 0.0]], [[-0.45, 1.2], [0.05, -2.6]]],
               [[[1.3, 0.8], [0.0, 0.25]], [[-1.05, 0.6], [2.2, -0.9]]]],
              dtype=f32)
filters = np.broadcast_to(np.arange(2), cw.shape)
print("conv-nhwc")
print(fmt(conv_nhwc(cx, quantize(cw, filters, 8, True))))
