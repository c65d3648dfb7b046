#include "core/telemetry/series_decimate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ps::telemetry {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The rows of one column seen so far: first, lowest, highest and last (row indices).
struct Bucket : RangeExtremes {
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

// The column of an x inside [x0, x1] (the last one takes x1 itself).
inline long column_of(double x, const DecimateOptions& o, double scale) {
  return std::min<long>(static_cast<long>((x - o.x0) * scale), o.columns - 1);
}

// The drawn extremes of y[a, b) with their first rows, and the first and last drawn rows;
// false when nothing there is drawn. Two passes: the extreme values in four independent
// branch-free chains (NaN never wins a comparison; with log_y values <= 0 are made NaN), then
// the first row holding each. A column holding an infinity takes the plain exact loop.
template <bool log_y>
bool scan_column(std::span<const float> y, std::size_t a, std::size_t b, Bucket& out) {
  constexpr float kInf = HUGE_VALF;
  const float* p = y.data();
  auto value = [&](std::size_t i) {
    const float v = p[i];
    return log_y && !(v > 0) ? std::numeric_limits<float>::quiet_NaN() : v;
  };
  float lo[4] = {kInf, kInf, kInf, kInf}, hi[4] = {-kInf, -kInf, -kInf, -kInf};
  std::size_t i = a;
  for (; i + 4 <= b; i += 4)
    for (int j = 0; j < 4; ++j) {
      const float v = value(i + static_cast<std::size_t>(j));
      lo[j] = v < lo[j] ? v : lo[j];
      hi[j] = v > hi[j] ? v : hi[j];
    }
  for (; i < b; ++i) {
    const float v = value(i);
    lo[0] = v < lo[0] ? v : lo[0];
    hi[0] = v > hi[0] ? v : hi[0];
  }
  const float lov = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
  const float hiv = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
  if (!(lov <= hiv && lov > -kInf && hiv < kInf)) {
    // Nothing drawn, or an infinity among the values: row by row.
    bool any = false;
    for (i = a; i < b; ++i) {
      if (!drawn(p[i], log_y)) continue;
      if (!any) {
        out.start(i);
        any = true;
      } else {
        out.add(i, y);
      }
    }
    return any;
  }
  std::size_t first = a, last = b - 1;
  while (!drawn(p[first], log_y)) ++first;
  while (!drawn(p[last], log_y)) --last;
  out.used = true;
  out.first = first;
  out.last = last;
  for (out.lo = first; p[out.lo] != lov;) ++out.lo;
  for (out.hi = first; p[out.hi] != hiv;) ++out.hi;
  return true;
}

// Rows [a, b) of one column, by the tree where one is given and the column is long enough for
// it to pay.
bool column_extremes(std::span<const float> y, std::size_t a, std::size_t b,
                     const DecimateOptions& o, Bucket& out) {
  if (o.tree && b - a >= 2 * MinMaxTree::kFan) {
    out.used = o.tree->extremes(y, a, b, o.log_y, out);
    return out.used;
  }
  return o.log_y ? scan_column<true>(y, a, b, out) : scan_column<false>(y, a, b, out);
}

// Sorted x: the visible rows by binary search, then column by column (each column's rows are
// contiguous): its end found by galloping, its values scanned in one tight loop.
void decimate_sorted(std::span<const double> x, std::span<const float> y, const DecimateOptions& o,
                     double scale, std::vector<XY>& out) {
  const std::size_t n = x.size();
  const auto lo = static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), o.x0) - x.begin());
  const auto hi = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), o.x1) - x.begin());
  Emitter e(x, y, o.log_y, out);
  bool gap = false;  // an undrawable row since the last point emitted
  if (lo > 0 && lo - 1 < n) {
    if (drawn(y[lo - 1], o.log_y)) e.point(lo - 1);
  }
  for (std::size_t r = lo; r < hi;) {
    const long c = column_of(x[r], o, scale);
    // Gallop to a row past the column, then bisect for its first row.
    std::size_t in = r, step = 1;  // `in` is known to be in column c
    std::size_t past = hi;
    while (in + step < hi) {
      if (column_of(x[in + step], o, scale) > c) {
        past = in + step;
        break;
      }
      in += step;
      step *= 2;
    }
    while (past - in > 1) {
      const std::size_t mid = in + (past - in) / 2;
      (column_of(x[mid], o, scale) > c ? past : in) = mid;
    }
    // Rows [r, past): first and last drawable, lowest and highest.
    Bucket b;
    if (!column_extremes(y, r, past, o, b)) {
      gap = true;
      r = past;
      continue;
    }
    if (gap || b.first > r) e.gap();
    e.bucket(b);
    gap = b.last != past - 1;
    r = past;
  }
  if (hi < n && drawn(y[hi], o.log_y)) {
    if (gap) e.gap();
    e.point(hi);
  }
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
