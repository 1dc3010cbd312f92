"""Printing numpy arrays as MLIR text for the JIT tests' references.

fmt / fmtn print values the way vector.print / CHECK lines show them,
literal prints a dense<...> attribute body (integers for integer types).
Imported by the *_reference.py scripts next to it (their directory is on
sys.path when lit runs them as scripts).
"""

import numpy as np


def fmt(values):
    return "( " + ", ".join("%g" % v for v in np.asarray(values).ravel()) + " )"


def fmtn(a):
    a = np.asarray(a)
    if a.ndim == 1:
        return fmt(a)
    return "( " + ", ".join(fmtn(x) for x in a) + " )"


def literal(a, ty):
    a = np.asarray(a)
    if a.ndim == 0:
        return ("%.1f" % a) if ty.startswith("f") else str(int(a))
    return "[" + ", ".join(literal(x, ty) for x in a) + "]"
