#!/usr/bin/env bash
# The speed ceiling of hand-written f32 kernels on this CPU (issue #4, item 6):
# compiles bench/ceiling/probe.c (gcc -O3 -march=native, OpenBLAS) and runs it
# pinned to one core. Prints the machine, the load, and the probe's table.
#
#   bench/ceiling/run.sh [ROUNDS] [CORE]     (defaults: 40 rounds, core 0)
#
# Exits non-zero if the build fails, the CPU lacks AVX-512, or any kernel's
# result is wrong (checked against a plain triple loop before timing).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rounds=${1:-40}
core=${2:-0}
out=${CEILING_BUILD_DIR:-$here/../../build/bench/ceiling}
mkdir -p "$out"
if ! dpkg-query -W -f='${Status}' libopenblas-dev 2>/dev/null | grep -q "install ok installed"; then
  echo "bench/ceiling: libopenblas-dev is not installed (apt-get install libopenblas-dev)" >&2
  exit 2
fi
grep -qw avx512f /proc/cpuinfo || { echo "bench/ceiling: needs AVX-512F" >&2; exit 2; }
# OpenBLAS 0.3.21 does not know this CPU model and would fall back to SSE3 kernels.
export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-SkylakeX}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
gcc -O3 -march=native -std=gnu11 -Wall -Wno-unused-function -o "$out/probe" "$here/probe.c" \
  -I/usr/include/x86_64-linux-gnu -lopenblas -lm
echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "# commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$here" diff --quiet HEAD -- . 2>/dev/null || echo ' (modified)')"
echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc --all) cores ($(lscpu | sed -n 's/^Hypervisor vendor: *//p') VM), L1d $(lscpu | sed -n 's/^L1d cache: *//p'), L2 $(lscpu | sed -n 's/^L2 cache: *//p'); flags: $(grep -m1 -o 'avx512f\|avx512_vnni\|avx512_fp16\|amx_tile\|avx2\|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "# OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE; pinned: taskset -c $core"
echo "# compiler: $(gcc --version | head -1); flags -O3 -march=native"
busy() { top -b -n 1 -w 200 | awk 'NR > 7 && $9 + 0 >= 5 {printf "%s %s%%, ", $12, $9}'; }
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); processes above 5% CPU now: $(busy)"
status=0
taskset -c "$core" "$out/probe" "$rounds" || status=$?
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg); processes above 5% CPU now: $(busy)"
exit $status
