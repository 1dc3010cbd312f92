#!/usr/bin/python3
"""Compares the outputs of an imported model with PyTorch's.

  compare.py GOT.npy REF.npy [--atol A] [--rtol R]

Every element must satisfy |got - ref| <= atol + rtol * |ref| (defaults
1e-5 and 1e-4), with the same shape; prints
"max abs error E (atol A, rtol R): ok" or exits 1 naming the worst element.
REF.npy is PyTorch's output saved by make_models.py: nothing here shares
code with the compiler.
"""

import sys

import numpy as np


def main():
    args = sys.argv[1:]
    opts = {"--atol": 1e-5, "--rtol": 1e-4}
    files = []
    i = 0
    while i < len(args):
        if args[i] in opts:
            opts[args[i]] = float(args[i + 1])
            i += 2
        else:
            files.append(args[i])
            i += 1
    if len(files) != 2:
        sys.exit(__doc__)
    got = np.load(files[0])
    ref = np.load(files[1])
    atol, rtol = opts["--atol"], opts["--rtol"]
    if got.shape != ref.shape:
        sys.exit("compare: shape %s, PyTorch gives %s" % (got.shape, ref.shape))
    got = got.astype(np.float64)
    ref = ref.astype(np.float64)
    err = np.abs(got - ref)
    excess = err - (atol + rtol * np.abs(ref))
    if not np.all(np.isfinite(got)) or (excess > 0).any():
        i = np.unravel_index(int(np.nanargmax(np.where(np.isfinite(got), excess, np.inf))), got.shape)
        sys.exit("compare: element %s is %r, PyTorch gives %r (error %g)" %
                 (tuple(int(j) for j in i), got[i], ref[i], err[i]))
    print("max abs error %.3g (atol %g, rtol %g): ok" % (err.max(), atol, rtol))


if __name__ == "__main__":
    main()
