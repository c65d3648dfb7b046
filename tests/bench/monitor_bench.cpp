// The run monitor's data path on a finished 1,000,000-step, 10-task log (written once per process
// with LogWriter, like tests/train/telemetry_bench.cpp, and removed at exit):
//   monitor_watcher_load   RunWatcher construction until status().loaded (target <= 2 s)
//   monitor_series_update  RunSeries::update over the whole loaded log (smoothing 0.6)
//   monitor_decimate_*     the 10 loss series thinned to 1,600 columns: full range, 10% and 1%
//                          zoom, each by a pass over the rows and by the min/max tree (_tree),
//                          and the general (unsorted-x) path on the full range
//   monitor_live_update    10 new rows arriving on a 1M-row store: ingest, append, update
// Medians: --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "core/telemetry/log_reader.h"
#include "core/telemetry/log_writer.h"
#include "core/telemetry/run_series.h"
#include "core/telemetry/run_watcher.h"
#include "core/telemetry/series_decimate.h"

using namespace ps::telemetry;

namespace {

constexpr long kSteps = 1000000;
constexpr int kTasks = 10;
constexpr int kColumns = 1600;

StepRecord bench_step(long s) {
  StepRecord r;
  r.step = s;
  r.epoch = static_cast<int>(s / 1000);
  r.time = 0.0123 * static_cast<double>(s);
  for (int k = 0; k < kTasks; ++k) {
    const double x = static_cast<double>(s) * 1e-4 + k;
    r.losses.push_back(std::exp(-1e-5 * static_cast<double>(s)) * (1 + 0.1 * std::sin(x)));
    r.weights.push_back(0.5 + 0.3 * std::cos(1.7 * x));
    r.rates.push_back(1e-3 * std::sin(3.1 * x));
    r.grad_norms.push_back(std::pow(10.0, k - 3) * (1 + 0.01 * std::cos(x)));
  }
  r.status = "ok";
  r.iterations = static_cast<int>(s % 9);
  r.residual = 1e-10 * (1 + static_cast<double>(s % 13));
  r.step_time = 0.0123 + 1e-6 * static_cast<double>(s % 17);
  r.method_time = 2.1e-5;
  return r;
}

// The finished run every benchmark reads: written on first use, removed at exit.
struct BenchRun {
  std::string dir = "/tmp/ps_monitor_bench_" + std::to_string(::getpid());
  BenchRun() {
    std::filesystem::remove_all(dir);
    LogWriter w(dir);
    HeaderRecord h;
    h.run = "bench";
    h.workload = "regression";
    h.method = "fairgrad";
    // append, not "t" + to_string: GCC 12 warns falsely (-Wrestrict) on the latter here.
    for (int k = 0; k < kTasks; ++k) h.tasks.emplace_back("t").append(std::to_string(k + 1));
    h.start_unix = 1700000000;
    w.write(h);
    CosineRecord c;
    c.k = kTasks;
    c.matrix.assign(kTasks * kTasks, 0.25);
    for (long s = 0; s < kSteps; ++s) {
      w.write(bench_step(s));
      if (s % 100 == 0) c.step = s, w.write(c);
    }
    EventRecord e;
    e.kind = "finished";
    e.step = kSteps;
    w.write(e);
  }
  ~BenchRun() { std::filesystem::remove_all(dir); }
};

const BenchRun& bench_run() {
  static BenchRun run;
  return run;
}

// The loaded log and its series (smoothing 0.6, as the GUI's default).
struct Loaded {
  RunLog log;
  RunSeries series;
  Loaded() {
    read_log(bench_run().dir, log);
    series.set_smoothing(0.6);
    series.update(log);
  }
};
Loaded& loaded() {
  static Loaded l;
  return l;
}

void monitor_watcher_load(benchmark::State& state) {
  const std::string dir = bench_run().dir;
  double load_s = 0;
  for (auto _ : state) {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    const auto t0 = std::chrono::steady_clock::now();
    RunWatcher::Options o;
    o.smoothing = 0.6;
    o.on_update = [&] {
      std::lock_guard lk(mu);
      done = true;
      cv.notify_all();
    };
    auto w = std::make_unique<RunWatcher>(dir, o);
    {
      std::unique_lock lk(mu);
      cv.wait(lk, [&] { return done && w->status().loaded; });
    }
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    const WatchStatus st = w->status();
    if (st.rows != kSteps) state.SkipWithError("wrong row count");
    load_s = st.load_seconds;
    state.PauseTiming();
    w.reset();  // freeing 1M rows is not part of loading
    state.ResumeTiming();
  }
  state.counters["load_seconds"] = load_s;
}
BENCHMARK(monitor_watcher_load)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

void monitor_series_update(benchmark::State& state) {
  const RunLog& log = loaded().log;
  for (auto _ : state) {
    RunSeries s;
    s.set_smoothing(0.6);
    s.update(log);
    benchmark::DoNotOptimize(s.size());
    state.PauseTiming();
    { RunSeries gone = std::move(s); }
    state.ResumeTiming();
  }
}
BENCHMARK(monitor_series_update)->Unit(benchmark::kMillisecond);

void decimate_losses(benchmark::State& state, double zoom, bool monotonic, bool tree = false) {
  const RunSeries& s = loaded().series;
  const auto x = s.x(XAxis::step);
  DecimateOptions o;
  o.columns = kColumns;
  o.x_monotonic = monotonic;
  o.log_y = true;
  o.x0 = x.front() + (x.back() - x.front()) * (0.5 - zoom / 2);
  o.x1 = x.front() + (x.back() - x.front()) * (0.5 + zoom / 2);
  std::vector<XY> out;
  std::size_t points = 0;
  for (auto _ : state) {
    points = 0;
    for (int t = 0; t < kTasks; ++t) {
      o.tree = tree ? s.smooth_tree(Quantity::loss, t) : nullptr;
      decimate_minmax(x, s.smooth(Quantity::loss, t), o, out);
      points += out.size();
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["points"] = static_cast<double>(points);
}
void monitor_decimate_full(benchmark::State& state) { decimate_losses(state, 1, true); }
void monitor_decimate_zoom1pct(benchmark::State& state) { decimate_losses(state, 0.01, true); }
void monitor_decimate_full_unsorted(benchmark::State& state) { decimate_losses(state, 1, false); }
void monitor_decimate_zoom10pct(benchmark::State& state) { decimate_losses(state, 0.1, true); }
void monitor_decimate_full_tree(benchmark::State& state) { decimate_losses(state, 1, true, true); }
void monitor_decimate_zoom10pct_tree(benchmark::State& state) {
  decimate_losses(state, 0.1, true, true);
}
void monitor_decimate_zoom1pct_tree(benchmark::State& state) {
  decimate_losses(state, 0.01, true, true);
}
BENCHMARK(monitor_decimate_full)->Unit(benchmark::kMillisecond);
BENCHMARK(monitor_decimate_full_tree)->Unit(benchmark::kMillisecond);
BENCHMARK(monitor_decimate_zoom10pct)->Unit(benchmark::kMicrosecond);
BENCHMARK(monitor_decimate_zoom10pct_tree)->Unit(benchmark::kMicrosecond);
BENCHMARK(monitor_decimate_zoom1pct)->Unit(benchmark::kMicrosecond);
BENCHMARK(monitor_decimate_zoom1pct_tree)->Unit(benchmark::kMicrosecond);
BENCHMARK(monitor_decimate_full_unsorted)->Unit(benchmark::kMillisecond);

void monitor_live_update(benchmark::State& state) {
  Loaded& l = loaded();
  std::vector<std::string> lines;
  for (int i = 0; i < 10; ++i) {
    std::string line;
    format_step(bench_step(kSteps + i), line);
    line.pop_back();
    lines.push_back(line);
  }
  // Once untimed: the first append after loading grows every column (geometrically), a cost
  // paid once per doubling of the run, not per poll.
  {
    RunLog fresh;
    fresh.ingest_line(lines[0]);
    l.log.append(std::move(fresh));
    l.series.update(l.log);
  }
  for (auto _ : state) {
    // As a watcher's poll: the reader's new rows, appended to the shared store, then the series.
    RunLog fresh;
    for (const auto& line : lines) fresh.ingest_line(line);
    l.log.append(std::move(fresh));
    l.series.update(l.log);
  }
  benchmark::DoNotOptimize(l.series.size());
}
BENCHMARK(monitor_live_update)->Unit(benchmark::kMicrosecond)->Iterations(5000);

}  // namespace
