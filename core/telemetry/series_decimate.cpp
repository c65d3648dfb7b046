#include "core/telemetry/series_decimate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ps::telemetry {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Whether a value is drawn: finite, and positive on a log axis. Comparisons happen on the raw
// values (log10 is monotonic), so only emitted points pay for the logarithm.
inline bool drawn(float v, bool log_y) { return log_y ? (v > 0 && v < HUGE_VALF) : std::isfinite(v); }

// The rows of one column seen so far: first, lowest, highest and last (row indices).
struct Bucket {
  std::size_t first = 0, lo = 0, hi = 0, last = 0;
  bool used = false;
  void start(std::size_t r) {
    first = lo = hi = last = r;
    used = true;
  }
  void add(std::size_t r, std::span<const float> y) {
    if (y[r] < y[lo]) lo = r;
    if (y[r] > y[hi]) hi = r;
    last = r;
  }
};

class Emitter {
 public:
  Emitter(std::span<const double> x, std::span<const float> y, bool log_y, std::vector<XY>& out)
      : x_(x), y_(y), log_y_(log_y), out_(out) {}
  void point(std::size_t r) {
    const double v = y_[r];
    out_.push_back({x_[r], log_y_ ? std::log10(v) : v});
  }
  void bucket(const Bucket& b) {
    std::size_t idx[4] = {b.first, std::min(b.lo, b.hi), std::max(b.lo, b.hi), b.last};
    for (int i = 0; i < 4; ++i)
      if (i == 0 || idx[i] != idx[i - 1]) point(idx[i]);
  }
  void gap() {
    if (!out_.empty() && !std::isnan(out_.back().y)) out_.push_back({out_.back().x, kNaN});
  }

 private:
  std::span<const double> x_;
  std::span<const float> y_;
  bool log_y_;
  std::vector<XY>& out_;
};

// Row order: each run of rows in one column becomes one bucket.
void decimate_sorted(std::span<const double> x, std::span<const float> y, const DecimateOptions& o,
                     double scale, std::vector<XY>& out) {
  const std::size_t n = x.size();
  const auto lo = static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), o.x0) - x.begin());
  const auto hi = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), o.x1) - x.begin());
  const std::size_t begin = lo > 0 ? lo - 1 : 0, end = hi < n ? hi + 1 : n;
  Emitter e(x, y, o.log_y, out);
  Bucket b;
  long cur = std::numeric_limits<long>::min();
  bool gap = false;
  for (std::size_t r = begin; r < end; ++r) {
    if (!drawn(y[r], o.log_y)) {
      gap = true;
      continue;
    }
    const double xr = x[r];
    const long c = xr < o.x0   ? -1
                   : xr > o.x1 ? o.columns
                               : std::min<long>(static_cast<long>((xr - o.x0) * scale), o.columns - 1);
    if (c != cur) {
      if (b.used) e.bucket(b);
      if (gap) e.gap();
      b.start(r);
      cur = c;
    } else {
      b.add(r, y);
    }
    gap = false;
  }
  if (b.used) e.bucket(b);
}

// Any order: every row is visited; a column merges all its rows, columns go left to right.
void decimate_unsorted(std::span<const double> x, std::span<const float> y,
                       const DecimateOptions& o, double scale, std::vector<XY>& out) {
  const auto cols = static_cast<std::size_t>(o.columns);
  std::vector<Bucket> b(cols);
  std::vector<std::uint8_t> had_gap(cols, 0);
  Bucket left, right;  // the nearest row on each side
  for (std::size_t r = 0; r < x.size(); ++r) {
    const double xr = x[r];
    if (std::isnan(xr)) continue;
    if (xr < o.x0 || xr > o.x1) {
      if (!drawn(y[r], o.log_y)) continue;
      Bucket& side = xr < o.x0 ? left : right;
      if (!side.used || (xr < o.x0 ? xr >= x[side.first] : xr <= x[side.first])) side.start(r);
      continue;
    }
    const auto c = std::min(static_cast<std::size_t>((xr - o.x0) * scale), cols - 1);
    if (!drawn(y[r], o.log_y)) {
      had_gap[c] = 1;
    } else if (!b[c].used) {
      b[c].start(r);
    } else {
      b[c].add(r, y);
    }
  }
  Emitter e(x, y, o.log_y, out);
  if (left.used) e.bucket(left);
  bool gap = false;
  for (std::size_t c = 0; c < cols; ++c) {
    if (b[c].used) {
      if (gap) e.gap();
      e.bucket(b[c]);
      gap = false;
    } else if (had_gap[c]) {
      gap = true;  // a column holding only undrawable values
    }
  }
  if (right.used) e.bucket(right);
}

}  // namespace

void decimate_minmax(std::span<const double> x, std::span<const float> y,
                     const DecimateOptions& o, std::vector<XY>& out) {
  out.clear();
  const std::size_t n = std::min(x.size(), y.size());
  if (n == 0 || o.columns <= 0 || !std::isfinite(o.x0) || !std::isfinite(o.x1) || o.x1 < o.x0)
    return;
  // A zero-width range puts everything visible in column 0.
  const double scale = o.x1 > o.x0 ? o.columns / (o.x1 - o.x0) : 0;
  if (o.x_monotonic)
    decimate_sorted(x.first(n), y.first(n), o, scale, out);
  else
    decimate_unsorted(x.first(n), y.first(n), o, scale, out);
}

YRange visible_y_range(std::span<const double> x, std::span<const float> y, double x0, double x1,
                       bool log_y, bool x_monotonic) {
  std::size_t n = std::min(x.size(), y.size()), begin = 0;
  x = x.first(n);
  if (x_monotonic) {
    begin = static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), x0) - x.begin());
    n = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), x1) - x.begin());
  }
  float lo = HUGE_VALF, hi = -HUGE_VALF;
  for (std::size_t r = begin; r < n; ++r) {
    if (!(x[r] >= x0 && x[r] <= x1) || !drawn(y[r], log_y)) continue;
    lo = std::min(lo, y[r]);
    hi = std::max(hi, y[r]);
  }
  if (lo > hi) return {kNaN, kNaN};
  if (log_y) return {std::log10(static_cast<double>(lo)), std::log10(static_cast<double>(hi))};
  return {lo, hi};
}

}  // namespace ps::telemetry
