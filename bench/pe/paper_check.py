#!/usr/bin/python3
"""Generates docs/pe-paper-checks.md: the PE cycle model against the papers.

Every figure in the table comes from running `sparq-opt --sparq-pe-simulate`
on PE programs generated here (and `--sparq-report` for the dataflow counts);
the formula columns are printed beside them for comparison, never used for
the simulated ones. Usage: bench/pe/paper-check.sh [OUT.md]
"""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPARQ_OPT = os.environ.get("SPARQ_OPT", os.path.join(ROOT, "build", "bin", "sparq-opt"))


def run(args, **kw):
    res = subprocess.run(args, capture_output=True, text=True, **kw)
    if res.returncode != 0:
        sys.exit("command failed: %s\n%s" % (" ".join(args), res.stderr))
    return res.stdout


def simulate(module_text, work, name, inputs=None, passes=()):
    """Runs `passes` (e.g. --sparq-to-pe=...) then --sparq-pe-simulate on the
    module; returns the report's functions by name."""
    src = os.path.join(work, name + ".mlir")
    out = os.path.join(work, name + ".json")
    with open(src, "w") as f:
        f.write(module_text)
    opt = "report=" + out
    if inputs is not None:
        inp = os.path.join(work, name + ".input.json")
        with open(inp, "w") as f:
            json.dump(inputs, f)
        opt += " input=" + inp
    run([SPARQ_OPT, src] + list(passes) + ["--sparq-pe-simulate=" + opt, "-o", os.devnull])
    with open(out) as f:
        report = json.load(f)
    return {fn["function"]: fn for fn in report["functions"]}


def tensor(shape, bits):
    return "tensor<%sxi%d>" % ("x".join(map(str, shape)), bits)


def dense(values):
    return "dense<%s>" % json.dumps(np.asarray(values).tolist())


def accel(rows, cols, bandwidth):
    return ("module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<"
            "rows = %d, cols = %d, bandwidth = %d>} {\n" % (rows, cols, bandwidth))


# BitFusion: every (a, w) in {2, 4, 8}^2: a [16 x 16] x [16 x 16] integer
# sparq.matmul (4096 products) lowered by --sparq-to-pe (scheme=bitfusion,
# one tile) on 4 x 4 fusion units of 16 BitBricks, memory unconstrained.
def bitfusion(work):
    m = k = n = 16
    text = accel(4, 4, 0)
    for a in (2, 4, 8):
        for w in (2, 4, 8):
            text += ("  func.func @bf_%dx%d(%%x: %s, %%wt: %s) -> %s {\n"
                     "    %%y = sparq.matmul %%x, %%wt acc(i32) : %s, %s -> %s\n"
                     "    return %%y : %s\n  }\n"
                     % (a, w, tensor([m, k], a), tensor([k, n], w), tensor([m, n], 32),
                        tensor([m, k], a), tensor([k, n], w), tensor([m, n], 32),
                        tensor([m, n], 32)))
    text += "}\n"
    fns = simulate(text, work, "bitfusion", passes=["--sparq-to-pe=scheme=bitfusion"])
    base = fns["bf_8x8"]["total"]["compute_cycles"]
    rows = []
    for a in (2, 4, 8):
        for w in (2, 4, 8):
            t = fns["bf_%dx%d" % (a, w)]["total"]
            rows.append((a, w, t["macs_by_precision"]["%dx%d" % (a, w)],
                         t["bitbrick_ops"], t["compute_cycles"],
                         base / t["compute_cycles"],
                         (8 // max(a, 2)) * (8 // max(w, 2)), t["pe_utilization"]))
    return rows


# DRQ: activations [20 x 40] in regions [2, 4] (10 x 10 = 100 regions), of
# which round(100 r) are sensitive (|x| = 100 against threshold 20; the
# others |x| = 1), chosen by a fixed shuffle; weights [40 x 8] (8 bits,
# constant). The sparq.matmul is lowered by --sparq-to-pe (scheme=drq
# region-rows=2 region-cols=4 threshold=20); the activations are run-time
# arguments given through input=FILE.json.
def drq(work):
    m, k, n, rh, rw = 20, 40, 8, 2, 4
    fractions = [0.0, 0.1, 0.36, 1.0]
    rng = np.random.default_rng(5)
    order = rng.permutation((m // rh) * (k // rw))
    text = accel(4, 4, 0)
    inputs = {}
    tx, tw, tc = tensor([m, k], 8), tensor([k, n], 8), tensor([m, n], 32)
    wvals = rng.integers(-127, 128, size=(k, n))
    for idx, r in enumerate(fractions):
        hot = set(order[: int(round(r * len(order)))].tolist())
        x = np.ones((m, k), dtype=np.int64)
        signs = rng.choice([-1, 1], size=(m, k))
        for reg in hot:
            i, j = divmod(reg, k // rw)
            x[i * rh:(i + 1) * rh, j * rw:(j + 1) * rw] = 100
        x = x * signs
        fn = "drq_%d" % idx
        inputs[fn] = {"0": x.flatten().tolist()}
        text += "  func.func @%s(%%x: %s) -> %s {\n" % (fn, tx, tc)
        text += "    %%w = arith.constant %s : %s\n" % (dense(wvals), tw)
        text += ("    %%y = sparq.matmul %%x, %%w acc(i32) : %s, %s -> %s\n" % (tx, tw, tc))
        text += "    return %%y : %s\n  }\n" % tc
    text += "}\n"
    fns = simulate(text, work, "drq", inputs, passes=[
        "--sparq-to-pe=scheme=drq region-rows=%d region-cols=%d threshold=20" % (rh, rw)])
    rows = []
    for idx, r in enumerate(fractions):
        t = fns["drq_%d" % idx]["total"]
        rows.append((r, t["sensitive_fraction"], t["macs_by_precision"].get("8x8", 0),
                     t["macs_by_precision"].get("4x8", 0), t["compute_cycles"],
                     t["speedup_vs_8bit"], 4 / (1 + 3 * r)))
    return rows


FORMULA_DOC = "docs/pe-cycle-model.md"


def write(out, bf, dq, df, cmd, commit):
    lines = []
    p = lines.append
    p("# PE cycle model: paper checks")
    p("")
    p("Generated by `%s` at commit `%s`; do not edit by hand. Every" % (cmd, commit))
    p("simulated figure comes from `sparq-opt --sparq-to-pe=... --sparq-pe-simulate`")
    p("on integer `sparq.matmul` layers that `bench/pe/paper_check.py` generates;")
    p("the paper columns are printed beside them, not used to produce them. The")
    p("model: %s." % FORMULA_DOC)
    p("")
    p("## BitFusion: throughput per bit-width pair")
    p("")
    p("A [16 x 16] x [16 x 16] `sparq.matmul` (4096 products) lowered with")
    p("`--sparq-to-pe=scheme=bitfusion` (one `fused_mac` tile) on 4 x 4 fusion units")
    p("of 16 BitBricks, memory unconstrained. Factor = 8x8 cycles / cycles; paper:")
    p("`floor(8/max(a,2)) * floor(8/max(w,2))`.")
    p("")
    p("| a x w | products | BitBrick ops | cycles | simulated factor | paper factor | PE utilization |")
    p("|-------|----------|--------------|--------|------------------|--------------|----------------|")
    for a, w, prod, bb, cyc, fac, paper, util in bf:
        p("| %dx%d | %d | %d | %d | %g | %d | %g |" % (a, w, prod, bb, cyc, fac, paper, util))
    p("")
    p("## DRQ: speedup over all-8-bit against the sensitive fraction r")
    p("")
    p("Activations [20 x 40] in regions [2, 4] (100 regions), round(100 r) of them")
    p("sensitive (mean |x| = 100 > threshold 20, the rest 1), given at run time")
    p("through `input=FILE.json`; weights [40 x 8] at 8 bits; lowered with")
    p("`--sparq-to-pe=\"scheme=drq region-rows=2 region-cols=4 threshold=20\"`; 4 x 4")
    p("PEs, a 4-bit MAC 1 cycle, an 8-bit MAC 4 cycles. Paper: `4 / (1 + 3r)`.")
    p("")
    p("| r | simulated r | 8-bit MACs | 4-bit MACs | cycles | simulated speedup | paper speedup |")
    p("|---|-------------|------------|------------|--------|-------------------|---------------|")
    for r, sr, m8, m4, cyc, sp, paper in dq:
        p("| %g | %g | %d | %d | %d | %.6f | %.6f |" % (r, sr, m8, m4, cyc, sp, paper))
    p("")
    for line in df:
        p(line)
    with open(out, "w") as f:
        f.write("\n".join(lines).rstrip() + "\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "docs", "pe-paper-checks.md")
    commit = run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"]).strip()
    if run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"]).strip():
        commit += " (with uncommitted changes)"
    with tempfile.TemporaryDirectory() as work:
        bf = bitfusion(work)
        dq = drq(work)
        import dataflow_check
        df = dataflow_check.section(work, SPARQ_OPT, simulate, run)
    write(out, bf, dq, df, "bench/pe/paper-check.sh", commit)
    print("wrote", out)


if __name__ == "__main__":
    main()
