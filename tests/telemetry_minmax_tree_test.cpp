// MinMaxTree against brute force, and decimation with a tree giving exactly the output it gives
// without one (the tree is only a shortcut), also through RunSeries' incrementally grown trees.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/telemetry/log_writer.h"
#include "core/telemetry/minmax_tree.h"
#include "core/telemetry/run_log.h"
#include "core/telemetry/run_series.h"
#include "core/telemetry/series_decimate.h"

using namespace ps::telemetry;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

bool drawn(float v, bool log_y) { return log_y ? v > 0 && std::isfinite(v) : std::isfinite(v); }

// Values with everything a tree must get right: ties (few distinct values), +-0, negatives,
// NaN runs longer than a block, lone NaN and infinities.
std::vector<float> awkward_series(std::size_t n, std::mt19937& rng) {
  std::vector<float> y(n);
  std::size_t nan_run = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const unsigned u = rng() % 1000;
    if (nan_run > 0) {
      --nan_run;
      y[r] = NAN;
    } else if (u == 0) {
      nan_run = rng() % 3000;  // a gap spanning blocks (and sometimes whole upper blocks)
      y[r] = NAN;
    } else if (u < 4) {
      y[r] = u == 1 ? kInf : u == 2 ? -kInf : NAN;
    } else if (u < 10) {
      y[r] = u % 2 ? 0.0f : -0.0f;
    } else {
      y[r] = static_cast<float>(static_cast<int>(rng() % 41) - 10) * 0.25f;  // many ties
    }
  }
  return y;
}

// The brute-force answer: false when nothing in [a, b) is drawn.
bool brute(const std::vector<float>& y, std::size_t a, std::size_t b, bool log_y,
           RangeExtremes& e) {
  bool any = false;
  for (std::size_t r = a; r < b; ++r) {
    if (!drawn(y[r], log_y)) continue;
    if (!any) {
      e = {r, r, r, r};
      any = true;
      continue;
    }
    if (y[r] < y[e.lo]) e.lo = r;
    if (y[r] > y[e.hi]) e.hi = r;
    e.last = r;
  }
  return any;
}

void check_ranges(const MinMaxTree& tree, const std::vector<float>& y, std::mt19937& rng,
                  int queries) {
  for (int i = 0; i < queries; ++i) {
    std::size_t a = rng() % (y.size() + 1), b = rng() % (y.size() + 1);
    if (a > b) std::swap(a, b);
    if (i % 4 == 0) a = 0, b = y.size();
    for (bool log_y : {false, true}) {
      RangeExtremes want{}, got{};
      const bool w = brute(y, a, b, log_y, want);
      CAPTURE(y.size(), a, b, log_y);
      REQUIRE(tree.extremes(y, a, b, log_y, got) == w);
      if (!w) continue;
      REQUIRE(got.first == want.first);
      REQUIRE(got.last == want.last);
      REQUIRE(got.lo == want.lo);
      REQUIRE(got.hi == want.hi);
    }
  }
}

}  // namespace

TEST_CASE("min/max tree: every range's extremes and their first rows equal brute force") {
  std::mt19937 rng(5);
  // Up to 70,000 rows: three levels (blocks of 32, 1024 and 32768 rows).
  for (std::size_t n : {0ul, 1ul, 31ul, 32ul, 33ul, 1023ul, 1025ul, 5000ul, 70000ul}) {
    const std::vector<float> y = awkward_series(n, rng);
    MinMaxTree tree;
    tree.extend(y);
    REQUIRE(tree.rows() == n / MinMaxTree::kFan * MinMaxTree::kFan);
    check_ranges(tree, y, rng, n > 10000 ? 40 : 200);
  }
}

TEST_CASE("min/max tree: grown in pieces it answers as one built at once") {
  std::mt19937 rng(6);
  const std::vector<float> all = awkward_series(40000, rng);
  std::vector<float> y;
  MinMaxTree tree;
  while (y.size() < all.size()) {
    const std::size_t add = std::min<std::size_t>(all.size() - y.size(), 1 + rng() % 4000);
    y.insert(y.end(), all.begin() + static_cast<std::ptrdiff_t>(y.size()),
             all.begin() + static_cast<std::ptrdiff_t>(y.size() + add));
    tree.extend(y);
    check_ranges(tree, y, rng, 10);
  }
  // A tree summarising fewer rows than the series (the newest, partial block) still answers
  // for every row: the rest are read directly.
  y.push_back(-1e30f);
  check_ranges(tree, y, rng, 20);
  tree.clear();
  REQUIRE(tree.rows() == 0);
  check_ranges(tree, y, rng, 5);
}

TEST_CASE("decimation with a tree gives exactly the output without one") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n = 1 + rng() % 60000;
    std::vector<double> x(n);
    double t = 0;
    for (auto& v : x) v = t += (rng() % 5 == 0 ? 0 : 0.5);  // sorted, with repeats
    const std::vector<float> y = awkward_series(n, rng);
    MinMaxTree tree;
    tree.extend(y);
    DecimateOptions o;
    o.x_monotonic = true;
    o.columns = 1 + static_cast<int>(rng() % 600);
    o.log_y = trial % 2 == 1;
    o.x0 = trial % 3 == 0 ? 0 : std::uniform_real_distribution<double>(-10, t / 2)(rng);
    o.x1 = trial % 3 == 0 ? t : o.x0 + std::uniform_real_distribution<double>(1, t + 1)(rng);
    std::vector<XY> plain, fast;
    decimate_minmax(x, y, o, plain);
    o.tree = &tree;
    decimate_minmax(x, y, o, fast);
    CAPTURE(trial, n, o.columns, o.x0, o.x1, o.log_y);
    REQUIRE(fast.size() == plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
      REQUIRE(fast[i].x == plain[i].x);
      REQUIRE((fast[i].y == plain[i].y || (std::isnan(fast[i].y) && std::isnan(plain[i].y))));
    }
  }
}

TEST_CASE("series: the trees it grows with the log decimate as the columns themselves do") {
  std::mt19937 rng(8);
  RunLog log;
  log.ingest_line(R"({"type":"header","run":"r","tasks":["a","b"],"start_unix":1000})");
  RunSeries s;
  s.set_smoothing(0.8);
  std::string line;
  std::size_t step = 0;
  auto check = [&] {
    const auto x = s.x(XAxis::step);
    for (int q = 0; q < kNumQuantities; ++q) {
      const auto qq = static_cast<Quantity>(q);
      for (int task = 0; task < (is_per_task(qq) ? 2 : 1); ++task)
        for (bool smoothed : {false, true}) {
          const auto y = smoothed ? s.smooth(qq, task) : s.raw(qq, task);
          const MinMaxTree* tree = smoothed ? s.smooth_tree(qq, task) : s.raw_tree(qq, task);
          REQUIRE(tree != nullptr);
          DecimateOptions o{0, static_cast<double>(step), 37, q % 2 == 0, true};
          std::vector<XY> plain, fast;
          decimate_minmax(x, y, o, plain);
          o.tree = tree;
          decimate_minmax(x, y, o, fast);
          CAPTURE(q, task, smoothed, step);
          REQUIRE(fast.size() == plain.size());
          for (std::size_t i = 0; i < plain.size(); ++i)
            REQUIRE((fast[i].y == plain[i].y || (std::isnan(fast[i].y) && std::isnan(plain[i].y))));
        }
    }
  };
  for (int piece = 0; piece < 6; ++piece) {
    const std::size_t rows = piece == 2 ? 70000 : 1 + rng() % 3000;  // one backlog (threads)
    for (std::size_t i = 0; i < rows; ++i, ++step) {
      StepRecord r;
      r.step = static_cast<std::int64_t>(step);
      r.time = 0.1 * static_cast<double>(step);
      for (int t = 0; t < 2; ++t) {
        const double v = std::exp(-1e-4 * static_cast<double>(step)) * (1 + (rng() % 100) / 50.0);
        r.losses.push_back(step % 997 < 40 ? std::nan("") : v);  // gaps
        r.weights.push_back(0.5 + (rng() % 10) / 10.0);
        r.rates.push_back(v - 1);
        r.grad_norms.push_back(v);
      }
      r.status = "ok";
      r.iterations = static_cast<int>(step % 7);
      r.residual = 1e-12;
      r.step_time = 0.01;
      r.method_time = 1e-5;
      format_step(r, line);
      line.pop_back();
      log.ingest_line(line);
    }
    s.update(log);
    check();
    if (piece == 3) {
      s.set_smoothing(0.95);  // recomputed columns, rebuilt trees
      check();
    }
  }
}
