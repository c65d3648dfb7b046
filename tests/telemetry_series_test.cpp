// What the run monitor plots: RunSeries (x axes, shares, EMA smoothing, incremental updates)
// and decimate_minmax / visible_y_range checked against brute force.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/telemetry/log_writer.h"
#include "core/telemetry/run_log.h"
#include "core/telemetry/run_series.h"
#include "core/telemetry/series_decimate.h"

using namespace ps::telemetry;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string header_line(int k, double start_unix) {
  std::string s = R"({"type":"header","run":"r","tasks":[)";
  for (int i = 0; i < k; ++i) s += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
  return s + "],\"start_unix\":" + std::to_string(start_unix) + "}";
}

// A step line with K losses and weights from a seeded generator; some values null.
std::string step_line(std::int64_t step, double time, int k, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.01, 3);
  StepRecord r;
  r.step = step;
  r.time = time;
  for (int i = 0; i < k; ++i) {
    r.losses.push_back(rng() % 13 == 0 ? kNaN : u(rng));
    r.weights.push_back(u(rng));
    r.rates.push_back(u(rng) - 1.5);
    r.grad_norms.push_back(u(rng));
  }
  r.status = "ok";
  r.iterations = static_cast<int>(step % 5);
  r.residual = 1e-9 * u(rng);
  r.step_time = 0.01 * u(rng);
  r.method_time = 1e-5 * u(rng);
  std::string line;
  format_step(r, line);
  line.pop_back();  // the newline
  return line;
}

RunLog make_log(int k, int rows, unsigned seed) {
  RunLog log;
  std::mt19937 rng(seed);
  log.ingest_line(header_line(k, 1000));
  for (int s = 0; s < rows; ++s) log.ingest_line(step_line(s, 0.5 * s, k, rng));
  return log;
}

// The EMA written out as the weighted sum it stands for: sum_j (1-f) f^(n-1-j) y_j / (1-f^n)
// over the n finite values so far; NaN before the first.
std::vector<double> ema_reference(std::span<const float> y, double f) {
  std::vector<double> out, finite;
  for (float v : y) {
    if (std::isfinite(v)) finite.push_back(v);
    if (finite.empty()) {
      out.push_back(kNaN);
      continue;
    }
    const std::size_t n = finite.size();
    double sum = 0;
    for (std::size_t j = 0; j < n; ++j)
      sum += (1 - f) * std::pow(f, static_cast<double>(n - 1 - j)) * finite[j];
    out.push_back(sum / (1 - std::pow(f, static_cast<double>(n))));
  }
  return out;
}

bool same(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void require_same_series(const RunSeries& a, const RunSeries& b) {
  REQUIRE(a.size() == b.size());
  REQUIRE(a.num_tasks() == b.num_tasks());
  for (XAxis ax : {XAxis::step, XAxis::wall_time}) {
    REQUIRE(a.x_monotonic(ax) == b.x_monotonic(ax));
    for (std::size_t r = 0; r < a.size(); ++r) REQUIRE(a.x(ax)[r] == b.x(ax)[r]);
  }
  for (int q = 0; q < kNumQuantities; ++q) {
    const auto qq = static_cast<Quantity>(q);
    for (int t = 0; t < (is_per_task(qq) ? a.num_tasks() : 1); ++t)
      for (std::size_t r = 0; r < a.size(); ++r) {
        REQUIRE(same(a.raw(qq, t)[r], b.raw(qq, t)[r]));
        REQUIRE(same(a.smooth(qq, t)[r], b.smooth(qq, t)[r]));
      }
  }
}

}  // namespace

TEST_CASE("series: raw columns are the log's, shares sum to one") {
  const RunLog log = make_log(3, 200, 1);
  RunSeries s;
  s.update(log);
  REQUIRE(s.size() == 200);
  REQUIRE(s.num_tasks() == 3);
  for (std::size_t r = 0; r < s.size(); ++r) {
    REQUIRE(s.x(XAxis::step)[r] == static_cast<double>(r));
    for (int t = 0; t < 3; ++t) {
      REQUIRE(same(s.raw(Quantity::loss, t)[r], log.steps().losses[t][r]));
      REQUIRE(s.raw(Quantity::weight, t)[r] == log.steps().weights[t][r]);
    }
    double sum = 0;
    for (int t = 0; t < 3; ++t) sum += s.raw(Quantity::share, t)[r];
    REQUIRE(sum == Approx(1.0).epsilon(1e-6));
    REQUIRE(s.raw(Quantity::iterations)[r] == static_cast<float>(r % 5));
  }
  // Out-of-range tasks give empty spans, never a crash.
  REQUIRE(s.raw(Quantity::loss, 3).empty());
  REQUIRE(s.raw(Quantity::loss, -1).empty());
  REQUIRE(s.smooth(Quantity::step_time, 1).empty());
}

TEST_CASE("series: EMA equals the direct weighted sum, NaN skipped, smoothing change recomputes") {
  const RunLog log = make_log(2, 300, 2);
  RunSeries s;
  s.set_smoothing(0.9);
  s.update(log);
  for (double f : {0.9, 0.6, 0.99}) {
    s.set_smoothing(f);
    REQUIRE(s.smoothing() == f);
    for (int t = 0; t < 2; ++t) {
      const auto ref = ema_reference(s.raw(Quantity::loss, t), f);
      const auto got = s.smooth(Quantity::loss, t);
      REQUIRE(got.size() == ref.size());
      for (std::size_t r = 0; r < ref.size(); ++r) {
        if (std::isnan(ref[r])) {
          REQUIRE(std::isnan(got[r]));
        } else {
          REQUIRE(got[r] == Approx(ref[r]).epsilon(1e-5));
        }
      }
    }
  }
  // Smoothing 0 is the raw values exactly (NaN included).
  s.set_smoothing(0);
  for (std::size_t r = 0; r < s.size(); ++r)
    REQUIRE(same(s.smooth(Quantity::loss, 0)[r], s.raw(Quantity::loss, 0)[r]));
}

TEST_CASE("series: updates in pieces equal one update of the whole log") {
  std::mt19937 rng(3);
  std::vector<std::string> lines{header_line(4, 50)};
  for (int r = 0; r < 500; ++r) lines.push_back(step_line(r, 0.1 * r, 4, rng));
  lines.insert(lines.begin() + 300, header_line(4, 90));  // a resumed segment
  RunLog growing;
  RunSeries inc;
  inc.set_smoothing(0.7);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    growing.ingest_line(lines[i]);
    if (i % 37 == 0) inc.update(growing);
  }
  inc.update(growing);
  RunSeries whole;
  whole.update(growing);
  whole.set_smoothing(0.7);
  require_same_series(inc, whole);

  // A log read again from scratch (shorter) is rebuilt, not appended to.
  RunLog shorter;
  for (std::size_t i = 0; i < 100; ++i) shorter.ingest_line(lines[i]);
  inc.update(shorter);
  RunSeries fresh;
  fresh.set_smoothing(0.7);
  fresh.update(shorter);
  require_same_series(inc, fresh);
}

TEST_CASE("series: wall time continues across a resumed segment") {
  RunLog log;
  std::mt19937 rng(4);
  log.ingest_line(step_line(0, 7.5, 2, rng));  // before any header: time as is
  log.ingest_line(header_line(2, 1000));
  for (int s = 1; s <= 10; ++s) log.ingest_line(step_line(s, s, 2, rng));
  log.ingest_line(header_line(2, 1100));  // resumed 100 s after the first start
  for (int s = 6; s <= 9; ++s) log.ingest_line(step_line(s, s - 5, 2, rng));
  RunSeries series;
  series.update(log);
  const auto x = series.x(XAxis::wall_time);
  REQUIRE(x[0] == 7.5);
  for (int r = 1; r <= 10; ++r) REQUIRE(x[r] == r);
  for (int r = 11; r <= 14; ++r) REQUIRE(x[r] == 100 + (r - 10));
  REQUIRE_FALSE(series.x_monotonic(XAxis::wall_time));  // 7.5 then 1
  REQUIRE_FALSE(series.x_monotonic(XAxis::step));       // the resume went back to step 6
  REQUIRE(series.row_at(XAxis::wall_time, 101.5) == 11);
  REQUIRE(series.row_at(XAxis::wall_time, 0.5) == -1);
  REQUIRE(series.row_at(XAxis::step, 6.5) == 11);  // the later of two rows at step 6
}

TEST_CASE("series: row_at by binary search on monotonic x") {
  const RunLog log = make_log(1, 50, 5);
  RunSeries s;
  s.update(log);
  REQUIRE(s.x_monotonic(XAxis::step));
  REQUIRE(s.row_at(XAxis::step, -1) == -1);
  REQUIRE(s.row_at(XAxis::step, 0) == 0);
  REQUIRE(s.row_at(XAxis::step, 17.9) == 17);
  REQUIRE(s.row_at(XAxis::step, 1e9) == 49);
  REQUIRE(s.row_at(XAxis::wall_time, 10.25) == 20);
}

namespace {

// The column decimate_minmax puts x in (the same formula), -1 / columns outside.
long column_of(double x, const DecimateOptions& o) {
  if (x < o.x0) return -1;
  if (x > o.x1) return o.columns;
  return std::min<long>(static_cast<long>((x - o.x0) * (o.columns / (o.x1 - o.x0))),
                        o.columns - 1);
}

bool drawable(float v, bool log_y) { return log_y ? v > 0 && std::isfinite(v) : std::isfinite(v); }

// Brute force: each column's true extremes and the first and last visible rows must be in the
// output, every point must be a row of the input, and the size stays bounded.
void check_decimation(const std::vector<double>& x, const std::vector<float>& y,
                      const DecimateOptions& o) {
  std::vector<XY> out;
  decimate_minmax(x, y, o, out);
  REQUIRE(out.size() <= static_cast<std::size_t>(5 * o.columns + 2));
  auto value = [&](float v) { return o.log_y ? std::log10(static_cast<double>(v)) : v; };
  std::vector<double> lo(o.columns, HUGE_VAL), hi(o.columns, -HUGE_VAL);
  long first = -1, last = -1;
  for (std::size_t r = 0; r < x.size(); ++r) {
    const long c = column_of(x[r], o);
    if (c < 0 || c >= o.columns || !drawable(y[r], o.log_y)) continue;
    lo[c] = std::min(lo[c], value(y[r]));
    hi[c] = std::max(hi[c], value(y[r]));
    if (first < 0) first = static_cast<long>(r);
    last = static_cast<long>(r);
  }
  std::vector<double> got_lo(o.columns, HUGE_VAL), got_hi(o.columns, -HUGE_VAL);
  bool have_first = false, have_last = false;
  for (const XY& p : out) {
    if (std::isnan(p.y)) continue;
    bool is_row = false;  // the point is some input row
    for (std::size_t r = 0; r < x.size() && !is_row; ++r)
      is_row = x[r] == p.x && drawable(y[r], o.log_y) && value(y[r]) == p.y;
    REQUIRE(is_row);
    const long c = column_of(p.x, o);
    if (c >= 0 && c < o.columns) {
      got_lo[c] = std::min(got_lo[c], p.y);
      got_hi[c] = std::max(got_hi[c], p.y);
    }
    have_first = have_first || (first >= 0 && p.x == x[first] && p.y == value(y[first]));
    have_last = have_last || (last >= 0 && p.x == x[last] && p.y == value(y[last]));
  }
  for (int c = 0; c < o.columns; ++c) {
    REQUIRE(got_lo[c] == lo[c]);
    REQUIRE(got_hi[c] == hi[c]);
  }
  REQUIRE(have_first == (first >= 0));
  REQUIRE(have_last == (last >= 0));
}

}  // namespace

TEST_CASE("decimation keeps every column's true min and max (random data, brute force)") {
  std::mt19937 rng(11);
  std::normal_distribution<float> g(0, 1);
  for (int trial = 0; trial < 40; ++trial) {
    const bool sorted = trial % 2 == 0;
    const std::size_t n = 1 + rng() % 3000;
    std::vector<double> x(n);
    std::vector<float> y(n);
    double t = 0;
    for (std::size_t r = 0; r < n; ++r) {
      t += (rng() % 4 == 0) ? 0 : std::uniform_real_distribution<double>(0, 2)(rng);  // repeats
      x[r] = sorted ? t : std::uniform_real_distribution<double>(-10, 3000)(rng);
      y[r] = rng() % 10 == 0 ? NAN : g(rng) * (trial % 3 == 0 ? 1 : 100);
    }
    DecimateOptions o;
    o.columns = 1 + static_cast<int>(rng() % 200);
    o.x_monotonic = sorted;
    o.log_y = trial % 4 < 2;
    const double span = sorted ? t : 3000;
    o.x0 = trial % 3 == 0 ? 0 : std::uniform_real_distribution<double>(0, span / 2)(rng);
    o.x1 = o.x0 + std::uniform_real_distribution<double>(1e-3, span)(rng);
    CAPTURE(trial, n, o.columns, o.x0, o.x1, o.log_y, sorted);
    check_decimation(x, y, o);
    o.x_monotonic = false;  // the general path gives the same extremes on sorted x too
    check_decimation(x, y, o);
  }
}

TEST_CASE("decimation: the line reaches both edges and NaN gaps break it") {
  std::vector<double> x;
  std::vector<float> y;
  for (int r = 0; r < 1000; ++r) {
    x.push_back(r);
    y.push_back(r >= 400 && r < 500 ? NAN : static_cast<float>(r % 7));
  }
  DecimateOptions o;
  o.x0 = 100.5;
  o.x1 = 899.5;
  o.columns = 80;
  o.x_monotonic = true;
  std::vector<XY> out;
  decimate_minmax(x, y, o, out);
  REQUIRE(out.front().x == 100);  // the nearest row left of the range
  REQUIRE(out.back().x == 900);   // and right of it
  int breaks = 0;
  for (std::size_t i = 0; i < out.size(); ++i)
    if (std::isnan(out[i].y)) {
      ++breaks;
      REQUIRE(out[i - 1].x == 399);  // the break sits between the runs
      REQUIRE(out[i + 1].x == 500);
    }
  REQUIRE(breaks == 1);
  for (std::size_t i = 1; i < out.size(); ++i) REQUIRE(out[i].x >= out[i - 1].x);

  // Zoomed between two rows: the segment joining them still crosses the plot.
  o.x0 = 100.2;
  o.x1 = 100.8;
  decimate_minmax(x, y, o, out);
  REQUIRE(out.size() == 2);
  REQUIRE(out[0].x == 100);
  REQUIRE(out[1].x == 101);
  // Zoomed inside the gap: nothing to draw.
  o.x0 = 420;
  o.x1 = 480;
  decimate_minmax(x, y, o, out);
  REQUIRE(out.empty());

  // log_y: zeros are dropped like NaN, the rest become log10.
  std::vector<float> z = {1, 10, 0, 100, -5, 1000};
  std::vector<double> zx = {0, 1, 2, 3, 4, 5};
  o = DecimateOptions{0, 5, 6, true, true};
  decimate_minmax(zx, z, o, out);
  REQUIRE(out.size() == 6);  // 0 1 | 3 | 5
  REQUIRE(out[1].y == 1);
  REQUIRE(std::isnan(out[2].y));
  REQUIRE(out[3].y == 2);
  REQUIRE(std::isnan(out[4].y));
  REQUIRE(out[5].x == 5);
  REQUIRE(out[5].y == 3);
}

TEST_CASE("decimation: degenerate input never crashes") {
  std::vector<XY> out{{1, 2}};
  decimate_minmax({}, {}, DecimateOptions{}, out);
  REQUIRE(out.empty());
  std::vector<double> x = {0, 1, 2};
  std::vector<float> y = {1, 2};  // shorter: only two rows count
  decimate_minmax(x, y, DecimateOptions{0, 2, 0, false, true}, out);  // zero columns
  REQUIRE(out.empty());
  decimate_minmax(x, y, DecimateOptions{2, 0, 10, false, true}, out);  // reversed range
  REQUIRE(out.empty());
  decimate_minmax(x, y, DecimateOptions{1, 1, 10, false, true}, out);  // zero width
  REQUIRE(out.size() == 2);
  decimate_minmax(x, y, DecimateOptions{NAN, 1, 10, false, false}, out);
  REQUIRE(out.empty());
}

TEST_CASE("visible_y_range: finite extremes of the visible rows, log10 with log_y") {
  std::vector<double> x = {0, 1, 2, 3, 4, 5};
  std::vector<float> y = {-50, 0.01f, NAN, 100, 7, 1e6f};
  for (bool mono : {true, false}) {
    YRange r = visible_y_range(x, y, 1, 4, false, mono);
    REQUIRE(r.lo == 0.01f);
    REQUIRE(r.hi == 100);
    r = visible_y_range(x, y, 0, 4, true, mono);
    REQUIRE(r.lo == Approx(-2));
    REQUIRE(r.hi == Approx(2));
    r = visible_y_range(x, y, 2.2, 2.8, false, mono);
    REQUIRE(std::isnan(r.lo));
    REQUIRE(std::isnan(r.hi));
  }
}

TEST_CASE("series: a big backlog (built on several threads) equals row-by-row updates") {
  // Past the size at which update() splits the columns over threads.
  const RunLog log = make_log(3, 70000, 6);
  RunSeries whole;
  whole.set_smoothing(0.8);
  whole.update(log);
  RunLog growing;
  RunSeries inc;
  inc.set_smoothing(0.8);
  growing.ingest_line(header_line(3, 1000));
  std::mt19937 rng(6);
  for (int s = 0; s < 70000; ++s) {
    growing.ingest_line(step_line(s, 0.5 * s, 3, rng));
    if (s % 4999 == 0) inc.update(growing);
  }
  inc.update(growing);
  require_same_series(inc, whole);
}

TEST_CASE("series: a run with no rows yet gives empty columns for every quantity") {
  // The monitor asks for every plot's columns while a run is still loading; a header alone
  // fixes K before any column exists.
  RunLog log;
  RunSeries s;
  auto all_empty = [&] {
    for (int q = 0; q < kNumQuantities; ++q)
      for (int t = 0; t < 3; ++t) {
        CHECK(s.raw(static_cast<Quantity>(q), t).empty());
        CHECK(s.smooth(static_cast<Quantity>(q), t).empty());
      }
  };
  all_empty();
  s.update(log);
  all_empty();
  REQUIRE(log.ingest_line(header_line(2, 1000)));
  s.update(log);
  s.set_smoothing(0.6);
  all_empty();
  std::mt19937 rng(3);
  REQUIRE(log.ingest_line(step_line(1, 0.5, 2, rng)));
  s.update(log);
  CHECK(s.raw(Quantity::step_time).size() == 1);
  CHECK(s.raw(Quantity::loss, 1).size() == 1);
  CHECK(s.raw(Quantity::loss, 2).empty());
}
