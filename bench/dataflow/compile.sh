#!/usr/bin/env bash
# Builds the pieces of bench/dataflow (used by run.sh and by the lit test
# test/Integration/bench-dataflow-check.mlir):
#
#   compile.sh harness OUT
#       the timing harness bench.cpp (links OpenBLAS, uses Eigen)
#   compile.sh case DIR FORMAT [DENSE_SOURCE]
#       DIR/kernels.so from the files gen.py wrote into DIR:
#         sparq        sparq-opt DIR/sparq.mlir --sparq-pack=format=FORMAT
#                      $SPARQ_FLAGS --sparq-to-llvm
#         sparq_dense  the same without packing, from DENSE_SOURCE (its
#                      @sparq renamed; skipped when DENSE_SOURCE is absent)
#         up_xw, up_wx           mlir-opt --sparsifier="enable-runtime-library=false"
#         up_xw_v8, up_wx_v8     the same with vl=8 (the sparsifier's SIMD)
#       each lowered to LLVM IR, optimized with opt -O3 and compiled by llc
#       -O3 for the host CPU. A kernel that does not compile is left out
#       (the harness then reports it missing) and its error is printed.
#
# Environment: SPARQ_OPT (default build/bin/sparq-opt), SPARQ_FLAGS.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/bench/dataflow
llvm=/usr/lib/llvm-22/bin
sparq_opt=${SPARQ_OPT:-${SPARQ_BUILD_DIR:-$root/build}/bin/sparq-opt}

case ${1:-} in
  harness)
    exec g++ -O3 -march=native -std=c++17 -I/usr/include/eigen3 "$here/bench.cpp" \
      -o "$2" -lopenblas -ldl ;;
  case) ;;
  *) echo "usage: $0 harness OUT | case DIR FORMAT [DENSE_SOURCE]" >&2; exit 2 ;;
esac
dir=$2 format=$3 dense_src=${4:-}

triple=$("$llvm/llvm-config" --host-target)
to_obj() { # LLVM-dialect MLIR on stdin -> object file $1
  "$llvm/mlir-translate" --mlir-to-llvmir |
    "$llvm/opt" -O3 -mtriple="$triple" -mcpu=native |
    "$llvm/llc" -O3 -mtriple="$triple" -mcpu=native -relocation-model=pic -filetype=obj -o "$1"
}
failed() { echo "compile.sh: $1 did not compile: $(head -c 400 "$2")" >&2; }

objs=()
# shellcheck disable=SC2086
if "$sparq_opt" "$dir/sparq.mlir" --sparq-pack="format=$format" ${SPARQ_FLAGS:-} \
    --sparq-to-llvm 2> "$dir/sparq.err" | to_obj "$dir/sparq.o"; then
  objs+=("$dir/sparq.o")
else failed "sparq (format=$format)" "$dir/sparq.err"; fi
if [ -n "$dense_src" ]; then
  # shellcheck disable=SC2086
  if sed 's/@sparq(/@sparq_dense(/' "$dense_src" |
      "$sparq_opt" ${SPARQ_FLAGS:-} --sparq-to-llvm 2> "$dir/dense.err" | to_obj "$dir/dense.o"; then
    objs+=("$dir/dense.o")
  else failed "sparq dense" "$dir/dense.err"; fi
fi
if "$llvm/mlir-opt" "$dir/upstream.mlir" --sparsifier="enable-runtime-library=false" \
    2> "$dir/up.err" | to_obj "$dir/up.o"; then
  objs+=("$dir/up.o")
else failed "upstream sparsifier" "$dir/up.err"; fi
if sed 's/@up_\(xw\|wx\)/@up_\1_v8/' "$dir/upstream.mlir" |
    "$llvm/mlir-opt" --sparsifier="enable-runtime-library=false vl=8" 2> "$dir/up8.err" |
    to_obj "$dir/up8.o"; then
  objs+=("$dir/up8.o")
else failed "upstream sparsifier vl=8" "$dir/up8.err"; fi

libs=()
for o in "${objs[@]}"; do
  # Kernels parallelized through OpenMP call LLVM's libomp.
  if "$llvm/llvm-nm" -u "$o" | grep -c __kmpc > /dev/null; then
    libs=(-L/usr/lib/llvm-22/lib -lomp -Wl,-rpath,/usr/lib/llvm-22/lib)
  fi
done
g++ -shared -o "$dir/kernels.so" "${objs[@]}" "${libs[@]}"
rm -f "${objs[@]}"
