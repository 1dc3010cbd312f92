"""The dataflow part of docs/pe-paper-checks.md: a pruned layer's per-dataflow
reuse and traffic counts (from `sparq-opt --sparq-report`) beside the PE
cycles of the same layer under each PE scheme (from `--sparq-pe-simulate`)."""

import json
import os

import numpy as np

M, K, N = 16, 64, 32       # A [M x K] activations, W [K x N] weight
SPARSITY = 0.75            # unstructured magnitude pruning of W
SCHEMES = (("bitfusion", "dense (every k)"),
           ("atoms", "dense, zero atoms skipped"),
           ("bitmap", "inner product, bitmap intersection"))


def layer():
    """Dense int8 activations (no zeros, so the report's dense-activation
    counts are exact) and an int8 weight magnitude-pruned to SPARSITY."""
    rng = np.random.default_rng(7)
    w = rng.normal(size=(K, N))
    cut = np.sort(np.abs(w).flatten())[int(round(SPARSITY * K * N)) - 1]
    w[np.abs(w) <= cut] = 0.0
    wq = np.clip(np.round(w / np.abs(w).max() * 127), -127, 127).astype(np.int64)
    a = rng.integers(1, 128, size=(M, K)) * rng.choice([-1, 1], size=(M, K))
    return a, wq


def tensor(shape, bits):
    return "tensor<%sxi%d>" % ("x".join(map(str, shape)), bits)


def report_module(wq):
    """The layer as a float linalg.matmul on the constant weight; the script
    packs the weight as CSR before --sparq-report."""
    return (
        "func.func @layer(%%a: tensor<%dx%dxf32>) -> tensor<%dx%dxf32> {\n"
        "  %%w = arith.constant dense<%s> : tensor<%dx%dxf32>\n"
        "  %%z = arith.constant 0.0 : f32\n"
        "  %%e = tensor.empty() : tensor<%dx%dxf32>\n"
        "  %%c = linalg.fill ins(%%z : f32) outs(%%e : tensor<%dx%dxf32>) -> tensor<%dx%dxf32>\n"
        "  %%y = linalg.matmul ins(%%a, %%w : tensor<%dx%dxf32>, tensor<%dx%dxf32>) "
        "outs(%%c : tensor<%dx%dxf32>) -> tensor<%dx%dxf32>\n"
        "  return %%y : tensor<%dx%dxf32>\n}\n"
        % (M, K, M, N, json.dumps(wq.astype(float).tolist()), K, N, M, N, M, N, M, N,
           M, K, K, N, M, N, M, N, M, N))


def pe_module(wq):
    """The layer as an integer sparq.matmul for --sparq-to-pe."""
    ta, tw, tc = tensor([M, K], 8), tensor([K, N], 8), tensor([M, N], 32)
    return ("module attributes {sparq_pe.accelerator = #sparq_pe.accelerator<"
            "rows = 4, cols = 4, bandwidth = 16>} {\n"
            "  func.func @layer(%%a: %s) -> %s {\n"
            "    %%w = arith.constant dense<%s> : %s\n"
            "    %%y = sparq.matmul %%a, %%w acc(i32) : %s, %s -> %s\n"
            "    return %%y : %s\n  }\n}\n"
            % (ta, tc, json.dumps(wq.tolist()), tw, ta, tw, tc, tc))


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
        f.write(report_module(wq))
    report = json.loads(run([sparq_opt, src, "--sparq-pack=format=csr",
                             "--sparq-report=file=-", "-o", os.devnull]))
    entry = dataflow_entry(report)
    inputs = {"layer": {"0": a.flatten().tolist()}}
    pe = {scheme: simulate(pe_module(wq), work, "layer_" + scheme, inputs,
                           passes=["--sparq-to-pe=scheme=" + scheme])["layer"]
          for scheme, _ in SCHEMES}

    nnz_w = int(np.count_nonzero(wq))
    effectual = M * nnz_w
    lines = []
    p = lines.append
    p("## Dataflows on a pruned layer, beside PE cycles")
    p("")
    p("A = [%d x %d] dense int8 activations (no zeros), W = [%d x %d] int8 weight"
      % (M, K, K, N))
    p("magnitude-pruned to %.0f%% zeros (%d nonzeros): %d effectual MACs. Dataflow"
      % (100.0 * (1 - nnz_w / (K * N)), nnz_w, effectual))
    p("counts: the layer as a float `linalg.matmul`, `--sparq-pack=format=csr")
    p("--sparq-report=file=-` (its `dataflows` section). PE figures: the same values")
    p("as an integer `sparq.matmul`, `--sparq-to-pe=scheme=S --sparq-pe-simulate`")
    p("(4 x 4 PEs of 16 BitBricks, 16 B/cycle, default 64 KiB buffers: one tile),")
    p("activations given through `input=`.")
    p("")
    if entry is None:
        p("Per-dataflow counts: `--sparq-report` on this commit has no `dataflows`")
        p("section.")
    else:
        c = entry["counts"]
        cost = entry.get("cost", {})
        p("`--sparq-report`: exact counts `%s`, effectual MACs %s, the CPU cost"
          % (json.dumps(entry.get("exact")), c.get("effectual_macs")))
        p("model's choice `%s`:" % entry.get("cost_model_choice"))
        p("")
        cols = [("A reads", "a_reads"), ("B reads", "b_reads"),
                ("intersection steps", "intersection_steps"),
                ("partial products", "partial_products"),
                ("merge traffic", "merge_traffic"),
                ("C writes / updates", ("c_writes", "c_updates")),
                ("partial sums", "psum")]
        p("| dataflow | " + " | ".join(h for h, _ in cols) +
          " | CPU model memory bytes | CPU model ns |")
        p("|---" * (len(cols) + 3) + "|")
        for name in ("inner", "outer", "row"):
            d = c.get(name, {})
            cells = []
            for _, key in cols:
                keys = key if isinstance(key, tuple) else (key,)
                cells.append(str(next((d[k] for k in keys if k in d), "-")))
            e = cost.get(name, {})
            p("| %s | %s | %s | %s |" % (name, " | ".join(cells),
                                         e.get("memory_bytes", "-"),
                                         ("%.1f" % e["total_ns"]) if "total_ns" in e else "-"))
    p("")
    p("PE array on the same layer (the bitmap inner join is the inner-product")
    p("dataflow on the array; BitFusion and atoms visit every k):")
    p("")
    p("| PE scheme | dataflow on the array | products computed | skipped work | BitBrick ops | compute cycles | memory traffic B | buffer traffic B | cycles | bound | PE utilization |")
    p("|---|---|---|---|---|---|---|---|---|---|---|")
    for scheme, flow in SCHEMES:
        t = pe[scheme]["total"]
        p("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %s | %.4f |"
          % (scheme, flow, sum(t["macs_by_precision"].values()), t["skipped_work"],
             t["bitbrick_ops"], t["compute_cycles"], t["memory_traffic_bytes"],
             t["buffer_traffic_bytes"], t["cycles"], t["bound"], t["pe_utilization"]))
    join = sum(pe["bitmap"]["total"]["macs_by_precision"].values())
    p("")
    p("Check: the inner join computes %d products, the effectual MACs (%d)%s."
      % (join, effectual, "" if join == effectual else " -- MISMATCH"))
    if entry is not None and entry["counts"].get("effectual_macs") != join:
        p("")
        p("MISMATCH: --sparq-report counts %s effectual MACs."
          % entry["counts"].get("effectual_macs"))
    return lines
