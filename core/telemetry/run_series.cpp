#include "core/telemetry/run_series.h"

#include <algorithm>
#include <cmath>

namespace ps::telemetry {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kPerTask = 5;  // loss, rate, weight, share, grad_norm lead the enum

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
  return &cols_[index(q, task)];
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
  for (auto& x : x_) x.reserve(n);
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

  // Raw columns, one at a time (each a sequential pass).
  const std::vector<std::vector<float>>* per_task[kPerTask] = {&s.losses, &s.rates, &s.weights,
                                                               nullptr, &s.grad_norms};
  const std::size_t k = static_cast<std::size_t>(num_tasks_);
  for (int q = 0; q < kPerTask; ++q) {
    if (!per_task[q]) continue;
    for (std::size_t t = 0; t < k; ++t) {
      const auto& src = (*per_task[q])[t];
      auto& dst = col(static_cast<Quantity>(q), static_cast<int>(t)).raw;
      dst.insert(dst.end(), src.begin() + static_cast<std::ptrdiff_t>(from), src.end());
    }
  }
  // Shares: w_i / sum w, NaN for a row without every weight or with no positive total.
  for (std::size_t t = 0; t < k; ++t) col(Quantity::share, static_cast<int>(t)).raw.reserve(n);
  for (std::size_t r = from; r < n; ++r) {
    double sum = 0;
    for (std::size_t t = 0; t < k; ++t) sum += s.weights[t][r];
    const bool ok = std::isfinite(sum) && sum != 0;
    for (std::size_t t = 0; t < k; ++t)
      col(Quantity::share, static_cast<int>(t))
          .raw.push_back(ok ? static_cast<float>(s.weights[t][r] / sum) : static_cast<float>(kNaN));
  }
  auto copy = [&](Quantity q, const std::vector<float>& src) {
    auto& dst = col(q, 0).raw;
    dst.insert(dst.end(), src.begin() + static_cast<std::ptrdiff_t>(from), src.end());
  };
  copy(Quantity::step_time, s.step_time);
  copy(Quantity::method_time, s.method_time);
  copy(Quantity::residual, s.residual);
  auto& it = col(Quantity::iterations, 0).raw;
  it.reserve(n);
  for (std::size_t r = from; r < n; ++r)
    it.push_back(s.iterations[r] < 0 ? static_cast<float>(kNaN) : static_cast<float>(s.iterations[r]));

  if (smoothing_ > 0)
    for (auto& c : cols_) smooth_from(c, from);
  rows_ = n;
}

void RunSeries::smooth_from(Column& c, std::size_t from) const {
  const double f = smoothing_;
  c.smooth.reserve(c.raw.size());
  for (std::size_t r = from; r < c.raw.size(); ++r) {
    const float y = c.raw[r];
    if (std::isfinite(y)) {
      c.ema = f * c.ema + (1 - f) * static_cast<double>(y);
      c.decay *= f;
      c.last = static_cast<float>(c.ema / (1 - c.decay));
    }
    c.smooth.push_back(c.last);
  }
}

void RunSeries::set_smoothing(double f) {
  if (!(f > 0)) f = 0;  // NaN too
  f = std::min(f, 0.999999);
  if (f == smoothing_) return;
  smoothing_ = f;
  for (auto& c : cols_) {
    c.smooth.clear();
    c.ema = 0;
    c.decay = 1;
    c.last = static_cast<float>(kNaN);
    if (f > 0) smooth_from(c, 0);
    else c.smooth.shrink_to_fit();
  }
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
