// Min-norm point of the convex hull of the unit gradients (the stationarity measure mu of
// AlphaFairSolver), by Wolfe's algorithm (Wolfe 1976, "Finding the nearest point in a
// polytope") on the unit-diagonal Gram matrix R: finite, exact up to rounding, and it needs only
// inner products. Runs only when the cheap bounds in alpha_fair.cpp are inconclusive.
#include <cmath>
#include <vector>

#include "core/solvers/alpha_fair.h"

namespace ps {

double unit_hull_min_norm(const Eigen::MatrixXd& gram) {
  const Eigen::Index k = gram.rows();
  if (k == 0) return 0;
  Eigen::VectorXd inv(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    if (!(gram(i, i) > 0)) return 0;  // a zero gradient is itself stationary
    inv[i] = 1 / std::sqrt(gram(i, i));
  }
  const Eigen::MatrixXd r = inv.asDiagonal() * gram * inv.asDiagonal();

  std::vector<Eigen::Index> s{0};  // the corral
  std::vector<double> lambda{1.0};
  Eigen::VectorXd rx(k);  // R lambda: inner products of the points with x
  const double gap_tol = 1e-15 * static_cast<double>(k);
  double xx = 1;
  for (int major = 0; major < 100 * k + 100; ++major) {
    rx.setZero();
    for (std::size_t a = 0; a < s.size(); ++a) rx += lambda[a] * r.col(s[a]);
    xx = 0;
    for (std::size_t a = 0; a < s.size(); ++a) xx += lambda[a] * rx[s[a]];
    Eigen::Index j = 0;
    const double best = rx.minCoeff(&j);
    if (xx - best <= gap_tol) break;
    bool in_corral = false;
    for (auto e : s) in_corral |= e == j;
    if (in_corral) break;  // rounding: no progress is possible
    s.push_back(j);
    lambda.push_back(0.0);

    // Minor cycles: move to the affine minimiser of the corral, dropping points it would give
    // a negative weight.
    for (;;) {
      const auto n = static_cast<Eigen::Index>(s.size());
      Eigen::MatrixXd m(n, n);
      for (Eigen::Index a = 0; a < n; ++a)
        for (Eigen::Index b = 0; b < n; ++b) m(a, b) = r(s[a], s[b]) + 1;
      // (R_SS + 1 1^T) v = 1 gives v proportional to the affine minimiser's weights.
      const Eigen::VectorXd v = m.ldlt().solve(Eigen::VectorXd::Ones(n));
      const double sum = v.sum();
      if (!(std::abs(sum) > 0) || !v.allFinite()) return std::sqrt(std::max(xx, 0.0));
      const Eigen::VectorXd alpha = v / sum;
      if (alpha.minCoeff() > 0) {
        for (Eigen::Index a = 0; a < n; ++a) lambda[a] = alpha[a];
        break;
      }
      double theta = 1;
      for (Eigen::Index a = 0; a < n; ++a)
        if (alpha[a] <= 0) theta = std::min(theta, lambda[a] / (lambda[a] - alpha[a]));
      std::vector<Eigen::Index> s2;
      std::vector<double> l2;
      for (Eigen::Index a = 0; a < n; ++a) {
        const double l = (1 - theta) * lambda[a] + theta * alpha[a];
        if (l > 1e-15) {
          s2.push_back(s[a]);
          l2.push_back(l);
        }
      }
      if (s2.empty()) return std::sqrt(std::max(xx, 0.0));
      double total = 0;
      for (double l : l2) total += l;
      for (double& l : l2) l /= total;
      s.swap(s2);
      lambda.swap(l2);
      if (s.size() == 1) break;
    }
  }
  return std::sqrt(std::max(xx, 0.0));
}

}  // namespace ps
