#!/usr/bin/python3
"""numpy reference for mixed-precision-run.mlir (shares no code with SparQ).

Symmetric quantization as docs/design.md states it: scale = f32(max|w| / qmax)
per output channel (or per tensor), q = clip(rint(w / scale), -qmax, qmax),
real = f32(scale * q). The bits per layer are chosen by brute force over every
assignment: least total squared error with total size <= budget (ties: the
smaller size, then the narrower bits in layer order). Outliers: the
round(fraction * channels) channels of largest max|w| are quantized on their
own at outlier-bits, the rest with those channels zeroed. The integer-valued
activations make every product and sum exact in f32. Prints the chosen bits
and the products in vector.print's format."""
import itertools

import numpy as np

x = np.array([[1, 0, -1, 2], [0, 3, 1, -1], [2, -2, 0, 1]], dtype=np.float32)
grid = np.array([[889, -889], [0, 889], [-889, 0], [889, 0]], np.float32)
spread = np.array([[889, -889], [70, 889], [-35, 7], [14, -7]], np.float32)
mid = np.array([[889, 889], [127, -889], [-254, 0], [0, 0]], np.float32)
out = np.array([[14224, 889, -35, -889], [0, 70, 14, 0]], np.float32)
xo = np.array([[1, 2], [-1, 1], [3, 0]], dtype=np.float32)


def quantize(w, bits, per_channel):
    """Dequantized w; channels are the columns (axis 1)."""
    qmax = 2 ** (bits - 1) - 1
    w64 = w.astype(np.float64)
    peak = np.max(np.abs(w64), axis=0) if per_channel else np.max(np.abs(w64))
    scale = np.asarray(peak / qmax).astype(np.float32)
    scale = np.where(scale == 0, np.float32(1), scale)
    q = np.clip(np.rint(w64 / scale.astype(np.float64)), -qmax, qmax)
    return (q * scale.astype(np.float64)).astype(np.float32)


def split(w, fraction):
    channels = w.shape[1]
    count = int(np.rint(fraction * channels))
    peak = np.max(np.abs(w), axis=0)
    order = sorted(range(channels), key=lambda c: (-peak[c], c))
    mask = np.zeros(channels, dtype=bool)
    mask[order[:count]] = True
    return mask


def layer_options(w, candidates, per_channel, fraction=0.0, outlier_bits=8):
    mask = split(w, fraction)
    low = np.where(mask, 0, w)
    high = np.where(mask, w, 0)
    n_out = int(mask.sum()) * w.shape[0]
    sse_out = 0.0
    deq_out = np.zeros_like(w)
    if n_out:
        deq_out = quantize(high, outlier_bits, per_channel)
        sse_out = float(np.sum((w.astype(np.float64) - deq_out)[:, mask] ** 2))
    options = []
    for b in candidates:
        deq_low = quantize(low, b, per_channel)
        err = (w.astype(np.float64) - deq_low)[:, ~mask]
        options.append((b, (w.size - n_out) * b + n_out * outlier_bits,
                        float(np.sum(err ** 2)) + sse_out, deq_low, deq_out))
    return options


def choose(layers, budget):
    best = None
    for combo in itertools.product(*layers):
        size = sum(o[1] for o in combo)
        sse = sum(o[2] for o in combo)
        if size > budget:
            continue
        key = (sse, size)
        if best is None or key < best[0]:
            best = (key, combo)
    return best[1]


def show(name, m):
    print(name)
    rows = ", ".join("( " + ", ".join(f"{float(v):g}" for v in r) + " )"
                     for r in m)
    print(f"( {rows} )")


cands = [2, 4, 8]
a, b, c = choose([layer_options(w, cands, True) for w in (grid, spread, mid)],
                 80)
(o,) = choose([layer_options(out, cands, False, 0.25, 8)], 40)
print(f"bits {a[0]} {b[0]} {c[0]} {o[0]}")
show("grid", x @ a[3])
show("spread", x @ b[3])
show("mid", x @ c[3])
show("out", xo @ o[3] + xo @ o[4])
