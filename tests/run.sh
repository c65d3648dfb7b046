#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds everything, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
third_party/install-deps.sh all
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
