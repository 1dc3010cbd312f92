#!/usr/bin/env python3
"""Writes the MLIR module of ../exact-float-accumulation-run.mlir: integer
products whose partial sums reach the bound of exact float accumulation
(docs/dataflow.md, Numerics) and one step past it, with numpy's results
embedded as constants.

Each kernel @k_<name> takes the activation X (and, for two run-time
operands, W) as an argument, so the lowering sees it as a run-time operand;
the weight is a constant inside the kernel. @main calls every kernel,
prints "<name> mismatches <count>" (outputs that differ from numpy's int64
product, which must be 0 on both the f32 and the i32 path) and
"<name> c00 <value>" (the adversarial output C[0, 0]: e.g. 1024 products of
-128 * -128 = 2^24, the largest exact f32 sum, or 2^24 + 1, which f32 cannot
hold, on the i32 side of the bound).
"""
import numpy as np

rng = np.random.default_rng(20261127)

cases = []


def add(name, x, w, x_kind="i8", w_kind="dense", flow=None, zw=None):
    """x_kind: i8 / i16 raw signed integers, or "u8z" (ui8 asymmetric,
    per-tensor zero point 3); w_kind: dense / csc / csr / nm (si8 constant,
    raw), "asym" (dense si8 per-channel asymmetric constant), "rt" (a
    run-time raw i8 argument; "rt_t" the same stored [N, K] with
    transpose_b), "lhs_csr" (the constant is the left operand
    A = W^T[N, K] in CSR and X^T[K, M] the run-time right operand)."""
    cases.append(dict(name=name, x=np.asarray(x), w=np.asarray(w),
                      x_kind=x_kind, w_kind=w_kind, flow=flow, zw=zw))


def lit(a):
    if a.ndim == 1:
        return "[" + ", ".join(str(int(v)) for v in a) + "]"
    return "[" + ", ".join(lit(r) for r in a) + "]"


def sparse(shape, density, lo=-128, hi=128):
    w = rng.integers(lo, hi, shape)
    w[rng.random(shape) >= density] = 0
    return w


def extremes(m, k, v=-128):
    """Row 0 all `v` (the adversarial row), row 1 all 127, others random."""
    x = rng.integers(-128, 128, (m, k))
    x[0, :] = v
    if m > 1:
        x[1, :] = 127
    return x


# 1. K = 1024 si8 x si8 constant: column 0 is 1024 x -128, so the bound is
#    128 * 131072 = 2^24 exactly (f32) and C[0, 0] = 2^24.
w = rng.integers(-128, 128, (1024, 9))
w[:, 0] = -128
w[:, 1] = 127
add("dense_k1024", extremes(3, 1024), w)
# The same at the bench's layout: CSC weight (C^T orientation, transposed
# X copied as f32), tile edges (M = 13, N = 70).
w = sparse((1024, 70), 0.1)
w[:, 0] = -128
w[:, 69] = -128
add("csc_k1024", extremes(13, 1024), w, w_kind="csc")
# CSR weight under outer and inner (dense R: axpy rows / register tiles).
add("csr_outer_k1024", extremes(5, 1024), w[:, :20], w_kind="csr",
    flow="outer")
add("csr_inner_k1024", extremes(5, 1024), w[:, :20], w_kind="csr",
    flow="inner")
# Packed at run time (values unknown to the compiler: K * 128 * 128 = 2^24).
add("rt_csr_k1024", extremes(4, 1024), w[:, :12], w_kind="rt_csr")
# 2:4 weight packed at run time (bound K * 128 * 128 = 2^24).
w = rng.integers(1, 128, (1024, 24)) * rng.choice([-1, 1], (1024, 24))
w[:, 0] = -128
for g in range(0, 1024, 4):
    for j in range(24):
        w[g + rng.choice(4, 2, replace=False), j] = 0
add("nm_k1024", extremes(9, 1024), w, w_kind="nm")
# The same 2:4 weight as --sparq-pack stores it: constant values, metadata
# packed by sparq.from_bytes (not read by the compiler); its values are
# made an f32 constant, bounded by each column's sum of |w| (its row of the
# [N, K / 2] values): 128 * 512 * 128.
add("nm_const_k1024", extremes(9, 1024), w, w_kind="nm_const")
# A compile-time 2:4 weight at K = 2048, where K * 128 * 128 = 2^25: its
# values (not its packed metadata) give each column's sum of |w|, 1024 x 128
# in column 0, so the bound is 128 * 131072 = 2^24 (f32) and C[0, 0] = 2^24.
def nm_weight(k, n):
    w = rng.integers(1, 128, (k, n)) * rng.choice([-1, 1], (k, n))
    w[:, 0] = -128
    for g in range(0, k, 4):
        for j in range(n):
            w[g + rng.choice(4, 2, replace=False), j] = 0
    return w


add("nm_const_k2048", extremes(5, 2048), nm_weight(2048, 10), w_kind="nm_const")
# Past it: K = 2052, column 0 holds 1025 x -128 and a 1 (sum 131201), X row
# 0 is -128 but 1 where that 1 is: C[0, 0] = 1025 * 2^14 + 1 = 16793601,
# not an f32: i32.
w = nm_weight(2052, 10)
one = int(np.flatnonzero(w[:, 0])[7])
w[one, 0] = 1
x = extremes(5, 2052)
x[0, one] = 1
add("nm_const_k2052", x, w, w_kind="nm_const")
# The same under dataflow(dense): decompressed in the compiler (constant
# values) or scattered at run time (packed at run time, stored [N, K]):
# f32 per reduction block either way (256 * 128 * 128).
add("nm_const_dense_k2052", x, w, w_kind="nm_const", flow="dense")
add("nm_dense_k2052", x, w, w_kind="nm", flow="dense")
# Constant on the left (W^T in CSR), run-time X^T on the right read in place
# (converted to f32 once, same order).
w = sparse((1024, 11), 0.2)
w[:, 0] = -128
add("lhs_csr_k1024", extremes(6, 1024), w, w_kind="lhs_csr")

def past_bound(k, n, m):
    """A [k, n] si8 weight whose column 0 is (k - 1) x -128 and a 1, and an
    [m, k] activation whose row 0 is likewise (extremes): C[0, 0] =
    (k - 1) * 2^14 + 1, odd, not an f32 once it passes 2^24."""
    w = rng.integers(-128, 128, (k, n))
    w[:, 0] = -128
    w[k - 1, 0] = 1
    x = extremes(m, k)
    x[0, k - 1] = 1
    return x, w


# 2. One step past the bound: K = 1025, column 0 = 1024 x -128 and a 1, row
#    0 of X likewise: C[0, 0] = 2^24 + 1 (odd, not an f32). A dense weight
#    in C = A * B takes the dense GEMM, exact in f32 per reduction block of
#    256 (256 * 128 * 128 = 2^22) with the block sums added in i32; the CSC
#    weight stays on the i32 path.
x, w = past_bound(1025, 9, 3)
add("dense_k1025", x, w)
add("csc_k1025", x, w, w_kind="csc")
add("rt_csr_dense_k1025", x, w, w_kind="rt_csr", flow="dense")

# 3. Both run-time (dense GEMM): K * 128 * 128 is 2^24 at K = 1024 (f32)
#    and past it at K = 1025 (f32 per reduction block, C[0, 0] = 2^24 + 1).
w = rng.integers(-128, 128, (1024, 20))
w[:, 0] = -128
add("rt_k1024", extremes(7, 1024), w, w_kind="rt")
x, w = past_bound(1025, 20, 7)
add("rt_k1025", x, w, w_kind="rt")

# 3b. f32 per reduction block at an AlexNet-like K = 3456 (13.5 blocks of
#    256, the last one partial), tile edges (M = 13, N = 37), a constant
#    dense weight: C[0, 0] = 3455 * 2^14 + 1 = 56606721, odd and above 2^24
#    (f32 across blocks would round it), and both operands run-time.
x, w = past_bound(3456, 37, 13)
add("dense_k3456_blocks", x, w)
add("rt_k3456_blocks", x, w, w_kind="rt")
add("rt_t_k3456_blocks", x, w, w_kind="rt_t")

# 4. i16 activations (max 32768): column 0 of W sums to 512 in magnitude,
#    32768 * 512 = 2^24 (f32); with one more 1 it is 513 (i32), and
#    C[0, 0] = 2^24 + 1 with X row 0 = [-32768] * 4 + [1].
w = np.array([[-128, 3, -1], [-128, -7, 2], [-128, 100, 0], [-128, 0, 5]])
x = rng.integers(-32768, 32768, (4, 4))
x[0, :] = -32768
add("i16_at_bound", x, w, x_kind="i16")
w = np.vstack([w, [[1, 2, 3]]])
x = rng.integers(-32768, 32768, (4, 5))
x[0, :4] = -32768
x[0, 4] = 1
add("i16_past_bound", x, w, x_kind="i16")

# 5. Asymmetric: ui8 activations (zero point 3, kept as stored: |x| <= 255)
#    times a per-channel asymmetric si8 constant (q - zw folded in the
#    compiler, up to 255 in magnitude): column 0 is 258 x (127 - (-128)) and
#    one 0, so 255 * 255 * 258 = 16776450 <= 2^24 (f32; then the zero-point
#    correction in i32); with a column of 259 x 255 it is 16841475 (i32).
k = 259
wq = rng.integers(-64, 64, (k, 4))
wq[:258, 0] = 127
wq[258, 0] = -128  # q - zw = 0
wq[:, 1] = 127
x = rng.integers(0, 256, (5, k))
x[0, :] = 255
add("u8z_asym_f32", x, wq[:, [0, 2, 3]], x_kind="u8z", w_kind="asym",
    zw=np.array([-128, 1, -5]))
add("u8z_asym_i32", x, wq, x_kind="u8z", w_kind="asym",
    zw=np.array([-128, -128, 1, -5]))


def expected(c):
    x = c["x"].astype(np.int64)
    w = c["w"].astype(np.int64)
    if c["x_kind"] == "u8z":
        x = x - 3
    if c["w_kind"] == "asym":
        w = w - c["zw"][None, :]
    return x @ w


def assemble_constant(w, fmt, et):
    """%w = sparq.assemble of constant csr / csc parts of w."""
    lines = w if fmt == "csr" else w.T
    pos, crd, val = [0], [], []
    for line in lines:
        nz = np.nonzero(line)[0]
        crd += list(nz)
        val += list(line[nz])
        pos.append(len(crd))
    nnz = len(crd)
    return [f"  %wv = arith.constant dense<{lit(np.array(val))}> : tensor<{nnz}xi8>",
            f"  %wp = arith.constant dense<{lit(np.array(pos))}> : tensor<{len(pos)}xi32>",
            f"  %wc = arith.constant dense<{lit(np.array(crd))}> : tensor<{nnz}xi32>",
            f"  %w = sparq.assemble values(%wv : tensor<{nnz}xi8>) positions(%wp : tensor<{len(pos)}xi32>) coordinates(%wc : tensor<{nnz}xi32>) : {et}"]


def u8(a):
    return np.asarray(a).astype(np.uint8).astype(np.int8)


out = ["// Generated by test/Integration/dataflow/Inputs/gen_exact_float.py."]
main = ["func.func @main() {",
        "  %i0 = arith.constant 0 : index"]
counters = set()
XU = "#sparq.encoding<dense, quant = #sparq.quant<ui8:f32, asymmetric, tensor>>"
WA = "#sparq.encoding<dense, quant = #sparq.quant<si8:f32, asymmetric, channel(1)>>"
for c in cases:
    name, x, w = c["name"], c["x"], c["w"]
    m, k = x.shape
    n = w.shape[1]
    e = expected(c)
    assert np.abs(e).max() < 2**31
    flow = f" dataflow({c['flow']})" if c["flow"] else ""
    rt = f"tensor<{m}x{n}xi32>"
    xe = "i16" if c["x_kind"] == "i16" else "i8"
    xt = f"tensor<{m}x{k}x{xe}>"
    body, args, call_args, arg_types = [], [], [], []
    # The activation argument.
    if c["x_kind"] == "u8z":
        xq = f"tensor<{m}x{k}xi8, {XU}>"
        args.append(f"%x: {xq}")
        arg_types.append(xq)
        main += [f"  %{name}_xv = arith.constant dense<{lit(u8(x))}> : {xt}",
                 f"  %{name}_xs = arith.constant dense<[1.0]> : tensor<1xf32>",
                 f"  %{name}_xz = arith.constant dense<[3]> : tensor<1xi32>",
                 f"  %{name}_x = sparq.assemble values(%{name}_xv : {xt}) scales(%{name}_xs : tensor<1xf32>) zero_points(%{name}_xz : tensor<1xi32>) : {xq}"]
        call_args.append(f"%{name}_x")
    elif c["w_kind"] == "lhs_csr":
        xtt = f"tensor<{k}x{m}x{xe}>"
        args.append(f"%x: {xtt}")
        arg_types.append(xtt)
        main.append(f"  %{name}_x = arith.constant dense<{lit(x.T)}> : {xtt}")
        call_args.append(f"%{name}_x")
    else:
        args.append(f"%x: {xt}")
        arg_types.append(xt)
        main.append(f"  %{name}_x = arith.constant dense<{lit(x)}> : {xt}")
        call_args.append(f"%{name}_x")
    wt = f"tensor<{k}x{n}xi8>"
    kind = c["w_kind"]
    if kind == "rt_t":
        # Run-time, stored [N, K] (transpose_b): converted to rows at run
        # time, then the dense GEMM.
        wtt = f"tensor<{n}x{k}xi8>"
        args.append(f"%w: {wtt}")
        arg_types.append(wtt)
        main.append(f"  %{name}_w = arith.constant dense<{lit(w.T)}> : {wtt}")
        call_args.append(f"%{name}_w")
        body.append(f"  %c = sparq.matmul %x, %w transpose_b acc(i32){flow} : {xt}, {wtt} -> {rt}")
    elif kind == "rt":
        args.append(f"%w: {wt}")
        arg_types.append(wt)
        main.append(f"  %{name}_w = arith.constant dense<{lit(w)}> : {wt}")
        call_args.append(f"%{name}_w")
        body.append(f"  %c = sparq.matmul %x, %w acc(i32){flow} : {xt}, {wt} -> {rt}")
    elif kind == "dense":
        body.append(f"  %w = arith.constant dense<{lit(w)}> : {wt}")
        body.append(f"  %c = sparq.matmul %x, %w acc(i32){flow} : {xt}, {wt} -> {rt}")
    elif kind in ("csc", "csr"):
        # A sparq.assemble of constants, as --sparq-pack stores a weight.
        et = f"tensor<{k}x{n}xi8, #sparq.encoding<{kind}>>"
        body += assemble_constant(w, kind, et)
        body.append(f"  %c = sparq.matmul %x, %w acc(i32){flow} : {xt}, {et} -> {rt}")
    elif kind == "rt_csr":
        # Packed at run time: the compiler cannot read its values.
        et = f"tensor<{k}x{n}xi8, #sparq.encoding<csr>>"
        body.append(f"  %wd = arith.constant dense<{lit(w)}> : {wt}")
        body.append(f"  %w = sparq.pack %wd : {wt} -> {et}")
        body.append(f"  %c = sparq.matmul %x, %w acc(i32){flow} : {xt}, {et} -> {rt}")
    elif kind == "nm":
        wtt = f"tensor<{n}x{k}xi8>"
        et = f"tensor<{n}x{k}xi8, #sparq.encoding<nm<2, 4>>>"
        body.append(f"  %wd = arith.constant dense<{lit(w.T)}> : {wtt}")
        body.append(f"  %w = sparq.pack %wd : {wtt} -> {et}")
        body.append(f"  %c = sparq.matmul %x, %w transpose_b acc(i32){flow} : {xt}, {et} -> {rt}")
    elif kind == "nm_const":
        # Stored [N, K] (transpose_b), 2 slots per group of 4 along K.
        vals, meta = [], []
        for row in w.T:
            for g in range(0, k, 4):
                kept = [i for i in range(4) if row[g + i] != 0]
                assert len(kept) == 2
                vals += [row[g + i] for i in kept]
                meta += kept
        bits = 0
        for i, mv in enumerate(meta):
            bits |= mv << (2 * i)
        nbytes = (2 * len(meta) + 7) // 8
        packed = np.frombuffer(bits.to_bytes(nbytes, "little"), dtype=np.int8)
        et = f"tensor<{n}x{k}xi8, #sparq.encoding<nm<2, 4>>>"
        vt = f"tensor<{n}x{k // 2}xi8>"
        body.append(f"  %wv = arith.constant dense<{lit(np.array(vals).reshape(n, k // 2))}> : {vt}")
        body.append(f"  %wb = arith.constant dense<{lit(packed)}> : tensor<{nbytes}xi8>")
        body.append(f"  %wm = sparq.from_bytes %wb : tensor<{nbytes}xi8> -> tensor<{n}x{k // 2}xi2>")
        body.append(f"  %w = sparq.assemble values(%wv : {vt}) metadata(%wm : tensor<{n}x{k // 2}xi2>) : {et}")
        body.append(f"  %c = sparq.matmul %x, %w transpose_b acc(i32){flow} : {xt}, {et} -> {rt}")
    elif kind == "lhs_csr":
        # C^T[N, M] = W^T[N, K] * X^T[K, M]
        rt = f"tensor<{n}x{m}xi32>"
        e = e.T
        wtt = f"tensor<{n}x{k}xi8>"
        et = f"tensor<{n}x{k}xi8, #sparq.encoding<csr>>"
        xtt = f"tensor<{k}x{m}x{xe}>"
        body += assemble_constant(w.T, "csr", et)
        body.append(f"  %c = sparq.matmul %w, %x acc(i32){flow} : {et}, {xtt} -> {rt}")
    elif kind == "asym":
        zw = c["zw"]
        wq = f"tensor<{k}x{n}xi8, {WA}>"
        body.append(f"  %wv = arith.constant dense<{lit(w)}> : {wt}")
        body.append(f"  %ws = arith.constant dense<1.0> : tensor<{n}xf32>")
        body.append(f"  %wz = arith.constant dense<{lit(zw)}> : tensor<{n}xi32>")
        body.append(f"  %w = sparq.assemble values(%wv : {wt}) scales(%ws : tensor<{n}xf32>) zero_points(%wz : tensor<{n}xi32>) : {wq}")
        body.append(f"  %c = sparq.matmul %x, %w acc(i32){flow} : {arg_types[0]}, {wq} -> {rt}")
    out.append(f"func.func @k_{name}({', '.join(args)}) -> {rt} {{")
    out += body
    out.append(f"  return %c : {rt}")
    out.append("}")
    rm, rn = (n, m) if kind == "lhs_csr" else (m, n)
    fn = f"count_{rm}x{rn}"
    main += [f"  %{name}_c = func.call @k_{name}({', '.join(call_args)}) : ({', '.join(arg_types)}) -> {rt}",
             f"  %{name}_e = arith.constant dense<{lit(e)}> : {rt}",
             f"  %{name}_n = func.call @{fn}(%{name}_c, %{name}_e) : ({rt}, {rt}) -> index",
             f'  vector.print str "{name} mismatches "',
             f"  vector.print %{name}_n : index",
             f"  %{name}_00 = tensor.extract %{name}_c[%i0, %i0] : {rt}",
             f'  vector.print str "{name} c00 "',
             f"  vector.print %{name}_00 : i32"]
    if fn not in counters:
        counters.add(fn)
        out.append(f"""func.func @{fn}(%c: {rt}, %e: {rt}) -> index {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = arith.constant {rm} : index
  %n = arith.constant {rn} : index
  %r = scf.for %i = %c0 to %m step %c1 iter_args(%a = %c0) -> (index) {{
    %s = scf.for %j = %c0 to %n step %c1 iter_args(%b = %a) -> (index) {{
      %u = tensor.extract %c[%i, %j] : {rt}
      %v = tensor.extract %e[%i, %j] : {rt}
      %d = arith.cmpi ne, %u, %v : i32
      %b1 = arith.addi %b, %c1 : index
      %b2 = arith.select %d, %b1, %b : index
      scf.yield %b2 : index
    }}
    scf.yield %s : index
  }}
  return %r : index
}}""")
main += ["  return", "}"]
print("\n".join(out + main))
