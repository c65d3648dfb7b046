#include "core/solvers/min_norm.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "core/errors.h"

namespace ps {
namespace {

// Weights at or below this are treated as zero in Wolfe's minor cycles (weights sum to 1).
constexpr double kWeightTol = 1e-12;

// Affine min-norm point of the vertices in S: argmin v^T A_SS v subject to sum v = 1.
// Solves (A_SS + s 1 1^T) u = 1 and returns u / sum(u); that matrix is positive definite exactly
// when the vertices are affinely independent, and LDLT's zero-pivot handling keeps a solution
// when rounding makes them nearly dependent (1 is always in its range, so sum(u) > 0).
Eigen::VectorXd affine_min_norm(const Eigen::MatrixXd& a, const std::vector<int>& s) {
  const int n = static_cast<int>(s.size());
  Eigen::MatrixXd m(n, n);
  double shift = 0;
  for (int i = 0; i < n; ++i) shift = std::max(shift, a(s[i], s[i]));
  if (!(shift > 0)) shift = 1;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) m(i, j) = a(s[i], s[j]) + shift;
  Eigen::VectorXd u = m.ldlt().solve(Eigen::VectorXd::Ones(n));
  const double sum = u.sum();
  if (!(sum > 0) || !u.allFinite()) {
    u = m.completeOrthogonalDecomposition().solve(Eigen::VectorXd::Ones(n));
    return u / u.sum();
  }
  return u / sum;
}

void wolfe(const Eigen::MatrixXd& a, const MinNormOptions& opt, MinNormResult& r) {
  const int k = static_cast<int>(a.rows());
  const double scale = a.diagonal().maxCoeff();
  const int cap = opt.max_iterations > 0 ? opt.max_iterations : 50 * k + 100;
  Eigen::VectorXd& w = r.weights;
  w.setZero(k);
  std::vector<int> s;
  std::vector<char> in_s(k, 0);
  int j0 = 0;
  a.diagonal().minCoeff(&j0);
  s.push_back(j0);
  in_s[j0] = 1;
  w[j0] = 1;
  Eigen::VectorXd aw(k);
  int it = 0;
  bool done = false;
  while (!done) {
    // Major cycle: the vertex most opposed to the current point x = G w.
    aw.noalias() = a * w;
    const double xx = w.dot(aw);
    int j = 0;
    const double best = aw.minCoeff(&j);
    if (xx - best <= opt.tol * scale || in_s[j]) break;
    if (it >= cap) {
      r.converged = false;
      break;
    }
    s.push_back(j);
    in_s[j] = 1;
    // Minor cycles: move to the affine minimiser on S, stepping back to the simplex's face
    // (and dropping the vertices that reach 0) while it lies outside.
    for (bool first = true;; first = false) {
      ++it;
      const Eigen::VectorXd v = affine_min_norm(a, s);
      const int n = static_cast<int>(s.size());
      if (v.minCoeff() > kWeightTol) {
        for (int i = 0; i < n; ++i) w[s[i]] = v[i];
        break;
      }
      if (first && v[n - 1] <= kWeightTol) {
        // Rounding: the new vertex does not help after all; the point is as good as it gets.
        in_s[j] = 0;
        s.pop_back();
        done = true;
        break;
      }
      double theta = 1;
      for (int i = 0; i < n; ++i) {
        const double wi = w[s[i]];
        if (v[i] <= kWeightTol && wi - v[i] > 0) theta = std::min(theta, wi / (wi - v[i]));
      }
      for (int i = 0; i < n; ++i) w[s[i]] += theta * (v[i] - w[s[i]]);
      std::vector<int> kept;
      for (int i : s) {
        if (w[i] > kWeightTol) {
          kept.push_back(i);
        } else {
          w[i] = 0;
          in_s[i] = 0;
        }
      }
      s.swap(kept);
      w /= w.sum();
      if (it >= cap) {
        r.converged = false;
        done = true;
        break;
      }
    }
  }
  r.iterations = it;
}

}  // namespace

MinNormResult min_norm_simplex(const Eigen::MatrixXd& a, const MinNormOptions& opt) {
  const int k = static_cast<int>(a.rows());
  if (k < 1 || a.cols() != k)
    throw InputError("min_norm_simplex needs a square, non-empty Gram matrix");
  if (!a.allFinite()) throw InputError("min_norm_simplex: the Gram matrix has a non-finite value");
  MinNormResult r;
  const double scale = a.diagonal().maxCoeff();
  if (k == 1) {
    r.weights = Eigen::VectorXd::Ones(1);
  } else if (!(scale > 0)) {
    r.weights = Eigen::VectorXd::Constant(k, 1.0 / k);
  } else if (k == 2) {
    // gamma = argmin |gamma g1 + (1 - gamma) g2|^2 = (g2 - g1)^T g2 / |g1 - g2|^2, clamped.
    const double den = a(0, 0) + a(1, 1) - 2 * a(0, 1);
    double gamma = 0.5;  // g1 = g2: every gamma gives the same point; stay symmetric
    if (den > 1e-300) gamma = std::clamp((a(1, 1) - a(0, 1)) / den, 0.0, 1.0);
    r.weights.resize(2);
    r.weights << gamma, 1 - gamma;
  } else {
    wolfe(a, opt, r);
  }
  // Polish: exact simplex membership against rounding.
  r.weights = r.weights.cwiseMax(0.0);
  r.weights /= r.weights.sum();
  const Eigen::VectorXd aw = a * r.weights;
  r.value = std::max(0.0, r.weights.dot(aw));
  double kkt = std::max(0.0, r.value - aw.minCoeff());
  for (int i = 0; i < k; ++i)
    if (r.weights[i] > 0) kkt = std::max(kkt, std::abs(aw[i] - r.value));
  r.kkt_residual = kkt;
  return r;
}

double pareto_stationarity(const Eigen::MatrixXd& gram) {
  const double scale = gram.diagonal().maxCoeff();
  if (!(scale > 0)) return 0;
  return std::min(1.0, std::sqrt(min_norm_simplex(gram).value / scale));
}

Eigen::VectorXd project_to_simplex(const Eigen::VectorXd& v) {
  const Eigen::Index n = v.size();
  if (n == 0) throw InputError("project_to_simplex: empty vector");
  std::vector<double> u(v.data(), v.data() + n);
  std::sort(u.begin(), u.end(), std::greater<>());
  double cum = 0, tau = 0;
  for (Eigen::Index j = 0; j < n; ++j) {
    cum += u[j];
    const double t = (cum - 1) / static_cast<double>(j + 1);
    if (u[j] - t > 0) tau = t;  // the last j where this holds sets the threshold
  }
  Eigen::VectorXd w = (v.array() - tau).cwiseMax(0.0);
  return w / w.sum();
}

}  // namespace ps
