#!/usr/bin/env bash
# README command 2: runs SparQ's whole test suite (lit: dialect, conversions,
# plugin, JIT integration; plus the C++ unit tests), building first if needed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SPARQ_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
echo "[sparq test] running the lit suite and unit tests (ninja check-sparq)"
ninja -C "$build" check-sparq
