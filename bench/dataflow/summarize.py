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

    stat = ["median_ms"]  # the statistic ms() reads; the targets use both

    def ms(case, kernel):
        r = case.get(kernel)
        if r is None or r["status"] != "ok" or stat[0] not in r:
            return None
        return float(r[stat[0]])

    def status(case, kernel):
        r = case.get(kernel)
        return "absent" if r is None else r["status"]

    def best(case, cores, dense):
        """The fastest SparQ kernel of a case: (ms, name) or (None, status).
        One core: the serial kernels; two: the OpenMP ones (`_par`) too."""
        found = []
        for kname in case:
            if not kname.startswith("sparq_"):
                continue
            if (kname.startswith("sparq_dense")) != dense:
                continue
            if kname.endswith("_par") and cores == "1":
                continue
            t = ms(case, kname)
            if t is not None:
                found.append((t, kname))
        if found:
            return min(found)
        bad = [f"{k}: {case[k]['status']}" for k in case
               if k.startswith("sparq_") and case[k]["status"] != "ok"]
        return None, ", ".join(bad) if bad else "absent"

    # SparQ's dense path is measured in the 2:4 and 90% cases of each shape.
    dense_of = {}

    def recompute_dense():
        dense_of.clear()
        for key in order:
            d, _ = best(cases[key], key[3], True)
            if d is not None:
                k2 = (key[0], key[1], key[3])
                dense_of[k2] = min(d, dense_of.get(k2, d))

    recompute_dense()

    out = []
    out.append("Run: " + "; ".join(header))
    out.append("")
    for cores in sorted({k[3] for k in order}):
        out.append(f"### {cores} core{'s' if cores != '1' else ''} "
                   f"(`taskset -c {'0' if cores == '1' else '0,1'}`)")
        out.append("")
        out.append("| layer (M x K x N) | type | sparsity | theor. | SparQ best ms (format) | "
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
            sq, sqname = best(c, cores, False)
            ups = [(ms(c, u), u) for u in ("up_xw", "up_wx", "up_xw_v8", "up_wx_v8")
                   if ms(c, u) is not None]
            up, upname = min(ups) if ups else (None, "")
            blas = ms(c, "openblas")
            eigs = [(ms(c, e), e) for e in ("eigen", "eigen_wx") if ms(c, e) is not None]
            eig, eigname = min(eigs) if eigs else (None, "")
            i8 = ms(c, "i8gemm")
            dense = dense_of.get((key[0], key[1], key[3]))
            sq_cell = (f"{fmt_ms(sq)} ({sqname[len('sparq_'):]})" if sq is not None
                       else sqname)
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
    out.append("Reached from the median times (and from the minimum times, "
               "less sensitive to other processes on the machine):")
    out.append("")
    out.append("| target | case | reached (median) | met | reached (min) | met |")
    out.append("|---|---|--:|---|--:|---|")

    def target(desc, key, num, den, goal):
        c = cases.get(key)
        if c is None:
            return
        cells = []
        for st in ("median_ms", "min_ms"):
            stat[0] = st
            recompute_dense()
            a, b = num(c), den(c)
            if a is None or b is None:
                cells.append("- | no (not measured)")
            else:
                r = a / b
                cells.append(f"{r:.3g}x | {'yes' if r >= goal else 'no'}")
        stat[0] = "median_ms"
        recompute_dense()
        out.append(f"| {desc} | {' '.join(key[:3])} | {cells[0]} | {cells[1]} |")

    def best_up(c):
        v = [ms(c, u) for u in ("up_xw", "up_wx", "up_xw_v8", "up_wx_v8")]
        v = [x for x in v if x is not None]
        return min(v) if v else None

    for key in order:
        if key[3] != "1":
            continue
        if key[2] == "0.9":
            target("SparQ >= 2x faster than the upstream sparsifier (best orientation)",
                   key, best_up, lambda c: best(c, "1", False)[0], 2)
            if key[1] == "f32":
                target("SparQ >= 4x faster than dense OpenBLAS", key,
                       lambda c: ms(c, "openblas"), lambda c: best(c, "1", False)[0], 4)
        if key[2] == "2:4":
            target("2:4 >= 1.6x faster than SparQ's own dense path", key,
                   lambda c, k=key: dense_of.get((k[0], k[1], k[3])),
                   lambda c: best(c, "1", False)[0], 1.6)
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
