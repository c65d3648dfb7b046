#!/usr/bin/env bash
# Installs the Debian 12 packages Paretoscope needs, only those missing.
# Usage: third_party/install-deps.sh [core|gui|train|fuzz|all]...   (default: all; fuzz is
# only for fuzz/run.sh and is not part of all)
set -euo pipefail

core=(build-essential cmake pkg-config libeigen3-dev libceres-dev catch2 libbenchmark-dev
      nlohmann-json3-dev)
gui=(libimgui-dev libglfw3-dev libgl-dev libcairo2-dev fonts-dejavu-core xvfb xauth
     poppler-utils)
train=(libtorch-dev zlib1g-dev dataset-fashion-mnist)
fuzz=(clang-14 libclang-rt-14-dev)

want=()
for group in "${@:-all}"; do
  case "$group" in
    core) want+=("${core[@]}") ;;
    gui) want+=("${gui[@]}") ;;
    train) want+=("${train[@]}") ;;
    fuzz) want+=("${fuzz[@]}") ;;
    all) want+=("${core[@]}" "${gui[@]}" "${train[@]}") ;;
    *) echo "install-deps: unknown group '$group' (core, gui, train, fuzz, all)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
