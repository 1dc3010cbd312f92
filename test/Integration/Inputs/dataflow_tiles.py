#!/usr/bin/env python3
"""Writes the MLIR module of test/Integration/sparq-lower-dataflow-tiles-run
(and its OpenMP twin): sparq.matmul cases whose shapes hit every edge of the
dataflow loops' tiles (register tiles of 8 x vector<8>, 8 x 8 transposed
blocks of the C^T orientation, the dense GEMM's 6 x 16 register tiles,
256-deep reduction blocks and 512-wide column blocks, empty rows and columns),
with the expected results computed here by numpy and embedded as constants.
@main counts, per case, the outputs that differ from numpy's and prints
"NAME mismatches COUNT"; every value is a small integer, so float sums are
exact and every count must be 0.
"""
import sys

import numpy as np

rng = np.random.default_rng(20261126)


def lit(a):
    if a.ndim == 1:
        return "[" + ", ".join(str(int(v)) for v in a) + "]"
    return "[" + ", ".join(lit(r) for r in a) + "]"


def fmt(a, et):
    if et == "f32":
        return "[" + ", ".join(
            "[" + ", ".join(f"{float(v):.1f}" for v in r) + "]" for r in a) + "]"
    return lit(a)


def sparse(shape, density, empty_cols=(), empty_rows=()):
    w = rng.integers(-3, 4, shape)
    w[rng.random(shape) >= density] = 0
    for c in empty_cols:
        w[:, c] = 0
    for r in empty_rows:
        w[r, :] = 0
    return w


def nm24(shape):
    """2:4 along the rows (K) of a K x N matrix."""
    k, n = shape
    w = rng.integers(1, 4, shape) * rng.choice([-1, 1], shape)
    for g in range(0, k, 4):
        for j in range(n):
            drop = rng.choice(4, 2, replace=False)
            w[g + drop, j] = 0
    return w


cases = []  # (name, M, K, N, dtype, lhs builder, rhs builder, x, w)


def add(name, x, w, lhs="", rhs="", dtype="f32"):
    cases.append((name, x, w, lhs, rhs, dtype))


# Cases whose X (or W) is a function argument (not a constant the compiler
# converts): their matmul is in a function of its own, called from @main.
runtime_x = {"i8csc_128x37x21"}
runtime_w = {"wt_csr_24x40x37", "wt_2of4_24x40x37", "wt_i8csr_24x40x37"}


# C^T = W^T X^T with a CSC / CSR weight: P = N rows of L in blocks of 8
# (64 + 6), Q = M columns (one vector + 5 scalars), empty rows of L.
add("csc_13x37x70", rng.integers(-3, 4, (13, 37)),
    sparse((37, 70), 0.3, empty_cols=(0, 9, 69)), rhs="csc")
add("csr_13x37x70", rng.integers(-3, 4, (13, 37)),
    sparse((37, 70), 0.3, empty_cols=(5,), empty_rows=(3,)), rhs="csr")
# Q = 75: a full register tile (64), one vector, 3 scalars; P = 16.
add("csc_75x20x16", rng.integers(-3, 4, (75, 20)),
    sparse((20, 16), 0.4, empty_cols=(15,)), rhs="csc")
# P = 5 < 8: only the per-row path.
add("csc_9x12x5", rng.integers(-3, 4, (9, 12)), sparse((12, 5), 0.5), rhs="csc")
# A sparse (row-wise with L = A, output not transposed), Q = 75.
add("csra_21x30x75", sparse((21, 30), 0.3, empty_rows=(0, 20)),
    rng.integers(-3, 4, (30, 75)), lhs="csr")
# 2:4 weight: fixed-trip groups in the C^T blocks.
add("nm_11x40x24", rng.integers(-3, 4, (11, 40)), nm24((40, 24)), rhs="nm")
# Dense x dense: the blocked GEMM; rows 6 + 6 + 1, reduction 256 + 4,
# columns 512 + 18 (a full and a zero-padded edge panel).
add("dense_13x260x530", rng.integers(-3, 4, (13, 260)),
    rng.integers(-3, 4, (260, 530)))
add("dense_7x9x5", rng.integers(-3, 4, (7, 9)), rng.integers(-3, 4, (9, 5)))
# int8 (symmetric, scale 1) with an i32 accumulator: values stay i8 in memory.
add("i8csc_13x37x70", rng.integers(-128, 128, (13, 37)),
    sparse((37, 70), 0.3, empty_cols=(2,)) * 40, rhs="csc", dtype="i8")
add("i8dense_13x260x40", rng.integers(-128, 128, (13, 260)),
    rng.integers(-128, 128, (260, 40)), dtype="i8")
add("u8dense_9x33x20", rng.integers(0, 256, (9, 33)),
    rng.integers(0, 256, (33, 20)), dtype="u8")
# M = 128: X^T's rows (128 f32 = 512 bytes) are padded by one cache line
# (paddedRowStride), K = 37 leaves an edge of the transposed copy, N = 21 a
# remainder of L's row blocks; in int8 (exact f32 accumulation, X a run-time
# argument: runtime_x) the copy also converts i8 to f32.
add("csc_128x37x21", rng.integers(-3, 4, (128, 37)),
    sparse((37, 21), 0.3, empty_cols=(4,)), rhs="csc")
add("i8csc_128x37x21", rng.integers(-128, 128, (128, 37)),
    sparse((37, 21), 0.3, empty_cols=(7,)) * 40, rhs="csc", dtype="i8")
# N = 32 (a multiple of 8 and 16 lanes): every row of W^T is in a row block,
# so in int8 the blocks store the i32 result themselves (fptosi of the exact
# f32 sums on the way, KernelOptions::finalOut), negative sums included.
add("i8csc_21x37x32", rng.integers(-128, 128, (21, 37)),
    sparse((37, 32), 0.4, empty_cols=(5,)) * 40, rhs="csc", dtype="i8")

# C^T = W^T X^T written as such: the sparse weight W^T on the left (a
# constant, for --plain-weights and --sparq-pack), X^T [K, M] a run-time
# argument read in place by the row kernel. M = 37 f32 (148-byte rows) and
# i8 (converted to f32 on a copy) start off cache lines: the row kernel
# reads a copy with 64-byte-aligned rows (alignedRowsCopy, 48 floats wide).
add("wt_csr_24x40x37", sparse((24, 40), 0.5, empty_rows=(3,)),
    rng.integers(-3, 4, (40, 37)), lhs="csr")
add("wt_2of4_24x40x37", nm24((40, 24)).T.copy(), rng.integers(-3, 4, (40, 37)),
    lhs="nm")
add("wt_i8csr_24x40x37", sparse((24, 40), 0.5, empty_rows=(0,)) * 40,
    rng.integers(-128, 128, (40, 37)), lhs="csr", dtype="i8")

# An optional argument keeps only the cases whose name contains it; with
# --plain-weights the weights of the kept cases are left dense (constants or
# dense quantized sparq.assemble of constants) for --sparq-pack to compress
# at compile time (an nm case's weight is then its plain K x N 2:4 matrix).
args = [a for a in sys.argv[1:] if not a.startswith("--")]
plain = "--plain-weights" in sys.argv[1:]
if args:
    cases = [c for c in cases if args[0] in c[0]]
if plain:
    cases = [c[:3] + ("", "") + c[5:] for c in cases]

enc = {"csc": "#sparq.encoding<csc>", "csr": "#sparq.encoding<csr>",
       "nm": "#sparq.encoding<nm<2, 4>>"}

out = []
out.append("// Generated by test/Integration/Inputs/dataflow_tiles.py.")
bodies, funcs, seen = [], [], set()
for name, x, w, lhs, rhs, dtype in cases:
    m, k = x.shape
    n = w.shape[1]
    c = x.astype(np.int64) @ w.astype(np.int64)
    if dtype == "f32":
        et, ct = "f32", "f32"
        xt, wt = f"tensor<{m}x{k}xf32>", f"tensor<{k}x{n}xf32>"
        b = [f"  %{name}_x = arith.constant dense<{fmt(x, et)}> : {xt}",
             f"  %{name}_w = arith.constant dense<{fmt(w, et)}> : {wt}"]
        a_val, a_ty = f"%{name}_x", xt
        w_val, w_ty = f"%{name}_w", wt
        if lhs:
            a_ty = f"tensor<{m}x{k}xf32, {enc[lhs]}>"
            b.append(f"  %{name}_a = sparq.pack %{name}_x : {xt} -> {a_ty}")
            a_val = f"%{name}_a"
        tb = ""
        if rhs == "nm":
            # N:M groups run along the last axis: the weight is stored
            # transposed (N x K, groups along K), as --sparq-pack stores it.
            wtt = f"tensor<{n}x{k}xf32>"
            w_ty = f"tensor<{n}x{k}xf32, {enc[rhs]}>"
            b[1] = f"  %{name}_w = arith.constant dense<{fmt(w.T, et)}> : {wtt}"
            b.append(f"  %{name}_b = sparq.pack %{name}_w : {wtt} -> {w_ty}")
            w_val, tb = f"%{name}_b", " transpose_b"
        elif rhs:
            w_ty = f"tensor<{k}x{n}xf32, {enc[rhs]}>"
            b.append(f"  %{name}_b = sparq.pack %{name}_w : {wt} -> {w_ty}")
            w_val = f"%{name}_b"
        acc = "f32"
    else:
        # ui8 needs an asymmetric quant: X has zero point 3, W zero point 0.
        q = ("#sparq.quant<ui8:f32, asymmetric, tensor>" if dtype == "u8"
             else "#sparq.quant<si8:f32, symmetric, tensor>")
        zp = dtype == "u8"
        if zp:
            c = (x.astype(np.int64) - 3) @ w.astype(np.int64)
        et, ct = "i8", "i32"
        xt, wt = f"tensor<{m}x{k}xi8>", f"tensor<{k}x{n}xi8>"
        xs = x.astype(np.uint8).astype(np.int8) if dtype == "u8" else x
        ws = w.astype(np.uint8).astype(np.int8) if dtype == "u8" else w
        qd = f"#sparq.encoding<dense, quant = {q}>"
        b = [f"  %{name}_x = arith.constant dense<{lit(xs)}> : {xt}",
             f"  %{name}_w = arith.constant dense<{lit(ws)}> : {wt}",
             f"  %{name}_s = arith.constant dense<[1.0]> : tensor<1xf32>",
             f"  %{name}_z3 = arith.constant dense<[3]> : tensor<1xi32>",
             f"  %{name}_z0 = arith.constant dense<[0]> : tensor<1xi32>"]
        za = f" zero_points(%{name}_z3 : tensor<1xi32>)" if zp else ""
        zw = f" zero_points(%{name}_z0 : tensor<1xi32>)" if zp else ""
        b += [f"  %{name}_a = sparq.assemble values(%{name}_x : {xt}) scales(%{name}_s : tensor<1xf32>){za} : tensor<{m}x{k}xi8, {qd}>",
              f"  %{name}_wd = sparq.assemble values(%{name}_w : {wt}) scales(%{name}_s : tensor<1xf32>){zw} : tensor<{k}x{n}xi8, {qd}>"]
        a_val, a_ty = f"%{name}_a", f"tensor<{m}x{k}xi8, {qd}>"
        if lhs:
            a_ty = f"tensor<{m}x{k}xi8, #sparq.encoding<{lhs}, quant = {q}>>"
            b.append(f"  %{name}_ap = sparq.pack %{name}_a : tensor<{m}x{k}xi8, {qd}> -> {a_ty}")
            a_val = f"%{name}_ap"
        w_val, w_ty = f"%{name}_wd", f"tensor<{k}x{n}xi8, {qd}>"
        if rhs:
            w_ty = f"tensor<{k}x{n}xi8, #sparq.encoding<{rhs}, quant = {q}>>"
            b.append(f"  %{name}_b = sparq.pack %{name}_wd : tensor<{k}x{n}xi8, {qd}> -> {w_ty}")
            w_val = f"%{name}_b"
        acc, tb = "i32", ""
    rt = f"tensor<{m}x{n}x{ct}>"
    b.append(f"  %{name}_c = sparq.matmul {a_val}, {w_val}{tb} acc({acc}) : {a_ty}, {w_ty} -> {rt}")
    if name in runtime_w:
        # b[1] defines the right operand's values (f32: %NAME_w; int8:
        # %NAME_w, assembled by a later line of b).
        funcs.append("\n".join(
            [f"func.func @{name}_mm(%{name}_w: {wt}) -> {rt} {{", b[0]] +
            b[2:] + [f"  return %{name}_c : {rt}", "}"]))
        b = [b[1], f"  %{name}_c = func.call @{name}_mm(%{name}_w) : ({wt}) -> {rt}"]
    elif name in runtime_x:
        funcs.append("\n".join(
            [f"func.func @{name}_mm(%{name}_x: {xt}) -> {rt} {{"] + b[1:] +
            [f"  return %{name}_c : {rt}", "}"]))
        b = [b[0], f"  %{name}_c = func.call @{name}_mm(%{name}_x) : ({xt}) -> {rt}"]
    b.append(f"  %{name}_e = arith.constant dense<{fmt(c, ct)}> : {rt}")
    fn = f"count_{m}x{n}x{ct}"
    b.append(f"  %{name}_n = func.call @{fn}(%{name}_c, %{name}_e) : ({rt}, {rt}) -> index")
    b.append(f'  vector.print str "{name} mismatches "')
    b.append(f"  vector.print %{name}_n : index")
    bodies.extend(b)
    if fn not in seen:
        seen.add(fn)
        ne = "arith.cmpf une" if ct == "f32" else "arith.cmpi ne"
        funcs.append(f"""func.func @{fn}(%c: {rt}, %e: {rt}) -> index {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = arith.constant {m} : index
  %n = arith.constant {n} : index
  %r = scf.for %i = %c0 to %m step %c1 iter_args(%a = %c0) -> (index) {{
    %s = scf.for %j = %c0 to %n step %c1 iter_args(%b = %a) -> (index) {{
      %u = tensor.extract %c[%i, %j] : {rt}
      %v = tensor.extract %e[%i, %j] : {rt}
      %d = {ne}, %u, %v : {ct}
      %b1 = arith.addi %b, %c1 : index
      %b2 = arith.select %d, %b1, %b : index
      scf.yield %b2 : index
    }}
    scf.yield %s : index
  }}
  return %r : index
}}""")

out.extend(funcs)
out.append("func.func @main() {")
out.extend(bodies)
out.append("  return")
out.append("}")
print("\n".join(out))
