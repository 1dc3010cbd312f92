# JIT test of the bitmap join (AND + popcount) of the inner dataflow
# (docs/dataflow.md, "Bitmap join"), run by ../bitmap-join-run.mlir.
#
# Products C = A * B under dataflow(inner) with bitmap operands: bitmap x
# bitmap (the join), bitmap x dense (the bitmap row walked in place) and
# dense x bitmap, for K not a multiple of 64 (1, 7, 65, 70, 129, 131, 200)
# and 64, densities 0, 0.15, 0.3, 0.5 and 1 (below 1, one random row and one
# random column are emptied), B stored [K, N] or transposed ([N, K],
# transpose_b), operands passed at run time or built from constants (the
# bitmap of B is then re-laid out along K in the compiler). It compiles the
# module once, runs it once, and compares every result with numpy (operands
# packed by gen_harness.py's packer, which shares no code with the
# compiler). It also counts the products whose plan
# (--sparq-lower-dataflow=print-plan=true) says "bitmap AND + popcount": every
# bitmap x bitmap product must take the join.
#
# Tolerance as in gen_harness.py: f32 within 1e-5 * sum_k |a b| +
# 1e-5 * |ref| + 1e-6; int8 (si8 symmetric, per-channel scales) with acc(i32)
# bit-exact, every third product an f32 result sa[m] sb[n] sum within
# 1e-5 * |ref| + 1e-6.
#
# Prints "<dtype>: <n> products, <k> mismatches" and
# "join: <j> of <b> bitmap x bitmap products"; exits 1 on a failure.
import argparse
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_harness as h  # noqa: E402

# (fa, fb, (M, K, N), da, db, runtime, transpose_b)
CASES = [
    ("bitmap", "bitmap", (3, 70, 5), 0.5, 0.5, True, False),
    ("bitmap", "bitmap", (3, 70, 5), 0.5, 0.5, False, False),
    ("bitmap", "bitmap", (4, 129, 3), 0.15, 1.0, True, True),
    ("bitmap", "bitmap", (4, 129, 3), 1.0, 0.15, False, True),
    ("bitmap", "bitmap", (5, 64, 4), 0.0, 0.5, True, False),
    ("bitmap", "bitmap", (2, 131, 6), 1.0, 1.0, False, False),
    ("bitmap", "bitmap", (6, 1, 3), 0.5, 0.5, True, False),
    ("bitmap", "bitmap", (3, 200, 7), 0.3, 0.3, False, False),
    ("bitmap", "bitmap", (1, 65, 1), 1.0, 0.0, True, False),
    ("bitmap", "bitmap", (7, 7, 2), 0.5, 0.3, False, True),
    ("bitmap", "dense", (3, 70, 5), 0.3, 1.0, True, False),
    ("bitmap", "dense", (4, 131, 9), 0.5, 1.0, False, False),
    ("dense", "bitmap", (3, 70, 5), 1.0, 0.3, True, False),
    ("dense", "bitmap", (2, 129, 4), 1.0, 0.5, False, True),
]


def build(index, case, dtype):
    fa, fb, (m, k, n), da, db, runtime, tb = case
    rng = np.random.default_rng(500 + index + 97 * (dtype != "f32"))
    a = h.Operand(rng, fa, m, k, da, dtype, 0)
    # With transpose_b, B is stored [N, K]: its channel axis (N) is 0.
    b = (h.Operand(rng, fb, n, k, db, dtype, 0) if tb
         else h.Operand(rng, fb, k, n, db, dtype, 1))
    breal = b.real.T if tb else b.real
    float_result = dtype == "f32" or index % 3 == 2
    if dtype == "f32":
        ref = a.real.astype(np.float64) @ breal.astype(np.float64)
        bound = np.abs(a.real).astype(np.float64) @ np.abs(breal).astype(np.float64)
    else:
        ref = a.real.astype(np.int64) @ breal.astype(np.int64)
        bound = np.zeros(ref.shape)
        if float_result:
            sa, sb = a.quant[1].astype(np.float64), b.quant[1].astype(np.float64)
            ref = sa[:, None] * sb[None, :] * ref
    return dict(index=index, case=case, a=a, b=b, ref=ref, bound=bound,
                float_result=float_result)


def emit(p, dtype, kernels, body):
    i = p["index"]
    fa, fb, (m, k, n), _, _, runtime, tb = p["case"]
    a, b = p["a"], p["b"]
    relem = "f32" if p["float_result"] else "i32"
    acc = "f32" if dtype == "f32" else "i32"
    rtype = h.tensor_type([m, n], relem)
    mm = "sparq.matmul %%a, %%b%s acc(%s) dataflow(inner) : %s, %s -> %s" % (
        " transpose_b" if tb else "", acc, a.type, b.type, rtype)
    body.append('    vector.print str "case %d\\n"' % i)
    if runtime:
        kernels.append("  func.func @k%d(%%a: %s, %%b: %s) -> %s {" % (i, a.type, b.type, rtype))
        kernels.append("    %%c = %s" % mm)
        kernels.append("    return %c : " + rtype)
        kernels.append("  }")
        va = a.emit(body, "a%d" % i)
        vb = b.emit(body, "b%d" % i)
        body.append("    %%c%d = func.call @k%d(%s, %s) : (%s, %s) -> %s" % (
            i, i, va, vb, a.type, b.type, rtype))
    else:
        kernels.append("  func.func @k%d() -> %s {" % (i, rtype))
        a.emit(kernels, "a")
        b.emit(kernels, "b")
        kernels.append("    %%c = %s" % mm)
        kernels.append("    return %c : " + rtype)
        kernels.append("  }")
        body.append("    %%c%d = func.call @k%d() : () -> %s" % (i, i, rtype))
    pad = "%fpad" if p["float_result"] else "%ipad"
    body.append("    %%v%d = vector.transfer_read %%c%d[%%i0, %%i0], %s : %s, vector<%dx%dx%s>"
                % (i, i, pad, rtype, m, n, relem))
    body.append("    vector.print %%v%d : vector<%dx%dx%s>" % (i, m, n, relem))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dtype", required=True, choices=["f32", "i8sym"])
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--runner-libs", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    products = [build(i, c, args.dtype) for i, c in enumerate(CASES)]
    kernels, body = [], []
    for p in products:
        emit(p, args.dtype, kernels, body)
    text = "\n".join(["module {"] + kernels + [
        "  func.func @main() {",
        "    %i0 = arith.constant 0 : index",
        "    %fpad = arith.constant 0.0 : f32",
        "    %ipad = arith.constant 0 : i32"] + body + [
        "    return", "  }", "}", ""])
    path = os.path.join(args.work, "bitmap-join-%s.mlir" % args.dtype)
    with open(path, "w") as f:
        f.write(text)
    plans = subprocess.run([args.opt, path, "--sparq-lower-dataflow=print-plan=true",
                            "-o", os.devnull], capture_output=True, text=True)
    joins = len(re.findall(r"remark: .*intersection bitmap AND \+ popcount",
                           plans.stderr))
    pairs = sum(1 for c in CASES if c[0] == "bitmap" and c[1] == "bitmap")
    lowered = subprocess.run([args.opt, path, "--sparq-to-llvm"],
                             capture_output=True, text=True)
    if lowered.returncode:
        print("sparq-opt failed:\n" + lowered.stderr[:4000])
        return 1
    ran = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          "-shared-libs=" + args.runner_libs],
                         input=lowered.stdout, capture_output=True, text=True)
    if ran.returncode:
        print("mlir-runner failed:\n" + ran.stderr[:4000])
        return 1
    results = h.parse_output(ran.stdout)
    failures = 0
    for p in products:
        case = dict(float_result=p["float_result"])
        why = h.compare(case, args.dtype, results.get(p["index"]), p["ref"], p["bound"])
        if why:
            failures += 1
            fa, fb, shape, da, db, runtime, tb = p["case"]
            print("MISMATCH case %d: %s(%s) x %s(%s)%s, M x K x N = %s, %s: %s" % (
                p["index"], fa, da, fb, db, " transpose_b" if tb else "",
                "x".join(map(str, shape)),
                "run-time" if runtime else "constant", why))
    print("%s: %d products, %d mismatches" % (args.dtype, len(products), failures))
    print("join: %d of %d bitmap x bitmap products" % (joins, pairs))
    return 1 if failures or joins != pairs else 0


if __name__ == "__main__":
    sys.exit(main())
