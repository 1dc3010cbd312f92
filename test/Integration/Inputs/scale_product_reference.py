"""Expected output of scale-product-run.mlir, from numpy alone: the f32 bit
pattern of f32(f64(acc) * (f64(sa) * f64(sb))) for each case, after checking
that the two sequential orders disagree on it (so the test can tell them
apart)."""
import numpy as np


def bits(x):
    return int(np.float32(x).view(np.int32))


CASES = [  # label, q_lhs, q_rhs, lhs scale, rhs scale, how to print
    ("matmul-1", [32767, 32767, 29225], [32767, 32392, 1], "0x1.ea5fdep-8", "0x1.78dff4p-10",
     "( ( {} ) )"),
    ("matmul-2", [32767, 32767, 17832], [32767, 10018, 1], "0x1.fce3aep-8", "0x1.128750p-9",
     "( ( {} ) )"),
    ("conv-nchw", [32767, 32767, 29225], [32767, 32392, 1], "0x1.ea5fdep-8", "0x1.78dff4p-10",
     "( ( ( ( {} ) ) ) )"),
]
for label, qa, qb, sa, sb, fmt in CASES:
    acc = int(np.dot(np.array(qa, np.int64), np.array(qb, np.int64)))
    assert -2 ** 31 <= acc < 2 ** 31
    sa = np.float64(np.float32(float.fromhex(sa)))
    sb = np.float64(np.float32(float.fromhex(sb)))
    exact = bits(np.float64(acc) * (sa * sb))
    lhs_first = bits((np.float64(acc) * sa) * sb)
    rhs_first = bits((np.float64(acc) * sb) * sa)
    assert lhs_first != rhs_first, label
    print(label)
    print(fmt.format(exact))
