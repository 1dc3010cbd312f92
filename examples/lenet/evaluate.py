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
ENTRY = "main"  # the function sparq-import-onnx emits

# Layer names: the ONNX node names torch.onnx.export gives the LeNet's modules,
# which the importer keeps as NameLoc locations (the passes' ops= option).
CONV1, CONV2, FC1, FC2, FC3 = ("/conv1/Conv", "/conv2/Conv", "/fc1/Gemm",
                               "/fc2/Gemm", "/fc3/Gemm")
ALL = [CONV1, CONV2, FC1, FC2, FC3]


def ops(names):
    return ",".join(names)


PACK = "--sparq-pack=format=auto"
W8 = "--sparq-quantize=scheme=symmetric bits=8 granularity=channel"
W4 = "--sparq-quantize=scheme=symmetric bits=4 granularity=channel"
A8 = "--sparq-quantize-activations=scheme=asymmetric bits=8 calibration={calib} observer=minmax"
A4 = "--sparq-quantize-activations=scheme=asymmetric bits=4 calibration={calib} observer=minmax"
# The per-layer sparsities train.py's stage 2 pruned and retrained with.
PRUNED = [f"--sparq-prune=structure=unstructured sparsity={s} ops={layer}"
          for layer, s in ((CONV1, 0.5), (CONV2, 0.75), (FC1, 0.93), (FC2, 0.9),
                           (FC3, 0.7))]

# name, model (lenet or lenet_pruned), description, sparq-opt flags
# ({calib}: the calibration file of that model).
CONFIGS = [
    ("float", "lenet", "f32 weights and activations (the imported model)", []),
    ("W8A8 static", "lenet", "int8 weights (symmetric, one scale per output "
     "channel); 8-bit activations (asymmetric, per tensor) with static scales "
     "and zero points from the min-max ranges sparq-calibrate recorded on "
     "1,000 training images",
     [W8, "--sparq-quantize-activations=scheme=asymmetric bits=8 "
      "calibration={calib} observer=minmax", PACK]),
    ("int4 per-group", "lenet", "int4 weights, one f32 scale per 16 reduction "
     "entries of fc1-fc3; conv2: per 8 (its input channels at one kernel "
     "position); conv1 (one input channel): per filter of 25",
     [f"--sparq-quantize=scheme=symmetric bits=4 granularity=channel ops={CONV1}",
      f"--sparq-quantize=scheme=symmetric bits=4 granularity=group group-size=8 ops={CONV2}",
      "--sparq-quantize=scheme=symmetric bits=4 granularity=group group-size=16 "
      f"ops={ops([FC1, FC2, FC3])}", PACK]),
    ("k-means 4-bit", "lenet", "a 16-entry codebook per layer (4-bit indices)",
     ["--sparq-quantize=scheme=kmeans bits=4 granularity=tensor", PACK]),
    ("50% pruned", "lenet", "unstructured magnitude pruning, 50% of every layer",
     ["--sparq-prune=structure=unstructured sparsity=0.5", PACK]),
    ("90% pruned", "lenet", "unstructured magnitude pruning, 90% of every layer, "
     "no retraining", ["--sparq-prune=structure=unstructured sparsity=0.9", PACK]),
    ("2:4", "lenet", "2 of every 4 consecutive weights along the reduction "
     "(conv1's reduction of 25 is not a multiple of 4: it stays dense)",
     [f"--sparq-prune=structure=nm n=2 m=4 ops={ops([CONV2, FC1, FC2, FC3])}", PACK]),
    ("filter 25%", "lenet", "25% of the filters / neurons of conv1, conv2, fc1 "
     "and fc2 by L2 norm (fc3's outputs are the classes)",
     [f"--sparq-prune=structure=filter sparsity=0.25 ops={ops([CONV1, CONV2, FC1, FC2])}",
      PACK]),
    ("90% + k-means 5-bit", "lenet", "Deep Compression style without retraining: "
     "90% unstructured pruning, a 32-entry codebook per layer (0 kept exact), "
     "packed", ["--sparq-prune=structure=unstructured sparsity=0.9",
                "--sparq-quantize=scheme=kmeans bits=5 granularity=tensor", PACK]),
    ("retrained: 91% pruned", "lenet_pruned", "the model pruned and "
     "retrained in PyTorch (train.py stage 2), pruned by SparQ at the same "
     "per-layer rates (conv1 50%, conv2 75%, fc1 93%, fc2 90%, fc3 70%), which "
     "finds exactly its zeros", [*PRUNED, PACK]),
    ("retrained: 91% + k-means 5-bit", "lenet_pruned", "Deep Compression: the "
     "retrained model, its pruning, a 32-entry codebook per layer, packed",
     [*PRUNED, "--sparq-quantize=scheme=kmeans bits=5 granularity=tensor", PACK]),
    # Integer weights and activations: these run on the PE array too.
    ("W4A8 static", "lenet", "int4 weights (symmetric, one scale per output "
     "channel); 8-bit static activations as in W8A8", [W4, A8, PACK]),
    ("W4A4 static", "lenet", "int4 weights (symmetric, one scale per output "
     "channel); 4-bit activations (asymmetric, per tensor) with static "
     "min-max scales", [W4, A4, PACK]),
    ("W8A8 + retrained 91%", "lenet_pruned", "the retrained model pruned as in "
     "`retrained: 91% pruned`, then W8A8 with static scales calibrated on it",
     [*PRUNED, W8, A8, PACK]),
]


# The configurations examples/lenet/reference.py simulates in numpy.
REFERENCE = {"float": "float", "W8A8 static": "w8a8", "int4 per-group": "w4g16", "k-means 4-bit": "km4",
             "50% pruned": "p50", "90% pruned": "p90", "2:4": "nm24",
             "filter 25%": "filter25", "90% + k-means 5-bit": "p90-km5",
             "retrained: 91% pruned": "pruned91",
             "retrained: 91% + k-means 5-bit": "pruned91-km5",
             "W4A8 static": "w4a8", "W4A4 static": "w4a4",
             "W8A8 + retrained 91%": "pruned91-w8a8"}
CHECK_COUNT = 1000  # images the numpy reference recomputes


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
    ap.add_argument("--work", default=None, help="where intermediate files go "
                    "(default: BUILD/lenet)")
    ap.add_argument("--only", default=None, help="comma-separated configuration names")
    args = ap.parse_args()
    if args.count % BATCH or not 0 < args.count <= 10000:
        sys.exit("evaluate.py: --count must be a multiple of 100 in [100, 10000]")

    bins = os.path.join(args.build, "bin")
    tools = {t: os.path.join(bins, t) for t in ("sparq-import-onnx", "sparq-opt", "sparq-run")}
    for path in tools.values():
        if not os.access(path, os.X_OK):
            sys.exit(f"evaluate.py: {path} is missing (build SparQ first)")
    work = args.work or os.path.join(args.build, "lenet")
    os.makedirs(work, exist_ok=True)
    labels = read_idx(LABELS)[:args.count].astype(np.int64)

    models = {}

    def imported(model):
        """The model imported with sparq-import-onnx, and PyTorch's top-1."""
        if model not in models:
            mlir = os.path.join(work, f"{model}.mlir")
            run([tools["sparq-import-onnx"], os.path.join(HERE, f"{model}.onnx"), "-o", mlir])
            suffix = model[len("lenet"):]
            top1 = np.load(os.path.join(HERE, f"pytorch{suffix}_top1.npy"))[:args.count]
            models[model] = (mlir, top1.astype(np.int64))
        return models[model]

    calib = os.path.join(work, "calibration.json")
    static = calibrate(bins, imported("lenet")[0], calib, work)
    calibrations = {"lenet": calib}

    def calibration(model):
        """The static activation ranges of `model` (sparq-calibrate)."""
        if model not in calibrations:
            path = os.path.join(work, f"calibration{model[len('lenet'):]}.json")
            calibrate(bins, imported(model)[0], path, work)
            calibrations[model] = path
        return calibrations[model]

    rows = []
    selected = args.only.split(",") if args.only else None
    for name, model, desc, flags in CONFIGS:
        if selected and name not in selected:
            continue
        mlir, torch_top1 = imported(model)
        if "{calib}" in " ".join(flags) and not static:
            name = name.replace("static", "dynamic")
            desc += " (sparq-calibrate is not built: scales computed at run time)"
            flags = [f.replace(" calibration={calib} observer=minmax", "") for f in flags]
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        compressed = os.path.join(work, f"{slug}.mlir")
        report = os.path.join(work, f"{slug}.report.json")
        logits = os.path.join(work, f"{slug}.logits.npy")
        model_calib = calibration(model) if "{calib}" in " ".join(flags) else calib
        expanded = [f.format(calib=model_calib) for f in flags]
        start = time.time()
        run([tools["sparq-opt"], mlir, *expanded,
             f"--sparq-report=file={report}", "-o", compressed])
        out = run([tools["sparq-run"], compressed, f"--entry={ENTRY}",
                   f"--input={IMAGES}", f"--rows=0:{args.count}", f"--batch={BATCH}",
                   f"--output={logits}", f"--repeat={args.repeat}"])
        y = np.load(logits).reshape(-1, 10)[:args.count]
        top1 = y.argmax(1)
        with open(report) as f:
            before, after = report_totals(json.load(f))
        row = dict(name=name, model=model, desc=desc, flags=expanded,
                   acc=float((top1 == labels).mean()),
                   torch_acc=float((torch_top1 == labels).mean()),
                   agree=int((top1 == torch_top1).sum()),
                   before=before, after=after, ms=parse_latency(out),
                   pe=pe_program(tools, batch1(mlir), expanded, work, slug, logits),
                   check=numpy_check(REFERENCE.get(name), logits, args.count, model_calib),
                   reference_ops=reference_lowered(tools["sparq-opt"], mlir, expanded))
        with open(report) as f:
            row["problems"] = check_claims(row, json.load(f), args.count)
        rows.append(row)
        print(f"[lenet] {name}: top-1 {100 * row['acc']:.2f}%, agrees with PyTorch on "
              f"{row['agree']} / {args.count}, {after} weight bytes, "
              f"{row['ms']:.2f} ms per batch ({time.time() - start:.0f} s)", flush=True)

    table = format_table(rows, args.count)
    print()
    print(table)
    if args.markdown:
        write_markdown(args, rows, table)
        print(f"\n[lenet] wrote {args.markdown}")
    status = 0
    float_row = next((r for r in rows if r["name"] == "float"), None)
    if float_row and float_row["agree"] < 0.999 * args.count:
        print(f"[lenet] FAILED: the float model agrees with PyTorch on only "
              f"{float_row['agree']} / {args.count} images (need >= 99.9%)")
        status = 1
    for r in rows:
        if r["check"] and not r["check"][0]:
            print(f"[lenet] FAILED: {r['name']} differs from the numpy reference")
            status = 1
        if r["pe"].get("same") is False:
            print(f"[lenet] FAILED: {r['name']}: the PE program's logits differ from "
                  f"the CPU's")
            status = 1
        for problem in r["problems"]:
            print(f"[lenet] FAILED: {r['name']}: {problem}")
            status = 1
    sys.exit(status)


RETRAINED = "retrained: 91% pruned"


def check_claims(row, report, count):
    """What the generated page says about a row beyond the table, checked:
    the weight bytes before compression are the f32 conv / fc weights alone
    (no biases), and the retrained model pruned by SparQ at train.py's rates
    keeps exactly PyTorch's zeros and agrees with PyTorch's pruned model (as
    the float row agrees with PyTorch). Returns what does not hold."""
    problems = []
    npz = np.load(os.path.join(HERE, "weights_pruned.npz" if row["model"] == "lenet_pruned"
                               else "weights.npz"))
    weights = {k.split(".")[0]: npz[k] for k in npz.files if k.endswith(".weight")}
    expected = 4 * sum(w.size for w in weights.values())
    if row["before"] != expected:
        problems.append(f"{row['before']} f32 weight bytes before compression, but the "
                        f"conv / fc weights take {expected}")
    if row["name"] == RETRAINED:
        for w in report["weights"]:
            layer = w["name"].split("/")[1]
            zeros = int((weights[layer] == 0).sum())
            if w["zeros"] != zeros:
                problems.append(f"{layer} has {w['zeros']} zeros after SparQ's pruning, "
                                f"PyTorch's retrained model {zeros}")
        if row["agree"] < 0.999 * count:
            problems.append(f"agrees with PyTorch's pruned model on only {row['agree']} / "
                            f"{count} images (need >= 99.9%)")
    return problems


def reference_lowered(sparq_opt, mlir, flags):
    """The layers whose contraction --sparq-to-llvm leaves to the reference
    lowering: the sparq.matmul / sparq.conv2d ops still there after its
    --sparq-adopt-linalg, --sparq-conv2d-to-matmul and --sparq-lower-dataflow
    steps (a plain f32 linalg contraction becomes a sparq op first, so one
    left behind would be listed too)."""
    out = run([sparq_opt, mlir, *flags, "--sparq-adopt-linalg", "--sparq-conv2d-to-matmul",
               "--sparq-lower-dataflow", "-mlir-print-debuginfo", "-mlir-print-local-scope"])
    names = []
    for line in out.splitlines():
        if re.search(r"= sparq\.(matmul|conv2d) ", line):
            m = re.search(r'loc\("([^"]+)"', line)
            names.append(m.group(1) if m else "(unnamed)")
    return names


def calibrate(bins, model, calib, work):
    """Static activation ranges of the float model on the first 1,000
    *training* images (sparq-calibrate). Returns False when the tool is not
    built, and the W8A8 row then uses dynamic scales."""
    tool = os.path.join(bins, "sparq-calibrate")
    if not os.access(tool, os.X_OK):
        return False
    train = os.path.join(DATA, "train-images-idx3-ubyte.gz")
    run([tool, model, f"--entry={ENTRY}", f"--input={train}", "--rows=0:1000",
         f"--batch={BATCH}", f"--output={calib}"])
    return True


def parse_latency(out):
    m = re.search(r"median ([0-9.]+) ms", out)
    if not m:
        sys.exit("evaluate.py: sparq-run printed no timing:\n" + out)
    return float(m.group(1))


def report_totals(report):
    """(bytes before, bytes after) of all contraction weights (--sparq-report)."""
    t = report["totals"]
    return int(t["bytes_before"]), int(t["bytes_after"])


def numpy_check(config, logits, count, calib):
    """(ok, max |SparQ - numpy| logit error) of examples/lenet/reference.py on
    the first CHECK_COUNT images, or None when it does not simulate `config`.
    The integer configurations (W8A8, W4A8, W4A4, W8A8 + retrained 91%) are
    simulated from the calibration file the model was compiled with (whose
    ranges reference.py also checks against numpy's) and must match bit for
    bit."""
    if not config:
        return None
    integer = config in ("w8a8", "w4a8", "w4a4", "pruned91-w8a8")
    extra = ["--calibration", calib] if integer else []
    proc = subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), "check",
                           config, "--logits", logits,
                           "--count", str(min(count, CHECK_COUNT)), *extra],
                          capture_output=True, text=True)
    m = re.search(r"max \|SparQ - numpy\| = ([0-9.e+-]+)", proc.stdout)
    if not m:
        sys.exit("evaluate.py: reference.py failed:\n" + proc.stdout + proc.stderr)
    return proc.returncode == 0, float(m.group(1))


PE_CHECK_COUNT = 20  # images the PE program is run on (one at a time)


def batch1(mlir):
    """The imported module with its static batch of 100 replaced by 1: the
    PE figures are for one image. sparq-import-onnx writes the batch only as
    the leading dimension of `tensor<100x...>` types."""
    out = mlir[:-len(".mlir")] + ".batch1.mlir"
    with open(mlir) as f:
        text = f.read()
    if f"tensor<{BATCH}x" not in text:
        sys.exit(f"evaluate.py: {mlir} has no tensor<{BATCH}x...> batch dimension")
    with open(out, "w") as f:
        f.write(text.replace(f"tensor<{BATCH}x", "tensor<1x"))
    return out


def pe_program(tools, model1, flags, work, slug, logits):
    """The configuration on the PE array, for one image: the batch-1 model
    compressed with the same flags, then `--sparq-to-pe` (BitFusion, default
    accelerator) and `--sparq-pe-simulate` in the same sparq-opt run (so each
    instruction keeps its layer's name). Returns a dict with the report's
    total cycles, per-layer compute cycles and memory bytes, and `same`: the
    PE program run with sparq-run on the first PE_CHECK_COUNT images gives
    the CPU run's logits bit for bit. Or {"cycles": None, "why": reason}:
    sparq-to-pe's first diagnostic."""
    sparq_opt = tools["sparq-opt"]
    helptext = subprocess.run([sparq_opt, "--help"], capture_output=True, text=True).stdout
    if "sparq-pe-simulate" not in helptext or "sparq-to-pe" not in helptext:
        return {"cycles": None, "why": "sparq-to-pe / sparq-pe-simulate are not built"}
    report = os.path.join(work, f"{slug}.pe.json")
    program = os.path.join(work, f"{slug}.pe.mlir")
    for path in (report, program):
        if os.path.exists(path):
            os.remove(path)
    proc = subprocess.run([sparq_opt, model1, *flags, "--sparq-to-pe",
                           f"--sparq-pe-simulate=report={report}", "-o", program],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not os.path.exists(report):
        m = re.search(r"error: (.*)", proc.stderr)
        why = m.group(1).strip() if m else "sparq-to-pe failed"
        why = re.sub(r'^loc\("[^"]*"\): ', "", why)
        return {"cycles": None, "why": why, "float": "element type 'f32'" in why}
    with open(report) as f:
        data = json.load(f)
    fns = data.get("functions", [])
    if not fns:
        return {"cycles": None, "why": "no op was lowered to the PE array (float model)",
                "float": True}
    total = fns[0]["total"]
    layers = {}
    for op in fns[0]["ops"]:
        layer = layers.setdefault(op.get("layer", "?"), {"compute": 0, "bytes": 0})
        layer["compute"] += op["compute_cycles"]
        layer["bytes"] += op["memory_traffic_bytes"]
    result = {"cycles": int(total["cycles"]), "compute": int(total["compute_cycles"]),
              "memory": int(total["memory_cycles"]), "bound": total["bound"],
              "bytes": int(total["memory_traffic_bytes"]),
              "macs": total["macs_by_precision"], "util": total["pe_utilization"],
              "host": fns[0].get("host_work", {}), "layers": layers,
              "bandwidth": data["accelerator"]["bandwidth"]}
    # The PE program (run bit-exactly by --sparq-to-llvm) against the CPU.
    pe_logits = os.path.join(work, f"{slug}.pe.logits.npy")
    run([tools["sparq-run"], program, f"--entry={ENTRY}", f"--input={IMAGES}",
         f"--rows=0:{PE_CHECK_COUNT}", "--batch=1", f"--output={pe_logits}", "--repeat=1"])
    got = np.load(pe_logits).reshape(-1, 10).astype(np.float32)
    want = np.load(logits).reshape(-1, 10)[:PE_CHECK_COUNT].astype(np.float32)
    result["same"] = bool(got.shape == want.shape and
                          np.array_equal(got.view(np.uint32), want.view(np.uint32)))
    return result


def format_table(rows, count):
    base = next((r for r in rows if r["name"] == "float"), rows[0])
    lines = ["| configuration | top-1 accuracy | agrees with PyTorch | numpy check | "
             "weight bytes | compression | latency / batch of 100 | vs float | PE cycles / image |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        pe = r["pe"]
        cycles = (f"{pe['cycles']:,}" if pe["cycles"] is not None
                  else "n/a (float)" if pe.get("float") else "n/a")
        check = "—"
        if r["check"]:
            check = f"{'ok' if r['check'][0] else 'MISMATCH'} ({r['check'][1]:.0e})"
        lines.append(
            f"| {r['name']} | {100 * r['acc']:.2f}% | {r['agree']:,} / {count:,} | {check} | "
            f"{r['after']:,} | {r['before'] / r['after']:.1f}x | "
            f"{r['ms']:.2f} ms | {r['ms'] / base['ms']:.2f}x | {cycles} |")
    accs = sorted({(r["model"], r["torch_acc"]) for r in rows})
    lines.append("")
    lines.append("PyTorch's accuracy on these images: " + ", ".join(
        f"{m}.onnx {100 * a:.2f}%" for m, a in accs) + ".")
    return "\n".join(lines)


def write_markdown(args, rows, table):
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    out = [
        "# LeNet on Fashion-MNIST: accuracy, size and speed under SparQ's compression",
        "",
        "Generated by `scripts/quickstart.sh` (README command 1) through "
        "`examples/lenet/evaluate.py`; do not edit by hand.",
        "",
        f"- commit: `{git_commit()}`",
        f"- machine: {machine()}; load average {load:.1f} when the run ended "
        "(latency figures are ratios to the float row measured in the same run)",
        f"- date: {when}",
        f"- images: the first {args.count:,} Fashion-MNIST test images, batches of {BATCH}",
        "",
        table,
        "",
        "## Columns",
        "",
        "- **top-1 accuracy**: against the test labels.",
        "- **agrees with PyTorch**: images on which the SparQ-compiled model's top-1 "
        "class equals PyTorch's (`pytorch_top1.npy` / `pytorch_pruned_top1.npy`, "
        "saved by `train.py` from the same ONNX model's PyTorch original). For "
        "the float row this is the compiler's correctness; for the others it "
        "measures how much the compression changed the decisions.",
        f"- **numpy check**: the logits of the first {CHECK_COUNT:,} images against "
        "`examples/lenet/reference.py`, an independent numpy implementation of "
        "the same compression rules (round half to even, k-means, pruning "
        "order) with a float64 forward pass: `ok` when every logit is within "
        "2e-5 x max|logit| and the top-1 classes agree wherever the reference's "
        "two best logits are further apart than that; in parentheses the "
        "largest logit difference. W8A8 (and W4A8, W4A4, W8A8 + retrained "
        "91%: the same with 4-bit weights, 15 activation levels, the "
        "retrained model's pruning) is simulated step by step from "
        "docs/design.md's numerics (int8 weights, activations quantized with "
        "the calibration file's static scales and zero points, exact integer "
        "sums, scales applied in f64, f32 bias / ReLU / pooling) and must "
        "match bit for bit (`ok (0e+00)`: identical logits, so identical "
        "predictions); its check also compares the calibration file's min-max "
        "ranges with numpy's float model on the same 1,000 training images "
        "(within 1e-5 of each range). `—`: not simulated.",
        "- **weight bytes**: the conv and fully connected weights as stored after "
        "compression (`--sparq-report`: values, indices, scales, codebooks at their "
        "stored size, sub-byte data packed), without the 226 f32 biases. "
        "**compression**: f32 dense bytes / stored bytes.",
        "- **latency**: median time of one call on a batch of 100 images "
        "(`sparq-run --batch=100`, JIT at -O2, one thread, `--sparq-to-llvm`), "
        "and its ratio to the float row.",
        "- **PE cycles / image**: the cycle model of the PE array "
        "(`--sparq-to-pe --sparq-pe-simulate`, BitFusion on the default "
        "`#sparq_pe.accelerator`: 16 x 16 fusion units of 16 BitBricks, 64 KiB "
        "input / weight / output buffers, 16 bytes per cycle to memory) for one "
        "image: the configuration compiled at batch 1 (the imported model with "
        "its static batch of 100 replaced by 1, the same flags), the five "
        "layers' programs together (see *PE array* below). `n/a (float)`: the "
        "configuration keeps float weights or activations, which the integer "
        "array does not multiply.",
        "",
    ]
    pe_rows = [r for r in rows if r["pe"]["cycles"] is not None]
    if pe_rows:
        layers = [CONV1, CONV2, FC1, FC2, FC3]
        out += [
            "## PE array",
            "",
            "Per layer: compute cycles / memory cycles (its bytes moved at the "
            "bandwidth). The program's cycles are max(sum of compute cycles, "
            "all bytes / bandwidth): transfers overlap with compute "
            "(docs/pe-cycle-model.md).",
            "",
            "| configuration | " + " | ".join(f"`{l}`" for l in layers) +
            " | compute | memory | cycles | bound | MACs | PE utilization | "
            "host work (elements) | PE program = CPU |",
            "|---|" + "---:|" * len(layers) + "---:|---:|---:|---|---|---:|---|---|",
        ]
        for r in pe_rows:
            pe = r["pe"]
            bw = pe["bandwidth"]
            cells = []
            for l in layers:
                lay = pe["layers"].get(l)
                if not lay:
                    cells.append("—")
                    continue
                mem = -(-lay["bytes"] // bw) if bw else 0
                cells.append(f"{lay['compute']:,} / {mem:,}")
            macs = ", ".join(f"{v:,} at {k}" for k, v in sorted(pe["macs"].items()))
            host = ", ".join(f"{k.replace('_', ' ')} {v:,}"
                             for k, v in sorted(pe["host"].items())) or "—"
            same = (f"yes ({PE_CHECK_COUNT} images, bit for bit)" if pe["same"]
                    else "NO")
            out.append(f"| {r['name']} | " + " | ".join(cells) +
                       f" | {pe['compute']:,} | {pe['memory']:,} | {pe['cycles']:,} | "
                       f"{pe['bound']} | {macs} | {pe['util']:.2f} | {host} | {same} |")
        out += [
            "",
            "- The array multiplies the stored integers (8 x 8 bits: one product "
            "per fusion unit per cycle; 8 x 4: two; 4 x 4: four). Activation zero "
            "points would be corrected and the per-tensor x per-channel scales "
            "applied after each layer's program, outside the array: *host work* "
            "counts the elements those steps touch (`rescale`: one per output; "
            "`zero_point_correction`: row sums, column sums and one per output, "
            "only where a zero point is not a constant 0 — static min-max "
            "calibration of these ReLU / [0, 1] activations gives zero points of "
            "0). They are not in the cycles; neither are bias, ReLU and pooling, "
            "which stay on the CPU.",
            "- Convolutions run as im2col matrix x weight matrix; the im2col "
            "matrix is built in memory first, so the loads count its bytes "
            "(25 or 200 bytes per output position), and every layer stores its "
            "i32 accumulators (4 bytes per output): at 16 bytes per cycle every "
            "layer is memory-bound. For one image the fully connected layers' "
            "traffic is their weights (fc1: 51,200 bytes at 8 bits).",
            "- BitFusion does not skip pruned zeros, so pruning changes neither the "
            "cycles nor the traffic (the weights are unpacked to dense tiles). The "
            "zero-skipping schemes (`scheme=atoms`, `scheme=bitmap`) count work "
            "from the values, and the activations are only known at run time: "
            "they are not simulated here.",
            f"- **PE program = CPU**: the PE program, executed bit-exactly on the "
            f"CPU (`sparq-run`, whose `--sparq-to-llvm` starts with "
            f"`--sparq-pe-to-arith`), on the first {PE_CHECK_COUNT} test images "
            f"one at a time: its logits equal the CPU run's (the table's) bit for "
            f"bit.",
            "",
        ]
    why = {}
    for r in rows:
        if r["pe"]["cycles"] is None:
            why.setdefault(r["pe"]["why"], []).append(r["name"])
    if why:
        out.append("Why PE cycles are `n/a` (the first diagnostic of `sparq-opt "
                   "--sparq-to-pe` on that configuration):")
        out.append("")
        for reason, names in why.items():
            out.append(f"- {', '.join(names)}: {reason}")
        out.append("")
    out += [
        "## Reading the table",
        "",
        "- SparQ compresses at compile time and does not retrain. Pruning a dense "
        "model's weights to 90% without retraining destroys its accuracy; the "
        "`retrained:` rows compile `lenet_pruned.onnx`, which PyTorch pruned and "
        "retrained with SparQ's own magnitude rule (train.py stage 2), so SparQ's "
        "pruning at the same per-layer rates finds exactly its zeros and the "
        "compiled model must agree with PyTorch's pruned model.",
        "- Weight bytes include every stored part: per-group int4 carries one f32 "
        "scale per group, k-means one f32 codebook per layer, sparse formats their "
        "positions and coordinates (`--sparq-pack=format=auto` picks the smallest).",
        "- Latency comes from `--sparq-to-llvm`: it takes plain f32 linalg "
        "contractions as the sparq ops computing them (`--sparq-adopt-linalg`: the "
        "float model's and any layer no compression pass touched), rewrites the convolutions "
        "as im2col + `sparq.matmul` (`--sparq-conv2d-to-matmul`) and lowers the "
        "matmuls with `--sparq-lower-dataflow` (compressed weights iterated in "
        "their stored format); an op these cannot take stays on the reference "
        "lowering (`--sparq-to-linalg`: its weight unpacked and dequantized on "
        "every call, a dense contraction). Left to the reference lowering here "
        "(the sparq ops `sparq-opt --sparq-adopt-linalg --sparq-conv2d-to-matmul "
        "--sparq-lower-dataflow` leaves in each configuration): "
        + ("; ".join([f"{r['name']}: {', '.join(r['reference_ops'])}" for r in rows if r["reference_ops"]]) or "none") + ". "
        "The W8A8 row quantizes its activations on every call (static scales "
        "and zero points, one `sparq.quantize` per layer). The float row is the "
        "imported model, its convolutions and matmuls on SparQ's dense GEMM. The "
        "latency column measures what these lowerings cost today, on this machine.",
        "",
        "## Configurations",
        "",
        "| configuration | model | what it is | sparq-opt flags |",
        "|---|---|---|---|",
    ]
    for r in rows:
        flags = " ".join(f"`{f}`" for f in r["flags"]) or "(none)"
        flags = flags.replace(os.path.join(args.work or os.path.join(args.build, "lenet"), ""), "")
        out.append(f"| {r['name']} | `{r['model']}.onnx` | {r['desc']} | {flags} |")
    out.append("")
    with open(args.markdown, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
