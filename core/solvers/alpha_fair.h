#pragma once
// Solver of FairGrad's alpha-fair system (paper eq. 4): A w = w^(-1/alpha), w > 0, A = G^T G.
//
// Algorithm (backend newton, the default). With p = 1/alpha the system is the stationarity
// condition of the strictly convex F(w) = 1/2 w^T A w - sum_i phi(w_i), phi'(w) = w^(-p)
// (phi = log for alpha = 1), which is the merit function of every step (details in
// alpha_fair_newton.cpp):
// - cold start: the diagonal solution w_i = A_ii^(-1/(1+p)), rescaled to minimise F on its ray;
// - far from the solution, the Newton direction of the log-log system log(A w) + p log w = 0
//   (when all rates are positive; exact in one step for the tasks that dominate, or are
//   negligible in, their own rate), taken along w o exp(t u) if Armijo says F decreases; else
//   the Newton direction of F along a curve that lets weights fall by orders of magnitude;
//   Cholesky factorisations of Jacobi-scaled matrices; F's changes computed without
//   cancellation;
// - residual <= 1e-4: full Newton steps, then chord steps (the last factorisation reused);
// - weights below 1e-300 are saturated: held as log w, returned as 0 (large alpha: a task far
//   better served than the others); a weight whose own term in its rate is negligible is set
//   by exact minimisation of F along it;
// - rates in long double once the residual is below 1e-6; stop at 1e-13 or at the rounding
//   floor (no more decrease).
// K = 2 has its own allocation-free path (one scalar equation; a closed form for alpha = 1, a
// cubic for alpha = 2, otherwise safeguarded Householder steps in a variable without
// cancellation, from a start extrapolated from the solver's two previous roots when the warm
// start is its last answer: along a trajectory usually two exps and three logs a solve; see
// alpha_fair_2x2.cpp and alpha_fair_2x2_scalar.cpp). Backend ceres: Ceres' bounded
// Levenberg-Marquardt on the paper's residuals (A w)_i - w_i^(-p), each row divided by its value
// of w_i^(-p) at the start; for cross-checks, slower and less robust.
//
// Residual (reported): max_i |(A w)_i w_i^p - 1|, the rates accumulated in long double from
// the returned double w; a saturated weight (w_i = 0) counts max(0, 1 - (A w)_i 1e-300^p).
// (K = 2 at alpha other than 1 and 2: w_i^p comes from the solve's own logarithms, which puts
// the reported value within about 1e-14 of that.)
// Status::ok needs it <= options.tolerance (1e-10). Its floor is about 1e-16 times the
// cancellation max_i sum_j |A_ij w_j| / (A w)_i of the solution, which double precision cannot
// beat: gradient norms over many orders of magnitude with alpha far from 1 (e.g. alpha = 0.1
// with conflicting gradients, alpha = 10 with norms from 1e-6 to 1e6), or gradients close to
// Pareto-stationary (mu below about 1e-3), can leave it above 1e-10; so can alpha below about
// 1e-6, where w_i^(1/alpha) magnifies the rounding of w (w -> 1) by 1/alpha. Then
// Status::max_iterations with a note, and the best weights found (always finite, >= 0).
//
// Stationarity rule. Let mu be the norm of the min-norm point of the convex hull of the UNIT
// gradients g_i / |g_i| (scale-free per task, so 1e-6 and 1e6 norms mix freely). The system has
// a finite solution iff no task gradient is zero and mu > 0 (else F is unbounded below). When
// mu < tau = options.stationary_tol (default 1e-4) or some g_i = 0, the result is the solution
// of the ridge system (A + delta D) w = w^(-p), D = diag(max(A_ii, 1e-24 max_j A_jj)),
// delta = K (tau^2 - mu^2): on the simplex lambda^T (R + delta I) lambda >= tau^2 for the
// unit-diagonal R, so the ridge system is as well conditioned as one at mu = tau, the weights
// are finite, and the result is continuous in A (delta -> 0 as mu -> tau).
// Status::near_stationary, and the reported residual is that of the ridge system. All-zero
// gradients give w = 1. mu is bounded from below for free (by the cosines of the sum of unit
// gradients and of the FairGrad direction); it is computed exactly (Wolfe's min-norm-point
// algorithm) only when those bounds fall below tau. K = 2: mu^2 = (1 + cos angle) / 2.
#include <Eigen/Dense>
#include <memory>

#include "core/method.h"

namespace ps {

enum class AlphaFairBackend { newton, ceres };

struct AlphaFairOptions {
  AlphaFairBackend backend = AlphaFairBackend::newton;
  double tolerance = 1e-10;      // max relative residual for Status::ok
  int max_iterations = 200;      // Newton (or Ceres) iterations per solve
  double stationary_tol = 1e-4;  // tau of the stationarity rule above
};

struct AlphaFairReport {
  int iterations = 0;   // Newton steps (or Ceres iterations), 0 for closed forms
  double residual = 0;  // see above; finite
  Status status = Status::ok;
  const char* note = "";  // static text, empty when status is ok
  double hull_norm = -1;  // mu when it was computed exactly, else -1
  double ridge = 0;       // delta when near_stationary, else 0
};

class AlphaFairSolver {
 public:
  explicit AlphaFairSolver(AlphaFairOptions options = {});
  ~AlphaFairSolver();
  AlphaFairSolver(AlphaFairSolver&&) noexcept;
  AlphaFairSolver& operator=(AlphaFairSolver&&) noexcept;

  // Solves gram w = w^(-1/alpha) (alpha = 0: w = 1). With warm_start and a w of size K with
  // positive finite entries, starts from w; the answer agrees with a cold start within the
  // tolerance. Throws InputError for alpha < 0 or non-finite, or a non-square or non-finite gram.
  // No heap allocation once the solver has seen this K (backend newton, not near-stationary
  // with K >= 3).
  AlphaFairReport solve(const Eigen::MatrixXd& gram, double alpha, Eigen::VectorXd& w,
                        bool warm_start = false);

  const AlphaFairOptions& options() const { return options_; }

  struct Work;  // buffers reused across solves

 private:
  AlphaFairOptions options_;
  std::unique_ptr<Work> work_;
};

// max_i |(gram w)_i w_i^(1/alpha) - 1|, the products accumulated in long double; 0 for alpha = 0.
// Capped at 1e300 (never inf or NaN); w_i <= 0 counts as 1e300.
double alpha_fair_residual(const Eigen::MatrixXd& gram, double alpha, const Eigen::VectorXd& w);

// Norm of the min-norm point of the convex hull of the unit gradients g_i / |g_i| given their
// Gram matrix (Wolfe's algorithm, exact up to ~1e-12 in mu^2). 0 when some gradient is zero.
double unit_hull_min_norm(const Eigen::MatrixXd& gram);

}  // namespace ps
