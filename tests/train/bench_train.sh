#!/usr/bin/env bash
# Benchmarks of the training job and its telemetry (figures only, no assertions):
#  1. per-step cost of LS and FairGrad on both workloads (method time = FairGrad's overhead),
#     and telemetry's share of a step;
#  2. loading a 1,000,000-step, 10-task run log.
# Usage: tests/train/bench_train.sh [BUILD_DIR]   (default build); THREADS=1 by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
train="$build/app/train/paretoscope-train"
threads="${THREADS:-1}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

run() {  # name, flags...
  local name="$1"
  shift
  "$train" --threads "$threads" --cosine-every 50 --run-dir "$tmp/$name" "$@" >"$tmp/$name.out"
  printf '%-28s %s\n' "$name" "$(grep -o 'Per step.*' "$tmp/$name.out")"
}

echo "== per-step cost (CPU, $threads thread(s)); times in ms per step"
for m in ls fairgrad; do
  run "regression-K10-$m" --workload regression --tasks 10 --steps 1000 --method "$m"
done
for m in ls fairgrad; do
  run "regression-K64-$m" --workload regression --tasks 64 --steps 300 --method "$m"
done
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  for m in ls fairgrad; do
    run "multi-fashion-$m" --workload multi-fashion --train-size 12800 --test-size 1000 \
      --steps 50 --method "$m"
  done
fi

echo "== run-log load (1,000,000 steps x 10 tasks)"
"$build/tests/train/telemetry_bench" --steps 1000000 --tasks 10 --dir "$tmp"
