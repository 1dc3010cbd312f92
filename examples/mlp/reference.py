#!/usr/bin/python3
"""Independent numpy reference for the example (shares no code with SparQ):
applies the same documented compression rules to the weights, runs the model,
and compares with the numbers mlir-runner printed (read from stdin).

  reference.py CONFIG < runner-output     CONFIG: float | nm24 | unstructured90 | w8 | nm24-w8 | nm24-w4g8-packed
Prints the maximum absolute difference and exits non-zero above tolerance."""
import os
import re
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
data = np.load(os.path.join(here, "mlp_data.npz"))
x, w1, w2 = data["x"], data["w1"], data["w2"]


def prune_nm(w, n, m):
    """Keep the n largest |w| of every m consecutive rows (the reduction) of
    each column; equal magnitudes keep the lower row."""
    w = w.copy()
    k, cols = w.shape
    for c in range(cols):
        for g in range(0, k, m):
            block = w[g:g + m, c]
            # stable sort on -|w|: ties keep the lower index first
            order = np.argsort(-np.abs(block), kind="stable")
            block[order[n:]] = 0.0
    return w


def prune_unstructured(w, sparsity):
    """Zero the round_half_even(sparsity * numel) entries of smallest |w|;
    among equal magnitudes the higher index goes first."""
    flat = w.reshape(-1).copy()
    count = int(np.rint(sparsity * flat.size))
    idx = np.arange(flat.size)
    order = np.lexsort((-idx, np.abs(flat)))  # by |w|, then higher index first
    flat[order[:count]] = 0.0
    return flat.reshape(w.shape)


def quantize_symmetric_per_channel(w, bits):
    """scale = max|w| / (2^(B-1) - 1) per output channel (column), rounded to
    f32 (1 for an all-zero channel); q = clip(round_half_even(w / scale));
    returns the dequantized weight scale * q that the model computes with."""
    qmax = 2 ** (bits - 1) - 1
    w64 = w.astype(np.float64)
    scale = (np.max(np.abs(w64), axis=0) / qmax).astype(np.float32)
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(w64 / scale.astype(np.float64)), -qmax, qmax)
    return (q * scale.astype(np.float64)).astype(np.float32)


def quantize_symmetric_groups(w, bits, group):
    """Per output channel (column), groups of `group` consecutive rows (the
    reduction): scale = max|w| / (2^(B-1) - 1) of the group, rounded to f32."""
    qmax = 2 ** (bits - 1) - 1
    k, n = w.shape
    out = np.empty_like(w)
    for g in range(0, k, group):
        block = w[g:g + group].astype(np.float64)
        scale = (np.max(np.abs(block), axis=0) / qmax).astype(np.float32)
        scale[scale == 0] = 1.0
        q = np.clip(np.rint(block / scale.astype(np.float64)), -qmax, qmax)
        out[g:g + group] = (q * scale.astype(np.float64)).astype(np.float32)
    return out


config = sys.argv[1]
if config == "float":
    a, b = w1, w2
elif config == "nm24":
    a, b = prune_nm(w1, 2, 4), prune_nm(w2, 2, 4)
elif config == "unstructured90":
    a, b = prune_unstructured(w1, 0.9), prune_unstructured(w2, 0.9)
elif config == "w8":
    a = quantize_symmetric_per_channel(w1, 8)
    b = quantize_symmetric_per_channel(w2, 8)
elif config == "nm24-w8":
    a = quantize_symmetric_per_channel(prune_nm(w1, 2, 4), 8)
    b = quantize_symmetric_per_channel(prune_nm(w2, 2, 4), 8)
elif config == "nm24-w4g8-packed":
    a = quantize_symmetric_groups(prune_nm(w1, 2, 4), 4, 8)
    b = quantize_symmetric_groups(prune_nm(w2, 2, 4), 4, 8)
else:
    sys.exit(f"unknown configuration {config}")

expected = np.maximum(x.astype(np.float64) @ a, 0) @ b
numbers = [float(t) for t in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?",
                                        sys.stdin.read())]
if len(numbers) != expected.size:
    sys.exit(f"expected {expected.size} numbers from mlir-runner, got {len(numbers)}")
got = np.array(numbers).reshape(expected.shape)
err = float(np.max(np.abs(got - expected)))
tol = 1e-4 * max(1.0, float(np.max(np.abs(expected))))
zeros = (np.count_nonzero(a == 0) + np.count_nonzero(b == 0)) / (a.size + b.size)
print(f"  weight sparsity {zeros:.1%}, max |SparQ - numpy| = {err:.2e} "
      f"(tolerance {tol:.0e}): {'OK' if err <= tol else 'MISMATCH'}")
sys.exit(0 if err <= tol else 1)
