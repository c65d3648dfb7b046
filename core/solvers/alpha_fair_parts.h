#pragma once
// Internal pieces of AlphaFairSolver (core/solvers/alpha_fair.h), one per .cpp file. They all
// solve A w = w^(-p), p = 1/alpha > 0, for an A whose unit-gradient hull is not stationary (the
// caller has ridged it otherwise) and whose diagonal is positive.
#include <Eigen/Dense>
#include <cmath>

namespace ps::alpha_fair {

// Weights below this are saturated: not representable with a useful relative precision, so
// they are returned as 0 (their tasks' rates exceed kTiny^(-p)).
constexpr double kTiny = 1e-300;
constexpr double kResidualCap = 1e300;

struct CoreResult {
  int iterations = 0;
  double residual = 0;    // see task_residual
  bool diverged = false;  // Newton: w grew past the guard (F looks unbounded below)
};

// One iterate: weights w (0 when saturated), x = log w (authoritative when saturated), rates
// r = A w.
struct Point {
  Eigen::VectorXd w, x, r;
  void resize(Eigen::Index k);
};

struct NewtonWork {
  Eigen::MatrixXd H;  // scaled Newton matrix, factored in place
  Eigen::VectorXd q, g, u, delta, a_delta, log_step, scale, best, start_x;
  Point cur;
  void resize(Eigen::Index k);
};

// w = the diagonal solution A_ii^(-1/(1+p)), rescaled to minimise F on its ray.
void cold_start(const Eigen::MatrixXd& a, double p, Eigen::VectorXd& w);

// From w (finite, >= 0): log-log Newton on log(A w) + p log w = 0 once all rates are positive,
// damped convex Newton on F before. Stops at a relative residual of 1e-13, when the long double
// residual stops improving, after max_iterations steps, or (diverged) when some w_i exceeds
// guard times its start value. w returns the best iterate, saturated weights set to 0.
CoreResult newton(const Eigen::MatrixXd& a, double p, Eigen::VectorXd& w, NewtonWork& ws,
                  int max_iterations, double guard);

// Ceres' bounded Levenberg-Marquardt from w (positive, finite).
CoreResult ceres_solve(const Eigen::MatrixXd& a, double p, Eigen::VectorXd& w, int max_iterations);

// What the K = 2 path keeps from its last solve: when the next warm start is that answer, its
// internal unknowns start from here instead of being recomputed from (w1, w2).
struct Cache2x2 {
  double w1 = -1, w2 = -1;  // the answer returned
  double u1 = 0, u2 = 0;    // alpha = 2: sqrt(w1), sqrt(w2) before rounding
  // Other alpha: log(w2 / w1) (finite when a weight saturated); the scalar equation solved
  // (mode 1: rho >= 0, 2: rho < 0, 0: none) and its p, its last root u, the change du from the
  // root before (depth 2: du is known).
  double t = 0, u = 0, du = 0, p = 0;
  int mode = 0, depth = 0;
};

// K = 2: A = [a b; b c], a, c > 0, b^2 < a c or b >= 0. With warm, (w1, w2) is the start.
CoreResult solve_2x2(double a, double b, double c, double p, double& w1, double& w2, bool warm,
                     Cache2x2& cache);

// K = 2, p other than 1 and 1/2 (alpha_fair_2x2_scalar.cpp): the weights (0 when saturated),
// their powers w_i^p, and t = log(w2 / w1). With warm, t0 = log(w2 / w1) of the start; cached:
// the start is the cache's last answer, whose history (u, du, mode) it may extrapolate. Updates
// those fields; returns the evaluations of the scalar equation.
struct Weights2 {
  double w1, w2, pw1, pw2, t;
};
int solve_2x2_scalar(double a, double b, double c, double p, bool warm, bool cached, double t0,
                     Cache2x2& cache, Weights2& out);

// One task's residual: |rate w^p - 1| for w >= kTiny, with wp = w^p; for a saturated weight
// (w < kTiny) the relative shortfall of its rate below kTiny^(-p), max(0, 1 - rate kTiny^p).
// Capped, never NaN.
inline double task_residual(long double rate, double w, double p, double wp) {
  double rel;
  if (w >= kTiny) {
    rel = static_cast<double>(std::abs(rate * wp - 1));
  } else {
    rel =
        rate > 0
            ? std::max(0.0, -std::expm1(std::log(static_cast<double>(rate)) + p * std::log(kTiny)))
            : 1.0;
  }
  return rel <= kResidualCap ? rel : kResidualCap;
}

// The same with w^p computed here: pow is accurate to an ulp; the exponents of alpha = 1 and 2
// are exact or sqrt.
inline double task_residual(long double rate, double w, double p) {
  const double wp = p == 1 ? w : p == 0.5 ? std::sqrt(w) : std::pow(w, p);
  return task_residual(rate, w, p, wp);
}

// Max of task_residual over the tasks, the rates A w accumulated in long double.
double relative_residual(const Eigen::MatrixXd& a, double p, const Eigen::VectorXd& w);

}  // namespace ps::alpha_fair
