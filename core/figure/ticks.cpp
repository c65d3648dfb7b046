#include "core/figure/ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ps::fig {
namespace {

void order_range(double& lo, double& hi) {
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo <= 1e-12 * std::max(1.0, std::abs(lo))) {
    // A degenerate range still needs ticks: widen it around the value.
    const double d = lo == 0 ? 1.0 : 0.1 * std::abs(lo);
    lo -= d;
    hi += d;
  }
}

}  // namespace

double nice_step(double lo, double hi, int target) {
  order_range(lo, hi);
  target = std::max(target, 2);
  const double raw = (hi - lo) / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  // Thresholds at the geometric means of 1-2-5-10 keep the count closest to `target`.
  const double m = f < std::sqrt(2.0) ? 1 : f < std::sqrt(10.0) ? 2 : f < std::sqrt(50.0) ? 5 : 10;
  return m * mag;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  order_range(lo, hi);
  double step = nice_step(lo, hi, target);
  std::vector<double> ticks;
  for (;;) {
    ticks.clear();
    const double eps = 1e-9 * step;
    const long long k0 = static_cast<long long>(std::ceil((lo - eps) / step));
    const long long k1 = static_cast<long long>(std::floor((hi + eps) / step));
    for (long long k = k0; k <= k1; ++k) {
      const double v = static_cast<double>(k) * step;
      ticks.push_back(std::abs(v) < eps ? 0.0 : v);  // no "-0" ticks
    }
    if (ticks.size() >= 2) break;
    step /= (std::abs(std::round(step / std::pow(10.0, std::floor(std::log10(step)))) - 5) < 1e-9
                 ? 2.5
                 : 2.0);  // 5 -> 2, 2 -> 1, 1 -> 0.5: fall to the next smaller 1-2-5 step
  }
  return ticks;
}

std::vector<double> log_ticks(double lo, double hi) {
  if (lo > hi) std::swap(lo, hi);
  if (!(lo > 0)) return {};
  const int e0 = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  const int e1 = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  const bool fine = e1 - e0 < 3;
  std::vector<double> ticks;
  for (int e = e0; e <= e1; ++e) {
    const double p = std::pow(10.0, e);
    for (double m : fine ? std::vector<double>{1, 2, 5} : std::vector<double>{1}) {
      const double v = m * p;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push_back(v);
    }
  }
  return ticks;
}

void nice_range(double& lo, double& hi, double pad, int target) {
  order_range(lo, hi);
  const double d = (hi - lo) * pad;
  lo -= d;
  hi += d;
  const double step = nice_step(lo, hi, target);
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
}

std::string format_tick(double value, double step) {
  if (!std::isfinite(value)) return "nan";
  step = std::abs(step);
  if (step > 0 && std::abs(value) < 1e-9 * step) value = 0;
  char buf[48];
  const double a = std::abs(value);
  if (a != 0 && (a >= 1e6 || a < 1e-4)) {
    std::snprintf(buf, sizeof buf, "%.3g", a);
  } else {
    int decimals = 0;
    if (step > 0 && step < 1) decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    // 0.25 steps (from 2.5 * 10^k) need one decimal more than their magnitude.
    if (step > 0 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6)
      ++decimals;
    std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 12), a);
  }
  std::string s = buf;
  if (value < 0) s = "\xE2\x88\x92" + s;  // U+2212 MINUS SIGN
  return s;
}

}  // namespace ps::fig
