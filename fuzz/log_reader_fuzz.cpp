// libFuzzer harness of the run-log reader: any bytes, split into feeds at places the input
// chooses, must parse without crashing, hanging or throwing, and give the same log as one feed.
// Build and run: fuzz/run.sh log_reader [seconds]
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/telemetry/log_reader.h"

using namespace ps::telemetry;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_consistent(const RunLog& log) {
  const StepSeries& s = log.steps();
  const std::size_t n = s.size();
  check(s.epoch.size() == n && s.time.size() == n && s.step_time.size() == n &&
        s.method_time.size() == n && s.residual.size() == n && s.iterations.size() == n &&
        s.status.size() == n);
  for (auto* col : {&s.losses, &s.weights, &s.rates, &s.grad_norms}) {
    check(col->size() == static_cast<std::size_t>(s.num_tasks));
    for (const auto& c : *col) check(c.size() == n);
  }
  for (auto st : s.status) check(st < s.status_names.size() || s.status_names.empty());
  const LogStats& t = log.stats();
  check(t.records == static_cast<std::int64_t>(n + log.headers().size() + log.events().size() +
                                               log.evals().size() + log.cosines().size()));
  check(t.records + t.garbled + t.invalid + t.unknown + t.overlong <= t.lines + 1);
  for (const auto& h : log.headers()) check(h.first_row <= n);
  for (const auto& c : log.cosines())
    check(c.cosine.matrix.size() == static_cast<std::size_t>(c.cosine.k) * c.cosine.k);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the feed sizes; the rest is the log.
  const std::size_t step = 1 + data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  RunLog whole;
  LogParser a(whole);
  a.feed(text);
  check(a.consumed() + static_cast<std::int64_t>(a.pending()) ==
        static_cast<std::int64_t>(text.size()));
  a.finish();
  check(a.consumed() == static_cast<std::int64_t>(text.size()));
  check_consistent(whole);

  RunLog pieces;
  LogParser b(pieces);
  for (std::size_t i = 0; i < text.size(); i += step) b.feed(text.substr(i, step));
  b.finish();
  check_consistent(pieces);
  check(pieces.stats().records == whole.stats().records);
  check(pieces.stats().garbled == whole.stats().garbled);
  check(pieces.stats().invalid == whole.stats().invalid);
  check(pieces.stats().truncated == whole.stats().truncated);
  check(pieces.steps().step == whole.steps().step);
  return 0;
}
