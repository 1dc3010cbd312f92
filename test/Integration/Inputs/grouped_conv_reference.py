#!/usr/bin/env python3
"""Independent numpy reference for grouped-conv-compress-run.mlir.

Compresses each group's [F/G, C/G, KH, KW] filter on its own the way the
passes are specified (unstructured magnitude pruning of round_half_even(0.5 *
numel) entries of smallest |w|, ties to the lower index; symmetric int8 with
one scale max|w| / 127 per output channel, round half to even), then runs a
direct grouped NCHW convolution in float64 and prints vector.print's format.
The weights are integers times 2^-4 with one |q| = 127 per output channel, so
the scales are 2^-4 and every printed sum is exact. --literals prints the
operands as MLIR constants.
"""
import sys
import numpy as np

from mlir_text import fmtn

rng = np.random.RandomState(12)


def weights(shape):
    """Distinct magnitudes (no pruning ties), one |q| = 127 per filter."""
    n = int(np.prod(shape))
    q = rng.permutation(np.arange(1, 121))[:n] * rng.choice([-1, 1], size=n)
    q = q.reshape(shape)
    for g in range(shape[0]):
        for f in range(shape[1]):
            q[g, f].flat[rng.randint(q[g, f].size)] = 127 * rng.choice([-1, 1])
    return q.astype(float) / 16


# Grouped: C = 4, F = 6, G = 2, 3x3, padding 0, strides 1.
xa = rng.randint(-3, 4, size=(1, 4, 6, 6)).astype(float)
wa = weights((2, 3, 2, 3, 3))
# Depthwise: C = F = G = 4, 3x3, strides 2, dilations 1.
xb = rng.randint(-3, 4, size=(2, 4, 7, 7)).astype(float)
wb = weights((4, 1, 1, 3, 3))


def prune_group(w):
    flat = w.ravel().copy()
    k = int(np.round(0.5 * flat.size))  # numpy rounds half to even
    order = np.argsort(np.abs(flat), kind="stable")
    flat[order[:k]] = 0
    return flat.reshape(w.shape)


def quantize_group(w):
    out = np.empty_like(w)
    for f in range(w.shape[0]):
        s = np.abs(w[f]).max() / 127
        out[f] = np.clip(np.round(w[f] / s), -127, 127) * s
    return out


def grouped_conv(x, w, stride):
    n, c, h, wd = x.shape
    g, fg, cg, kh, kw = w.shape
    oh = (h - kh) // stride + 1
    ow = (wd - kw) // stride + 1
    out = np.zeros((n, g * fg, oh, ow))
    for b in range(n):
        for gi in range(g):
            for f in range(fg):
                for i in range(oh):
                    for j in range(ow):
                        acc = 0.0
                        for ch in range(cg):
                            for p in range(kh):
                                for q in range(kw):
                                    acc += (x[b, gi * cg + ch, i * stride + p,
                                              j * stride + q] * w[gi, f, ch, p, q])
                        out[b, gi * fg + f, i, j] = acc
    return out


def compress(w):
    return np.stack([quantize_group(prune_group(w[g])) for g in range(w.shape[0])])


def literal(a):
    a = np.asarray(a)
    if a.ndim == 0:
        return repr(float(a))
    return "[" + ", ".join(literal(x) for x in a) + "]"


if "--literals" in sys.argv:
    for name, a in [("xa", xa), ("wa", wa), ("xb", xb), ("wb", wb)]:
        shape = "x".join(map(str, a.shape))
        print("%%%s = arith.constant dense<%s> : tensor<%sxf32>" %
              (name, literal(a), shape))
    sys.exit(0)

print("grouped")
print(fmtn(grouped_conv(xa, compress(wa), 1)))
print("depthwise")
print(fmtn(grouped_conv(xb, compress(wb), 2)))
