# Correctness harness of the sparse dataflows (issue #4, item 5). The lit
# tests ../dataflow-harness-*.mlir run it, one element type each (three
# tests so that lit runs them in parallel).
#
# For one element type it generates a module of many `sparq.matmul`s: every
# dataflow (inner, outer, row) x storage format of the left operand x storage
# format of the right operand (dense, csr, csc, coo, bitmap, nm<2, 4>, bcsr:
# sparse x dense, dense x sparse and sparse x sparse), over shapes with odd
# sizes, a single row or column, forced empty rows and columns, and densities
# 0, low, medium and 1 (rotated so that every format meets every density on
# both sides). It compiles the module once (`sparq-opt --sparq-to-llvm`), runs
# it once (`mlir-runner`), and compares every printed result with a numpy
# product of the same dense matrices. The compressed parts are built by the
# packer below from the dense matrices; neither shares code with the
# compiler.
#
# Tolerance:
#   f32: |C - ref| <= 1e-5 * sum_k |A[m, k] B[k, n]| + 1e-5 * |ref| + 1e-6
#        (the dataflows accumulate in different orders, and vector.print
#        keeps 6 significant digits);
#   int8, symmetric or asymmetric, per-channel scales and zero points
#        (channel(0) of A, channel(1) of B), acc(i32): the i32 result
#        sum_k (qa - za)(qb - zb) bit-exact; every third product instead has
#        an f32 result, sa[m] * sb[n] * that sum, within 1e-5 * |ref| + 1e-6.
#
# Half of the products take their operands as function arguments (run-time
# compressed tensors), half as sparq.assemble of constants, so that run-time
# and compile-time layout conversions are both exercised. Run-time nm
# operands have one byte of metadata per slot (meta_width = 8); constant ones
# the packer's 2 bits per slot, as bytes read with sparq.from_bytes (the
# loops extract the fields when each row holds whole bytes: K or N a
# multiple of 8).
#
# Usage: gen_harness.py --dtype f32|i8sym|i8asym --opt SPARQ_OPT --runner MLIR_RUNNER
#                       --runner-libs L --work DIR [--only N] [--dataflows F,..]
# (--dataflows dense,dense: dataflow(dense), every format pair with run-time
# and with constant operands.)
# Prints "<dtype>: <n> products, <k> mismatches" and exits 1 on a mismatch
# or a tool failure, after writing DIR/repro-<dtype>-<case>.mlir: a module
# holding only the first failing product, which reproduces it on its own. A
# product that sparq-opt rejects (its diagnostic points into its kernel)
# counts as a mismatch, and the module is compiled again without it, so one
# unsupported combination does not hide the results of the others; with
# --known-rejection REGEX a product rejected with a matching diagnostic is
# listed and counted as rejected instead (a documented limitation, never a
# wrong number). --llvm-options passes options to --sparq-to-llvm
# (dataflow=false: the reference lowering only); --opt-flags adds sparq-opt
# flags before it (e.g. --sparq-lower-dataflow=k-block-size=4: small forced
# K-blocks).

import argparse
import os
import re
import shlex
import subprocess
import sys

import numpy as np

DTYPES = ["f32", "i8sym", "i8asym", "u8asym", "i8group"]
DATAFLOWS = ["inner", "outer", "row"]
FORMATS = ["dense", "csr", "csc", "coo", "bitmap", "nm", "bcsr"]
DENSITIES = [0.0, 0.15, 0.5, 1.0]
# (M, K, N). nm groups run along the matrix columns (K of A, N of B), so a
# case with an nm operand takes the next shape where that size is a multiple
# of 4.
SHAPES = [(5, 8, 12), (7, 12, 4), (1, 16, 8), (6, 4, 20), (9, 7, 5),
          (4, 9, 11), (3, 20, 1), (8, 3, 12), (2, 8, 7)]


def tensor_type(shape, elem, encoding=None):
    dims = "".join("%dx" % d for d in shape)
    return "tensor<%s%s%s>" % (dims, elem, ", " + encoding if encoding else "")


def literal(array, fmt):
    """dense<...> for a numpy array of any shape (also with a 0 dimension)."""
    if array.size == 0:
        return "dense<>" if array.ndim > 1 else "dense<[]>"

    def rec(a):
        if a.ndim == 1:
            return "[" + ", ".join(fmt(x) for x in a) + "]"
        return "[" + ", ".join(rec(x) for x in a) + "]"
    return "dense<" + rec(array) + ">"


def f32_text(x):
    text = "%.9g" % float(np.float32(x))
    return text if any(ch in text for ch in ".eninf") else text + ".0"


def int_text(x):
    return str(int(x))


def block_for(rows, cols):
    """bcsr block that tiles the matrix: the largest of 3, 2, 1 per axis."""
    pick = lambda d: next(b for b in (3, 2, 1) if d % b == 0)
    return pick(rows), pick(cols)


def random_mask(rng, rows, cols, density, nm):
    """Where entries are nonzero: iid with `density`, then (below density 1)
    one empty row and one empty column; nm keeps at most 2 of every 4."""
    mask = rng.random((rows, cols)) < density
    if density >= 1.0:
        mask[:] = True
    elif density > 0 and rows > 1 and cols > 1:
        mask[rng.integers(rows), :] = False
        mask[:, rng.integers(cols)] = False
    if nm:
        for r in range(rows):
            for g in range(0, cols, 4):
                kept = np.flatnonzero(mask[r, g:g + 4])
                mask[r, g + kept[2:]] = False
    return mask


class Operand:
    """A dense matrix of real values (quantized: q - zp) and its parts in a
    storage format."""

    def __init__(self, rng, fmt, rows, cols, density, dtype, channel_axis,
                 qspec=None):
        """qspec (integer dtypes): (storage, scheme, granularity) with
        storage "si8" / "ui8", scheme "symmetric" / "asymmetric" and
        granularity ("tensor",), ("channel", axis) or ("group", axis, g);
        default: si8, per-channel along `channel_axis`, symmetric for i8sym
        and asymmetric otherwise."""
        self.fmt, self.rows, self.cols = fmt, rows, cols
        self.packed_meta = False
        self.is_int = dtype != "f32"
        self.mask = random_mask(rng, rows, cols, density, fmt == "nm")
        if self.is_int:
            real = rng.integers(-100, 101, size=(rows, cols))
            real[real == 0] = 1
        else:
            real = rng.uniform(-1.0, 1.0, size=(rows, cols)).astype(np.float32)
            real[real == 0] = 0.5
        self.real = np.where(self.mask, real, 0)
        # Quantization: scales in [0.01, 0.1]; asymmetric zero points in
        # [-20, 20] (si8) or [100, 155] (ui8) keep q = real + zp in range.
        self.quant = None
        self.zp = np.zeros((rows, cols), dtype=np.int64)
        self.scale = None
        if self.is_int:
            if qspec is None:
                qspec = ("si8", "symmetric" if dtype == "i8sym" else "asymmetric",
                         ("channel", channel_axis))
            storage, scheme, gran = qspec
            if gran[0] == "tensor":
                pshape = (1,)
            elif gran[0] == "channel":
                pshape = (rows if gran[1] == 0 else cols,)
            else:
                axis, g = gran[1], gran[2]
                pshape = (rows // g, cols) if axis == 0 else (rows, cols // g)
            scales = rng.uniform(0.01, 0.1, size=pshape).astype(np.float32)
            zps = None
            if scheme == "asymmetric":
                lo, hi = (100, 156) if storage == "ui8" else (-20, 21)
                zps = rng.integers(lo, hi, size=pshape)
            self.quant = (gran, scales, zps, storage, scheme)
            # Per element scale and zero point.
            def expand(p):
                if gran[0] == "tensor":
                    return np.full((rows, cols), p[0])
                if gran[0] == "channel":
                    return (p[:, None] if gran[1] == 0 else p[None, :]) * \
                        np.ones((rows, cols), dtype=p.dtype)
                return np.repeat(p, gran[2], axis=gran[1])
            self.scale = expand(scales.astype(np.float64))
            if zps is not None:
                self.zp = expand(zps).astype(np.int64)
        # What is stored for each entry; an entry a format stores without it
        # being nonzero (nm padding, bcsr block fill) holds a real zero.
        self.storage = self.real + self.zp if self.is_int else self.real
        self.elem = "i8" if self.is_int else "f32"
        enc = {"nm": "nm<2, 4>, meta_width = 8"}.get(fmt, fmt)
        if fmt == "bcsr":
            self.block = block_for(rows, cols)
            enc = "bcsr<%dx%d>" % self.block
        if self.quant:
            gran, _, _, storage, scheme = self.quant
            gtext = {"tensor": lambda: "tensor",
                     "channel": lambda: "channel(%d)" % gran[1],
                     "group": lambda: "group(%d, %d)" % (gran[1], gran[2])}[gran[0]]()
            enc += ", quant = #sparq.quant<%s:f32, %s, %s>" % (storage, scheme, gtext)
        plain = fmt == "dense" and not self.quant
        self.type = tensor_type([rows, cols], self.elem,
                                None if plain else "#sparq.encoding<%s>" % enc)

    def use_packed_metadata(self):
        """A constant nm operand stores its metadata as SparQ's packer does:
        2 bits per slot, packed LSB first into bytes read with
        sparq.from_bytes (the default meta width)."""
        if self.fmt == "nm":
            self.packed_meta = True
            self.type = self.type.replace("nm<2, 4>, meta_width = 8", "nm<2, 4>")

    def parts(self):
        """[(keyword, dense literal, type)] in sparq.assemble order."""
        rows, cols, s = self.rows, self.cols, self.storage
        val = int_text if self.is_int else f32_text
        vt = lambda shape: tensor_type(shape, self.elem)
        it = lambda shape: tensor_type(shape, "i32")
        out = []
        if self.fmt == "dense":
            out.append(("values", literal(s, val), vt([rows, cols])))
        elif self.fmt in ("csr", "coo", "bitmap"):
            r, c = np.nonzero(self.mask)  # row-major
            out.append(("values", literal(s[r, c], val), vt([len(r)])))
            if self.fmt == "csr":
                pos = np.concatenate([[0], np.cumsum(self.mask.sum(axis=1))])
                out.append(("positions", literal(pos, int_text), it([rows + 1])))
                out.append(("coordinates", literal(c, int_text), it([len(c)])))
            elif self.fmt == "coo":
                crd = np.stack([r, c], axis=1).reshape(-1, 2)
                out.append(("coordinates", literal(crd, int_text), it([len(r), 2])))
            else:
                words = (cols + 63) // 64
                bm = [[0] * words for _ in range(rows)]
                for rr, cc in zip(r, c):
                    bm[rr][cc // 64] |= 1 << (cc % 64)
                signed = np.array([[w - (1 << 64) if w >= 1 << 63 else w
                                    for w in row] for row in bm], dtype=np.int64)
                out.append(("bitmap", literal(signed, int_text),
                            tensor_type([rows, words], "i64")))
        elif self.fmt == "csc":
            c, r = np.nonzero(self.mask.T)  # column-major
            out.append(("values", literal(s[r, c], val), vt([len(r)])))
            pos = np.concatenate([[0], np.cumsum(self.mask.sum(axis=0))])
            out.append(("positions", literal(pos, int_text), it([cols + 1])))
            out.append(("coordinates", literal(r, int_text), it([len(r)])))
        elif self.fmt == "nm":
            vals = np.zeros((rows, cols // 2), dtype=s.dtype)
            meta = np.zeros((rows, cols // 2), dtype=np.int64)
            for rr in range(rows):
                for g in range(cols // 4):
                    kept = list(np.flatnonzero(self.mask[rr, 4 * g:4 * g + 4]))
                    free = [p for p in range(4) if p not in kept]
                    for j, p in enumerate(sorted(kept + free[:2 - len(kept)])):
                        meta[rr, 2 * g + j] = p
                        vals[rr, 2 * g + j] = s[rr, 4 * g + p]
            out.append(("values", literal(vals, val), vt([rows, cols // 2])))
            self.nm_metadata = meta
            out.append(("metadata", literal(meta, int_text),
                        tensor_type([rows, cols // 2], "i8")))
        elif self.fmt == "bcsr":
            br, bc = self.block
            blocks, crd, pos = [], [], [0]
            for bi in range(rows // br):
                for bj in range(cols // bc):
                    if self.mask[bi * br:(bi + 1) * br, bj * bc:(bj + 1) * bc].any():
                        blocks.append(s[bi * br:(bi + 1) * br, bj * bc:(bj + 1) * bc])
                        crd.append(bj)
                pos.append(len(crd))
            vals = np.array(blocks, dtype=s.dtype).reshape(len(blocks), br, bc)
            out.append(("values", literal(vals, val), vt([len(blocks), br, bc])))
            out.append(("positions", literal(np.array(pos), int_text), it([rows // br + 1])))
            out.append(("coordinates", literal(np.array(crd, dtype=np.int64), int_text),
                        it([len(crd)])))
        if self.quant:
            _, scales, zps, _, _ = self.quant
            out.append(("scales", literal(scales, f32_text),
                        tensor_type(list(scales.shape), "f32")))
            if zps is not None:
                out.append(("zero_points", literal(zps, int_text), it(list(zps.shape))))
        return out

    def emit(self, lines, name):
        """Appends the ops that build this operand; returns its SSA value."""
        parts = self.parts()
        if self.fmt == "dense" and not self.quant:
            lines.append("    %%%s = arith.constant %s : %s" % (name, parts[0][1], parts[0][2]))
            return "%" + name
        operands = []
        for kw, lit, ty in parts:
            if kw == "metadata" and self.packed_meta:
                # Slot i of the row-major metadata in bits 2 (i % 4) of byte
                # i // 4.
                meta = self.nm_metadata.reshape(-1)
                nbytes = (meta.size + 3) // 4
                packed = np.zeros(nbytes, dtype=np.int64)
                for i, v in enumerate(meta):
                    packed[i // 4] |= int(v) << (2 * (i % 4))
                packed[packed >= 128] -= 256
                bt = tensor_type([nbytes], "i8")
                lines.append("    %%%s_bytes = arith.constant %s : %s" % (
                    name, literal(packed, int_text), bt))
                ty = tensor_type(list(self.nm_metadata.shape), "i2")
                lines.append("    %%%s_%s = sparq.from_bytes %%%s_bytes : %s -> %s" % (
                    name, kw, name, bt, ty))
            else:
                lines.append("    %%%s_%s = arith.constant %s : %s" % (name, kw, lit, ty))
            operands.append("%s(%%%s_%s : %s)" % (kw, name, kw, ty))
        lines.append("    %%%s = sparq.assemble %s : %s" % (name, " ".join(operands), self.type))
        return "%" + name


def make_cases(dtype, flows=DATAFLOWS):
    """Every dataflow x lhs format x rhs format, with shapes and densities
    rotated so that each format meets each density on both sides. A flow
    listed twice (--dataflows dense,dense) gets every format pair once with
    run-time and once with constant operands (49 pairs: the parity flips)."""
    cases = []
    for d, flow in enumerate(flows):
        for i, fa in enumerate(FORMATS):
            for j, fb in enumerate(FORMATS):
                n = len(cases)
                start = (n * 5 + d) % len(SHAPES)
                shape = next(SHAPES[(start + t) % len(SHAPES)] for t in range(len(SHAPES))
                             if (fa != "nm" or SHAPES[(start + t) % len(SHAPES)][1] % 4 == 0)
                             and (fb != "nm" or SHAPES[(start + t) % len(SHAPES)][2] % 4 == 0))
                da = DENSITIES[(i + d + j) % 4]
                db = DENSITIES[(j + 2 * d + i // 2) % 4]
                cases.append(dict(index=n, flow=flow, fa=fa, fb=fb, shape=shape,
                                  da=da, db=db, runtime=n % 2 == 0,
                                  float_result=dtype in ("f32", "i8group") or n % 3 == 2,
                                  requant=dtype == "u8asym" and n % 3 == 1))
    return cases


def build(case, dtype):
    """The operands of one case and the numpy reference."""
    rng = np.random.default_rng(1000 + case["index"] + 7919 * DTYPES.index(dtype))
    m, k, n = case["shape"]
    if dtype == "u8asym":
        # Asymmetric ui8 activations (per-tensor zero point) x asymmetric
        # per-channel si8 weights.
        a = Operand(rng, case["fa"], m, k, case["da"], dtype, 0,
                    ("ui8", "asymmetric", ("tensor",)))
        b = Operand(rng, case["fb"], k, n, case["db"], dtype, 1,
                    ("si8", "asymmetric", ("channel", 1)))
    elif dtype == "i8group":
        # Weights with scales and zero points grouped along K (group(0, g),
        # g the largest of 4, 3, 2 dividing K, else channel(0): groups of 1).
        g = next((g for g in (4, 3, 2) if k % g == 0), 1)
        gran = ("group", 0, g) if g > 1 else ("channel", 0)
        a = Operand(rng, case["fa"], m, k, case["da"], dtype, 0,
                    ("ui8", "asymmetric", ("tensor",)))
        b = Operand(rng, case["fb"], k, n, case["db"], dtype, 1,
                    ("si8", "asymmetric", gran))
    else:
        a = Operand(rng, case["fa"], m, k, case["da"], dtype, 0)
        b = Operand(rng, case["fb"], k, n, case["db"], dtype, 1)
    if not case["runtime"]:
        a.use_packed_metadata()
        b.use_packed_metadata()
    case["requant_params"] = None
    if dtype == "f32":
        ref = a.real.astype(np.float64) @ b.real.astype(np.float64)
        bound = np.abs(a.real).astype(np.float64) @ np.abs(b.real).astype(np.float64)
    else:
        ref = a.real.astype(np.int64) @ b.real.astype(np.int64)
        bound = None
        if case["float_result"] and dtype in ("u8asym", "i8group"):
            # Real values times their scales, per element (exact in f64 up
            # to the final rounding).
            ref = (a.real * a.scale) @ (b.real * b.scale)
            bound = np.zeros(ref.shape)
        elif case["float_result"]:
            sa, sb = a.quant[1].astype(np.float64), b.quant[1].astype(np.float64)
            ref = sa[:, None] * sb[None, :] * ref
            bound = np.zeros(ref.shape)
        elif case.get("requant"):
            # sparq.requantize of the i32 sum to si8, per output channel:
            # q = clamp(round_half_even(acc * s_in / s_out) + zp, -128, 127),
            # with power-of-two scales so that ties and saturation occur.
            s_in = np.float32(2.0) ** -rng.integers(0, 7, size=n)
            s_out = np.float32(2.0) ** rng.integers(0, 4, size=n)
            zp = rng.integers(-10, 11, size=n)
            case["requant_params"] = (s_in.astype(np.float32),
                                      s_out.astype(np.float32), zp)
            scaled = ref.astype(np.float64) * s_in.astype(np.float64) / \
                s_out.astype(np.float64)
            ref = np.clip(np.rint(scaled) + zp, -128, 127)
    return a, b, ref, bound


def emit_case(case, dtype, a, b, kernels, body):
    """Appends the kernel of one case to `kernels` and its call and print to
    `body`."""
    i = case["index"]
    m, k, n = case["shape"]
    requant = case["requant_params"] is not None
    relem = "f32" if case["float_result"] else ("i8" if requant else "i32")
    acc = "f32" if dtype == "f32" else "i32"
    mtype = tensor_type([m, n], "f32" if case["float_result"] else acc)
    rtype = mtype
    if requant:
        rtype = tensor_type([m, n], "i8", "#sparq.encoding<dense, quant = "
                            "#sparq.quant<si8:f32, asymmetric, channel(1)>>")
    mm = "sparq.matmul %%a, %%b acc(%s) dataflow(%s) : %s, %s -> %s" % (
        acc, case["flow"], a.type, b.type, mtype)
    # i8group: one operand is a constant of the kernel in every case (the
    # per-group lowering expands a constant operand): in run-time products
    # B (so B is expanded) or, every other one, A (then A is expanded and the
    # run-time B has its group zero points removed in generated code).
    b_inside = dtype == "i8group" and i % 4 == 0
    a_inside = dtype == "i8group" and i % 4 == 2
    body.append('    vector.print str "case %d\\n"' % i)

    def product():
        if not requant:
            kernels.append("    %%c = %s" % mm)
            return
        s_in, s_out, zp = case["requant_params"]
        kernels.append("    %%acc = %s" % mm)
        kernels.append("    %%sin = arith.constant %s : %s" % (
            literal(s_in, f32_text), tensor_type([n], "f32")))
        kernels.append("    %%sout = arith.constant %s : %s" % (
            literal(s_out, f32_text), tensor_type([n], "f32")))
        kernels.append("    %%zout = arith.constant %s : %s" % (
            literal(zp, int_text), tensor_type([n], "i32")))
        kernels.append("    %%c = sparq.requantize %%acc in_scales(%%sin : %s) "
                       "scales(%%sout : %s) zero_points(%%zout : %s) : %s -> %s" % (
                           tensor_type([n], "f32"), tensor_type([n], "f32"),
                           tensor_type([n], "i32"), mtype, rtype))

    if case["runtime"] and b_inside:
        kernels.append("  func.func @k%d(%%a: %s) -> %s {" % (i, a.type, rtype))
        b.emit(kernels, "b")
        product()
        kernels.append("    return %c : " + rtype)
        kernels.append("  }")
        va = a.emit(body, "a%d" % i)
        body.append("    %%c%d = func.call @k%d(%s) : (%s) -> %s" % (
            i, i, va, a.type, rtype))
    elif case["runtime"] and a_inside:
        kernels.append("  func.func @k%d(%%b: %s) -> %s {" % (i, b.type, rtype))
        a.emit(kernels, "a")
        product()
        kernels.append("    return %c : " + rtype)
        kernels.append("  }")
        vb = b.emit(body, "b%d" % i)
        body.append("    %%c%d = func.call @k%d(%s) : (%s) -> %s" % (
            i, i, vb, b.type, rtype))
    elif case["runtime"]:
        kernels.append("  func.func @k%d(%%a: %s, %%b: %s) -> %s {" % (i, a.type, b.type, rtype))
        product()
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
        product()
        kernels.append("    return %c : " + rtype)
        kernels.append("  }")
        body.append("    %%c%d = func.call @k%d() : () -> %s" % (i, i, rtype))
    result = "%%c%d" % i
    if requant:
        body.append("    %%q%d = sparq.part values of %%c%d : %s -> %s" % (
            i, i, rtype, tensor_type([m, n], "i8")))
        result = "%%q%d" % i
    pad = {"f32": "%fpad", "i32": "%ipad", "i8": "%bpad"}[relem]
    body.append("    %%v%d = vector.transfer_read %s[%%i0, %%i0], %s : %s, vector<%dx%dx%s>"
                % (i, result, pad, tensor_type([m, n], relem), m, n, relem))
    body.append("    vector.print %%v%d : vector<%dx%dx%s>" % (i, m, n, relem))


def module_text(cases, dtype, built):
    """The module of `cases`, and for each of its lines (1-based) the index
    of the case it belongs to (None for shared lines)."""
    kernels, body, kernel_owner, body_owner = [], [], [], []
    for case in cases:
        a, b, _, _ = built[case["index"]]
        nk, nb = len(kernels), len(body)
        emit_case(case, dtype, a, b, kernels, body)
        kernel_owner += [case["index"]] * (len(kernels) - nk)
        body_owner += [case["index"]] * (len(body) - nb)
    head = ["  func.func @main() {",
            "    %i0 = arith.constant 0 : index",
            "    %fpad = arith.constant 0.0 : f32",
            "    %ipad = arith.constant 0 : i32",
            "    %bpad = arith.constant 0 : i8"]
    tail = ["    return", "  }", "}", ""]
    lines = ["module {"] + kernels + head + body + tail
    owner = ([None] + kernel_owner + [None] * len(head) + body_owner +
             [None] * len(tail))
    return "\n".join(lines), {i + 1: o for i, o in enumerate(owner)}


def parse_output(text):
    """{case index: numpy array} from the runner's output."""
    results, current = {}, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("case "):
            current = int(line.split()[1])
        elif line.startswith("(") and current is not None:
            rows = line[1:-1].strip()
            # "( a, b ), ( c, d )" -> rows of numbers
            chunks = [r.strip(" ()") for r in rows.split("),")]
            results[current] = np.array([[float(x) for x in c.split(",") if x.strip()]
                                         for c in chunks])
            current = None
    return results


def compare(case, dtype, got, ref, bound):
    if got is None:
        return "no output"
    if got.shape != ref.shape:
        return "shape %s, expected %s" % (got.shape, ref.shape)
    if case["float_result"]:
        tol = 1e-5 * bound + 1e-5 * np.abs(ref) + 1e-6
        bad = np.abs(got - ref) > tol
    else:
        bad = got != ref
    if bad.any():
        r, c = np.argwhere(bad)[0]
        return "C[%d, %d] = %r, expected %r (%d of %d entries differ)" % (
            r, c, got[r, c], ref[r, c], bad.sum(), bad.size)
    return None


def run(text, path, args):
    with open(path, "w") as f:
        f.write(text)
    pipeline = "--sparq-to-llvm" + ("=" + args.llvm_options if args.llvm_options else "")
    lowered = subprocess.run([args.sparq_opt, path] + shlex.split(args.opt_flags) + [pipeline],
                             capture_output=True, text=True)
    if lowered.returncode:
        return None, "sparq-opt failed:\n" + lowered.stderr
    ran = subprocess.run([args.mlir_runner, "-e", "main", "-entry-point-result=void",
                          "-shared-libs=" + args.runner_libs],
                         input=lowered.stdout, capture_output=True, text=True)
    if ran.returncode:
        return ran.stdout, "mlir-runner failed:\n" + ran.stderr
    return ran.stdout, None


def describe(case, dtype):
    return "case %d: %s %s(%s) x %s(%s), M x K x N = %s, %s -> %s, %s" % (
        case["index"], case["flow"], case["fa"], case["da"], case["fb"], case["db"],
        "x".join(map(str, case["shape"])), dtype,
        "f32" if case["float_result"] else
        ("requantized si8" if case.get("requant") else "i32"),
        "run-time operands" if case["runtime"] else "constant operands")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dtype", required=True, choices=DTYPES)
    parser.add_argument("--opt", dest="sparq_opt", required=True)
    parser.add_argument("--runner", dest="mlir_runner", required=True)
    parser.add_argument("--runner-libs", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", type=int, default=None, help="run one case")
    parser.add_argument("--dataflows", default=",".join(DATAFLOWS),
                        help="comma-separated dataflows (inner, outer, row, "
                             "dense), each one round of the format pairs")
    parser.add_argument("--llvm-options", default="",
                        help="options of --sparq-to-llvm (e.g. dataflow=false)")
    parser.add_argument("--opt-flags", default="",
                        help="sparq-opt flags before --sparq-to-llvm (e.g. "
                             "--sparq-lower-dataflow=k-block-size=4)")
    parser.add_argument("--known-rejection", default=None,
                        help="regex: a product sparq-opt rejects with a matching "
                             "diagnostic is counted as rejected, not as a mismatch")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    cases = make_cases(args.dtype, args.dataflows.split(","))
    if args.only is not None:
        cases = [c for c in cases if c["index"] == args.only]
    built = {c["index"]: build(c, args.dtype) for c in cases}
    failures, error, pending = [], None, list(cases)
    path = os.path.join(args.work, "harness-%s.mlir" % args.dtype)
    # A product the compiler rejects is a failure; the others are compiled
    # again without it (its diagnostic names its line), up to 20 times.
    for attempt in range(20):
        text, owner = module_text(pending, args.dtype, built)
        out, error = run(text, path, args)
        if not error or not error.startswith("sparq-opt failed"):
            break
        rejected = {}
        for match in re.finditer(re.escape(os.path.basename(path)) +
                                 r":(\d+):\d+: error: (.*)", error):
            case = owner.get(int(match.group(1)))
            if case is not None:
                rejected.setdefault(case, "sparq-opt: " + match.group(2))
        if not rejected:
            break
        for case in pending:
            if case["index"] in rejected:
                failures.append((case, rejected[case["index"]]))
        pending = [c for c in pending if c["index"] not in rejected]
        out, error = None, "every product was rejected" if not pending else None
        if not pending:
            break
    results = parse_output(out or "")
    for case in pending:
        _, _, ref, bound = built[case["index"]]
        why = compare(case, args.dtype, results.get(case["index"]), ref, bound)
        if why:
            failures.append((case, why))
    failures.sort(key=lambda f: f[0]["index"])
    rejected = []
    if args.known_rejection:
        known = re.compile(args.known_rejection)
        rejected = [f for f in failures if f[1].startswith("sparq-opt: ")
                    and known.search(f[1])]
        failures = [f for f in failures if f not in rejected]
    for case, why in rejected:
        print("REJECTED %s: %s" % (describe(case, args.dtype), why))
    for case, why in failures:
        print("MISMATCH %s: %s" % (describe(case, args.dtype), why))
    if error:
        print(error[:4000])
    if failures:
        case = failures[0][0]
        repro = os.path.join(args.work, "repro-%s-%d.mlir" % (args.dtype, case["index"]))
        with open(repro, "w") as f:
            f.write("// %s\n" % describe(case, args.dtype))
            f.write(module_text([case], args.dtype, built)[0])
        print("reproducer: %s" % repro)
    if args.known_rejection:
        print("%s: %d products, %d compared, %d rejected by the compiler, "
              "%d mismatches" % (args.dtype, len(cases), len(cases) - len(rejected),
                                 len(rejected), len(failures)))
    else:
        print("%s: %d products, %d mismatches" % (args.dtype, len(cases), len(failures)))
    return 1 if failures or error else 0


if __name__ == "__main__":
    sys.exit(main())
