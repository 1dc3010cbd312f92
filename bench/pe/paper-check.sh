#!/usr/bin/env bash
# Regenerates docs/pe-paper-checks.md (the PE cycle model against the BitFusion
# and DRQ papers, and the dataflow counts of a pruned layer beside its PE
# cycles) by running build/bin/sparq-opt on generated PE programs.
#   bench/pe/paper-check.sh [OUT.md]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
PYTHONPATH="$root/bench/pe" exec /usr/bin/python3 "$root/bench/pe/paper_check.py" "$@"
