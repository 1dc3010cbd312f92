#!/usr/bin/env python3
"""JIT check of --sparq-conv2d-to-matmul on filters grouped along C.

Builds one module of sparq.conv2d ops whose filter scales (and zero points)
are grouped along the input channels (FCHW group(1, g), HWCF group(2, g)),
runs it through `sparq-opt --sparq-to-llvm | mlir-runner` (the conv2d ops
are rewritten as im2col + sparq.matmul, then lowered by the dataflow loops)
and compares every printed result with an independent numpy reference: a
direct convolution (loops over kernel positions, not im2col) in float64 /
int64 of the operands generated here from a fixed seed.

- f32 activations x a quantized filter, acc(f32), f32 result: the reference
  is the convolution of the dequantized filter in float64; tolerance (the
  dataflow harness's) |y - ref| <= 1e-5 * sum |x w| + 1e-6, since the
  rewrite sums in the K order (kh, kw, c) and the dataflow loops may
  reassociate further.
- ui8 activations (per tensor) x an si8 asymmetric filter, acc(i32):
  * i32 result: sum (x - zx)(w - zw), bit-exact (integer sums do not depend
    on the order);
  * f32 result: the matmul lowering's definition of scales grouped along K,
    computed in float64 from the exact integer partial sum of each group in
    the rewritten K order (kh, kw, c-group):
    s = 0; for each group: s += f64(partial) * (f64(sx) * f64(sw));
    round once to f32. Compared bit for bit (results printed as bits).

Prints one line per case (`<name>: <n> values, <m> mismatches`).
"""
import argparse
import os
import subprocess
import sys

import numpy as np

rng = np.random.RandomState(11)


def literal(a, ty):
    a = np.asarray(a)
    if a.ndim == 0:
        return repr(float(a)) if ty.startswith("f") else str(int(a))
    return "[" + ", ".join(literal(x, ty) for x in a) + "]"


def shape_str(shape):
    return "x".join(map(str, shape))


def out_size(h, k, stride, dil, lo, hi):
    return (h + lo + hi - dil * (k - 1) - 1) // stride + 1


def conv_terms(x, f, nchw, stride, dil, pad, pad_value):
    """Per output and kernel position (kh, kw) the vector over C of x * f:
    returns (y[N, F, OH, OW] via the callback) -- a direct convolution that
    yields, for each (kh, kw), the product x[..., c] * f[..., c] summed by
    the caller. x: NCHW or NHWC, f: FCHW or HWCF. Returns a list over
    (kh, kw) of arrays [N, OH, OW, F, C] of products."""
    if nchw:
        x = x.transpose(0, 2, 3, 1)           # -> NHWC
        f = f.transpose(2, 3, 1, 0)           # FCHW -> HWCF
    x = np.pad(x, ((0, 0), (pad[0], pad[1]), (pad[2], pad[3]), (0, 0)),
               constant_values=pad_value)
    n, h, w, c = x.shape
    kh, kw, _, fo = f.shape
    oh = (h - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w - dil[1] * (kw - 1) - 1) // stride[1] + 1
    terms = []
    for p in range(kh):
        for q in range(kw):
            rows = x[:, p * dil[0]: p * dil[0] + stride[0] * (oh - 1) + 1: stride[0],
                     q * dil[1]: q * dil[1] + stride[1] * (ow - 1) + 1: stride[1], :]
            # [N, OH, OW, 1, C] * [F, C] -> [N, OH, OW, F, C]
            terms.append(rows[:, :, :, None, :] * f[p, q].T[None, None, None])
    return terms


def to_layout(y_nhwf, nchw):
    return y_nhwf.transpose(0, 3, 1, 2) if nchw else y_nhwf


class Case:
    def __init__(self, name, nchw, kind, n, c, h, w, fo, kh, kw, g, stride,
                 dil, pad, fmt="dense", storage="si8"):
        self.name, self.nchw, self.kind = name, nchw, kind
        self.g, self.stride, self.dil, self.pad = g, stride, dil, pad
        self.fmt, self.storage = fmt, storage
        self.xshape = (n, c, h, w) if nchw else (n, h, w, c)
        self.fshape = (fo, c, kh, kw) if nchw else (kh, kw, c, fo)
        # Parameters: the filter shape with C replaced by C / g.
        ps = list(self.fshape)
        ps[1 if nchw else 2] //= g
        self.pshape = tuple(ps)
        oh = out_size(h, kh, stride[0], dil[0], pad[0], pad[1])
        ow = out_size(w, kw, stride[1], dil[1], pad[2], pad[3])
        self.yshape = (n, fo, oh, ow) if nchw else (n, oh, ow, fo)
        self.asym = kind != "f32" or storage == "si4"
        lo, hi = (-8, 7) if storage == "si4" else (-127, 127)
        self.fq = rng.randint(lo, hi + 1, size=self.fshape)
        self.fs = rng.uniform(0.002, 0.03, size=self.pshape).astype(np.float32)
        self.fz = (rng.randint(-3, 4, size=self.pshape) if self.asym
                   else np.zeros(self.pshape, dtype=np.int64))
        if kind == "f32":
            self.x = rng.uniform(-1, 1, size=self.xshape).astype(np.float32)
        else:
            self.x = rng.randint(0, 31, size=self.xshape)
            self.xs, self.xz = np.float32(0.375), 9

    def expand(self, p):
        """Per-group parameters repeated over the g channels of a group."""
        return np.repeat(p, self.g, axis=1 if self.nchw else 2)

    def reference(self):
        """(expected values as float64 or int64, per-element tolerance or None)."""
        w = self.fq - self.expand(self.fz)
        if self.kind == "f32":
            wd = w.astype(np.float64) * self.expand(self.fs).astype(np.float64)
            x = self.x.astype(np.float64)
            terms = conv_terms(x, wd, self.nchw, self.stride, self.dil, self.pad, 0.0)
            y = sum(t.sum(axis=-1) for t in terms)
            mag = sum(np.abs(t).sum(axis=-1) for t in terms)
            return to_layout(y, self.nchw), to_layout(1e-5 * mag + 1e-6, self.nchw)
        x = self.x.astype(np.int64) - self.xz
        terms = conv_terms(x, w.astype(np.int64), self.nchw, self.stride,
                           self.dil, self.pad, 0)
        if self.kind == "i32":
            return to_layout(sum(t.sum(axis=-1) for t in terms), self.nchw), None
        # f32: one exact partial per group, groups in the K order (kh, kw, c).
        fs = self.fs.astype(np.float64)
        if self.nchw:
            fs = fs.transpose(2, 3, 1, 0)     # [F, C/g, KH, KW] -> [KH, KW, C/g, F]
        kw = self.fshape[3] if self.nchw else self.fshape[1]
        s = 0.0
        for i, t in enumerate(terms):
            p, q = divmod(i, kw)
            for grp in range(t.shape[-1] // self.g):
                part = t[..., grp * self.g:(grp + 1) * self.g].sum(axis=-1)
                s = s + part.astype(np.float64) * (np.float64(self.xs) * fs[p, q, grp])
        return to_layout(s.astype(np.float32), self.nchw), None

    def mlir(self, i):
        nchw = self.nchw
        lay = "nchw_fchw" if nchw else "nhwc_hwcf"
        axis = 1 if nchw else 2
        scheme = "asymmetric" if self.asym else "symmetric"
        quant = "#sparq.quant<%s:f32, %s, group(%d, %d)>" % (
            self.storage, scheme, axis, self.g)
        el = "i4" if self.storage == "si4" else "i8"
        fty = "tensor<%sx%s, #sparq.encoding<dense, quant = %s>>" % (
            shape_str(self.fshape), el, quant)
        lines = []
        lines.append("  %%fq%d = arith.constant dense<%s> : tensor<%sx%s>" % (
            i, literal(self.fq, "i"), shape_str(self.fshape), el))
        lines.append("  %%fs%d = arith.constant dense<%s> : tensor<%sxf32>" % (
            i, literal(self.fs, "f32"), shape_str(self.pshape)))
        zp = ""
        if self.asym:
            lines.append("  %%fz%d = arith.constant dense<%s> : tensor<%sxi32>" % (
                i, literal(self.fz, "i"), shape_str(self.pshape)))
            zp = " zero_points(%%fz%d : tensor<%sxi32>)" % (i, shape_str(self.pshape))
        lines.append("  %%f%d = sparq.assemble values(%%fq%d : tensor<%sx%s>) "
                     "scales(%%fs%d : tensor<%sxf32>)%s : %s" % (
                         i, i, shape_str(self.fshape), el, i,
                         shape_str(self.pshape), zp, fty))
        if self.fmt != "dense":
            cty = "tensor<%sx%s, #sparq.encoding<%s, quant = %s>>" % (
                shape_str(self.fshape), el, self.fmt, quant)
            lines.append("  %%fp%d = sparq.pack %%f%d : %s -> %s" % (i, i, fty, cty))
            fname, fty = "%%fp%d" % i, cty
        else:
            fname = "%%f%d" % i
        if self.kind == "f32":
            xname = "%%x%d" % i
            xty = "tensor<%sxf32>" % shape_str(self.xshape)
            lines.append("  %s = arith.constant dense<%s> : %s" % (
                xname, literal(self.x, "f32"), xty))
            acc = "f32"
        else:
            xty = ("tensor<%sxi8, #sparq.encoding<dense, quant = "
                   "#sparq.quant<ui8:f32, asymmetric, tensor>>>" % shape_str(self.xshape))
            lines.append("  %%xq%d = arith.constant dense<%s> : tensor<%sxi8>" % (
                i, literal(self.x, "i"), shape_str(self.xshape)))
            lines.append("  %%xs%d = arith.constant dense<[%r]> : tensor<1xf32>" % (
                i, float(self.xs)))
            lines.append("  %%xz%d = arith.constant dense<[%d]> : tensor<1xi32>" % (
                i, self.xz))
            lines.append("  %%x%d = sparq.assemble values(%%xq%d : tensor<%sxi8>) "
                         "scales(%%xs%d : tensor<1xf32>) zero_points(%%xz%d : "
                         "tensor<1xi32>) : %s" % (i, i, shape_str(self.xshape), i, i, xty))
            xname = "%%x%d" % i
            acc = "i32"
        rel = "i32" if self.kind == "i32" else "f32"
        yty = "tensor<%sx%s>" % (shape_str(self.yshape), rel)
        lines.append("  %%y%d = sparq.conv2d %s, %s layout(%s) acc(%s) "
                     "strides = [%d, %d] dilations = [%d, %d] "
                     "padding = [%d, %d, %d, %d] : %s, %s -> %s" % (
                         i, xname, fname, lay, acc, *self.stride, *self.dil,
                         *self.pad, xty, fty, yty))
        vty = "vector<%sx%s>" % (shape_str(self.yshape), rel)
        pad = "%ipad" if rel == "i32" else "%fpad"
        lines.append("  %%v%d = vector.transfer_read %%y%d[%%c0, %%c0, %%c0, %%c0], %s "
                     ": %s, %s" % (i, i, pad, yty, vty))
        out = "%%v%d" % i
        if rel == "f32":
            lines.append("  %%b%d = arith.bitcast %%v%d : %s to vector<%sxi32>" % (
                i, i, vty, shape_str(self.yshape)))
            out = "%%b%d" % i
        lines.append('  vector.print str "%s\\n"' % self.name)
        lines.append("  vector.print %s : vector<%sxi32>" % (out, shape_str(self.yshape)))
        return "\n".join(lines)


CASES = [
    # f32 activations, FCHW si8 symmetric group(1, 3): odd sizes, batch 2,
    # strides [2, 1], dilations [1, 2], asymmetric padding.
    Case("fchw-f32", True, "f32", 2, 6, 7, 7, 5, 3, 2, 3, (2, 1), (1, 2), (1, 0, 1, 1)),
    # f32 activations, FCHW si4 asymmetric group(1, 2) (zero points grouped).
    Case("fchw-f32-si4-asym", True, "f32", 1, 4, 5, 5, 3, 3, 3, 2, (1, 1), (1, 1),
         (1, 1, 1, 1), storage="si4"),
    # f32 activations, HWCF si8 symmetric group(2, 2), strides 2.
    Case("hwcf-f32", False, "f32", 2, 4, 6, 5, 5, 3, 3, 2, (2, 2), (1, 1), (1, 1, 0, 1)),
    # ui8 x si8 asymmetric, acc(i32): i32 and f32 results, FCHW group(1, 2),
    # padding with the activation's zero point.
    Case("fchw-i8-i32", True, "i32", 2, 4, 6, 7, 3, 3, 3, 2, (2, 1), (1, 1), (1, 1, 0, 2)),
    Case("fchw-i8-f32", True, "f32q", 2, 4, 6, 7, 3, 3, 3, 2, (2, 1), (1, 1), (1, 1, 0, 2)),
    # HWCF group(2, 3), dense and CSR (the [KH*KW*C, F] matrix, group(0, 3)).
    Case("hwcf-i8-f32", False, "f32q", 1, 6, 5, 6, 4, 2, 3, 3, (1, 2), (2, 1), (0, 1, 1, 1)),
    Case("hwcf-i8-csr-i32", False, "i32", 1, 6, 5, 6, 4, 2, 3, 3, (1, 2), (2, 1),
         (0, 1, 1, 1), fmt="csr"),
]


def module():
    body = ["func.func @main() {",
            "  %c0 = arith.constant 0 : index",
            "  %fpad = arith.constant -99.0 : f32",
            "  %ipad = arith.constant -99 : i32"]
    body += [c.mlir(i) for i, c in enumerate(CASES)]
    body += ["  return", "}"]
    return "\n".join(body) + "\n"


def parse(text):
    """name -> flat list of printed integers."""
    out, name = {}, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("("):
            nums = line.replace("(", " ").replace(")", " ").replace(",", " ").split()
            out[name] = [int(v) for v in nums]
        elif line:
            name = line
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--opt", required=True)
    ap.add_argument("--runner", required=True)
    ap.add_argument("--runner-libs", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(args.work, "conv2d-grouped.mlir")
    with open(path, "w") as f:
        f.write(module())
    # The rewrite applies to every case (no conv2d is left).
    rewritten = subprocess.run([args.opt, path, "--sparq-conv2d-to-matmul"],
                               capture_output=True, text=True, check=True).stdout
    print("conv2d left after the rewrite: %d" % rewritten.count("sparq.conv2d"))
    print("matmuls after the rewrite: %d" % rewritten.count("sparq.matmul"))
    lowered = subprocess.run([args.opt, path, "--sparq-to-llvm"],
                             capture_output=True, text=True, check=True).stdout
    ran = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          "-shared-libs=" + args.runner_libs],
                         input=lowered, capture_output=True, text=True, check=True)
    got = parse(ran.stdout)
    for case in CASES:
        ref, tol = case.reference()
        printed = np.array(got.get(case.name, []), dtype=np.int64)
        if printed.size != ref.size:
            print("%s: MISSING (%d values printed, %d expected)" % (
                case.name, printed.size, ref.size))
            continue
        if case.kind == "i32":
            bad = int((printed != ref.ravel()).sum())
        elif case.kind == "f32q":
            bad = int((printed.astype(np.uint32).view(np.float32) !=
                       ref.ravel().astype(np.float32)).sum())
        else:
            y = printed.astype(np.uint32).view(np.float32).astype(np.float64)
            bad = int((np.abs(y - ref.ravel()) > tol.ravel()).sum())
        print("%s: %d values, %d mismatches" % (case.name, ref.size, bad))


if __name__ == "__main__":
    main()
