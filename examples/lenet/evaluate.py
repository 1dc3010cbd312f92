#!/usr/bin/python3
"""README command 1's table: the LeNet of examples/lenet under SparQ's
compression configurations, each compiled by SparQ and run over the 10,000
Fashion-MNIST test images.

  evaluate.py --build BUILD [--count N] [--repeat R] [--markdown FILE] [--work DIR]

For every configuration: sparq-opt compresses the imported model (and writes
a --sparq-report), sparq-run JIT-compiles it (--sparq-to-llvm) and runs it on
the test images in batches of 100, and the logits are compared with the
labels and with PyTorch's predictions (pytorch_top1.npy, committed beside the
model). Prints the table and, with --markdown, writes it with the commit and
the machine it came from.
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import re
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = "/usr/share/datasets/fashion-mnist"
IMAGES = os.path.join(DATA, "t10k-images-idx3-ubyte.gz")
LABELS = os.path.join(DATA, "t10k-labels-idx1-ubyte.gz")
BATCH = 100
ENTRY = "main_graph"  # torch.onnx.export's graph name, kept by the importer

# Layer names: the ONNX node names torch.onnx.export gives the LeNet's modules,
# which the importer keeps as NameLoc locations (the passes' ops= option).
CONV1, CONV2, FC1, FC2, FC3 = ("/conv1/Conv", "/conv2/Conv", "/fc1/Gemm",
                               "/fc2/Gemm", "/fc3/Gemm")
ALL = [CONV1, CONV2, FC1, FC2, FC3]


def ops(names):
    return ",".join(names)


PACK = '--sparq-pack=format=auto'

# name, description, sparq-opt flags ({calib} is the calibration file)
CONFIGS = [
    ("float", "f32 weights and activations (the imported model)", []),
    ("W8A8 static", "int8 weights per output channel; int8 activations with "
     "static per-tensor scales from calibration",
     ['--sparq-quantize=scheme=symmetric bits=8 granularity=channel',
      '--sparq-quantize-activations=bits=8 calibration={calib}', PACK]),
    ("int4 per-group", "int4 weights, one scale per 8 reduction entries "
     "(conv1: per output channel, it has one input channel)",
     [f'--sparq-quantize=scheme=symmetric bits=4 granularity=channel ops={CONV1}',
      '--sparq-quantize=scheme=symmetric bits=4 granularity=group group-size=8 '
      f'ops={ops([CONV2, FC1, FC2, FC3])}', PACK]),
    ("k-means 4-bit", "16-entry codebook per layer (4-bit indices)",
     ['--sparq-quantize=scheme=kmeans bits=4 granularity=tensor', PACK]),
    ("50% pruned", "unstructured magnitude pruning, 50% of every layer",
     ['--sparq-prune=structure=unstructured sparsity=0.5', PACK]),
    ("90% pruned", "unstructured magnitude pruning, 90% of every layer",
     ['--sparq-prune=structure=unstructured sparsity=0.9', PACK]),
    ("2:4", "2 of every 4 weights along the reduction (conv1's 25-long "
     "reduction cannot be split in 4s: kept dense)",
     [f'--sparq-prune=structure=nm n=2 m=4 ops={ops([CONV2, FC1, FC2, FC3])}',
      PACK]),
    ("filter 25%", "25% of the filters / neurons of conv1, conv2, fc1, fc2 "
     "(smallest L2 norm; fc3's outputs are the classes)",
     [f'--sparq-prune=structure=filter sparsity=0.25 ops={ops([CONV1, CONV2, FC1, FC2])}',
      PACK]),
    ("90% + k-means 5-bit", "Deep Compression style: 90% unstructured "
     "pruning, then a 32-entry codebook per layer (0 pinned), packed",
     ['--sparq-prune=structure=unstructured sparsity=0.9',
      '--sparq-quantize=scheme=kmeans bits=5 granularity=tensor', PACK]),
]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def run(cmd, **kw):
    """Runs a command; on failure prints it with its output and exits."""
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        sys.stderr.write(f"[lenet] command failed ({proc.returncode}): {' '.join(cmd)}\n")
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        sys.exit(1)
    return proc.stdout


def git_commit():
    try:
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return rev + (" (with uncommitted changes)" if dirty else "") if rev else "unknown"
    except OSError:
        return "unknown"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical cores, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--count", type=int, default=10000,
                    help="test images to run (a multiple of 100)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="passes over the images per configuration (latency: median batch)")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--work", default=None, help="keep intermediate files here")
    ap.add_argument("--only", default=None, help="comma-separated configuration names")
    args = ap.parse_args()
    if args.count % BATCH or not 0 < args.count <= 10000:
        sys.exit("evaluate.py: --count must be a multiple of 100 in [100, 10000]")

    bins = os.path.join(args.build, "bin")
    tools = {t: os.path.join(bins, t) for t in ("sparq-import-onnx", "sparq-opt", "sparq-run")}
    for t, path in tools.items():
        if not os.access(path, os.X_OK):
            sys.exit(f"evaluate.py: {path} is missing (build SparQ first)")
    work = args.work or os.path.join(args.build, "lenet")
    os.makedirs(work, exist_ok=True)

    labels = read_idx(LABELS)[:args.count].astype(np.int64)
    torch_top1 = np.load(os.path.join(HERE, "pytorch_top1.npy"))[:args.count].astype(np.int64)
    torch_acc = float((torch_top1 == labels).mean())

    model = os.path.join(work, "lenet.mlir")
    run([tools["sparq-import-onnx"], os.path.join(HERE, "lenet.onnx"), "-o", model])
    calib = os.path.join(work, "calibration.json")
    calibrate(bins, model, calib)

    rows = []
    selected = args.only.split(",") if args.only else None
    for name, desc, flags in CONFIGS:
        if selected and name not in selected:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        compressed = os.path.join(work, f"{slug}.mlir")
        report = os.path.join(work, f"{slug}.report.json")
        logits = os.path.join(work, f"{slug}.logits.npy")
        expanded = [f.format(calib=calib) for f in flags]
        start = time.time()
        run([tools["sparq-opt"], model, *expanded,
             f"--sparq-report=file={report}", "-o", compressed])
        out = run([tools["sparq-run"], compressed, f"--entry={ENTRY}",
                   f"--input={IMAGES}", f"--rows=0:{args.count}", f"--batch={BATCH}",
                   f"--output={logits}", f"--repeat={args.repeat}"])
        ms = parse_latency(out)
        y = np.load(logits).reshape(-1, 10)[:args.count]
        top1 = y.argmax(1)
        with open(report) as f:
            totals = report_totals(json.load(f))
        rows.append(dict(name=name, desc=desc, flags=expanded,
                         acc=float((top1 == labels).mean()),
                         agree=int((top1 == torch_top1).sum()),
                         before=totals[0], after=totals[1], ms=ms,
                         cycles=pe_cycles(bins, compressed, work, slug)))
        print(f"[lenet] {name}: accuracy {rows[-1]['acc']:.4f}, "
              f"{rows[-1]['after']} weight bytes, {ms:.3f} ms per batch "
              f"({time.time() - start:.0f} s)", flush=True)

    table = format_table(rows, args.count, torch_acc)
    print()
    print(table)
    if args.markdown:
        write_markdown(args, rows, table)
    float_row = next((r for r in rows if r["name"] == "float"), None)
    if float_row and float_row["agree"] < 0.999 * args.count:
        print(f"[lenet] FAILED: the float model agrees with PyTorch on only "
              f"{float_row['agree']} / {args.count} images (need >= 99.9%)")
        sys.exit(1)


def calibrate(bins, model, calib):
    """Static activation ranges from the first 1,000 *training* images."""
    raise NotImplementedError


def parse_latency(out):
    m = re.search(r"median ([0-9.]+) ms", out)
    if not m:
        sys.exit("evaluate.py: sparq-run printed no timing:\n" + out)
    return float(m.group(1))


def report_totals(report):
    """(bytes before, bytes after) of all contraction weights (--sparq-report)."""
    t = report["totals"]
    return int(t["bytes_before"]), int(t["bytes_after"])


def pe_cycles(bins, compressed, work, slug):
    return None


def format_table(rows, count, torch_acc):
    base = next((r for r in rows if r["name"] == "float"), rows[0])
    head = ("| configuration | top-1 accuracy | agrees with PyTorch | weight bytes | "
            "compression | latency / batch (vs float) | PE cycles |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        cycles = f"{r['cycles']:,}" if r["cycles"] is not None else "n/a"
        lines.append(
            f"| {r['name']} | {100 * r['acc']:.2f}% | {r['agree']:,} / {count:,} | "
            f"{r['after']:,} | {r['before'] / r['after']:.1f}x | "
            f"{r['ms']:.2f} ms ({r['ms'] / base['ms']:.2f}x) | {cycles} |")
    lines.append("")
    lines.append(f"PyTorch's own accuracy on these {count:,} images: {100 * torch_acc:.2f}%.")
    return "\n".join(lines)


def write_markdown(args, rows, table):
    raise NotImplementedError


if __name__ == "__main__":
    main()
