#pragma once
// The min-norm point of a convex hull, from inner products alone: minimises w^T A w over the
// probability simplex (w >= 0, sum w = 1), A = G^T G. This is MGDA's subproblem; the same value
// measures Pareto stationarity (zero iff 0 lies in the hull of the task gradients).
//
// K = 1 and K = 2 are closed forms (K = 2 is Sener et al.'s two-task rule, without the 0.999 /
// 0.001 clamps of their code). K >= 3 runs Wolfe's finite nearest-point algorithm (Wolfe 1976:
// major cycles add the most violating vertex, minor cycles solve the affine min-norm problem on
// the current support and step back into the simplex), which is exact up to rounding.
#include <Eigen/Dense>

namespace ps {

struct MinNormOptions {
  // Stop when w^T A w - min_i (A w)_i <= tol * max_i A_ii (Wolfe's criterion, relative).
  double tol = 1e-13;
  int max_iterations = 0;  // major + minor cycles; <= 0 means 50 K + 100
};

struct MinNormResult {
  Eigen::VectorXd weights;  // on the simplex
  double value = 0;         // w^T A w, the squared norm of the min-norm point
  int iterations = 0;       // Wolfe's major + minor cycles (0 for the closed forms)
  // KKT residual in units of A: max of w^T A w - min_i (A w)_i (the optimality gap: every vertex
  // is at least as far along the min-norm point as the point itself) and
  // max over the support of |(A w)_i - w^T A w| (complementarity).
  double kkt_residual = 0;
  bool converged = true;    // false: stopped at max_iterations, weights are the last iterate
};

// A must be symmetric positive semi-definite (a Gram matrix) and finite; K >= 1.
// When A = 0 every point of the simplex is optimal and the uniform weights are returned.
MinNormResult min_norm_simplex(const Eigen::MatrixXd& gram, const MinNormOptions& opt = {});

// The min-norm value relative to the largest gradient, sqrt(w^T A w) / max_i sqrt(A_ii), in
// [0, 1]: 0 at a Pareto-stationary point. 0 when every gradient is zero.
double pareto_stationarity(const Eigen::MatrixXd& gram);

// Euclidean projection of v onto the probability simplex (sort-based, Duchi et al. 2008).
Eigen::VectorXd project_to_simplex(const Eigen::VectorXd& v);

}  // namespace ps
