#!/usr/bin/env python3
"""Independent numpy reference for sparq-lower-dataflow-run.mlir.

Prints, for every product of the test in order, its label and the result in
vector.print's format: float products of A (3x8) and B (8x4), and the int8
product with an asymmetric activation and per-channel weight scales.
"""
import numpy as np

A = np.array([[1, 0, 2, 0, 0, 3, 0, -1],
              [0, 0, 0, 0, 0, 0, 0, 0],
              [4, -2, 0, 0, 0, 1, 5, 0]], dtype=np.float64)
B = np.array([[1, 0, 0, 2],
              [0, -1, 0, 0],
              [0, 0, 0, 0],
              [3, 0, 1, 0],
              [0, 2, 0, -2],
              [0, 0, 0, 4],
              [-1, 0, 3, 0],
              [0, 5, 0, 0]], dtype=np.float64)
FORMATS = ["dense", "csr", "csc", "coo", "bitmap", "nm", "bcsr"]


def fmt(a):
    a = np.asarray(a)
    if a.ndim == 1:
        return "( " + ", ".join("%g" % v for v in a) + " )"
    return "( " + ", ".join(fmt(x) for x in a) + " )"


for f in FORMATS:
    for case in ("b", "a", "ab"):
        print("%s-%s" % (case, f))
        print(fmt(A @ B))
# Transposed B (transpose_b), B stored as [N, K].
print("bt-csr")
print(fmt(A @ B))
# int8: a ui8 asymmetric (scale 0.5, zero point 3), w si8 symmetric per
# output channel; integer sums of (a - za) * w, scaled once per output in f64.
qa = np.array([[3, 5, 0, 10, 3, 3, 7, 1],
               [3, 3, 3, 3, 3, 3, 3, 3],
               [250, 3, 9, 3, 0, 3, 3, 4]], dtype=np.int64)
qw = B.astype(np.int64) * 3
ws = np.array([0.25, 0.5, 1.0, 0.125])
acc = (qa - 3) @ qw
print("int8-i32")
print(fmt(acc))
print("int8-f32")
print(fmt((acc * 0.5 * ws[None, :]).astype(np.float32)))
