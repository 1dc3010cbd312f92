#!/usr/bin/env python3
"""Independent numpy reference for sparq-quantize-dequantize.mlir.

Implements the rules written in SparqOps.td (round, add zero point, clamp,
NaN -> zero point; dequantize s * (q - zp); nearest centroid with the lower
index on ties; requantize in f64) without sharing code with the compiler,
and prints the lines the test CHECKs, in vector.print's format.
"""
import numpy as np

f32 = np.float32


def fmt(values):
    out = []
    for v in np.asarray(values).ravel():
        if isinstance(v, (np.floating, float)):
            out.append("%g" % v)
        else:
            out.append(str(int(v)))
    return "( " + ", ".join(out) + " )"


def fmt2(rows):
    return "( " + ", ".join(fmt(r) for r in rows) + " )"


ROUND = {
    "nearest_even": np.rint,  # numpy rint rounds half to even
    "nearest_away": lambda v: np.sign(v) * np.floor(np.abs(v) + 0.5),
    "toward_zero": np.trunc,
}


def quantize(x, s, zp, qmin, qmax, rounding="nearest_even", dtype=f32):
    x = np.asarray(x, dtype=dtype)
    s = np.asarray(s, dtype=dtype)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        v = ROUND[rounding](x / s) + dtype(zp)
    v = np.where(np.isnan(v), dtype(zp), v)
    return np.clip(v, qmin, qmax).astype(np.int64)


def dequantize(q, s, zp):
    return (f32(s) * (np.asarray(q) - np.asarray(zp)).astype(f32)).astype(f32)


nan = float("nan")

# Symmetric si8, tensor scale 0.5: ties, saturation, zero and NaN.
x = [1.25, 1.24, -1.25, 0.75, 100.0, -100.0, 0.0, nan]
for mode in ["nearest_even", "nearest_away", "toward_zero"]:
    q = quantize(x, 0.5, 0, -127, 127, mode)
    print("si8-" + mode)
    print(fmt(q))
    print(fmt(dequantize(q, 0.5, 0)))

# Asymmetric ui8, scale 0.5, zero point 128.
x = [1.25, -1.25, 0.0, 100.0, -100.0, nan, 63.5, -64.0]
q = quantize(x, 0.5, 128, 0, 255)
print("ui8-asymmetric")
print(fmt(q))
print(fmt(dequantize(q, 0.5, 128)))

# Symmetric si4, scale 0.25: range [-7, 7].
x = [0.625, 0.375, -2.0, 2.0, -0.625, 0.0]
q = quantize(x, 0.25, 0, -7, 7)
print("si4")
print(fmt(q))
print(fmt(dequantize(q, 0.25, 0)))

# Symmetric si8 with channel(1) scales [0.5, 1, 2] on a 2x3 tensor.
x = np.array([[1.25, 2.5, 5.0], [-300.0, 0.5, -3.0]], dtype=f32)
s = np.array([0.5, 1.0, 2.0], dtype=f32)[None, :]
q = quantize(x, s, 0, -127, 127)
print("channel")
print(fmt2(q))
print(fmt2(dequantize(q, s, 0)))

# Asymmetric ui4 with group(1, 2) scales / zero points on a 2x4 tensor.
x = np.array([[1.25, -4.5, 3.5, 20.0], [0.125, 0.375, -7.0, 0.0]], dtype=f32)
s = np.repeat(np.array([[0.5, 1.0], [0.25, 2.0]], dtype=f32), 2, axis=1)
zp = np.repeat(np.array([[8, 0], [3, 15]]), 2, axis=1)
q = np.array([[quantize(x[i, j], s[i, j], zp[i, j], 0, 15)
               for j in range(4)] for i in range(2)])
print("group")
print(fmt2(q))
print(fmt2(dequantize(q, s, zp)))

# Codebook ui2 with centroids [-1, 0, 0.5, 2].
cb = np.array([-1.0, 0.0, 0.5, 2.0], dtype=f32)
x = np.array([-3.0, -0.5, 0.25, 1.25, 10.0, nan], dtype=f32)
q = []
for v in x:
    d = np.abs(v - cb)
    best = 0
    for k in range(1, len(cb)):
        if d[k] < d[best]:  # strict: the lower index wins a tie, NaN never wins
            best = k
    q.append(best)
print("codebook")
print(fmt(q))
print(fmt(cb[q]))

# Requantize raw i32 accumulators (in_scale 0.01) to si8 symmetric 0.02, in f64.
acc = np.array([100, -100, 7, 1000000, -3], dtype=np.int64)
real = np.float64(f32(0.01)) * acc.astype(np.float64)
q = np.clip(np.rint(real / np.float64(f32(0.02))), -127, 127).astype(np.int64)
print("requantize-raw")
print(fmt(q))

# Requantize ui8 (0.5, zp 128) to si8 symmetric 0.25.
qin = np.array([130, 126, 255, 128], dtype=np.int64)
real = np.float64(f32(0.5)) * (qin - 128).astype(np.float64)
q = np.clip(np.rint(real / np.float64(f32(0.25))), -127, 127).astype(np.int64)
print("requantize-quantized")
print(fmt(q))
