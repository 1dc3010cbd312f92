# JIT test of compressed (csr / csc) matmul results of --sparq-lower-dataflow
# (docs/dataflow.md, "Compressed results"), run by ../sparse-result-run.mlir.
#
# Each product C = A * B has a csr or csc result; the kernel takes its
# operands as run-time compressed tensors (packed by sparq.pack in @main from
# dense constants) and @main prints the result's positions, coordinates and
# values. They are compared exactly with the csr / csc form numpy builds from
# A @ B: the stored entries are exactly the nonzero results, in ascending
# coordinate order, so a result that cancels to zero must not be stored.
# Operand values are small nonzero integers (in [-3, 3]), so float sums are
# exact and cancellations frequent. Cases: every dataflow, sparse x sparse
# (csr, csc, coo, bitmap, nm), sparse x dense, dense x sparse and dense x
# dense, empty rows and columns (one of each emptied below density 1),
# densities 0 to 1, an all-zero result; f32, and si8 per-channel symmetric
# with acc(i32) and an i32 result (bit-exact) or an f32 result
# (sa[m] * sb[n] * sum; stored entries exact, values within 1e-5 * |ref| + 1e-7, as
# printMemrefF32 keeps 6 significant digits).
# Also counts the products whose plan builds the result line by line (row,
# two sparse operands) and those compacted from a dense accumulator.
#
# Prints "<dtype>: <n> products, <k> mismatches", "by line: <a>,
# compacted: <b>" and the number of results that have products but cancel
# to zero (so the test shows it checks that case); exits 1 on a failure.
import argparse
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_harness as h  # noqa: E402

# (fa, fb, flow, result format, (M, K, N), da, db)
CASES = [
    ("csr", "csr", "row", "csr", (5, 7, 6), 0.5, 0.5),
    ("csr", "csr", "row", "csc", (5, 7, 6), 0.5, 0.5),
    ("csc", "coo", "row", "csr", (6, 9, 4), 0.3, 0.6),
    ("bitmap", "nm", "row", "csr", (4, 70, 8), 0.4, 0.5),
    ("coo", "bitmap", "row", "csc", (7, 5, 67), 0.5, 0.3),
    ("csr", "csr", "row", "csr", (3, 4, 5), 0.0, 0.5),
    ("csr", "csc", "row", "csc", (4, 6, 3), 1.0, 1.0),
    ("csr", "dense", "row", "csr", (5, 6, 9), 0.4, 1.0),
    ("dense", "csr", "row", "csr", (6, 5, 4), 1.0, 0.4),
    ("dense", "csc", "row", "csc", (3, 8, 5), 1.0, 0.3),
    ("csr", "csr", "inner", "csr", (5, 7, 6), 0.5, 0.5),
    ("bitmap", "bitmap", "inner", "csc", (4, 66, 5), 0.3, 0.3),
    ("csr", "dense", "inner", "csc", (4, 5, 6), 0.5, 1.0),
    ("csr", "csr", "outer", "csr", (5, 7, 6), 0.5, 0.5),
    ("csc", "csr", "outer", "csc", (6, 4, 5), 0.6, 0.4),
    ("dense", "dense", "outer", "csr", (3, 4, 5), 1.0, 1.0),
    ("csr", "csr", "inner", "csr", (4, 4, 4), 0.0, 0.0),
]

# i8 only: asymmetric operands (storage, granularity: "tensor" or the channel
# axis), so the zero-point handling of the dataflow lowering meets compressed
# results: a run-time dense operand kept as stored with correction terms in
# the epilogue (applied to every output before the zero test), a run-time
# sparse one shifted per stored entry (built line by line).
ASYM_CASES = [
    ("dense", "csr", "row", "csr", (5, 7, 6), 1.0, 0.5, {"a": ("ui8", "tensor")}),
    ("csr", "csr", "row", "csc", (5, 7, 6), 0.5, 0.5, {"a": ("si8", 0)}),
    ("dense", "dense", "outer", "csr", (4, 5, 6), 1.0, 1.0,
     {"a": ("ui8", "tensor"), "b": ("si8", 1)}),
    ("csr", "dense", "inner", "csc", (4, 6, 5), 0.5, 1.0, {"b": ("si8", 1)}),
]


def operand(rng, fmt, rows, cols, density):
    values = rng.integers(1, 4, size=(rows, cols)) * rng.choice([-1, 1], size=(rows, cols))
    return np.where(h.random_mask(rng, rows, cols, density, fmt == "nm"), values, 0)


def encoding(fmt, quant):
    enc = {"nm": "nm<2, 4>, meta_width = 8"}.get(fmt, fmt)
    if quant:
        enc += ", quant = " + quant
    return None if fmt == "dense" and not quant else "#sparq.encoding<%s>" % enc


def ttype(shape, elem, enc=None):
    return "tensor<%s%s%s>" % ("".join("%dx" % d for d in shape), elem,
                               ", " + enc if enc else "")


def lit(a, fmt):
    if a.ndim == 1:
        return "[" + ", ".join(fmt(x) for x in a) + "]"
    return "[" + ", ".join(lit(x, fmt) for x in a) + "]"


def fnum(x):
    return "%.9g" % float(np.float32(x)) if float(x) != int(x) else "%d.0" % int(x)


def reference(c, fmt):
    """positions, coordinates, values of c stored as fmt (nonzeros only)."""
    lines = c if fmt == "csr" else c.T
    pos, crd, val = [0], [], []
    for line in lines:
        nz = np.flatnonzero(line)
        crd += list(nz)
        val += list(line[nz])
        pos.append(len(crd))
    return (np.array(pos, dtype=np.int64), np.array(crd, dtype=np.int64),
            np.array(val, dtype=np.float64))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dtype", required=True, choices=["f32", "i8"])
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--runner-libs", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    is_int = args.dtype == "i8"
    kernels, body, refs, cancelled = [], [], [], 0
    cases = CASES + (ASYM_CASES if is_int else [])
    for i, case in enumerate(cases):
        fa, fb, flow, rfmt, (m, k, n), da, db = case[:7]
        asym = case[7] if len(case) > 7 else {}
        rng = np.random.default_rng(4000 + i + 31 * is_int)
        a = operand(rng, fa, m, k, da)
        b = operand(rng, fb, k, n, db)
        c = a.astype(np.int64) @ b.astype(np.int64)
        # Results with a product but a zero sum: must not be stored.
        cancelled += int((((a != 0).astype(np.int64) @ (b != 0).astype(np.int64)) > 0)
                         .__and__(c == 0).sum())
        float_result = not is_int or i % 3 == 2
        zps = {}
        if is_int:
            sa = rng.uniform(0.01, 0.1, size=m).astype(np.float32)
            sb = rng.uniform(0.01, 0.1, size=n).astype(np.float32)
            qa = "#sparq.quant<si8:f32, symmetric, channel(0)>"
            qb = "#sparq.quant<si8:f32, symmetric, channel(1)>"
            for name, rows, cols in (("a", m, k), ("b", k, n)):
                if name not in asym:
                    continue
                storage, gran = asym[name]
                count = 1 if gran == "tensor" else (rows if gran == 0 else cols)
                # q = real + zp stays in [0, 13] (or [-8, 8] for si8).
                zp = rng.integers(3, 11, size=count) if storage == "ui8" \
                    else rng.integers(-5, 6, size=count)
                quant = "#sparq.quant<%s:f32, asymmetric, %s>" % (
                    storage, "tensor" if gran == "tensor" else "channel(%d)" % gran)
                scale = rng.uniform(0.01, 0.1, size=count).astype(np.float32)
                if name == "a":
                    qa = quant
                    sa = scale
                else:
                    qb = quant
                    sb = scale
                zps[name] = (zp, gran)
            elem, acc = "i8", "i32"
        else:
            qa = qb = None
            elem, acc = "f32", "f32"
        relem = "f32" if float_result else "i32"
        pos, crd, val = reference(c, rfmt)
        if is_int and float_result:
            mi, ni = (np.repeat(np.arange(m), np.diff(pos)), crd) if rfmt == "csr" \
                else (crd, np.repeat(np.arange(n), np.diff(pos)))
            sam = sa if len(sa) == m else np.repeat(sa, m)
            sbn = sb if len(sb) == n else np.repeat(sb, n)
            val = sam[mi].astype(np.float64) * sbn[ni].astype(np.float64) * val
        refs.append((pos, crd, val, float_result))
        ta, tb = ttype([m, k], elem, encoding(fa, qa)), ttype([k, n], elem, encoding(fb, qb))
        rtype = ttype([m, n], relem, "#sparq.encoding<%s>" % rfmt)
        kernels.append("  func.func @k%d(%%a: %s, %%b: %s) -> %s {" % (i, ta, tb, rtype))
        kernels.append("    %%c = sparq.matmul %%a, %%b acc(%s) dataflow(%s) : %s, %s -> %s" % (
            acc, flow, ta, tb, rtype))
        kernels.append("    return %c : " + rtype)
        kernels.append("  }")
        num = (lambda x: str(int(x))) if is_int else fnum
        ops = []
        for name, x, t, fmt, q, s in (("a", a, ta, fa, qa, sa if is_int else None),
                                      ("b", b, tb, fb, qb, sb if is_int else None)):
            dense_t = ttype(x.shape, elem)
            stored, zparts = x, ""
            if name in zps:
                # Stored q = real + zp; an entry equal to its zero point is
                # unstored by sparq.pack.
                zp, gran = zps[name]
                full = zp[0] if gran == "tensor" else (
                    zp[:, None] if gran == 0 else zp[None, :])
                stored = x + full
                zt = ttype([len(zp)], "i32")
                body.append("    %%%s%d_z = arith.constant dense<%s> : %s" % (
                    name, i, lit(zp, lambda v: str(int(v))), zt))
                zparts = " zero_points(%%%s%d_z : %s)" % (name, i, zt)
            body.append("    %%%s%d_d = arith.constant dense<%s> : %s" % (name, i, lit(stored, num), dense_t))
            if q:
                dq = ttype(x.shape, elem, encoding("dense", q))
                body.append("    %%%s%d_s = arith.constant dense<%s> : %s" % (
                    name, i, lit(s, fnum), ttype([len(s)], "f32")))
                body.append("    %%%s%d_q = sparq.assemble values(%%%s%d_d : %s) scales(%%%s%d_s : %s)%s : %s" % (
                    name, i, name, i, dense_t, name, i, ttype([len(s)], "f32"), zparts, dq))
                src, src_t = "%%%s%d_q" % (name, i), dq
            else:
                src, src_t = "%%%s%d_d" % (name, i), dense_t
            if src_t == t:
                ops.append(src)
            else:
                body.append("    %%%s%d = sparq.pack %s : %s -> %s" % (name, i, src, src_t, t))
                ops.append("%%%s%d" % (name, i))
        lines = m if rfmt == "csr" else n
        body.append('    vector.print str "case %d\\n"' % i)
        body.append("    %%c%d = func.call @k%d(%s, %s) : (%s, %s) -> %s" % (
            i, i, ops[0], ops[1], ta, tb, rtype))
        for part, pt in (("positions", ttype([lines + 1], "i32")),
                         ("coordinates", "tensor<?xi32>"),
                         ("values", "tensor<?x%s>" % relem)):
            mt = pt.replace("tensor", "memref")
            et = "i32" if part != "values" else relem
            body.append("    %%%s%d = sparq.part %s of %%c%d : %s -> %s" % (part, i, part, i, rtype, pt))
            body.append("    %%%s%d_m = bufferization.to_buffer %%%s%d : %s to %s" % (part, i, part, i, pt, mt))
            body.append("    %%%s%d_u = memref.cast %%%s%d_m : %s to memref<*x%s>" % (part, i, part, i, mt, et))
            body.append("    func.call @printMemref%s(%%%s%d_u) : (memref<*x%s>) -> ()" % (
                "F32" if et == "f32" else "I32", part, i, et))
    text = "\n".join(["module {",
                      "  func.func private @printMemrefF32(memref<*xf32>)",
                      "  func.func private @printMemrefI32(memref<*xi32>)"] + kernels +
                     ["  func.func @main() {"] + body + ["    return", "  }", "}", ""])
    path = os.path.join(args.work, "sparse-result-%s.mlir" % args.dtype)
    with open(path, "w") as f:
        f.write(text)
    plans = subprocess.run([args.opt, path, "--sparq-lower-dataflow=print-plan=true",
                            "-o", os.devnull], capture_output=True, text=True)
    by_line = len(re.findall(r"remark: .* built line by line", plans.stderr))
    compacted = len(re.findall(r"remark: .* compacted from the dense accumulator",
                               plans.stderr))
    lowered = subprocess.run([args.opt, path, "--sparq-to-llvm"], capture_output=True, text=True)
    if lowered.returncode:
        print("sparq-opt failed:\n" + lowered.stderr[:4000])
        return 1
    ran = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          "-shared-libs=" + args.runner_libs],
                         input=lowered.stdout, capture_output=True, text=True)
    if ran.returncode:
        print("mlir-runner failed:\n" + ran.stderr[:4000])
        return 1
    # printMemref prints a header with the size, then the data (one
    # meaningless element for size 0).
    got, current, size = {}, None, None
    for line in ran.stdout.splitlines():
        line = line.strip()
        header = re.search(r"sizes = \[(\d+)\]", line)
        if line.startswith("case "):
            current = int(line.split()[1])
            got[current] = []
        elif header:
            size = int(header.group(1))
        elif line.startswith("[") and current is not None:
            inner = line.strip("[]").strip()
            data = [float(x) for x in inner.split(",")] if inner else []
            got[current].append(np.array(data[:size]))
    failures = 0
    for i, (pos, crd, val, float_result) in enumerate(refs):
        parts = got.get(i, [])
        why = None
        if len(parts) != 3:
            why = "printed %d parts" % len(parts)
        elif not np.array_equal(parts[0], pos):
            why = "positions %s, expected %s" % (parts[0], pos)
        elif not np.array_equal(parts[1], crd):
            why = "coordinates %s, expected %s" % (parts[1], crd)
        elif is_int and float_result:
            if parts[2].shape != val.shape or (np.abs(parts[2] - val) > 1e-5 * np.abs(val) + 1e-7).any():
                why = "values %s, expected %s" % (parts[2], val)
        elif not np.array_equal(parts[2], val):
            why = "values %s, expected %s" % (parts[2], val)
        if why:
            failures += 1
            print("MISMATCH case %d %s: %s" % (i, cases[i], why))
    print("%s: %d products, %d mismatches" % (args.dtype, len(cases), failures))
    print("by line: %d, compacted: %d" % (by_line, compacted))
    print("cancelled results (not stored): %d" % cancelled)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
