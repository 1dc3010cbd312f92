# JIT test of scales grouped along K with two run-time operands and of
# grouped scales with compressed (csr / csc) results in
# --sparq-lower-dataflow (docs/dataflow.md, "Scales per group of K"), run by
# ../grouped-scales-run.mlir.
#
# Every product has an integer accumulator (i32) and an f32 result, with
# asymmetric si8 B whose scales and zero points are grouped along K
# (group(0, g); channel(0), i.e. groups of 1, when no g of 7, 5, 4, 3, 2
# divides K with at least two groups), and A either ui8 asymmetric per
# tensor, ui8 asymmetric grouped along K by the same g (group(1, g)), or si8
# symmetric per row (channel(0)). Both operands are function arguments
# (run-time compressed tensors) unless the case says a constant B.
#
# The reference (numpy, sharing no code with the compiler) is the reference
# lowering's definition, computed the same way in float64:
#   partial[m, n, G] = sum_{k in G} (qa - za)(qb - zb)        (exact, int64)
#   s = 0.0; for G in order: s = s + f64(partial) * (f64(sa) * f64(sb))
#   C[m, n] = f32(s)                                          (round half even)
# and the results are compared bit for bit: the kernels' f32 results are
# printed as their i32 bit patterns. A csr / csc result stores exactly the
# nonzero results (`une 0.0`), compared as positions, coordinates and value
# bits against numpy's compression of the f32 reference.
#
# With --reference the plain-result products are also compiled with
# --sparq-to-llvm=dataflow=false (the reference lowering) and must print the
# same bits.
#
# Prints "grouped: <n> products (<p> plain, <c> compressed), <k> mismatches";
# exits 1 on a failure.
import argparse
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_harness as h  # noqa: E402

FLOWS = ["inner", "outer", "row"]
# (fa, fb): sparse x dense, dense x sparse, sparse x sparse, dense x dense.
PAIRS = [("csr", "dense"), ("csc", "dense"), ("bitmap", "dense"),
         ("nm", "dense"), ("coo", "dense"), ("bcsr", "dense"),
         ("dense", "csr"), ("dense", "csc"), ("dense", "bitmap"),
         ("dense", "nm"), ("dense", "bcsr"), ("dense", "coo"),
         ("csr", "csr"), ("csr", "csc"), ("csc", "csr"), ("bitmap", "bitmap"),
         ("coo", "nm"), ("bcsr", "csr"), ("nm", "bitmap"), ("dense", "dense")]
# (M, K, N): K odd (9 = 3 x 3, 15 = 3 x 5, 21 = 3 x 7, 7: groups of 1) or
# even; nm needs K (A) or N (B) a multiple of 4.
SHAPES = [(5, 9, 6), (4, 8, 8), (3, 15, 5), (6, 12, 4), (2, 21, 7),
          (7, 7, 3), (4, 16, 12), (5, 6, 9)]
# Compressed results: (fa, fb, flow, result format, constant B).
COMPRESSED = [("csr", "csr", "row", "csr", False),
              ("csr", "csc", "row", "csc", False),
              ("csr", "dense", "inner", "csc", False),
              ("dense", "csc", "outer", "csr", False),
              ("dense", "dense", "row", "csc", False),
              ("bitmap", "coo", "inner", "csr", False),
              ("csc", "csr", "outer", "csc", False),
              ("dense", "csr", "row", "csr", True),
              ("csr", "dense", "outer", "csc", True)]
# B stored transposed ([N, K], transpose_b, group(1, g)): (fa, fb, flow).
TRANSPOSED = [("dense", "csr", "row"), ("dense", "csc", "inner"),
              ("csr", "nm", "outer"), ("dense", "bitmap", "outer"),
              ("csr", "csr", "inner"), ("dense", "dense", "row"),
              ("coo", "bcsr", "row")]
# coo and bitmap results (checked as their values in row-major order and
# the sparq.unpack of the result): (fa, fb, flow, result format).
OTHER_RESULTS = [("csr", "dense", "row", "coo"),
                 ("dense", "csr", "inner", "bitmap"),
                 ("csr", "csc", "outer", "coo")]
DENSITIES = [0.15, 0.5, 1.0, 0.3]


def group_for(k):
    return next((g for g in (7, 5, 4, 3, 2) if k % g == 0 and k // g >= 2), 1)


def make_cases():
    cases = []
    for d, flow in enumerate(FLOWS):
        for p, (fa, fb) in enumerate(PAIRS):
            cases.append(dict(flow=flow, fa=fa, fb=fb, result="dense",
                              const_b=False, seed=len(cases)))
    for fa, fb, flow in TRANSPOSED:
        cases.append(dict(flow=flow, fa=fa, fb=fb, result="dense",
                          const_b=False, seed=len(cases), tb=True))
    for fa, fb, flow, rfmt, const_b in COMPRESSED:
        cases.append(dict(flow=flow, fa=fa, fb=fb, result=rfmt,
                          const_b=const_b, seed=len(cases)))
    for fa, fb, flow, rfmt in OTHER_RESULTS:
        cases.append(dict(flow=flow, fa=fa, fb=fb, result=rfmt,
                          const_b=False, seed=len(cases)))
    for i, c in enumerate(cases):
        c["index"] = i
        c.setdefault("tb", False)
        ok = [s for s in SHAPES
              if (c["fa"] != "nm" or s[1] % 4 == 0)
              and (c["fb"] != "nm" or s[1 if c["tb"] else 2] % 4 == 0)]
        c["shape"] = ok[(i * 3) % len(ok)]
        c["da"] = DENSITIES[i % 4] if c["fa"] != "dense" else 1.0
        c["db"] = DENSITIES[(i // 4 + i) % 4] if c["fb"] != "dense" else 1.0
        c["a_quant"] = ["tensor", "group", "row"][i % 3]
    # An empty operand: an all-zero result, plain and compressed.
    cases[12]["da"] = 0.0
    next(c for c in cases if c["result"] != "dense")["da"] = 0.0
    return cases


def build(case):
    rng = np.random.default_rng(7000 + case["seed"])
    m, k, n = case["shape"]
    g = group_for(k)
    kb = 1 if case["tb"] else 0
    bgran = ("group", kb, g) if g > 1 else ("channel", kb)
    agran = {"tensor": ("tensor",),
             "group": ("group", 1, g) if g > 1 else ("channel", 1),
             "row": ("channel", 0)}[case["a_quant"]]
    ascheme = "symmetric" if case["a_quant"] == "row" else "asymmetric"
    astorage = "si8" if case["a_quant"] == "row" else "ui8"
    a = h.Operand(rng, case["fa"], m, k, case["da"], "i8group", 0,
                  (astorage, ascheme, agran))
    b = h.Operand(rng, case["fb"], *((n, k) if case["tb"] else (k, n)),
                  case["db"], "i8group", 1, ("si8", "asymmetric", bgran))
    # The reference lowering's numbers (see the header).
    groups = k // g
    real_a, real_b = a.real.astype(np.int64), b.real.astype(np.int64)
    scale_b = b.scale
    if case["tb"]:
        real_b, scale_b = real_b.T, scale_b.T
    s = np.zeros((m, n))
    for G in range(groups):
        ks = slice(G * g, (G + 1) * g)
        partial = real_a[:, ks] @ real_b[ks, :]
        sa = a.scale[:, G * g][:, None]          # (m, 1): scale of (m, G)
        sb = scale_b[G * g, :][None, :]          # (1, n): scale of (G, n)
        s = s + partial.astype(np.float64) * (sa * sb)
    ref = s.astype(np.float32)
    case["groups"] = (g, groups)
    return a, b, ref


def bits(x):
    return np.asarray(x, dtype=np.float32).view(np.int32).astype(np.int64)


def compress(c, fmt):
    lines = c if fmt == "csr" else c.T
    pos, crd, val = [0], [], []
    for line in lines:
        nz = np.flatnonzero(line != 0)
        crd += list(nz)
        val += list(line[nz])
        pos.append(len(crd))
    return (np.array(pos, dtype=np.int64), np.array(crd, dtype=np.int64),
            bits(np.array(val, dtype=np.float32)))


def module(cases, built):
    kernels, body = [], []
    for case in cases:
        i = case["index"]
        a, b, _ = built[i]
        m, k, n = case["shape"]
        rfmt = case["result"]
        rtype = h.tensor_type([m, n], "f32",
                              None if rfmt == "dense" else "#sparq.encoding<%s>" % rfmt)
        mm = "    %%c = sparq.matmul %%a, %%b%s acc(i32) dataflow(%s) : %s, %s -> %s" % (
            " transpose_b" if case["tb"] else "", case["flow"], a.type, b.type, rtype)
        va = a.emit(body, "a%d" % i)
        if case["const_b"]:
            kernels.append("  func.func @k%d(%%a: %s) -> %s {" % (i, a.type, rtype))
            b.emit(kernels, "b")
            call = "func.call @k%d(%s) : (%s) -> %s" % (i, va, a.type, rtype)
        else:
            kernels.append("  func.func @k%d(%%a: %s, %%b: %s) -> %s {" % (
                i, a.type, b.type, rtype))
            vb = b.emit(body, "b%d" % i)
            call = "func.call @k%d(%s, %s) : (%s, %s) -> %s" % (
                i, va, vb, a.type, b.type, rtype)
        kernels += [mm, "    return %c : " + rtype, "  }"]
        body.append('    vector.print str "case %d\\n"' % i)
        body.append("    %%c%d = %s" % (i, call))
        if rfmt == "dense":
            body.append("    %%v%d = vector.transfer_read %%c%d[%%i0, %%i0], %%fpad : %s, vector<%dx%dxf32>"
                        % (i, i, rtype, m, n))
            body.append("    %%w%d = arith.bitcast %%v%d : vector<%dx%dxf32> to vector<%dx%dxi32>"
                        % (i, i, m, n, m, n))
            body.append("    vector.print %%w%d : vector<%dx%dxi32>" % (i, m, n))
            continue
        if rfmt in ("coo", "bitmap"):
            # The stored values, then the unpacked matrix, as bits.
            body.append("    %%u%d = sparq.unpack %%c%d : %s -> %s" % (
                i, i, rtype, h.tensor_type([m, n], "f32")))
            body.append("    %%v%d = vector.transfer_read %%u%d[%%i0, %%i0], %%fpad : %s, vector<%dx%dxf32>"
                        % (i, i, h.tensor_type([m, n], "f32"), m, n))
            body.append("    %%w%d = arith.bitcast %%v%d : vector<%dx%dxf32> to vector<%dx%dxi32>"
                        % (i, i, m, n, m, n))
            body.append("    vector.print %%w%d : vector<%dx%dxi32>" % (i, m, n))
            printed = (("values", "tensor<?xf32>"),)
        else:
            lines = m if rfmt == "csr" else n
            printed = (("positions", "tensor<%dxi32>" % (lines + 1)),
                       ("coordinates", "tensor<?xi32>"),
                       ("values", "tensor<?xf32>"))
        for part, pt in printed:
            mt = pt.replace("tensor", "memref")
            body.append("    %%%s%d = sparq.part %s of %%c%d : %s -> %s" % (part, i, part, i, rtype, pt))
            body.append("    %%%s%d_m = bufferization.to_buffer %%%s%d : %s to %s" % (part, i, part, i, pt, mt))
            body.append("    %%%s%d_n = memref.dim %%%s%d_m, %%i0 : %s" % (part, i, part, i, mt))
            body.append('    vector.print str "%s\\n"' % part)
            body.append("    scf.for %%j = %%i0 to %%%s%d_n step %%i1 {" % (part, i))
            body.append("      %%x = memref.load %%%s%d_m[%%j] : %s" % (part, i, mt))
            if part == "values":
                body.append("      %xb = arith.bitcast %x : f32 to i32")
                body.append("      vector.print %xb : i32")
            else:
                body.append("      vector.print %x : i32")
            body.append("    }")
        body.append('    vector.print str "end\\n"')
    head = ["  func.func @main() {",
            "    %i0 = arith.constant 0 : index",
            "    %i1 = arith.constant 1 : index",
            "    %fpad = arith.constant 0.0 : f32"]
    return "\n".join(["module {"] + kernels + head + body +
                     ["    return", "  }", "}", ""])


def run(text, path, args, options=""):
    with open(path, "w") as f:
        f.write(text)
    lowered = subprocess.run([args.opt, path, "--sparq-to-llvm" + options],
                             capture_output=True, text=True)
    if lowered.returncode:
        return None, "sparq-opt failed:\n" + lowered.stderr[:4000]
    ran = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          "-shared-libs=" + args.runner_libs],
                         input=lowered.stdout, capture_output=True, text=True)
    if ran.returncode:
        return None, "mlir-runner failed:\n" + ran.stderr[:4000]
    return ran.stdout, None


def parse(text, compressed=()):
    """{case: matrix of ints} for plain results, {case: {part: [ints]}} for
    compressed ones."""
    out, current, part = {}, None, None
    pending_parts = lambda case: case in compressed
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("case "):
            current, part = int(line.split()[1]), None
        elif line in ("positions", "coordinates", "values"):
            part = line
            out.setdefault(current, {})[part] = []
        elif line == "end":
            part = None
        elif line.startswith("(") and current is not None:
            chunks = [r.strip(" ()") for r in line[1:-1].strip().split("),")]
            matrix = np.array([[int(x) for x in c.split(",") if x.strip()]
                               for c in chunks])
            if isinstance(out.get(current), dict):
                out[current]["matrix"] = matrix
            else:
                out[current] = {"matrix": matrix} if pending_parts(current) else matrix
        elif part is not None and line.lstrip("-").isdigit():
            out[current][part].append(int(line))
    return out


def compare(case, got, ref):
    if got is None:
        return "no output"
    if case["result"] == "dense":
        want = bits(ref)
        if got.shape != want.shape:
            return "shape %s, expected %s" % (got.shape, want.shape)
        bad = got != want
        if bad.any():
            r, c = np.argwhere(bad)[0]
            return "C[%d, %d] bits %d, expected %d (%g) (%d of %d differ)" % (
                r, c, got[r, c], want[r, c], ref[r, c], bad.sum(), bad.size)
        return None
    if case["result"] in ("coo", "bitmap"):
        # Row-major stored values, and the unpacked matrix.
        matrix = got.get("matrix")
        if matrix is None or not np.array_equal(matrix, bits(ref)):
            return "unpacked %s, expected %s" % (matrix, bits(ref))
        wanted = (("values", bits(ref[ref != 0])),)
    else:
        pos, crd, val = compress(ref, case["result"])
        wanted = (("positions", pos), ("coordinates", crd), ("values", val))
    for name, want in wanted:
        have = np.array(got.get(name, []), dtype=np.int64)
        if not np.array_equal(have, want):
            return "%s %s, expected %s" % (name, have, want)
    return None


def describe(case):
    return "case %d: %s %s(%s) x %s(%s)%s, M x K x N = %s, groups %s, A %s, %s result%s" % (
        case["index"], case["flow"], case["fa"], case["da"], case["fb"], case["db"],
        " transpose_b" if case["tb"] else "",
        "x".join(map(str, case["shape"])), case["groups"], case["a_quant"],
        case["result"], ", constant B" if case["const_b"] else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--runner-libs", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--reference", action="store_true")
    parser.add_argument("--only", type=int, default=None)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    cases = make_cases()
    if args.only is not None:
        cases = [c for c in cases if c["index"] == args.only]
    built = {c["index"]: build(c) for c in cases}
    failures = []
    out, error = run(module(cases, built), os.path.join(args.work, "grouped.mlir"), args)
    if error:
        print(error)
        return 1
    # How each operand was expanded (print-plan), so the test shows every
    # path of the expansion is taken.
    plans = subprocess.run([args.opt, os.path.join(args.work, "grouped.mlir"),
                            "--sparq-lower-dataflow=print-plan=true", "-o", os.devnull],
                           capture_output=True, text=True).stderr
    kinds = [("counting sort", "at run time (counting sort)"),
             ("in place, new positions", "in place: new group-boundary positions"),
             ("in place, coordinates remapped", "in place: coordinates remapped"),
             ("in the compiler", "expanded per group in the compiler")]
    print("expansions: " + ", ".join("%s %d" % (name, plans.count(text))
                                     for name, text in kinds))
    got = parse(out, [c["index"] for c in cases if c["result"] != "dense"])
    for case in cases:
        why = compare(case, got.get(case["index"]), built[case["index"]][2])
        if why:
            failures.append("MISMATCH %s: %s" % (describe(case), why))
    plain = [c for c in cases if c["result"] == "dense"]
    if args.reference and plain:
        out, error = run(module(plain, built), os.path.join(args.work, "grouped-ref.mlir"),
                         args, "=dataflow=false")
        if error:
            print(error)
            return 1
        got = parse(out)
        for case in plain:
            why = compare(case, got.get(case["index"]), built[case["index"]][2])
            if why:
                failures.append("MISMATCH (reference lowering) %s: %s" % (describe(case), why))
        print("reference lowering: %d plain products compared" % len(plain))
    for f in failures:
        print(f)
    print("grouped: %d products (%d plain, %d compressed), %d mismatches" % (
        len(cases), len(plain), len(cases) - len(plain), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
