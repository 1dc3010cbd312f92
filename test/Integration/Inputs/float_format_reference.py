#!/usr/bin/env python3
"""Independent numpy reference for quantize-float-format-run.mlir.

Narrows the test's weight with numpy's own IEEE conversions (float16; bf16
by round-to-nearest-even on the f32 bit pattern) and, for f8E4M3FN, with
values worked out by hand (3 mantissa bits, largest finite 448, overflow to
NaN), then multiplies in f32 in the loop order of the linalg lowering.
Shares no code with the compiler; prints vector.print's format.
"""
import numpy as np

f32 = np.float32


def fmt(values):
    if np.ndim(values) == 0:
        return "nan" if np.isnan(values) else "%g" % values
    return "( " + ", ".join(fmt(v) for v in values) + " )"


def bf16(a):
    bits = np.asarray(a, dtype=f32).view(np.uint32).astype(np.uint64)
    bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return bits.astype(np.uint32).view(f32)


def matmul(x, w):
    m, k = x.shape
    n = w.shape[1]
    out = np.zeros((m, n), dtype=f32)
    for i in range(m):
        for j in range(n):
            acc = f32(0)
            for p in range(k):
                acc = f32(acc + f32(x[i, p] * w[p, j]))
            out[i, j] = acc
    return out


x = np.array([[1.0, 2.0, -1.0, 0.5], [-2.0, 0.5, 3.0, 1.0]], dtype=f32)
w = np.array([[0.1, -1.7, 464.0], [2.3, 0.4, -0.05], [-1.1, 3.3, 1000.0],
              [0.6, 2.2, -0.8]], dtype=f32)

print("f16")
print(fmt(matmul(x, w.astype(np.float16).astype(f32))))
print("bf16")
print(fmt(matmul(x, bf16(w))))

# f8E4M3FN by hand: in [2^e, 2^(e+1)) the spacing is 2^(e-3).
#   0.1 -> 13 * 2^-7 = 0.1015625     -1.7 -> -14 * 2^-3 = -1.75
#   464 -> 448 (tie, even mantissa)   2.3 -> 9 * 2^-2 = 2.25
#   0.4 -> 13 * 2^-5 = 0.40625       -0.05 -> -13 * 2^-8 = -0.05078125
#  -1.1 -> -9 * 2^-3 = -1.125         3.3 -> 13 * 2^-2 = 3.25
#   1000 -> NaN (above 448)           0.6 -> 10 * 2^-4 = 0.625
#   2.2 -> 9 * 2^-2 = 2.25           -0.8 -> -13 * 2^-4 = -0.8125
e4m3 = np.array([[0.1015625, -1.75, 448.0], [2.25, 0.40625, -0.05078125],
                 [-1.125, 3.25, np.nan], [0.625, 2.25, -0.8125]], dtype=f32)
print("f8E4M3FN")
with np.errstate(invalid="ignore"):
    print(fmt(matmul(x, e4m3)))
