#include "core/telemetry/run_series.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace ps::telemetry {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kPerTask = 5;  // loss, rate, weight, share, grad_norm lead the enum

// Room for n elements, growing geometrically: an exact reserve on every small update would
// copy the whole column each time.
template <class V>
void room(V& v, std::size_t n) {
  if (v.capacity() < n) v.reserve(std::max(n, v.capacity() * 2));
}

// One column's EMA: its running state and where its rows come from and go.
struct Ema {
  double ema, decay;
  float last;
  const float* in;
  float* out;
};

// Rows [from, n) of M columns at once: each column's recurrence is a chain of dependent
// multiply-adds, so interleaving independent columns hides their latency. Every column gets
// exactly the arithmetic it would get alone (results do not depend on the grouping).
template <int M>
void ema_rows(Ema* e, std::size_t from, std::size_t n, double f) {
  double ema[M], decay[M];
  float last[M];
  for (int j = 0; j < M; ++j) ema[j] = e[j].ema, decay[j] = e[j].decay, last[j] = e[j].last;
  for (std::size_t r = from; r < n; ++r)
    for (int j = 0; j < M; ++j) {
      const float y = e[j].in[r];
      if (std::isfinite(y)) {
        ema[j] = f * ema[j] + (1 - f) * static_cast<double>(y);
        // f^n underflows into denormals (and for some f sticks at the smallest one), where each
        // multiply is ~100x slower; by 1e-30 the debiasing divides by 1 exactly anyway.
        decay[j] = decay[j] < 1e-30 ? 0 : decay[j] * f;
        last[j] = static_cast<float>(decay[j] == 0 ? ema[j] : ema[j] / (1 - decay[j]));
      }
      e[j].out[r] = last[j];
    }
  for (int j = 0; j < M; ++j) e[j].ema = ema[j], e[j].decay = decay[j], e[j].last = last[j];
}

}  // namespace

const char* to_string(Quantity q) {
  switch (q) {
    case Quantity::loss: return "loss";
    case Quantity::rate: return "rate";
    case Quantity::weight: return "weight";
    case Quantity::share: return "share";
    case Quantity::grad_norm: return "grad_norm";
    case Quantity::step_time: return "step_time";
    case Quantity::method_time: return "method_time";
    case Quantity::residual: return "residual";
    case Quantity::iterations: return "iterations";
  }
  return "?";
}

bool is_per_task(Quantity q) { return static_cast<int>(q) < kPerTask; }

const char* to_string(XAxis a) { return a == XAxis::step ? "step" : "wall time (s)"; }

std::size_t RunSeries::index(Quantity q, int task) const {
  const auto qi = static_cast<std::size_t>(q);
  return is_per_task(q) ? qi * static_cast<std::size_t>(num_tasks_) + static_cast<std::size_t>(task)
                        : kPerTask * static_cast<std::size_t>(num_tasks_) + (qi - kPerTask);
}

const RunSeries::Column* RunSeries::find(Quantity q, int task) const {
  const int qi = static_cast<int>(q);
  if (qi < 0 || qi >= kNumQuantities) return nullptr;
  if (is_per_task(q) ? (task < 0 || task >= num_tasks_) : task != 0) return nullptr;
  const std::size_t i = index(q, task);
  // Before the first rows (K unknown) the columns do not exist yet: nothing to give.
  return i < cols_.size() ? &cols_[i] : nullptr;
}

void RunSeries::clear() {
  for (auto& x : x_) x.clear();
  monotonic_[0] = monotonic_[1] = true;
  cols_.clear();
  rows_ = 0;
  headers_seen_ = 0;
  first_start_ = kNaN;
  segment_offset_ = 0;
  num_tasks_ = 0;
}

void RunSeries::update(const RunLog& log) {
  const StepSeries& s = log.steps();
  const bool restarted = s.num_tasks != num_tasks_ || s.size() < rows_ ||
                         log.headers().size() < headers_seen_ ||
                         (rows_ > 0 && static_cast<double>(s.step[0]) != x_[0][0]);
  if (restarted || cols_.empty()) {
    clear();
    num_tasks_ = s.num_tasks;
    cols_.resize(static_cast<std::size_t>(kPerTask * num_tasks_ + (kNumQuantities - kPerTask)));
  }
  if (s.size() == rows_) return;
  extend(log, rows_);
}

void RunSeries::extend(const RunLog& log, std::size_t from) {
  const StepSeries& s = log.steps();
  const std::size_t n = s.size();
  const auto& headers = log.headers();

  // x: step as logged; wall time from the segment's start_unix relative to the first header's.
  for (auto& x : x_) room(x, n);
  for (std::size_t r = from; r < n; ++r) {
    while (headers_seen_ < headers.size() && headers[headers_seen_].first_row <= r) {
      const double start = headers[headers_seen_].header.start_unix;
      if (headers_seen_ == 0) {
        first_start_ = start;
        segment_offset_ = 0;
      } else if (std::isfinite(start) && std::isfinite(first_start_)) {
        segment_offset_ = start - first_start_;
      } else if (r > 0 && std::isfinite(x_[1][r - 1])) {
        segment_offset_ = x_[1][r - 1];  // no clock to go by: continue where the last one ended
      }
      ++headers_seen_;
    }
    x_[0].push_back(static_cast<double>(s.step[r]));
    x_[1].push_back(segment_offset_ + s.time[r]);
    for (int a = 0; a < 2; ++a)
      if (r > 0 && !(x_[a][r] >= x_[a][r - 1])) monotonic_[a] = false;
  }

  // Shares need every task's weight: the row sums first, then every column on its own.
  const std::size_t k = static_cast<std::size_t>(num_tasks_);
  std::vector<double> sums(n - from, 0.0);
  for (std::size_t t = 0; t < k; ++t)
    for (std::size_t r = from; r < n; ++r) sums[r - from] += s.weights[t][r];
  // A big backlog (a finished run being opened) is split over a few threads by column; a live
  // poll's few rows are not worth a thread.
  const std::size_t threads =
      n - from < 65536 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  auto work = [&](std::size_t first) {
    std::vector<Column*> mine;
    for (std::size_t ci = first; ci < cols_.size(); ci += threads) {
      fill(ci, s, from, sums);
      mine.push_back(&cols_[ci]);
    }
    smooth(mine, from);
    for (Column* c : mine) grow_trees(*c);
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(work, i);
  work(0);
  for (auto& th : pool) th.join();
  rows_ = n;
}

void RunSeries::fill(std::size_t ci, const StepSeries& s, std::size_t from,
                     const std::vector<double>& sums) {
  const std::size_t n = s.size(), k = static_cast<std::size_t>(num_tasks_);
  const auto q = static_cast<Quantity>(ci < kPerTask * k ? ci / k : kPerTask + ci - kPerTask * k);
  const std::size_t t = ci < kPerTask * k ? ci % k : 0;
  Column& c = cols_[ci];
  room(c.raw, n);
  auto copy = [&](const std::vector<float>& src) {
    c.raw.insert(c.raw.end(), src.begin() + static_cast<std::ptrdiff_t>(from), src.end());
  };
  switch (q) {
    case Quantity::loss: copy(s.losses[t]); break;
    case Quantity::rate: copy(s.rates[t]); break;
    case Quantity::weight: copy(s.weights[t]); break;
    case Quantity::grad_norm: copy(s.grad_norms[t]); break;
    case Quantity::step_time: copy(s.step_time); break;
    case Quantity::method_time: copy(s.method_time); break;
    case Quantity::residual: copy(s.residual); break;
    case Quantity::share:
      // w_i / sum w; NaN for a row without every weight or with a zero total.
      for (std::size_t r = from; r < n; ++r) {
        const double sum = sums[r - from];
        c.raw.push_back(std::isfinite(sum) && sum != 0 ? static_cast<float>(s.weights[t][r] / sum)
                                                       : static_cast<float>(kNaN));
      }
      break;
    case Quantity::iterations:
      for (std::size_t r = from; r < n; ++r)
        c.raw.push_back(s.iterations[r] < 0 ? static_cast<float>(kNaN)
                                            : static_cast<float>(s.iterations[r]));
      break;
  }
}

void RunSeries::smooth(const std::vector<Column*>& cols, std::size_t from) const {
  if (smoothing_ <= 0) return;
  for (std::size_t i = 0; i < cols.size(); i += 4) {
    Ema e[4];
    const int m = static_cast<int>(std::min<std::size_t>(4, cols.size() - i));
    const std::size_t n = cols[i]->raw.size();
    for (int j = 0; j < m; ++j) {
      Column& c = *cols[i + static_cast<std::size_t>(j)];
      room(c.smooth, n);
      c.smooth.resize(n);
      e[j] = {c.ema, c.decay, c.last, c.raw.data(), c.smooth.data()};
    }
    switch (m) {
      case 4: ema_rows<4>(e, from, n, smoothing_); break;
      case 3: ema_rows<3>(e, from, n, smoothing_); break;
      case 2: ema_rows<2>(e, from, n, smoothing_); break;
      default: ema_rows<1>(e, from, n, smoothing_); break;
    }
    for (int j = 0; j < m; ++j) {
      Column& c = *cols[i + static_cast<std::size_t>(j)];
      c.ema = e[j].ema, c.decay = e[j].decay, c.last = e[j].last;
    }
  }
}

void RunSeries::set_smoothing(double f) {
  if (!(f > 0)) f = 0;  // NaN too
  f = std::min(f, 0.999999);
  if (f == smoothing_) return;
  smoothing_ = f;
  std::vector<Column*> all;
  for (auto& c : cols_) {
    c.smooth.clear();
    c.smooth_tree.clear();
    c.ema = 0;
    c.decay = 1;
    c.last = static_cast<float>(kNaN);
    if (f == 0) c.smooth.shrink_to_fit();
    all.push_back(&c);
  }
  smooth(all, 0);
  for (Column* c : all) grow_trees(*c);
}

void RunSeries::grow_trees(Column& c) const {
  c.raw_tree.extend(c.raw);
  if (smoothing_ > 0) c.smooth_tree.extend(c.smooth);
}

std::span<const double> RunSeries::x(XAxis a) const {
  return x_[a == XAxis::step ? 0 : 1];
}

std::span<const float> RunSeries::raw(Quantity q, int task) const {
  const Column* c = find(q, task);
  return c ? std::span<const float>(c->raw) : std::span<const float>();
}

std::span<const float> RunSeries::smooth(Quantity q, int task) const {
  const Column* c = find(q, task);
  if (!c) return {};
  return smoothing_ > 0 ? std::span<const float>(c->smooth) : std::span<const float>(c->raw);
}

const MinMaxTree* RunSeries::raw_tree(Quantity q, int task) const {
  const Column* c = find(q, task);
  return c ? &c->raw_tree : nullptr;
}

const MinMaxTree* RunSeries::smooth_tree(Quantity q, int task) const {
  const Column* c = find(q, task);
  if (!c) return nullptr;
  return smoothing_ > 0 ? &c->smooth_tree : &c->raw_tree;
}

bool RunSeries::x_monotonic(XAxis a) const { return monotonic_[a == XAxis::step ? 0 : 1]; }

std::ptrdiff_t RunSeries::row_at(XAxis a, double x) const {
  const auto& xs = x_[a == XAxis::step ? 0 : 1];
  if (std::isnan(x)) return -1;
  if (x_monotonic(a)) {
    const auto it = std::upper_bound(xs.begin(), xs.end(), x);
    return (it - xs.begin()) - 1;
  }
  // Unordered x: the row with the greatest x not past it (the later row on ties).
  std::ptrdiff_t best = -1;
  for (std::size_t r = 0; r < xs.size(); ++r)
    if (xs[r] <= x && (best < 0 || xs[r] >= xs[static_cast<std::size_t>(best)]))
      best = static_cast<std::ptrdiff_t>(r);
  return best;
}

}  // namespace ps::telemetry
