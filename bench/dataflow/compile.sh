#!/usr/bin/env bash
# Builds the pieces of bench/dataflow (used by run.sh and by the lit test
# test/Integration/bench-dataflow-check.mlir):
#
#   compile.sh harness OUT
#       the timing harness bench.cpp (links OpenBLAS, uses Eigen)
#   compile.sh case DIR "FORMAT..." [DENSE_SOURCE]
#       DIR/kernels.so and DIR/kernels.txt (the kernels it holds, one
#       "name calling-convention" a line, read by the harness) from the files
#       gen.py wrote into DIR:
#         sparq_<FORMAT>   sparq-opt DIR/sparq.mlir --sparq-pack=format=FORMAT
#                          $SPARQ_FLAGS --sparq-to-llvm, for each FORMAT
#         sparq_<FORMAT>_par  the same with --sparq-to-llvm=parallel=true
#                          (OpenMP), when the pipeline has that option
#         sparq_dense      the same without packing, from DENSE_SOURCE (its
#                          @sparq renamed; skipped when DENSE_SOURCE is absent)
#         sparq_wx_<FORMAT>[_par], sparq_dense_wx[_par]  the same from
#                          DIR/sparq_wx.mlir (and DENSE_SOURCE's _wx twin):
#                          C^T = W^T * X^T, calling convention unary_wx
#         up_xw, up_wx     mlir-opt --sparsifier="enable-runtime-library=false"
#         up_xw_v8, up_wx_v8  the same with vl=8 (the sparsifier's SIMD)
#       each lowered to LLVM IR, optimized with opt -O3 and compiled by llc
#       -O3 for the host CPU. A kernel that does not compile is left out
#       (the harness then does not know it) and its error is printed.
#
# Environment: SPARQ_OPT (default build/bin/sparq-opt), SPARQ_FLAGS,
# SPARQ_PARALLEL=0 (no _par kernels).
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
  *) echo "usage: $0 harness OUT | case DIR \"FORMAT...\" [DENSE_SOURCE]" >&2; exit 2 ;;
esac
dir=$2 formats=$3 dense_src=${4:-}

triple=$("$llvm/llvm-config" --host-target)
to_obj() { # LLVM-dialect MLIR on stdin -> object file $1
  "$llvm/mlir-translate" --mlir-to-llvmir |
    "$llvm/opt" -O3 -mtriple="$triple" -mcpu=native |
    "$llvm/llc" -O3 -mtriple="$triple" -mcpu=native -relocation-model=pic -filetype=obj -o "$1"
}
failed() { echo "compile.sh: $1 did not compile: $(head -c 400 "$2")" >&2; }

objs=()
: > "$dir/kernels.txt"
# sparq_kernel NAME SOURCE PIPELINE-OPTIONS [sparq-opt flags...]: one SparQ
# kernel (calling convention unary, or unary_wx for a _wx source).
sparq_kernel() {
  local name=$1 src=$2 popts=$3 conv=unary
  shift 3
  case $src in *_wx.mlir) conv=unary_wx ;; esac
  # shellcheck disable=SC2086
  if sed "s/@sparq(/@$name(/" "$src" |
      "$sparq_opt" "$@" ${SPARQ_FLAGS:-} --sparq-to-llvm${popts:+=$popts} 2> "$dir/$name.err" |
      to_obj "$dir/$name.o"; then
    objs+=("$dir/$name.o")
    echo "$name $conv" >> "$dir/kernels.txt"
  else failed "$name" "$dir/$name.err"; fi
}
parallel=""
if [ "${SPARQ_PARALLEL:-auto}" != 0 ] && "$sparq_opt" --help | awk '/^      --sparq-to-llvm /{f=1; next} /^      --/{f=0} f' |
    grep -c -- '--parallel ' > /dev/null; then
  parallel=1
fi
# The orientations: X * W, and W^T * X^T when gen.py wrote it.
orients=("")
[ -f "$dir/sparq_wx.mlir" ] && orients+=(_wx)
for o in "${orients[@]}"; do
  for format in $formats; do
    sparq_kernel "sparq${o}_$format" "$dir/sparq$o.mlir" "" --sparq-pack="format=$format"
    if [ -n "$parallel" ]; then
      sparq_kernel "sparq${o}_${format}_par" "$dir/sparq$o.mlir" "parallel=true" --sparq-pack="format=$format"
    fi
  done
  dsrc=${dense_src:+${dense_src%.mlir}$o.mlir}
  if [ -n "$dsrc" ] && [ -f "$dsrc" ]; then
    sparq_kernel "sparq_dense$o" "$dsrc" ""
    if [ -n "$parallel" ]; then
      sparq_kernel "sparq_dense${o}_par" "$dsrc" "parallel=true"
    fi
  fi
done
if "$llvm/mlir-opt" "$dir/upstream.mlir" --sparsifier="enable-runtime-library=false" \
    2> "$dir/up.err" | to_obj "$dir/up.o"; then
  objs+=("$dir/up.o")
  printf 'up_xw csr_xw\nup_wx csr_wx\n' >> "$dir/kernels.txt"
else failed "upstream sparsifier" "$dir/up.err"; fi
if sed 's/@up_\(xw\|wx\)/@up_\1_v8/' "$dir/upstream.mlir" |
    "$llvm/mlir-opt" --sparsifier="enable-runtime-library=false vl=8" 2> "$dir/up8.err" |
    to_obj "$dir/up8.o"; then
  objs+=("$dir/up8.o")
  printf 'up_xw_v8 csr_xw\nup_wx_v8 csr_wx\n' >> "$dir/kernels.txt"
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
