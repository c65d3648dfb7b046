#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds, and starts Paretoscope on the built-in toy problem.
# Extra arguments go to `paretoscope` (e.g. `./app/run.sh toy --method mgda`).
set -euo pipefail
cd "$(dirname "$0")/.."
third_party/install-deps.sh all
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target paretoscope
exec build/app/paretoscope "$@"
