#!/usr/bin/env python3
"""Independent numpy reference for the PE lowerings (sparq-to-pe).

Shares no code with the compiler. `gen` prints a module holding one
sparq.matmul per case (random operands of every precision pair, signedness
and sparsity level, fixed seed) that prints each integer result;
`check` regenerates the same cases, computes the expected results with numpy
and compares them with the printed output of mlir-runner.

  pe_reference.py gen  --set exact|drq|conv
  pe_reference.py check --set exact|drq|conv OUT [--drq threshold=T|top=R rows=RH cols=RW]

Unsigned operands are asymmetric `ui<B>` tensors with constant zero points 0
(what sparq-to-pe accepts as unsigned); signed ones are raw `i<B>` tensors.
DRQ numerics (docs/pe.md): region (RH x RW) of the activation is sensitive if
sum|x| > T * count (threshold) or it is among the R of largest mean |x| (ties to
the first in row-major order); sensitive entries multiply x, the others
floor(x / 16) * 16.
"""
import re
import sys

import numpy as np

M, K, N = 3, 10, 4
SPARSITIES = [0.0, 0.5, 0.9]


def cases(which):
    rng = np.random.default_rng(20261126)
    out = []
    a_bits = [8] if which == "drq" else [2, 4, 8]
    for ab in a_bits:
        for wb in [2, 4, 8]:
            for a_signed in [True, False]:
                for w_signed in [True, False]:
                    sp = SPARSITIES[len(out) % len(SPARSITIES)]
                    a = operand(rng, (M, K), ab, a_signed, sp)
                    w = operand(rng, (K, N), wb, w_signed, SPARSITIES[(len(out) + 1) % 3])
                    out.append((ab, a_signed, wb, w_signed, a, w))
    return out


def operand(rng, shape, bits, signed, sparsity):
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    x = rng.integers(lo, hi + 1, size=shape, dtype=np.int64)
    # Make sure the extremes appear (sign digits, the magnitude 2^(B-1)).
    x.flat[0], x.flat[-1] = lo, hi
    x[rng.random(shape) < sparsity] = 0
    return x


def literal(x):
    return "[" + ", ".join("[" + ", ".join(str(int(v)) for v in row) + "]" for row in x) + "]"


def storage(x, bits):
    """Two's-complement storage integer as a signed literal of width bits."""
    v = x & ((1 << bits) - 1)
    return np.where(v >= (1 << (bits - 1)), v - (1 << bits), v)


def gen(which):
    lines = []
    lines.append("func.func private @printMemrefI32(memref<*xi32>)")
    lines.append("func.func @main() {")
    for i, (ab, asg, wb, wsg, a, w) in enumerate(cases(which)):
        names = []
        for tag, x, bits, signed, shape in (("a", a, ab, asg, (M, K)), ("w", w, wb, wsg, (K, N))):
            t = f"tensor<{shape[0]}x{shape[1]}xi{bits}>"
            lines.append(f"  %{tag}{i}v = arith.constant dense<{literal(storage(x, bits))}> : {t}")
            if signed:
                names.append((f"%{tag}{i}v", t))
            else:
                enc = f"#sparq.encoding<dense, quant = #sparq.quant<ui{bits}:f32, asymmetric, tensor>>"
                qt = f"tensor<{shape[0]}x{shape[1]}xi{bits}, {enc}>"
                lines.append(f"  %{tag}{i}s = arith.constant dense<1.0> : tensor<1xf32>")
                lines.append(f"  %{tag}{i}z = arith.constant dense<0> : tensor<1xi32>")
                lines.append(f"  %{tag}{i} = sparq.assemble values(%{tag}{i}v : {t}) "
                             f"scales(%{tag}{i}s : tensor<1xf32>) zero_points(%{tag}{i}z : tensor<1xi32>) : {qt}")
                names.append((f"%{tag}{i}", qt))
        (an, at), (wn, wt) = names
        # Every third signed weight is stored in CSR (unpacked by the lowering).
        if wsg and i % 3 == 0:
            ct = wt.replace(">", ", #sparq.encoding<csr>>")
            lines.append(f"  %w{i}c = sparq.pack {wn} : {wt} -> {ct}")
            wn, wt = f"%w{i}c", ct
        lines.append(f"  %c{i} = sparq.matmul {an}, {wn} acc(i32) : {at}, {wt} -> tensor<{M}x{N}xi32>")
        lines.append(f"  %m{i} = bufferization.to_buffer %c{i} : tensor<{M}x{N}xi32> to memref<{M}x{N}xi32>")
        lines.append(f"  %u{i} = memref.cast %m{i} : memref<{M}x{N}xi32> to memref<*xi32>")
        lines.append(f"  call @printMemrefI32(%u{i}) : (memref<*xi32>) -> ()")
    lines.append("  return")
    lines.append("}")
    print("\n".join(lines))


CONVS = [
    ("nhwc_hwcf", (1, 5, 5, 3), (3, 3, 3, 4), (1, 1), (1, 1), (1, 1, 1, 1), 8, True, 8, True),
    ("nhwc_hwcf", (2, 6, 5, 2), (2, 3, 2, 3), (2, 1), (1, 2), (0, 1, 2, 0), 4, False, 2, True),
    ("nchw_fchw", (2, 3, 5, 5), (4, 3, 2, 2), (2, 1), (1, 1), (0, 1, 1, 0), 2, True, 4, False),
    ("nchw_fchw", (1, 2, 6, 6), (3, 2, 3, 3), (1, 2), (2, 1), (2, 2, 0, 1), 8, False, 8, False),
]


def conv_cases():
    rng = np.random.default_rng(7)
    out = []
    for i, (layout, ish, fsh, st, dl, pad, ab, asg, wb, wsg) in enumerate(CONVS):
        x = operand(rng, ish, ab, asg, SPARSITIES[i % 3])
        f = operand(rng, fsh, wb, wsg, SPARSITIES[(i + 1) % 3])
        out.append((layout, x, f, st, dl, pad, ab, asg, wb, wsg))
    return out


def conv_out_shape(layout, ish, fsh, st, dl, pad):
    if layout == "nhwc_hwcf":
        n, h, w, _ = ish
        kh, kw, _, f = fsh
    else:
        n, _, h, w = ish
        f, _, kh, kw = fsh
    oh = (h + pad[0] + pad[1] - dl[0] * (kh - 1) - 1) // st[0] + 1
    ow = (w + pad[2] + pad[3] - dl[1] * (kw - 1) - 1) // st[1] + 1
    return (n, oh, ow, f) if layout == "nhwc_hwcf" else (n, f, oh, ow)


def conv_reference(layout, x, f, st, dl, pad):
    """Direct loops (no im2col): out[n, oh, ow, f] = sum x[n, ih, iw, c] w[kh, kw, c, f]."""
    if layout == "nchw_fchw":
        x = x.transpose(0, 2, 3, 1)
        f = f.transpose(2, 3, 1, 0)
    n, h, w, c = x.shape
    kh, kw, _, fo = f.shape
    oh = (h + pad[0] + pad[1] - dl[0] * (kh - 1) - 1) // st[0] + 1
    ow = (w + pad[2] + pad[3] - dl[1] * (kw - 1) - 1) // st[1] + 1
    out = np.zeros((n, oh, ow, fo), dtype=np.int64)
    for b in range(n):
        for i in range(oh):
            for j in range(ow):
                for p in range(kh):
                    for q in range(kw):
                        ih = i * st[0] - pad[0] + p * dl[0]
                        iw = j * st[1] - pad[2] + q * dl[1]
                        if 0 <= ih < h and 0 <= iw < w:
                            out[b, i, j] += x[b, ih, iw] @ f[p, q]
    if layout == "nchw_fchw":
        out = out.transpose(0, 3, 1, 2)
    return out


def shape_str(shape):
    return "x".join(str(d) for d in shape)


def gen_conv():
    lines = ["func.func private @printMemrefI32(memref<*xi32>)", "func.func @main() {"]
    for i, (layout, x, f, st, dl, pad, ab, asg, wb, wsg) in enumerate(conv_cases()):
        names = []
        for tag, v, bits, signed in (("x", x, ab, asg), ("f", f, wb, wsg)):
            t = f"tensor<{shape_str(v.shape)}xi{bits}>"
            lines.append(f"  %{tag}{i}v = arith.constant dense<{storage(v, bits).tolist()}> : {t}")
            if signed:
                names.append((f"%{tag}{i}v", t))
            else:
                enc = f"#sparq.encoding<dense, quant = #sparq.quant<ui{bits}:f32, asymmetric, tensor>>"
                qt = f"tensor<{shape_str(v.shape)}xi{bits}, {enc}>"
                lines.append(f"  %{tag}{i}s = arith.constant dense<1.0> : tensor<1xf32>")
                lines.append(f"  %{tag}{i}z = arith.constant dense<0> : tensor<1xi32>")
                lines.append(f"  %{tag}{i} = sparq.assemble values(%{tag}{i}v : {t}) "
                             f"scales(%{tag}{i}s : tensor<1xf32>) zero_points(%{tag}{i}z : tensor<1xi32>) : {qt}")
                names.append((f"%{tag}{i}", qt))
        (xn, xt), (fn, ft) = names
        osh = conv_out_shape(layout, x.shape, f.shape, st, dl, pad)
        ot = f"tensor<{shape_str(osh)}xi32>"
        mt = f"memref<{shape_str(osh)}xi32>"
        lines.append(f"  %c{i} = sparq.conv2d {xn}, {fn} layout({layout}) acc(i32) strides = [{st[0]}, {st[1]}] "
                     f"dilations = [{dl[0]}, {dl[1]}] padding = [{', '.join(map(str, pad))}] : {xt}, {ft} -> {ot}")
        lines.append(f"  %m{i} = bufferization.to_buffer %c{i} : {ot} to {mt}")
        lines.append(f"  %u{i} = memref.cast %m{i} : {mt} to memref<*xi32>")
        lines.append(f"  call @printMemrefI32(%u{i}) : (memref<*xi32>) -> ()")
    lines += ["  return", "}"]
    print("\n".join(lines))


def check_conv(path):
    text = open(path).read()
    blocks = text.split("Unranked Memref")[1:]
    cs = conv_cases()
    if len(blocks) != len(cs):
        print(f"FAIL: {len(blocks)} results printed, {len(cs)} cases")
        return 1
    bad = 0
    for i, ((layout, x, f, st, dl, pad, *_), blk) in enumerate(zip(cs, blocks)):
        want = wrap32(conv_reference(layout, x, f, st, dl, pad))
        got = np.array([int(v) for v in re.findall(r"-?\d+", blk.split("data =", 1)[1])], dtype=np.int64)
        if got.size != want.size or not np.array_equal(got.reshape(want.shape), want):
            bad += 1
            print(f"FAIL conv case {i} ({layout})")
    print(f"{len(cs) - bad} of {len(cs)} convolutions bit-exact")
    return 1 if bad else 0


def drq_effective(a, mode, value, rh, rw):
    m, k = a.shape
    rm, rk = -(-m // rh), -(-k // rw)
    sums = np.zeros((rm, rk), dtype=np.int64)
    counts = np.zeros((rm, rk), dtype=np.int64)
    for r in range(rm):
        for c in range(rk):
            block = a[r * rh:(r + 1) * rh, c * rw:(c + 1) * rw]
            sums[r, c] = np.abs(block).sum()
            counts[r, c] = block.size
    if mode == "threshold":
        mask = sums > value * counts
    else:
        order = sorted(range(rm * rk),
                       key=lambda i: (-sums.flat[i] / counts.flat[i], i))
        # Exact ranking by cross-multiplication (no float ties).
        import functools

        def cmp(i, j):
            lhs = sums.flat[i] * counts.flat[j]
            rhs = sums.flat[j] * counts.flat[i]
            if lhs != rhs:
                return -1 if lhs > rhs else 1
            return -1 if i < j else (1 if i > j else 0)
        order = sorted(range(rm * rk), key=functools.cmp_to_key(cmp))
        mask = np.zeros(rm * rk, dtype=bool)
        mask[order[:value]] = True
        mask = mask.reshape(rm, rk)
    full = np.repeat(np.repeat(mask, rh, axis=0), rw, axis=1)[:m, :k]
    approx = (a >> 4) << 4  # floor(x / 16) * 16 (arithmetic shift)
    return np.where(full, a, approx), int(mask.sum()), mask.size


def parse(path):
    text = open(path).read()
    blocks = text.split("Unranked Memref")[1:]
    out = []
    for b in blocks:
        data = b.split("data =", 1)[1]
        out.append(np.array([int(v) for v in re.findall(r"-?\d+", data)], dtype=np.int64).reshape(M, N))
    return out


def wrap32(x):
    return ((x + (1 << 31)) % (1 << 32)) - (1 << 31)


def check(which, path, opts):
    got = parse(path)
    cs = cases(which)
    if len(got) != len(cs):
        print(f"FAIL: {len(got)} results printed, {len(cs)} cases")
        return 1
    bad = 0
    sensitive = total = 0
    for i, ((ab, asg, wb, wsg, a, w), g) in enumerate(zip(cs, got)):
        ea = a
        if "drq" in opts:
            mode, value = opts["drq"]
            ea, s, t = drq_effective(a, mode, value, opts["rows"], opts["cols"])
            sensitive += s
            total += t
        want = wrap32(ea @ w)
        if not np.array_equal(want, g):
            bad += 1
            print(f"FAIL case {i}: a{ab}{'s' if asg else 'u'} x w{wb}{'s' if wsg else 'u'}\n"
                  f"want {want.tolist()}\ngot  {g.tolist()}")
    print(f"{len(cs) - bad} of {len(cs)} cases bit-exact")
    if total:
        print(f"sensitive regions {sensitive} of {total}")
    return 1 if bad else 0


def main():
    args = sys.argv[1:]
    cmd = args.pop(0)
    which = "exact"
    opts = {}
    rest = []
    while args:
        x = args.pop(0)
        if x == "--set":
            which = args.pop(0)
        elif x == "--drq":
            for kv in args.pop(0).split():
                key, val = kv.split("=")
                if key in ("threshold", "top"):
                    opts["drq"] = ("threshold" if key == "threshold" else "top", int(val))
                else:
                    opts[key] = int(val)
        else:
            rest.append(x)
    if cmd == "gen":
        gen_conv() if which == "conv" else gen(which)
        return 0
    if which == "conv":
        return check_conv(rest[0])
    return check(which, rest[0], opts)


if __name__ == "__main__":
    sys.exit(main())
