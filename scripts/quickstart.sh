#!/usr/bin/env bash
# README command 1: installs what is missing (Debian packages, including the
# Fashion-MNIST data set), builds SparQ, then takes the trained LeNet in
# examples/lenet (lenet.onnx, exported from PyTorch; nothing trains here):
#   sparq-import-onnx  ONNX -> func + linalg with dense_resource weights
#   sparq-opt          compresses it under each configuration (prune,
#                      quantize, pack) and reports the stored weight bytes
#   sparq-run          compiles each with --sparq-to-llvm, runs it on the
#                      10,000 test images in batches of 100 and times it
# and prints a table of accuracy, agreement with PyTorch, size, latency and
# PE cycles. The same table, with the commit and the machine, is written to
# docs/results-fashion-mnist.md (SPARQ_RESULTS=FILE writes elsewhere).
# The small hand-written example of earlier versions: scripts/mlp-example.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SPARQ_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"

echo
echo "[sparq quickstart] LeNet-5 on Fashion-MNIST (examples/lenet): import, compress, compile, run"
exec /usr/bin/python3 "$root/examples/lenet/evaluate.py" --build "$build" \
  --markdown "${SPARQ_RESULTS:-$root/docs/results-fashion-mnist.md}" "$@"
