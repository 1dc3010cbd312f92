#!/usr/bin/env bash
# Installs what SparQ needs from Debian 12's packages (only what is missing),
# then configures and builds SparQ in ./build. Safe to run again: each step
# is skipped when already done. Used by quickstart.sh and test.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SPARQ_BUILD_DIR:-$root/build}
packages=(cmake ninja-build g++ llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
          libgtest-dev python3-numpy libomp-22-dev libonnx-dev libprotobuf-dev
          protobuf-compiler dataset-fashion-mnist zlib1g-dev libopenblas-dev libeigen3-dev)

say() { printf '[sparq setup] %s\n' "$*"; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "Debian packages present: ${packages[*]}"
fi

if [ ! -f "$build/build.ninja" ]; then
  say "configuring $build"
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
say "building (ninja -C $build)"
ninja -C "$build" ${SPARQ_JOBS:+-j "$SPARQ_JOBS"}
