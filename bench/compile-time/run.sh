#!/usr/bin/env bash
# Compile-time benchmark (issue: compression passes must scale): how long the
# SparQ compression passes take on one N x N f32 weight, as a ratio to Debian's
# mlir-opt merely parsing and printing the same file. Both run in this script,
# on this machine, back to back; each figure is the best of REPEAT runs.
#   bench/compile-time/run.sh [N=4096] [REPEAT=3]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-4096}
repeat=${2:-3}
sparq_opt=${SPARQ_OPT:-$root/build/bin/sparq-opt}
mlir_opt=/usr/lib/llvm-22/bin/mlir-opt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/bench/compile-time/make_weight.py" "$n" "$work/in.mlir"

best() { # best wall time in seconds of REPEAT runs of "$@"
  local best=""
  for _ in $(seq "$repeat"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    best=$(python3 -c "print(min(x for x in [$t1-$t0, ${best:-1e9}]))")
  done
  echo "$best"
}

base=$(best "$mlir_opt" "$work/in.mlir" -o "$work/out.mlir")
printf 'machine: %s, %s cores\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(nproc)"
printf 'weight: %dx%d f32 (%d MiB), best of %d\n' "$n" "$n" $((n * n * 4 / 1048576)) "$repeat"
printf '%-48s %8s %8s\n' "command (| separates passes)" "seconds" "ratio"
printf '%-48s %8.2f %8.2f\n' "mlir-opt parse + print" "$base" 1
for pipeline in \
    "--sparq-prune=structure=unstructured sparsity=0.9" \
    "--sparq-prune=structure=nm n=2 m=4" \
    "--sparq-prune=structure=block block=4x4 sparsity=0.5" \
    "--sparq-quantize=scheme=symmetric bits=8 granularity=channel" \
    "--sparq-quantize=scheme=asymmetric bits=4 granularity=group group-size=128" \
    "--sparq-quantize=scheme=kmeans bits=4 granularity=channel" \
    "--sparq-float-format=type=bf16" \
    "--sparq-prune=structure=unstructured sparsity=0.9|--sparq-pack=format=auto" \
    "--sparq-prune=structure=unstructured sparsity=0.9|--sparq-quantize=scheme=kmeans bits=5 granularity=tensor|--sparq-pack=format=csr"; do
  IFS='|' read -r -a flags <<< "$pipeline"
  t=$(best "$sparq_opt" "$work/in.mlir" "${flags[@]}" -o "$work/out.mlir")
  printf '%-48s %8.2f %8.2f\n' "sparq-opt $pipeline" "$t" "$(python3 -c "print($t/$base)")"
done
