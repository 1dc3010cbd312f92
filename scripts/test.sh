#!/usr/bin/env bash
# README command 2: runs SparQ's whole test suite (lit: dialect, passes,
# conversions, plugin, JIT integration, and the C++ unit tests), building
# first if needed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SPARQ_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
echo "[sparq test] ninja check-sparq"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ninja -C "$build" check-sparq 2>&1 | tee "$log" || status=$?
# One plain summary line for tools that read the closing line.
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | tail -1 || true)
failed=$( (grep -E '^ *(Failed|Unresolved|Timed Out|Unexpectedly Passed) *:' "$log" || true) |
         sed 's/.*: *\([0-9]*\).*/\1/' | awk '{s += $1} END {print s + 0}')
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
