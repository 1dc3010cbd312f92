#!/usr/bin/python3
"""numpy reference for quantize-activations-run.mlir (shares no code with
SparQ): weights symmetric 8-bit per output channel, activations quantized at
run time (symmetric per tensor, asymmetric per row, asymmetric 4-bit per
tensor), exact integer accumulation, then acc * (s_a * s_w) in f64 rounded
once to f32. Prints in vector.print's format."""
import numpy as np

x = np.array([[1.0, -2.0, 0.5, 4.0], [0.0, 3.0, -1.0, 0.25], [0, 0, 0, 0]],
             dtype=np.float32)
w = np.array([[0.5, 1.0], [1.25, -0.5], [-0.75, 0.0], [0.0, 0.5]],
             dtype=np.float32)


def f32(v):
    return np.float32(v)


# Weights: scale = max|w| / 127 per column (f64 then f32), q = rint(w / s).
ws = (np.max(np.abs(w.astype(np.float64)), axis=0) / 127).astype(np.float32)
wq = np.clip(np.rint(w.astype(np.float64) / ws.astype(np.float64)), -127, 127)


def symmetric_tensor(a, bits):
    qmax = 2 ** (bits - 1) - 1
    s = f32(np.max(np.abs(a.astype(np.float64))) / qmax)
    s = s if s > 0 and np.isfinite(s) else f32(1)
    q = np.clip(np.rint(a.astype(np.float64) / np.float64(s)), -qmax, qmax)
    return q, np.full((a.shape[0], 1), s), np.zeros((a.shape[0], 1))


def asymmetric(a, bits, rows):
    qmax = 2 ** bits - 1
    groups = a if rows else a.reshape(1, -1)
    qs, ss, zs = [], [], []
    for g in groups:
        lo = min(float(np.min(g)), 0.0)
        hi = max(float(np.max(g)), 0.0)
        s = f32((hi - lo) / qmax)
        s = s if s > 0 and np.isfinite(s) else f32(1)
        zp = min(max(np.rint(-lo / float(s)), 0), qmax)
        ss.append(s)
        zs.append(zp)
    if not rows:
        ss, zs = ss * a.shape[0], zs * a.shape[0]
    s = np.array(ss, dtype=np.float32).reshape(-1, 1)
    z = np.array(zs).reshape(-1, 1)
    # round(x / s) + zp in f64 (the rule weights follow too), clamped
    q = np.clip(np.rint(a.astype(np.float64) / s.astype(np.float64)) + z, 0, qmax)
    return q, s, z


def run(q, s, z):
    acc = (q - z).astype(np.int64) @ wq.astype(np.int64)
    out = (acc.astype(np.float64) * (s.astype(np.float64) * ws.astype(np.float64)))
    return out.astype(np.float32)


def show(name, m):
    print(name)
    rows = ", ".join("( " + ", ".join(f"{float(v):g}" for v in r) + " )"
                     for r in m)
    print(f"( {rows} )")


show("sym", run(*symmetric_tensor(x, 8)))
show("asym", run(*asymmetric(x, 8, rows=True)))
show("a4", run(*asymmetric(x, 4, rows=False)))

# The matvec y = W * x: W quantized per output row, x [4, 1] per column.
wm = np.array([[1, -2, 3, -4], [5, -6, 7, -8]], dtype=np.float32)
xm = np.array([[1.0], [0.5], [-1.0], [2.0]], dtype=np.float32)
wms = (np.max(np.abs(wm.astype(np.float64)), axis=1) / 127).astype(np.float32)
wmq = np.clip(np.rint(wm.astype(np.float64) / wms[:, None].astype(np.float64)),
              -127, 127)
xs = f32(np.max(np.abs(xm.astype(np.float64))) / 127)
xq = np.clip(np.rint(xm.astype(np.float64) / np.float64(xs)), -127, 127)
acc = wmq.astype(np.int64) @ xq.astype(np.int64)
ym = (acc.astype(np.float64) * (wms[:, None].astype(np.float64) * np.float64(xs)))
print("mv")
print("( " + ", ".join(f"{float(v):g}" for v in ym.astype(np.float32)[:, 0]) + " )")
