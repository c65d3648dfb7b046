#include "toy/pareto.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/errors.h"
#include "toy/toy_problem.h"

namespace ps::toy {
namespace {

// Where the scan for the anti-parallel point looks: the set lies near x2 = -8.4, where the
// gate c2 is almost 1 and h1, h2 are close to their minima in x2.
constexpr double kScanLow = -12.0;
constexpr double kScanHigh = -5.0;
constexpr int kScanCells = 140;

double det(const Eigen::Matrix2d& g) { return g(0, 0) * g(1, 1) - g(0, 1) * g(1, 0); }

// The x2 in [kScanLow, kScanHigh] where det[g1 g2] changes sign with g1·g2 <= 0, refined by
// bisection to the last representable bracket; false when there is none.
bool anti_parallel_x2(const ToyProblem& p, double x1, double& x2_out) {
  auto grads_at = [&](double x2) { return p.eval(Eigen::Vector2d(x1, x2)).grads; };
  double a = kScanLow;
  double da = det(grads_at(a));
  for (int i = 1; i <= kScanCells; ++i) {
    const double b = kScanLow + (kScanHigh - kScanLow) * i / kScanCells;
    const double db = det(grads_at(b));
    if ((da <= 0) != (db <= 0)) {
      double lo = a, hi = b, dlo = da;
      while (true) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        const double dm = det(grads_at(mid));
        if ((dm <= 0) == (dlo <= 0)) {
          lo = mid;
          dlo = dm;
        } else {
          hi = mid;
        }
      }
      const double root = 0.5 * (lo + hi);
      const Eigen::Matrix2d g = grads_at(root);
      if (g.col(0).dot(g.col(1)) <= 0) {
        x2_out = root;
        return true;
      }
    }
    a = b;
    da = db;
  }
  return false;
}

}  // namespace

ParetoCurve pareto_curve(double scale, int samples) {
  if (samples < 2)
    throw InputError("the Pareto curve needs at least 2 samples, got " + std::to_string(samples));
  const ToyProblem problem(scale);  // throws on a bad scale

  std::vector<Eigen::Vector2d> set, losses;
  set.reserve(samples);
  losses.reserve(samples);
  for (int i = 0; i < samples; ++i) {
    const double x1 = -7.0 + 14.0 * i / (samples - 1);
    double x2 = 0;
    if (!anti_parallel_x2(problem, x1, x2)) continue;
    set.emplace_back(x1, x2);
    losses.push_back(problem.losses(set.back()));
  }

  // Sort by L1 and keep the non-dominated points: with L1 ascending, a point survives only if its
  // L2 is below every L2 before it.
  std::vector<int> order(set.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return losses[a][0] < losses[b][0] ||
           (losses[a][0] == losses[b][0] && losses[a][1] < losses[b][1]);
  });
  std::vector<bool> keep(set.size(), false);
  double best_l2 = INFINITY;
  for (int i : order) {
    if (losses[i][1] < best_l2) {
      keep[i] = true;
      best_l2 = losses[i][1];
    }
  }

  ParetoCurve c;
  for (size_t i = 0; i < set.size(); ++i)
    if (keep[i]) c.set.push_back(set[i]);
  for (int i : order)
    if (keep[i]) c.front.push_back(losses[i]);
  return c;
}

}  // namespace ps::toy
