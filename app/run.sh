#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds the app and the training job, and starts Paretoscope
# on the built-in toy problem.
# Extra arguments go to `paretoscope` (e.g. `./app/run.sh toy --method mgda`).
set -euo pipefail
cd "$(dirname "$0")/.."
third_party/install-deps.sh all
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
# The training job too (when LibTorch was found), so `build/app/train/paretoscope-train` is there
# to start a run that the app attaches to.
targets=(paretoscope)
if cmake --build build --target help | grep -q 'paretoscope-train'; then targets+=(paretoscope-train); fi
cmake --build build -j"$(nproc)" --target "${targets[@]}"
exec build/app/paretoscope "$@"
