// libFuzzer harness of the run-log reader: any bytes, split into feeds at places the input
// chooses, must parse without crashing, hanging or throwing, and give the same log as one feed.
// Build and run: fuzz/run.sh log_reader [seconds]
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/telemetry/log_reader.h"
#include "core/telemetry/run_series.h"
#include "core/telemetry/series_decimate.h"

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

  // The viewer's path (RunWatcher): each feed's records are taken from the reader's log and
  // appended to a shared store, whose derived series grows with it and is drawn decimated.
  RunLog tail, store;
  LogParser c(tail);
  RunSeries series;
  series.set_smoothing(data[0] & 1 ? 0.6 : 0);
  std::vector<XY> line, fast;
  auto hand_over = [&] {
    RunLog fresh = tail.take_records();
    if (store.stats().records == 0 && store.steps().size() == 0)
      store = std::move(fresh);
    else
      check(store.append(std::move(fresh)));
    store.stats().records = tail.stats().records;
    series.update(store);
    check(series.size() == store.steps().size());
  };
  for (std::size_t i = 0; i < text.size(); i += step) {
    c.feed(text.substr(i, step));
    hand_over();
  }
  c.finish();
  hand_over();
  check(store.steps().step == whole.steps().step);
  const XAxis axis = data[0] & 2 ? XAxis::wall_time : XAxis::step;
  const auto xs = series.x(axis);
  DecimateOptions o;
  o.columns = 1 + data[0] % 37;
  o.log_y = data[0] & 4;
  o.x_monotonic = series.x_monotonic(axis);
  if (!xs.empty()) o.x0 = xs.front(), o.x1 = xs.back();
  for (Quantity q : {Quantity::loss, Quantity::share, Quantity::step_time}) {
    const auto ys = series.smooth(q, 0);
    if (ys.size() != xs.size()) continue;  // K = 0: no per-task columns
    o.tree = nullptr;
    decimate_minmax(xs, ys, o, line);
    check(line.size() <= 5 * static_cast<std::size_t>(o.columns) + 2);
    // The series' min/max tree is only a shortcut: the same points with it.
    o.tree = series.smooth_tree(q, 0);
    decimate_minmax(xs, ys, o, fast);
    check(fast.size() == line.size());
    for (std::size_t i = 0; i < line.size(); ++i)
      check(fast[i].x == line[i].x &&
            (fast[i].y == line[i].y || (std::isnan(fast[i].y) && std::isnan(line[i].y))));
  }
  return 0;
}
