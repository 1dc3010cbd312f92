#!/usr/bin/env python3
"""Turns bench/dataflow's results.tsv into the markdown tables of
bench/README.md: per case, the median time of each kernel, the speedup of
SparQ over each baseline, and the theoretical speedup (dense MACs / effectual
MACs = K*N / nnz(W)), then the issue's targets, met or not.

  summarize.py results.tsv > results.md
"""
import sys


def parse(path):
    header, rows = [], []
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("#"):
            header.append(line[1:].strip())
            continue
        if not line:
            continue
        r = {}
        for tok in line.split(" "):
            if "=" in tok:
                key, val = tok.split("=", 1)
                r[key] = val
        rows.append(r)
    return header, rows


def fmt_ms(x):
    if x is None:
        return "-"
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def ratio(a, b):
    """a / b (how many times faster the kernel timed b is than a)."""
    if a is None or b is None:
        return "-"
    r = a / b
    return f"{r:.3g}x" if r < 100 else f"{r:.0f}x"


def main():
    header, rows = parse(sys.argv[1])
    cases = {}  # (shape, dtype, sparsity, cores) -> {kernel: row}
    order = []
    for r in rows:
        key = (r["shape"], r["dtype"], r["sparsity"], r["cores"])
        if key not in cases:
            cases[key] = {}
            order.append(key)
        cases[key][r["kernel"]] = r

    def ms(case, kernel):
        r = case.get(kernel)
        if r is None or r["status"] != "ok" or "median_ms" not in r:
            return None
        return float(r["median_ms"])

    def status(case, kernel):
        r = case.get(kernel)
        return "absent" if r is None else r["status"]

    # SparQ's dense path is measured in the 2:4 and 90% cases of each shape.
    dense_of = {}
    for key in order:
        d = ms(cases[key], "sparq_dense")
        if d is not None:
            k2 = (key[0], key[1], key[3])
            dense_of[k2] = min(d, dense_of.get(k2, d))

    out = []
    out.append("Run: " + "; ".join(header))
    out.append("")
    for cores in sorted({k[3] for k in order}):
        out.append(f"### {cores} core{'s' if cores != '1' else ''} "
                   f"(`taskset -c {'0' if cores == '1' else '0,1'}`)")
        out.append("")
        out.append("| layer (M x K x N) | type | sparsity | theor. | SparQ ms | "
                   "upstream best ms | OpenBLAS ms | Eigen best ms | dense-int8 ms | "
                   "SparQ dense ms | vs upstream | vs OpenBLAS | vs Eigen | "
                   "vs dense int8 | vs own dense |")
        out.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for key in order:
            if key[3] != cores:
                continue
            c = cases[key]
            any_row = next(iter(c.values()))
            m, k, n, nnz = (int(any_row[x]) for x in ("M", "K", "N", "nnz"))
            theor = k * n / nnz if nnz else float("inf")
            sq = ms(c, "sparq")
            ups = [(ms(c, u), u) for u in ("up_xw", "up_wx", "up_xw_v8", "up_wx_v8")
                   if ms(c, u) is not None]
            up, upname = min(ups) if ups else (None, "")
            blas = ms(c, "openblas")
            eigs = [(ms(c, e), e) for e in ("eigen", "eigen_wx") if ms(c, e) is not None]
            eig, eigname = min(eigs) if eigs else (None, "")
            i8 = ms(c, "i8gemm")
            dense = dense_of.get((key[0], key[1], key[3]))
            sq_cell = fmt_ms(sq) if sq is not None else status(c, "sparq")
            up_cell = f"{fmt_ms(up)} ({upname})" if up is not None else "-"
            out.append(
                f"| {key[0]} ({m}x{k}x{n}) | {key[1]} | {key[2]} | {theor:.2f}x | "
                f"{sq_cell} | {up_cell} | {fmt_ms(blas)} | "
                f"{fmt_ms(eig) + (' (wx)' if eigname == 'eigen_wx' else '') if eig else '-'} | "
                f"{fmt_ms(i8)} | {fmt_ms(dense)} | {ratio(up, sq)} | "
                f"{ratio(blas, sq)} | {ratio(eig, sq)} | {ratio(i8, sq)} | "
                f"{ratio(dense, sq)} |")
        out.append("")

    wrong = [(key, kname, r.get("err", "")) for key in order
             for kname, r in cases[key].items() if r["status"] == "WRONG"]
    if wrong:
        out.append("Kernels whose output did not match the reference (not timed):")
        out.append("")
        for key, kname, err in wrong:
            out.append(f"- {' '.join(key[:3])}, {key[3]} core(s): `{kname}` {err}")
        out.append("")

    # The targets, on one core.
    out.append("### Targets (one core)")
    out.append("")
    out.append("| target | case | reached | met |")
    out.append("|---|---|--:|---|")

    def target(desc, key, num, den, goal):
        c = cases.get(key)
        if c is None:
            return
        a = num(c)
        b = den(c)
        if a is None or b is None:
            out.append(f"| {desc} | {' '.join(key[:3])} | - | no (not measured) |")
            return
        r = a / b
        out.append(f"| {desc} | {' '.join(key[:3])} | {r:.3g}x | "
                   f"{'yes' if r >= goal else 'no'} |")

    def best_up(c):
        v = [ms(c, u) for u in ("up_xw", "up_wx", "up_xw_v8", "up_wx_v8")]
        v = [x for x in v if x is not None]
        return min(v) if v else None

    for key in order:
        if key[3] != "1":
            continue
        if key[2] == "0.9":
            target("SparQ >= 2x faster than the upstream sparsifier (best orientation)",
                   key, best_up, lambda c: ms(c, "sparq"), 2)
            if key[1] == "f32":
                target("SparQ >= 4x faster than dense OpenBLAS", key,
                       lambda c: ms(c, "openblas"), lambda c: ms(c, "sparq"), 4)
        if key[2] == "2:4":
            target("2:4 >= 1.6x faster than SparQ's own dense path", key,
                   lambda c, k=key: dense_of.get((k[0], k[1], k[3])),
                   lambda c: ms(c, "sparq"), 1.6)
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
