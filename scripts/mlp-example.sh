#!/usr/bin/env bash
# The small hand-written example (README, "Using it"): installs what is
# missing (Debian packages), builds SparQ, then compiles examples/mlp (a
# two-layer perceptron in func + linalg with constant weights) under several
# compression configurations, runs each with Debian's mlir-runner, and checks
# every result against an independent numpy reference (examples/mlp/reference.py).
# test/Integration/mlp-example.mlir runs the same configurations in the suite.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SPARQ_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"

sparq_opt="$build/bin/sparq-opt"
runner=/usr/lib/llvm-22/bin/mlir-runner
libs=/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_runner_utils.so
example="$root/examples/mlp/mlp.mlir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo
echo "[sparq example] $example: y = relu(x * W1[16x32]) * W2[32x8]"
status=0
run() { # name, then the sparq-opt compression flags (may be none)
  local name=$1
  shift
  echo
  echo "[sparq example] configuration '$name'"
  echo "  sparq-opt mlp.mlir $* --sparq-to-llvm | mlir-runner -e main"
  "$sparq_opt" "$example" "$@" -o "$work/$name.mlir" | sed 's/^/    /'
  grep -o 'sparq.sparsity = [0-9.e+-]*\|sparq.quant<[^>]*>' "$work/$name.mlir" |
    sort | uniq -c | sed 's/^ */    /' || true
  "$sparq_opt" "$work/$name.mlir" --sparq-to-llvm |
    "$runner" -e main -entry-point-result=void -shared-libs="$libs" > "$work/$name.out"
  sed 's/^/  output: /' "$work/$name.out" | cut -c1-110
  /usr/bin/python3 "$root/examples/mlp/reference.py" "$name" < "$work/$name.out" || status=1
}
run float
run nm24 --sparq-prune="structure=nm n=2 m=4"
run unstructured90 --sparq-prune="structure=unstructured sparsity=0.9"
run w8 --sparq-quantize="scheme=symmetric bits=8 granularity=channel"
run nm24-w8 --sparq-prune="structure=nm n=2 m=4" \
  --sparq-quantize="scheme=symmetric bits=8 granularity=channel"
run nm24-w4g8-packed --sparq-prune="structure=nm n=2 m=4" \
  --sparq-quantize="scheme=symmetric bits=4 granularity=group group-size=8" \
  --sparq-pack="format=auto" --sparq-report="file=$work/report.json summary=true"

echo
if [ "$status" -eq 0 ]; then
  echo "[sparq example] all configurations match the numpy reference"
else
  echo "[sparq example] MISMATCH: see above"
fi
exit "$status"
