#!/usr/bin/env bash
# Speed of SparQ's generated matmul code (issue #4, item 6): C = X * W with a
# pruned weight W, in one run per case, against the upstream sparsifier on the
# same matrix (both orientations), OpenBLAS sgemm (dense) and Eigen's sparse x
# dense product; int8 cases also against a plain C++ int8 GEMM. SparQ is
# timed in both orientations too: C = X * W as written, and C^T = W^T * X^T
# (the upstream sparsifier's best orientation: X^T in, C^T out). Each kernel
# is checked against the reference before it is timed (bench.cpp).
#
#   bench/dataflow/run.sh [--quick] [--out DIR] [--reps N] [--budget S] [--cores 1|2|both]
#                         [--shapes "NAME..."] [--sparsities "S..."] [--dtypes "f32 i8"]
#
# --quick: the 128x1024x1024 FC layer at 90% and 2:4, f32 and int8, one core
# (unless --cores says otherwise); about 2 minutes.
# --shapes / --sparsities / --dtypes: only the cases of the (full, or
# --quick) list with these layer names (fc1024, fc768x3072, alexnet-conv2 ..
# alexnet-conv5), sparsities (0.5 0.7 0.9 0.95 2:4) and types.
# Environment: SPARQ_OPT (a sparq-opt to use instead of building this
# checkout's), SPARQ_FLAGS (extra sparq-opt flags before --sparq-to-llvm;
# default --sparq-select-dataflow=vector-bits=0, policy=cost at the host's
# vector width, when sparq-opt has it),
# SPARQ_FORMATS (storages of unstructured weights SparQ is timed with, default
# "csr csc"; 2:4 weights use nm).
# Writes DIR/results.tsv (one line per case x cores x kernel) and
# DIR/results.md (the tables of bench/README.md); DIR defaults to
# build/bench/dataflow. --reps 0 checks every kernel without timing it.
# --budget S: timed seconds per kernel and case at most (default 2; a kernel
# runs min(REPS, S / its time) timed calls, at least 3).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/bench/dataflow
build=${SPARQ_BUILD_DIR:-$root/build}
llvm=/usr/lib/llvm-22/bin
quick=0 out=$build/bench/dataflow reps=20 budget=2 cores=""
only_shapes="" only_sparsities="" only_dtypes=""
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --out) out=$2; shift ;;
    --reps) reps=$2; shift ;;
    --budget) budget=$2; shift ;;
    --cores) cores=$2; shift ;;
    --shapes) only_shapes=$2; shift ;;
    --sparsities) only_sparsities=$2; shift ;;
    --dtypes) only_dtypes=$2; shift ;;
    *) echo "usage: $0 [--quick] [--out DIR] [--reps N] [--budget S] [--cores 1|2|both]" \
         "[--shapes \"NAME...\"] [--sparsities \"S...\"] [--dtypes \"f32 i8\"]" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$cores" ]; then
  if ((quick)); then cores=1; else cores=both; fi
fi
say() { printf '[bench/dataflow] %s\n' "$*" >&2; }

# 1. Packages (Debian) and SparQ itself.
missing=()
for p in libopenblas-dev libeigen3-dev g++; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [ -n "${SPARQ_OPT:-}" ]; then
  sparq_opt=$SPARQ_OPT
else
  if [ ! -x "$build/bin/sparq-opt" ]; then
    "$root/scripts/setup.sh"
  else
    ninja -C "$build" ${SPARQ_JOBS:+-j "$SPARQ_JOBS"} sparq-opt > /dev/null
  fi
  sparq_opt=$build/bin/sparq-opt
fi

# OpenBLAS 0.3.21's run-time CPU detection does not know every Xeon model and
# falls back to its Prescott (SSE3) kernels; name the core from the CPU flags.
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell; fi
fi
if [ -z "${SPARQ_FLAGS+x}" ]; then
  SPARQ_FLAGS=""
  if "$sparq_opt" --help | grep -c -- '--sparq-select-dataflow' > /dev/null; then
    # vector-bits=0: the cost model at the host's width, the width
    # --sparq-to-llvm compiles for (dataflow(dense) wins by the lanes).
    SPARQ_FLAGS="--sparq-select-dataflow=vector-bits=0"
  fi
fi
formats=${SPARQ_FORMATS:-csr csc}

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "compiling the harness"
"$here/compile.sh" harness "$work/bench"

# name M K N: FC layers, and AlexNet conv2..conv5 (batch 1, ungrouped) as
# im2col matmuls X[OH*OW, KH*KW*C] * W[KH*KW*C, F].
shapes_full=(
  "fc1024 128 1024 1024"
  "fc768x3072 128 768 3072"
  "alexnet-conv2 729 2400 256"
  "alexnet-conv3 169 2304 384"
  "alexnet-conv4 169 3456 384"
  "alexnet-conv5 169 3456 256"
)
if ((quick)); then
  shapes=("fc1024 128 1024 1024"); sparsities_f32=(0.9 2:4); sparsities_i8=(0.9 2:4)
else
  shapes=("${shapes_full[@]}"); sparsities_f32=(0.5 0.7 0.9 0.95 2:4); sparsities_i8=(0.5 0.9 2:4)
fi
# in_list WORD "LIST": LIST empty or holding WORD.
in_list() { [ -z "$2" ] || [[ " $2 " == *" $1 "* ]]; }
if [ -n "$only_shapes" ]; then
  kept=()
  for shape in "${shapes[@]}"; do
    in_list "${shape%% *}" "$only_shapes" && kept+=("$shape")
  done
  if ((${#kept[@]} == 0)); then
    echo "--shapes: none of '$only_shapes' is a layer of this run:$(printf ' %s' "${shapes[@]%% *}")" >&2
    exit 2
  fi
  shapes=("${kept[@]}")
fi
core_sets=()
case $cores in
  1) core_sets=(0) ;; 2) core_sets=(0,1) ;; both) core_sets=(0 0,1) ;;
  *) echo "--cores: 1, 2 or both" >&2; exit 2 ;;
esac

tsv=$out/results.tsv
{
  printf '# commit %s (%s), %s\n' "$(git -C "$root" rev-parse --short HEAD)" \
    "$( (($(git -C "$root" status --porcelain --untracked-files=no | wc -l))) && echo "uncommitted changes" || echo clean)" "$(date -u +%FT%TZ)"
  printf '# machine: %s, %s cores, flags:%s\n' "$(lscpu | sed -n 's/^Model name: *//p')" "$(nproc)" \
    "$(grep -m1 -ow 'avx2\|avx512f\|avx512_vnni\|avx_vnni' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/^/ /')"
  printf '# load average at start: %s; busiest processes (%%CPU over their lifetime): %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(ps -eo pcpu=,comm= --sort=-pcpu | head -5 | awk '{printf "%s%s %s%%", (NR>1?", ":""), $2, $1}')"
  printf '# sparq-opt: %s\n' "$sparq_opt"
  printf '# OPENBLAS_CORETYPE=%s SPARQ_FLAGS=%s SPARQ_FORMATS=%s reps=%s budget=%ss\n' "${OPENBLAS_CORETYPE:-}" "$SPARQ_FLAGS" "$formats" "$reps" "$budget"
} > "$tsv"

for shape in "${shapes[@]}"; do
  read -r name m k n <<< "$shape"
  for dtype in f32 i8; do
    in_list "$dtype" "$only_dtypes" || continue
    if [ $dtype = f32 ]; then sp=("${sparsities_f32[@]}"); else sp=("${sparsities_i8[@]}"); fi
    for s in "${sp[@]}"; do
      in_list "$s" "$only_sparsities" || continue
      c=$work/$name-$dtype-${s/:/-}
      label="$name $dtype $s"
      # The seed depends on the case only: --quick and a full run time the same matrices.
      seed=$(( $(printf '%s' "$label" | cksum | cut -d' ' -f1) % 1000000 ))
      say "case $label: M=$m K=$k N=$n"
      /usr/bin/python3 "$here/gen.py" "$c" "$m" "$k" "$n" "$s" "$dtype" "$seed"
      if [ "$s" = 2:4 ]; then fmt=nm; else fmt=$formats; fi
      # SparQ's own dense path (the same weight, not packed): with 2:4 and 90%.
      dense=""
      if [ "$s" = 2:4 ] || [ "$s" = 0.9 ]; then dense=$c/sparq.mlir; fi
      SPARQ_OPT=$sparq_opt SPARQ_FLAGS=$SPARQ_FLAGS "$here/compile.sh" case "$c" "$fmt" $dense
      for cs in "${core_sets[@]}"; do
        threads=$(( $(tr ',' '\n' <<< "$cs" | wc -l) ))
        OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads taskset -c "$cs" \
          "$work/bench" "$c" "$c/kernels.so" "$reps" "$budget" |
          sed "s/^/shape=$name M=$m K=$k N=$n dtype=$dtype sparsity=$s cores=$threads nnz=$(cut -d' ' -f5 "$c/meta.txt") /" |
          tee -a "$tsv" | sed 's/^/  /' >&2 ||
          say "  the harness failed on $label ($cs): the kernels after the last line above were not measured"
      done
      rm -rf "$c"
    done
  done
done
printf '# load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$tsv"
/usr/bin/python3 "$here/summarize.py" "$tsv" > "$out/results.md"
cat "$out/results.md"
