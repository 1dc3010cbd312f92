#!/usr/bin/env python3
"""Independent numpy reference for the PE lowerings (sparq-to-pe).

Shares no code with the compiler. `gen` prints a module holding one
sparq.matmul per case (random operands of every precision pair, signedness
and sparsity level, fixed seed) that prints each integer result;
`check` regenerates the same cases, computes the expected results with numpy
and compares them with the printed output of mlir-runner.

  pe_reference.py gen  --set exact|drq|conv|zp [--accel FIELDS]
  pe_reference.py check --set exact|drq|conv|zp OUT [--drq threshold=T|top=R rows=RH cols=RW]

Unsigned operands are asymmetric `ui<B>` tensors with constant zero points 0
(what sparq-to-pe accepts as unsigned); signed ones are raw `i<B>` tensors.
DRQ numerics (docs/pe.md): region (RH x RW) of the activation is sensitive if
sum|x| > T * count (threshold) or it is among the R of largest mean |x| (ties to
the first in row-major order); sensitive entries multiply x, the others
floor(x / 16) * 16.

The `zp` set (asymmetric operands with nonzero zero points, float results,
sparse asymmetric weights, convolutions with padding) prints every result as
32-bit integers (float results bit-cast), and `check` compares them with
numpy's `sum (a - za)(w - zb)` (i32 wrap) and, for float results,
`f32(f64(acc) * f64(sa) * f64(sb))`: bit for bit. `--accel` puts the module
under a `#sparq_pe.accelerator<FIELDS>` (small buffers split K).
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


# ---------------------------------------------------------------------------
# zp: asymmetric operands, float results (docs/pe.md, "Zero points and scales")
# ---------------------------------------------------------------------------

ZM, ZK, ZN = 3, 20, 4


def qrange(bits, signed):
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


class Q:
    """One operand: storage integers x, bits, signedness, scheme and params.
    scheme: raw | sym | asym; gran: tensor | channel(axis); zp / scale arrays
    of the parameter shape; fmt: dense | csr."""

    def __init__(self, x, bits, signed, scheme, gran="tensor", axis=0, zp=None,
                 scale=None, fmt="dense"):
        self.x, self.bits, self.signed, self.scheme = x, bits, signed, scheme
        self.gran, self.axis, self.zp, self.scale, self.fmt = gran, axis, zp, scale, fmt

    def zp_full(self):
        """The zero point of every element (0 when not asymmetric)."""
        if self.scheme != "asym":
            return np.zeros_like(self.x)
        if self.gran == "tensor":
            return np.full_like(self.x, self.zp[0])
        shape = [1] * self.x.ndim
        shape[self.axis] = -1
        return np.broadcast_to(self.zp.reshape(shape), self.x.shape)


def zp_operand(rng, shape, bits, signed, scheme, gran="tensor", axis=0, fmt="dense",
               sparsity=0.0):
    lo, hi = qrange(bits, signed)
    x = rng.integers(lo, hi + 1, size=shape, dtype=np.int64)
    x.flat[0], x.flat[-1] = lo, hi
    n = 1 if gran == "tensor" else shape[axis]
    zp = rng.integers(lo, hi + 1, size=n, dtype=np.int64) if scheme == "asym" else None
    if zp is not None:
        zp[0] = hi if hi > 3 else 1  # a zero point far from 0
    scale = (rng.random(n) * 0.05 + 0.001).astype(np.float32) if scheme != "raw" else None
    q = Q(x, bits, signed, scheme, gran, axis, zp, scale, fmt)
    if sparsity:
        # Pruned entries hold the zero point (real value 0): what a sparse
        # format leaves unstored.
        drop = rng.random(shape) < sparsity
        q.x = np.where(drop, q.zp_full(), q.x)
    return q


def zp_cases():
    rng = np.random.default_rng(61)
    A, W = (ZM, ZK), (ZK, ZN)
    out = []
    # (kind, lhs/input, rhs/filter, result "i32" | "f32", extra)
    out.append(("mm", zp_operand(rng, A, 8, False, "asym"), zp_operand(rng, W, 8, True, "raw"), "i32", {}))
    out.append(("mm", zp_operand(rng, A, 4, True, "raw"), zp_operand(rng, W, 4, False, "asym", "channel", 1), "i32", {}))
    out.append(("mm", zp_operand(rng, A, 8, True, "asym"), zp_operand(rng, W, 8, False, "asym"), "i32", {}))
    out.append(("mm", zp_operand(rng, A, 8, False, "asym"), zp_operand(rng, W, 8, True, "sym", "channel", 1), "f32", {}))
    out.append(("mm", zp_operand(rng, A, 8, False, "asym", "channel", 0),
                zp_operand(rng, W, 4, False, "asym", "channel", 1, fmt="csr", sparsity=0.5), "f32", {}))
    out.append(("mm", zp_operand(rng, A, 2, False, "asym"),
                zp_operand(rng, (ZN, ZK), 8, True, "asym", "channel", 0), "i32", {"transpose_b": True}))
    out.append(("mm", zp_operand(rng, A, 8, True, "sym", fmt="csr", sparsity=0.6),
                zp_operand(rng, W, 8, True, "sym", "channel", 1), "f32", {}))
    # Convolutions: (layout, stride, dilation, padding).
    out.append(("conv", zp_operand(rng, (1, 2, 5, 5), 8, False, "asym"),
                zp_operand(rng, (3, 2, 3, 3), 8, True, "sym", "channel", 0), "f32",
                {"layout": "nchw_fchw", "st": (1, 1), "dl": (1, 1), "pad": (1, 1, 1, 1)}))
    out.append(("conv", zp_operand(rng, (2, 4, 4, 3), 4, True, "asym"),
                zp_operand(rng, (2, 2, 3, 2), 2, False, "asym", "channel", 3), "i32",
                {"layout": "nhwc_hwcf", "st": (2, 1), "dl": (1, 1), "pad": (1, 0, 0, 1)}))
    return out


def zp_encoding(q):
    if q.scheme == "raw":
        return None
    st = f"{'si' if q.signed else 'ui'}{q.bits}"
    gran = "tensor" if q.gran == "tensor" else f"channel({q.axis})"
    scheme = "asymmetric" if q.scheme == "asym" else "symmetric"
    return f"#sparq.quant<{st}:f32, {scheme}, {gran}>"


def zp_emit(lines, name, q):
    """Emits the operand; returns (ssa name, type)."""
    shape = shape_str(q.x.shape)
    t = f"tensor<{shape}xi{q.bits}>"
    lines.append(f"  %{name}v = arith.constant dense<{storage(q.x, q.bits).tolist()}> : {t}")
    quant = zp_encoding(q)
    if not quant:
        return f"%{name}v", t
    n = len(q.scale)
    lines.append(f"  %{name}s = arith.constant dense<{[float(v) for v in q.scale]}> : tensor<{n}xf32>")
    parts = f"scales(%{name}s : tensor<{n}xf32>)"
    if q.scheme == "asym":
        lines.append(f"  %{name}z = arith.constant dense<{q.zp.tolist()}> : tensor<{n}xi32>")
        parts += f" zero_points(%{name}z : tensor<{n}xi32>)"
    qt = f"tensor<{shape}xi{q.bits}, #sparq.encoding<dense, quant = {quant}>>"
    lines.append(f"  %{name} = sparq.assemble values(%{name}v : {t}) {parts} : {qt}")
    if q.fmt == "dense":
        return f"%{name}", qt
    ct = f"tensor<{shape}xi{q.bits}, #sparq.encoding<{q.fmt}, quant = {quant}>>"
    lines.append(f"  %{name}c = sparq.pack %{name} : {qt} -> {ct}")
    return f"%{name}c", ct


def gen_zp(accel):
    lines = []
    if accel:
        lines.append(f"module attributes {{sparq_pe.accelerator = #sparq_pe.accelerator<{accel}>}} {{")
    lines += ["func.func private @printMemrefI32(memref<*xi32>)", "func.func @main() {"]
    for i, (kind, a, w, res, ex) in enumerate(zp_cases()):
        an, at = zp_emit(lines, f"a{i}", a)
        wn, wt = zp_emit(lines, f"w{i}", w)
        if kind == "mm":
            osh = (ZM, ZN)
            ot = f"tensor<{shape_str(osh)}x{res}>"
            tb = " transpose_b" if ex.get("transpose_b") else ""
            lines.append(f"  %c{i} = sparq.matmul {an}, {wn}{tb} acc(i32) : {at}, {wt} -> {ot}")
        else:
            osh = conv_out_shape(ex["layout"], a.x.shape, w.x.shape, ex["st"], ex["dl"], ex["pad"])
            ot = f"tensor<{shape_str(osh)}x{res}>"
            st, dl, pad = ex["st"], ex["dl"], ex["pad"]
            lines.append(f"  %c{i} = sparq.conv2d {an}, {wn} layout({ex['layout']}) acc(i32) "
                         f"strides = [{st[0]}, {st[1]}] dilations = [{dl[0]}, {dl[1]}] "
                         f"padding = [{', '.join(map(str, pad))}] : {at}, {wt} -> {ot}")
        it = f"tensor<{shape_str(osh)}xi32>"
        src = f"%c{i}"
        if res == "f32":
            lines.append(f"  %b{i} = arith.bitcast %c{i} : {ot} to {it}")
            src = f"%b{i}"
        mt = f"memref<{shape_str(osh)}xi32>"
        lines.append(f"  %m{i} = bufferization.to_buffer {src} : {it} to {mt}")
        lines.append(f"  %u{i} = memref.cast %m{i} : {mt} to memref<*xi32>")
        lines.append(f"  call @printMemrefI32(%u{i}) : (memref<*xi32>) -> ()")
    lines += ["  return", "}"]
    if accel:
        lines.append("}")
    print("\n".join(lines))


def zp_expected(kind, a, w, res, ex):
    ra = a.x - a.zp_full()
    rw = w.x - w.zp_full()
    if kind == "mm":
        if ex.get("transpose_b"):
            rw = rw.T
        acc = wrap32(ra @ rw)
        if res == "i32":
            return acc.astype(np.int64)
        v = acc.astype(np.float64)
        if a.scheme != "raw":
            v = v * (a.scale.astype(np.float64)[:, None] if a.gran != "tensor"
                     else np.float64(a.scale[0]))
        if w.scheme != "raw":
            sw = w.scale.astype(np.float64)
            v = v * (sw if w.gran != "tensor" else sw[0])
        return v.astype(np.float32).view(np.int32).astype(np.int64)
    acc = wrap32(conv_reference(ex["layout"], ra, rw, ex["st"], ex["dl"], ex["pad"]))
    if res == "i32":
        return acc
    ch = 1 if ex["layout"] == "nchw_fchw" else 3
    v = acc.astype(np.float64)
    shape = [1, 1, 1, 1]
    shape[ch] = -1
    if a.scheme != "raw":
        v = v * np.float64(a.scale[0])
    if w.scheme != "raw":
        sw = w.scale.astype(np.float64)
        v = v * (sw.reshape(shape) if w.gran != "tensor" else sw[0])
    return v.astype(np.float32).view(np.int32).astype(np.int64)


def check_zp(path):
    text = open(path).read()
    blocks = text.split("Unranked Memref")[1:]
    cs = zp_cases()
    if len(blocks) != len(cs):
        print(f"FAIL: {len(blocks)} results printed, {len(cs)} cases")
        return 1
    bad = 0
    for i, (case, blk) in enumerate(zip(cs, blocks)):
        want = zp_expected(*case).reshape(-1)
        got = np.array([int(v) for v in re.findall(r"-?\d+", blk.split("data =", 1)[1])], dtype=np.int64)
        if got.size != want.size or not np.array_equal(got, want):
            bad += 1
            print(f"FAIL zp case {i} ({case[0]}, {case[3]})\nwant {want.tolist()}\ngot  {got.tolist()}")
    print(f"{len(cs) - bad} of {len(cs)} zero-point / scaled cases bit-exact")
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
        elif x == "--accel":
            opts["accel"] = args.pop(0)
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
        if which == "zp":
            gen_zp(opts.get("accel"))
        else:
            gen_conv() if which == "conv" else gen(which)
        return 0
    if which == "zp":
        return check_zp(rest[0])
    if which == "conv":
        return check_conv(rest[0])
    return check(which, rest[0], opts)


if __name__ == "__main__":
    sys.exit(main())
