#!/usr/bin/python3
"""Runs an imported ONNX model under mlir-runner and checks its output.

  harness.py wrap MODEL.mlir ENTRY IN.npy [IN2.npy ...] > RUN.mlir
      Adds a @main to the imported module that calls @ENTRY on the inputs
      (inline constants) and prints each result with printMemrefF32.
  harness.py compare RUNNER_OUTPUT REF.npy [REF2.npy ...] --atol A --rtol R
      Parses the printed results and compares them with PyTorch's outputs:
      prints "max abs error E (atol A, rtol R): ok" or exits 1 with the
      worst element.

The reference outputs come from PyTorch (make_models.py); nothing here
shares code with the compiler.
"""

import re
import sys

import numpy as np


def tensor_type(shape):
    return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"


def memref_type(shape):
    return "memref<" + "x".join(str(d) for d in shape) + "xf32>"


def wrap(mlir_path, entry, inputs):
    text = open(mlir_path).read()
    arrays = [np.load(p).astype(np.float32) for p in inputs]
    sig = re.search(r"func\.func @" + re.escape(entry) + r"\((.*?)\)\s*->\s*(.*?)\s*(?:attributes|\{)", text)
    if not sig:
        sys.exit("harness: no func @%s in %s" % (entry, mlir_path))
    results = re.findall(r"tensor<([0-9x]+)xf32>", sig.group(2))
    out_shapes = [[int(d) for d in r.split("x")] for r in results]
    lines = []
    lines.append("  func.func private @printMemrefF32(memref<*xf32>) attributes {llvm.emit_c_interface}")
    lines.append("  func.func @harness_main() {")
    args = []
    for i, a in enumerate(arrays):
        values = ", ".join("%.9g" % v for v in a.reshape(-1))
        lines.append("    %%in%d = arith.constant dense<[%s]> : tensor<%dxf32>" % (i, values, a.size))
        shape = list(a.shape)
        name = "%%in%d" % i
        if shape != [a.size]:
            name = "%%arg%d" % i
            lines.append("    %s = tensor.expand_shape %%in%d [[%s]] output_shape [%s] : tensor<%dxf32> into %s" % (
                name, i, ", ".join(str(d) for d in range(len(shape))), ", ".join(str(d) for d in shape), a.size, tensor_type(shape)))
        args.append((name, tensor_type(shape)))
    res = ", ".join("%%r%d" % i for i in range(len(out_shapes)))
    lines.append("    %s = func.call @%s(%s) : (%s) -> (%s)" % (
        res, entry, ", ".join(a for a, _ in args), ", ".join(t for _, t in args),
        ", ".join(tensor_type(s) for s in out_shapes)))
    for i, s in enumerate(out_shapes):
        lines.append("    %%m%d = bufferization.to_buffer %%r%d : %s to %s" % (i, i, tensor_type(s), memref_type(s)))
        lines.append("    %%u%d = memref.cast %%m%d : %s to memref<*xf32>" % (i, i, memref_type(s)))
        lines.append("    func.call @printMemrefF32(%%u%d) : (memref<*xf32>) -> ()" % i)
    lines.append("    return")
    lines.append("  }")
    # Insert before the closing brace of the module (before the resources).
    end = text.find("\n{-#")
    body = text if end < 0 else text[:end]
    close = body.rstrip().rfind("}")
    sys.stdout.write(body[:close] + "\n".join(lines) + "\n" + body[close:] +
                     ("" if end < 0 else text[end:]))


def parse_outputs(path):
    text = open(path).read()
    chunks = text.split("Unranked Memref")[1:]
    outs = []
    for chunk in chunks:
        data = chunk.split("data =", 1)[1]
        nums = re.findall(r"[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|inf|nan)", data)
        outs.append(np.array([float(n) for n in nums], dtype=np.float64))
    return outs


def compare(runner_output, refs, atol, rtol):
    outs = parse_outputs(runner_output)
    if len(outs) != len(refs):
        sys.exit("harness: %d printed results for %d references" % (len(outs), len(refs)))
    worst = 0.0
    for got, ref_path in zip(outs, refs):
        ref = np.load(ref_path).astype(np.float64).reshape(-1)
        if got.size != ref.size:
            sys.exit("harness: %s: %d values printed, %d expected" % (ref_path, got.size, ref.size))
        err = np.abs(got - ref)
        bad = err > atol + rtol * np.abs(ref)
        if bad.any():
            i = int(np.argmax(err - rtol * np.abs(ref)))
            sys.exit("harness: %s: element %d is %r, PyTorch gives %r (error %g)" % (
                ref_path, i, got[i], ref[i], err[i]))
        worst = max(worst, float(err.max()))
        # The top-1 class per row must agree too (for classifiers).
    print("max abs error %.3g (atol %g, rtol %g): ok" % (worst, atol, rtol))


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "wrap":
        wrap(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "compare":
        args = sys.argv[2:]
        atol = float(args[args.index("--atol") + 1]) if "--atol" in args else 1e-5
        rtol = float(args[args.index("--rtol") + 1]) if "--rtol" in args else 1e-5
        files = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or not args[i - 1].startswith("--"))]
        compare(files[0], files[1:], atol, rtol)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
