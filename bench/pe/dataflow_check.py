"""The dataflow part of docs/pe-paper-checks.md: a pruned layer's per-dataflow
reuse and traffic counts (from `sparq-opt --sparq-report`) beside the PE
cycles of the same layer under each PE scheme (from `--sparq-pe-simulate`)."""

import json
import os

import numpy as np

M, K, N = 16, 64, 32       # A [M x K] activations, W [K x N] weight
SPARSITY = 0.75            # unstructured magnitude pruning of W
ACT_ZEROS = 0.5            # ReLU-like zeros in A


def layer():
    rng = np.random.default_rng(7)
    w = rng.normal(size=(K, N))
    cut = np.sort(np.abs(w).flatten())[int(round(SPARSITY * K * N)) - 1]
    w[np.abs(w) <= cut] = 0.0
    wq = np.clip(np.round(w / np.abs(w).max() * 127), -127, 127).astype(np.int64)
    a = rng.integers(-127, 128, size=(M, K))
    a[rng.random(size=(M, K)) < ACT_ZEROS] = 0
    return a, wq


def tensor(shape, bits):
    return "tensor<%sxi%d>" % ("x".join(map(str, shape)), bits)


def report_module(a, wq):
    """The layer as a linalg.matmul of two constants (so that the dataflow
    counts are exact, not expected from a density)."""
    return (
        "func.func @layer() -> tensor<%dx%dxf32> {\n"
        "  %%a = arith.constant dense<%s> : tensor<%dx%dxf32>\n"
        "  %%w = arith.constant dense<%s> : tensor<%dx%dxf32>\n"
        "  %%z = arith.constant 0.0 : f32\n"
        "  %%e = tensor.empty() : tensor<%dx%dxf32>\n"
        "  %%c = linalg.fill ins(%%z : f32) outs(%%e : tensor<%dx%dxf32>) -> tensor<%dx%dxf32>\n"
        "  %%y = linalg.matmul ins(%%a, %%w : tensor<%dx%dxf32>, tensor<%dx%dxf32>) "
        "outs(%%c : tensor<%dx%dxf32>) -> tensor<%dx%dxf32>\n"
        "  return %%y : tensor<%dx%dxf32>\n}\n"
        % (M, N, json.dumps(a.astype(float).tolist()), M, K,
           json.dumps(wq.astype(float).tolist()), K, N, M, N, M, N, M, N,
           M, K, K, N, M, N, M, N, M, N))


def pe_module(wq):
    ta, tw, tc = tensor([M, K], 8), tensor([K, N], 8), tensor([M, N], 32)
    wc = "arith.constant dense<%s> : %s" % (json.dumps(wq.tolist()), tw)
    head = ("module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<"
            "rows = 4, cols = 4, bandwidth = 0>} {\n")
    bricks = []
    c = 0
    for i in range(4):
        for j in range(4):
            bricks.append("      %%c%d = sparq_pe.bitbrick %%ba(signed), %%bw(signed), %%c%d "
                          "digits(%d, %d) : %s, %s, %s" % (c + 1, c, i, j, ta, tw, tc))
            c += 1
    text = head
    text += "  func.func @bitfusion(%%a: %s) -> %s {\n    %%w = %s\n" % (ta, tc, wc)
    text += "    %%acc = arith.constant dense<0> : %s\n" % tc
    text += ("    %%r = sparq_pe.fused_mac %%a(signed), %%w(signed), %%acc : %s, %s, %s {\n"
             "    ^bb0(%%ba: %s, %%bw: %s, %%c0: %s):\n%s\n      sparq_pe.yield %%c%d : %s\n    }\n"
             % (ta, tw, tc, ta, tw, tc, "\n".join(bricks), c, tc))
    text += "    return %%r : %s\n  }\n" % tc
    text += "  func.func @atoms(%%a: %s) -> %s {\n    %%w = %s\n" % (ta, tc, wc)
    text += "    %%acc = arith.constant dense<0> : %s\n" % tc
    text += ("    %%r = sparq_pe.atom_mac %%a(signed), %%w(signed), %%acc : %s, %s, %s\n"
             % (ta, tw, tc))
    text += "    return %%r : %s\n  }\n" % tc
    text += "  func.func @join(%%a: %s) -> %s {\n    %%w = %s\n" % (ta, tc, wc)
    text += "    %%acc = arith.constant dense<0> : %s\n" % tc
    text += ("    %%av, %%ab = sparq_pe.bitmap_encode %%a along 1 : %s -> %s, %s\n"
             % (ta, ta, tensor([M, K], 1)))
    text += ("    %%wv, %%wb = sparq_pe.bitmap_encode %%w along 0 : %s -> %s, %s\n"
             % (tw, tw, tensor([K, N], 1)))
    text += ("    %%r = sparq_pe.inner_join %%av(signed), %%ab, %%wv(signed), %%wb, %%acc : "
             "%s, %s, %s, %s, %s\n" % (ta, tensor([M, K], 1), tw, tensor([K, N], 1), tc))
    text += "    return %%r : %s\n  }\n}\n" % tc
    return text


def dataflow_entry(report):
    """The layer's entry in the `dataflows` section of a --sparq-report JSON,
    or None when the report has no such section (or no counts)."""
    for entry in report.get("dataflows", []):
        if isinstance(entry.get("counts"), dict):
            return entry
    return None


def section(work, sparq_opt, simulate, run):
    a, wq = layer()
    src = os.path.join(work, "layer.mlir")
    with open(src, "w") as f:
        f.write(report_module(a, wq))
    report = json.loads(run([sparq_opt, src, "--sparq-report=file=-", "-o", os.devnull]))
    entry = dataflow_entry(report)
    inputs = {fn: {"0": a.flatten().tolist()} for fn in ("bitfusion", "atoms", "join")}
    fns = simulate(pe_module(wq), work, "layer_pe", inputs)

    nnz_w = int(np.count_nonzero(wq))
    nnz_a = int(np.count_nonzero(a))
    effectual = int(((a != 0).astype(np.int64) @ (wq != 0).astype(np.int64)).sum())
    lines = []
    p = lines.append
    p("## Dataflows on a pruned layer, beside PE cycles")
    p("")
    p("A = [%d x %d] int8 activations (%d nonzeros, %.0f%% zeros), W = [%d x %d]"
      % (M, K, nnz_a, 100.0 * (1 - nnz_a / (M * K)), K, N))
    p("int8 weight magnitude-pruned to %.0f%% zeros (%d nonzeros); %d effectual"
      % (100.0 * (1 - nnz_w / (K * N)), nnz_w, effectual))
    p("MACs (both operands nonzero; numpy). Dataflow counts: `sparq-opt --sparq-report`")
    p("on the layer as a `linalg.matmul` of the two as constants; PE cycles:")
    p("`--sparq-pe-simulate` on the same layer as PE programs (4 x 4 PEs of 16")
    p("BitBricks, memory unconstrained), activations given through `input=`.")
    p("")
    if entry is None:
        p("Per-dataflow counts: `--sparq-report` on this commit has no `dataflows`")
        p("section yet (the dataflow-selection work adds it).")
    else:
        c = entry["counts"]
        cost = entry.get("cost", {})
        p("`--sparq-report` dataflow section (exact counts: %s; effectual MACs %s;"
          % (json.dumps(entry.get("exact")), c.get("effectual_macs")))
        p("the cost model's choice: `%s`):" % entry.get("cost_model_choice"))
        p("")
        cols = [("A reads", "a_reads"), ("B reads", "b_reads"),
                ("intersection steps", "intersection_steps"),
                ("partial products", "partial_products"),
                ("merge traffic", "merge_traffic"),
                ("C writes / updates", ("c_writes", "c_updates")),
                ("partial sums", "psum")]
        p("| dataflow | " + " | ".join(h for h, _ in cols) +
          " | model memory bytes | model ns |")
        p("|---" * (len(cols) + 3) + "|")
        for name in ("inner", "outer", "row"):
            d = c.get(name, {})
            cells = []
            for _, key in cols:
                keys = key if isinstance(key, tuple) else (key,)
                val = next((d[k] for k in keys if k in d), "-")
                cells.append(str(val))
            e = cost.get(name, {})
            p("| %s | %s | %s | %s |" % (name, " | ".join(cells),
                                         e.get("memory_bytes", "-"),
                                         ("%.1f" % e["total_ns"]) if "total_ns" in e else "-"))
    p("")
    p("PE cycles of the same layer (the inner join is the inner-product")
    p("dataflow on the array; BitFusion and atoms visit every k):")
    p("")
    p("| PE scheme | dataflow on the array | products computed | skipped work | BitBrick ops | cycles | PE utilization |")
    p("|-----------|-----------------------|-------------------|--------------|--------------|--------|----------------|")
    for fn, flow in (("bitfusion", "dense (every k)"),
                     ("atoms", "dense, zero atoms skipped"),
                     ("join", "inner product, bitmap intersection")):
        t = fns[fn]["total"]
        p("| %s | %s | %d | %d | %d | %d | %g |"
          % (fn, flow, sum(t["macs_by_precision"].values()), t["skipped_work"],
             t["bitbrick_ops"], t["cycles"], t["pe_utilization"]))
    join = sum(fns["join"]["total"]["macs_by_precision"].values())
    p("")
    p("Check: the inner join computes %d products, the effectual MACs (%d)%s."
      % (join, effectual, "" if join == effectual else " -- MISMATCH"))
    if entry is not None and entry["counts"].get("effectual_macs") != join:
        p("")
        p("MISMATCH: --sparq-report counts %s effectual MACs."
          % entry["counts"].get("effectual_macs"))
    return lines
