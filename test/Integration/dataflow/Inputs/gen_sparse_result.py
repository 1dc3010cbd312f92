# JIT test of compressed matmul results of --sparq-lower-dataflow
# (docs/dataflow.md, "Compressed results"): csr / csc results (--set csr, run
# by ../sparse-result-run.mlir, described below) and coo / bitmap / bcsr
# results (--set formats, FORMAT_CASES, run by
# ../sparse-result-formats-run.mlir: the same scheme, each part compared
# with what sparq.pack stores for numpy's product: coo (row, column) pairs
# in row-major order, bitmap words and row-major values, bcsr positions,
# block columns and every block holding a nonzero, whole). Both sets also
# compute each product with a plain result, sparq.pack it to the result's
# encoding in @main, and require every printed part of the compressed
# result to equal the packed one (the definition: what sparq.pack of the
# plain result stores).
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
# two sparse operands), those compacted band by band (row or inner with a
# sparse left loop operand whose rows are the result's lines) and those
# compacted from a dense M x N accumulator.
#
# Prints "<dtype>: <n> products, <k> mismatches", "by line: <a>, by bands:
# <b>, compacted: <c>" and the number of results that have products but cancel
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
    # Compacted band by band: 13 bands of 1 line (13 is prime) and a
    # buffer that grows; 4 bands of 5; csc with C^T's rows (columns of C,
    # 11 bands of 1); a bitmap and an N:M left operand cut into bands.
    ("csr", "dense", "row", "csr", (13, 5, 9), 0.4, 1.0),
    ("csr", "csc", "inner", "csr", (20, 6, 7), 0.5, 0.5),
    ("dense", "csr", "inner", "csc", (6, 5, 11), 1.0, 0.4),
    ("bitmap", "dense", "row", "csr", (16, 70, 5), 0.3, 1.0),
    ("nm", "dense", "inner", "csr", (12, 8, 6), 0.5, 1.0),
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

# --set formats: coo, bitmap and bcsr results under every dataflow, sparse x
# sparse and sparse x dense (and dense x sparse), odd sizes (N = 66 and 67:
# two bitmap words), blocks of several shapes, all-zero results, full
# density, a bcsr operand.
FORMAT_CASES = [
    ("csr", "csr", "row", "coo", (6, 7, 9), 0.5, 0.5),
    ("csr", "dense", "row", "coo", (4, 5, 6), 0.4, 1.0),
    ("csc", "coo", "inner", "coo", (6, 7, 9), 0.5, 0.4),
    ("bitmap", "dense", "inner", "coo", (8, 3, 66), 0.5, 1.0),
    ("coo", "bitmap", "outer", "coo", (2, 70, 3), 0.3, 0.3),
    ("nm", "dense", "outer", "coo", (4, 8, 6), 0.5, 1.0),
    ("bitmap", "nm", "row", "bitmap", (4, 70, 8), 0.4, 0.5),
    ("coo", "dense", "row", "bitmap", (8, 3, 66), 0.5, 1.0),
    ("csr", "csc", "inner", "bitmap", (6, 7, 9), 0.5, 0.5),
    ("csc", "dense", "inner", "bitmap", (4, 5, 6), 0.5, 1.0),
    ("csr", "csr", "outer", "bitmap", (8, 3, 66), 0.5, 0.5),
    ("dense", "csr", "outer", "bitmap", (6, 7, 9), 1.0, 0.4),
    ("csr", "csr", "row", "bcsr<2x3>", (6, 7, 9), 0.4, 0.4),
    ("bitmap", "dense", "row", "bcsr<2x3>", (4, 5, 6), 0.5, 1.0),
    ("bitmap", "bitmap", "inner", "bcsr<2x3>", (2, 70, 3), 0.3, 0.3),
    ("csr", "dense", "inner", "bcsr<2x3>", (8, 3, 66), 0.5, 1.0),
    ("coo", "csc", "outer", "bcsr<2x3>", (6, 7, 9), 0.5, 0.5),
    ("csc", "dense", "outer", "bcsr<2x3>", (4, 5, 6), 0.6, 1.0),
    ("coo", "bitmap", "row", "bcsr<3x1>", (9, 5, 7), 0.3, 0.3),
    ("dense", "csr", "row", "bcsr<1x4>", (5, 6, 8), 1.0, 0.3),
    ("csr", "csr", "row", "coo", (3, 4, 5), 0.0, 0.5),
    ("csr", "dense", "inner", "bitmap", (3, 4, 5), 0.0, 1.0),
    ("csr", "csr", "outer", "bcsr<2x3>", (4, 4, 6), 0.0, 0.0),
    ("csr", "csc", "row", "bitmap", (5, 6, 67), 1.0, 1.0),
    ("bcsr<2x1>", "csr", "inner", "coo", (6, 7, 9), 0.5, 0.5),
]

# i8 only, with asymmetric operands (see ASYM_CASES): correction terms on
# every output before the zero test (compacted), a sparse operand shifted
# per stored entry (built line by line).
FORMAT_ASYM_CASES = [
    ("dense", "csr", "row", "coo", (5, 7, 6), 1.0, 0.5, {"a": ("ui8", "tensor")}),
    ("dense", "dense", "outer", "bitmap", (4, 5, 6), 1.0, 1.0,
     {"a": ("ui8", "tensor"), "b": ("si8", 1)}),
    ("csr", "dense", "inner", "bcsr<2x3>", (4, 6, 6), 0.5, 1.0, {"b": ("si8", 1)}),
    ("csr", "csr", "row", "bcsr<2x2>", (4, 6, 6), 0.5, 0.5, {"a": ("si8", 0)}),
    ("csr", "bitmap", "row", "bitmap", (5, 6, 7), 0.5, 0.5, {"b": ("si8", 1)}),
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


def block_shape(fmt):
    """(R, C) of a bcsr<RxC> format."""
    r, c = re.match(r"bcsr<(\d+)x(\d+)>", fmt).groups()
    return int(r), int(c)


def reference(c, mask, fmt):
    """The parts of c stored as fmt, as sparq.pack stores them: the entries
    where mask (c != 0) holds, a bcsr block whole when one of its entries
    does. Returned in the order they are printed, index parts flattened."""
    if fmt in ("csr", "csc"):
        lines, lmask = (c, mask) if fmt == "csr" else (c.T, mask.T)
        pos, crd, val = [0], [], []
        for line, lm in zip(lines, lmask):
            nz = np.flatnonzero(lm)
            crd += list(nz)
            val += list(line[nz])
            pos.append(len(crd))
        return [np.array(pos), np.array(crd), np.array(val, dtype=np.float64)]
    if fmt == "coo":
        rows, cols = np.nonzero(mask)
        return [np.stack([rows, cols], axis=1).reshape(-1),
                np.array(c[rows, cols], dtype=np.float64)]
    if fmt == "bitmap":
        m, n = c.shape
        words = np.zeros((m, (n + 63) // 64), dtype=np.uint64)
        for r, col in zip(*np.nonzero(mask)):
            words[r, col // 64] |= np.uint64(1) << np.uint64(col % 64)
        rows, cols = np.nonzero(mask)
        return [words.view(np.int64).reshape(-1),
                np.array(c[rows, cols], dtype=np.float64)]
    br, bc = block_shape(fmt)
    m, n = c.shape
    pos, crd, val = [0], [], []
    for bi in range(m // br):
        for bj in range(n // bc):
            if mask[bi * br:(bi + 1) * br, bj * bc:(bj + 1) * bc].any():
                crd.append(bj)
                val += list(c[bi * br:(bi + 1) * br, bj * bc:(bj + 1) * bc].reshape(-1))
        pos.append(len(crd))
    return [np.array(pos), np.array(crd), np.array(val, dtype=np.float64)]


def result_parts(fmt, m, n, relem):
    """(part, its tensor type, its flattened type, the reassociation that
    flattens it or None, element type) in print order."""
    if fmt in ("csr", "csc"):
        lines = m if fmt == "csr" else n
        return [("positions", ttype([lines + 1], "i32"), None, None, "i32"),
                ("coordinates", "tensor<?xi32>", None, None, "i32"),
                ("values", "tensor<?x%s>" % relem, None, None, relem)]
    if fmt == "coo":
        return [("coordinates", "tensor<?x2xi32>", "tensor<?xi32>", "[[0, 1]]", "i32"),
                ("values", "tensor<?x%s>" % relem, None, None, relem)]
    if fmt == "bitmap":
        words = (n + 63) // 64
        return [("bitmap", ttype([m, words], "i64"), ttype([m * words], "i64"),
                 "[[0, 1]]", "i64"),
                ("values", "tensor<?x%s>" % relem, None, None, relem)]
    br, bc = block_shape(fmt)
    return [("positions", ttype([m // br + 1], "i32"), None, None, "i32"),
            ("coordinates", "tensor<?xi32>", None, None, "i32"),
            ("values", "tensor<?x%dx%dx%s>" % (br, bc, relem), "tensor<?x%s>" % relem,
             "[[0, 1, 2]]", relem)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dtype", required=True, choices=["f32", "i8"])
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--runner-libs", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--set", default="csr", choices=["csr", "formats"],
                        help="csr: csr / csc results (CASES, ASYM_CASES); "
                        "formats: coo, bitmap and bcsr results "
                        "(FORMAT_CASES, FORMAT_ASYM_CASES)")
    parser.add_argument("--parallel", action="store_true",
                        help="lower with parallel=true min-parallel-work=0 "
                        "(OpenMP, two threads; --runner-libs must hold libomp)")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    is_int = args.dtype == "i8"
    kernels, body, refs, cancelled = [], [], [], 0
    if args.set == "csr":
        cases = CASES + (ASYM_CASES if is_int else [])
    else:
        cases = FORMAT_CASES + (FORMAT_ASYM_CASES if is_int else [])
    seed = 4000 if args.set == "csr" else 5000
    for i, case in enumerate(cases):
        fa, fb, flow, rfmt, (m, k, n), da, db = case[:7]
        asym = case[7] if len(case) > 7 else {}
        rng = np.random.default_rng(seed + i + 31 * is_int)
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
        values = c.astype(np.float64)
        if is_int and float_result:
            sam = sa if len(sa) == m else np.repeat(sa, m)
            sbn = sb if len(sb) == n else np.repeat(sb, n)
            values = (sam[:, None].astype(np.float64) * sbn[None, :].astype(np.float64)) * values
        refs.append((reference(values, c != 0, rfmt), float_result))
        ta, tb = ttype([m, k], elem, encoding(fa, qa)), ttype([k, n], elem, encoding(fb, qb))
        rtype = ttype([m, n], relem, "#sparq.encoding<%s>" % rfmt)
        kernels.append("  func.func @k%d(%%a: %s, %%b: %s) -> %s {" % (i, ta, tb, rtype))
        kernels.append("    %%c = sparq.matmul %%a, %%b acc(%s) dataflow(%s) : %s, %s -> %s" % (
            acc, flow, ta, tb, rtype))
        kernels.append("    return %c : " + rtype)
        kernels.append("  }")
        # The same product with a plain result, packed by sparq.pack in @main:
        # the compressed result must be exactly that.
        ptype = ttype([m, n], relem)
        kernels.append("  func.func @p%d(%%a: %s, %%b: %s) -> %s {" % (i, ta, tb, ptype))
        kernels.append("    %%c = sparq.matmul %%a, %%b acc(%s) dataflow(%s) : %s, %s -> %s" % (
            acc, flow, ta, tb, ptype))
        kernels.append("    return %c : " + ptype)
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
        body.append("    %%c%d = func.call @k%d(%s, %s) : (%s, %s) -> %s" % (
            i, i, ops[0], ops[1], ta, tb, rtype))
        body.append("    %%q%d = func.call @p%d(%s, %s) : (%s, %s) -> %s" % (
            i, i, ops[0], ops[1], ta, tb, ptype))
        body.append("    %%r%d = sparq.pack %%q%d : %s -> %s" % (i, i, ptype, rtype))
        for tag, result in (("case", "c"), ("pack", "r")):
            body.append('    vector.print str "%s %d\\n"' % (tag, i))
            for part, pt, flat, assoc, et in result_parts(rfmt, m, n, relem):
                name = "%s%s%d" % (result, part, i)
                body.append("    %%%s = sparq.part %s of %%%s%d : %s -> %s" % (
                    name, part, result, i, rtype, pt))
                if flat:
                    # Printed flattened (one line per part).
                    body.append("    %%%s_f = tensor.collapse_shape %%%s %s : %s into %s" % (
                        name, name, assoc, pt, flat))
                    src, pt = "%%%s_f" % name, flat
                else:
                    src = "%%%s" % name
                mt = pt.replace("tensor", "memref")
                body.append("    %%%s_m = bufferization.to_buffer %s : %s to %s" % (name, src, pt, mt))
                body.append("    %%%s_u = memref.cast %%%s_m : %s to memref<*x%s>" % (name, name, mt, et))
                body.append("    func.call @printMemref%s(%%%s_u) : (memref<*x%s>) -> ()" % (
                    et.upper(), name, et))
    text = "\n".join(["module {",
                      "  func.func private @printMemrefF32(memref<*xf32>)",
                      "  func.func private @printMemrefI32(memref<*xi32>)",
                      "  func.func private @printMemrefI64(memref<*xi64>)"] + kernels +
                     ["  func.func @main() {"] + body + ["    return", "  }", "}", ""])
    path = os.path.join(args.work, "sparse-result-%s-%s.mlir" % (args.set, args.dtype))
    with open(path, "w") as f:
        f.write(text)
    plan_options = "print-plan=true" + (" parallel=true min-parallel-work=0"
                                        if args.parallel else "")
    plans = subprocess.run([args.opt, path, "--sparq-lower-dataflow=" + plan_options,
                            "-o", os.devnull], capture_output=True, text=True)
    by_line = len(re.findall(r"remark: .* built line by line", plans.stderr))
    by_bands = len(re.findall(r"remark: .* compacted band by band", plans.stderr))
    compacted = len(re.findall(r"remark: .* compacted from the dense accumulator",
                               plans.stderr))
    passes = ["--sparq-lower-dataflow=parallel=true min-parallel-work=0",
              "--sparq-to-llvm=parallel=true"] if args.parallel else ["--sparq-to-llvm"]
    lowered = subprocess.run([args.opt, path] + passes, capture_output=True, text=True)
    if lowered.returncode:
        print("sparq-opt failed:\n" + lowered.stderr[:4000])
        return 1
    ran = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          "-shared-libs=" + args.runner_libs],
                         input=lowered.stdout, capture_output=True, text=True,
                         env=dict(os.environ, OMP_NUM_THREADS="2"))
    if ran.returncode:
        print("mlir-runner failed:\n" + ran.stderr[:4000])
        return 1
    # printMemref prints a header with the size, then the data (one
    # meaningless element for size 0).
    got, packed, current, size = {}, {}, None, None
    for line in ran.stdout.splitlines():
        line = line.strip()
        header = re.search(r"sizes = \[(\d+)\]", line)
        if line.startswith("case ") or line.startswith("pack "):
            current = int(line.split()[1])
            target = got if line.startswith("case ") else packed
            target[current] = []
        elif header:
            size = int(header.group(1))
        elif line.startswith("[") and current is not None:
            inner = line.strip("[]").strip()
            # Integers exactly (bitmap words use all 64 bits).
            data = [int(x) if re.fullmatch(r"-?\d+", x.strip()) else float(x)
                    for x in inner.split(",")] if inner else []
            target[current].append(data[:size])
    failures = 0
    for i, (expected, float_result) in enumerate(refs):
        parts = got.get(i, [])
        why = None
        if len(parts) != len(expected):
            why = "printed %d parts" % len(parts)
        for index, (part, ref) in enumerate(zip(parts, expected)):
            if why:
                break
            values = index == len(expected) - 1
            if values and is_int and float_result:
                got_v = np.array(part, dtype=np.float64)
                if got_v.shape != ref.shape or \
                        (np.abs(got_v - ref) > 1e-5 * np.abs(ref) + 1e-7).any():
                    why = "values %s, expected %s" % (got_v, ref)
            elif [int(x) if not values else x for x in part] != \
                    [int(x) if not values else float(x) for x in ref]:
                why = "part %d: %s, expected %s" % (index, part, list(ref))
        if not why and parts != packed.get(i):
            why = "differs from sparq.pack of the plain result: %s vs %s" % (
                parts, packed.get(i))
        if why:
            failures += 1
            print("MISMATCH case %d %s: %s" % (i, cases[i], why))
    print("%s: %d products, %d mismatches" % (args.dtype, len(cases), failures))
    print("by line: %d, by bands: %d, compacted: %d" % (by_line, by_bands, compacted))
    print("cancelled results (not stored): %d" % cancelled)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
