#!/usr/bin/python3
"""Independent numpy reference for the example (shares no code with SparQ):
applies the same documented compression rules to the weights, runs the model,
and compares with the numbers mlir-runner printed (read from stdin).

  reference.py CONFIG < runner-output     CONFIG: float | nm24 | unstructured90
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


config = sys.argv[1]
if config == "float":
    a, b = w1, w2
elif config == "nm24":
    a, b = prune_nm(w1, 2, 4), prune_nm(w2, 2, 4)
elif config == "unstructured90":
    a, b = prune_unstructured(w1, 0.9), prune_unstructured(w2, 0.9)
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
