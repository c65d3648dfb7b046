#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan) and runs one for a while.
# Usage: fuzz/run.sh TARGET [SECONDS]      TARGET: log_reader | steer_command | json_number
#        fuzz/run.sh all [SECONDS]         each target in turn
# Needs clang with libFuzzer (Debian: clang-14; third_party/install-deps.sh fuzz).
# Crashes are written to build-fuzz/crash-*; the growing corpus to build-fuzz/corpus-TARGET
# (seeded from fuzz/corpus/TARGET). A crash exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: fuzz/run.sh TARGET|all [SECONDS]}"
seconds="${2:-60}"
cxx="${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++)}"
out=build-fuzz
mkdir -p "$out"

sources_for() {
  case "$1" in
    log_reader) echo core/telemetry/json_scan.cpp core/telemetry/run_log.cpp core/telemetry/log_reader.cpp \
        core/telemetry/run_series.cpp core/telemetry/series_decimate.cpp core/telemetry/minmax_tree.cpp ;;
    steer_command) echo core/telemetry/steer_command.cpp ;;
    json_number) echo core/telemetry/json_scan.cpp ;;
    *) echo "fuzz/run.sh: unknown target '$1'" >&2; exit 2 ;;
  esac
}

run_one() {
  local t="$1"
  local bin="$out/${t}_fuzz"
  # shellcheck disable=SC2046
  "$cxx" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I. -o "$bin" "fuzz/${t}_fuzz.cpp" $(sources_for "$t") -lpthread
  mkdir -p "$out/corpus-$t"
  echo "fuzz: $t for ${seconds}s"
  "$bin" "$out/corpus-$t" "fuzz/corpus/$t" -max_total_time="$seconds" -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/" -print_final_stats=1 2>&1 |
    grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY|artifact)" || true
  test "${PIPESTATUS[0]}" -eq 0
}

if [ "$target" = all ]; then
  for t in log_reader steer_command json_number; do run_one "$t"; done
else
  run_one "$target"
fi
