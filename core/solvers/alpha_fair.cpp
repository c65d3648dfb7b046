// AlphaFairSolver: input checks, the stationarity rule and its ridge fallback, and the choice of
// path (K = 1 closed form, K = 2, general Newton or Ceres). See alpha_fair.h.
#include "core/solvers/alpha_fair.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "core/errors.h"
#include "core/solvers/alpha_fair_parts.h"

namespace ps {

struct AlphaFairSolver::Work {
  alpha_fair::NewtonWork newton;
  Eigen::MatrixXd ridged;    // A + delta D
  Eigen::VectorXd inv_norm;  // 1 / |g_i|
  Eigen::VectorXd tmp, warm, sqrt_diag;
  alpha_fair::Cache2x2 cache2;
};

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kFloorRel = 1e-24;  // ridge loading of zero or tiny gradients, times max A_ii
constexpr double kGuard = 1e12;      // growth of w that stops a first Newton try (divergence)
constexpr int kFirstTryCap = 50;     // iterations of a try before stationarity is settled

const char* const kNoteStationary =
    "near a Pareto-stationary point (the unit gradients' hull nearly contains 0): weights of "
    "the ridge-regularised system";
const char* const kNoteZero =
    "a task gradient is zero (Pareto-stationary): weights of the ridge-regularised system";
const char* const kNoteAllZero = "all task gradients are zero: equal weights";
const char* const kNoteResidual =
    "residual above tolerance: the system is too ill-conditioned for double precision";

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// |a_ij| > sqrt(a_ii a_jj) beyond rounding: not a Gram matrix. Squares first (no sqrt on the
// K = 2 hot path), square roots when the products leave the double range.
bool exceeds_cauchy_schwarz(double aij, double aii, double ajj) {
  const double lhs = aij * aij, rhs = aii * ajj * (1 + 2e-9);
  if (lhs < 1e300 && rhs < 1e300 && (rhs > 1e-300 || lhs > 1e-300)) return lhs > rhs;
  return std::abs(aij) > std::sqrt(aii) * std::sqrt(ajj) * (1 + 1e-9) + 1e-300;
}

// `d` is a buffer (no allocation once it has the size).
void check_input(const Eigen::MatrixXd& gram, double alpha, Eigen::VectorXd& d) {
  if (!std::isfinite(alpha) || alpha < 0)
    throw InputError("FairGrad: alpha must be finite and >= 0, got " + num(alpha));
  const Eigen::Index k = gram.rows();
  if (k == 0 || gram.cols() != k)
    throw InputError("FairGrad: the Gram matrix must be square and non-empty");
  if (!gram.allFinite()) throw InputError("FairGrad: the Gram matrix has a NaN or infinite entry");
  if (gram.diagonal().minCoeff() < 0)
    throw InputError("FairGrad: the Gram matrix has a negative diagonal entry");
  auto not_psd = [](Eigen::Index i, Eigen::Index j) {
    return InputError(
        "FairGrad: the Gram matrix is not positive semidefinite (|A_ij| > "
        "sqrt(A_ii A_jj) at " +
        std::to_string(i + 1) + ", " + std::to_string(j + 1) + ")");
  };
  if (k == 2) {  // the hot path of the toy: no square root
    if (exceeds_cauchy_schwarz(gram(1, 0), gram(0, 0), gram(1, 1))) throw not_psd(1, 0);
    return;
  }
  // Column by column, as one vectorised reduction: |A_ij| <= d_i d_j (1 + 1e-9), d = sqrt(A_ii).
  d = gram.diagonal().cwiseSqrt();
  for (Eigen::Index j = 0; j + 1 < k; ++j) {
    const Eigen::Index n = k - j - 1;
    const double excess =
        (gram.col(j).tail(n).cwiseAbs() - d.tail(n) * (d[j] * (1 + 1e-9))).maxCoeff();
    if (excess > 1e-300) {
      for (Eigen::Index i = j + 1; i < k; ++i)
        if (std::abs(gram(i, j)) - d[i] * d[j] * (1 + 1e-9) > 1e-300) throw not_psd(i, j);
    }
  }
}

// A warm start: finite, >= 0 (saturated weights are 0), not all 0.
bool usable_start(const Eigen::VectorXd& w, Eigen::Index k) {
  if (w.size() != k) return false;
  bool any = false;
  for (Eigen::Index i = 0; i < k; ++i) {
    if (!(w[i] >= 0) || !std::isfinite(w[i])) return false;
    any |= w[i] > 0;
  }
  return any;
}

}  // namespace

AlphaFairSolver::AlphaFairSolver(AlphaFairOptions options)
    : options_(options), work_(std::make_unique<Work>()) {}
AlphaFairSolver::~AlphaFairSolver() = default;
AlphaFairSolver::AlphaFairSolver(AlphaFairSolver&&) noexcept = default;
AlphaFairSolver& AlphaFairSolver::operator=(AlphaFairSolver&&) noexcept = default;

AlphaFairReport AlphaFairSolver::solve(const Eigen::MatrixXd& gram, double alpha,
                                       Eigen::VectorXd& w, bool warm_start) {
  Work& ws = *work_;
  check_input(gram, alpha, ws.sqrt_diag);
  const Eigen::Index k = gram.rows();
  const double tau = options_.stationary_tol, tol = options_.tolerance;
  const int cap = options_.max_iterations;
  AlphaFairReport rep;
  const bool warm = warm_start && usable_start(w, k);
  const double p = 1 / alpha;
  if (alpha == 0 || !std::isfinite(p)) {  // linear scalarisation
    w.setOnes(k);
    return rep;
  }
  const double max_diag = gram.diagonal().maxCoeff();
  if (max_diag == 0) {
    w.setOnes(k);
    rep.status = Status::near_stationary;
    rep.note = kNoteAllZero;
    rep.hull_norm = 0;
    return rep;
  }
  const double floor = kFloorRel * max_diag;
  const bool zero = gram.diagonal().minCoeff() == 0;

  if (k == 2 && options_.backend == AlphaFairBackend::newton) {
    double a = gram(0, 0), b = gram(0, 1), c = gram(1, 1);
    // The hull of two unit vectors is closest to 0 at its midpoint: mu^2 = (1 + rho) / 2, so
    // mu < tau iff b < -(1 - 2 tau^2) sqrt(a c); b >= 0 needs no square root.
    const double edge = 1 - 2 * tau * tau, lhs = b * b, rhs = edge * edge * a * c;
    const bool squares = lhs < 1e300 && rhs < 1e300 && rhs > 1e-300;
    const bool near =
        zero || (b < 0 && (squares ? lhs > rhs : -b > edge * std::sqrt(a) * std::sqrt(c)));
    if (near) {
      const double rho = zero ? -1 : std::max(-1.0, b / (std::sqrt(a) * std::sqrt(c)));
      const double mu = std::sqrt(0.5 * (1 + rho));
      rep.hull_norm = mu;
      rep.ridge = 2 * (tau * tau - mu * mu);
      a += rep.ridge * std::max(a, floor);
      c += rep.ridge * std::max(c, floor);
      rep.status = Status::near_stationary;
      rep.note = zero ? kNoteZero : kNoteStationary;
    }
    double w1 = warm ? w[0] : 1, w2 = warm ? w[1] : 1;
    const alpha_fair::CoreResult cr = alpha_fair::solve_2x2(a, b, c, p, w1, w2, warm, ws.cache2);
    w.resize(2);
    w[0] = w1;
    w[1] = w2;
    rep.iterations = cr.iterations;
    rep.residual = cr.residual;
  } else if (k == 1) {
    w.resize(1);
    w[0] = std::exp(-std::log(gram(0, 0)) / (1 + p));
    if (w[0] < alpha_fair::kTiny) w[0] = 0;
    rep.residual = alpha_fair::relative_residual(gram, p, w);
  } else {
    auto core = [&](const Eigen::MatrixXd& a, int iterations, double guard) {
      if (options_.backend == AlphaFairBackend::ceres)
        return alpha_fair::ceres_solve(a, p, w, iterations);
      return alpha_fair::newton(a, p, w, ws.newton, iterations, guard);
    };
    ws.warm.resize(k);  // sized on every solve, so that a first warm one does not allocate
    if (warm) ws.warm = w;
    double mu = zero ? 0 : -1;  // -1: not computed
    int spent = 0;
    alpha_fair::CoreResult cr;
    if (!zero) {
      ws.inv_norm = gram.diagonal().cwiseSqrt().cwiseInverse();
      // Bound 1: mu >= min_i cos(g_i, d) for d = the sum of the unit gradients.
      ws.tmp.noalias() = gram * ws.inv_norm;
      const double vav = ws.inv_norm.dot(ws.tmp);
      const bool certain =
          vav > 0 && ws.tmp.cwiseProduct(ws.inv_norm).minCoeff() >= tau * std::sqrt(vav);
      if (!warm) alpha_fair::cold_start(gram, p, w);
      cr = core(gram, certain ? cap : std::min(cap, kFirstTryCap), certain ? kInf : kGuard);
      spent = cr.iterations;
      bool settled = certain;
      if (!settled && !cr.diverged) {  // bound 2: the same with d = G w
        ws.tmp.noalias() = gram * w;
        const double waw = w.dot(ws.tmp);
        settled = waw > 0 && ws.tmp.cwiseProduct(ws.inv_norm).minCoeff() >= tau * std::sqrt(waw);
      }
      if (!settled) {
        mu = unit_hull_min_norm(gram);
        rep.hull_norm = mu;
        if (mu >= tau && (cr.diverged || cr.residual > tol)) {  // finish the solve
          if (cr.diverged) alpha_fair::cold_start(gram, p, w);
          cr = core(gram, cap, kInf);
          spent += cr.iterations;
        }
      }
    }
    if (mu >= 0 && mu < tau) {
      rep.hull_norm = mu;
      rep.ridge = static_cast<double>(k) * (tau * tau - mu * mu);
      ws.ridged = gram;
      for (Eigen::Index i = 0; i < k; ++i)
        ws.ridged(i, i) += rep.ridge * std::max(gram(i, i), floor);
      if (warm)
        w = ws.warm;
      else
        alpha_fair::cold_start(ws.ridged, p, w);
      cr = core(ws.ridged, cap, kInf);
      spent += cr.iterations;
      rep.status = Status::near_stationary;
      rep.note = zero ? kNoteZero : kNoteStationary;
    }
    rep.iterations = spent;
    rep.residual = cr.residual;
  }
  // A safety net that no test has reached: never hand back NaN, inf or negative weights.
  for (Eigen::Index i = 0; i < k; ++i) {
    if (w[i] >= 0 && w[i] < kInf) continue;
    w[i] = w[i] > 0 ? std::numeric_limits<double>::max() : 0;
    rep.residual = alpha_fair::kResidualCap;
  }
  if (rep.status == Status::ok && !(rep.residual <= tol)) {
    rep.status = Status::max_iterations;
    rep.note = kNoteResidual;
  }
  return rep;
}

double alpha_fair_residual(const Eigen::MatrixXd& gram, double alpha, const Eigen::VectorXd& w) {
  if (gram.rows() != gram.cols() || gram.rows() != w.size())
    throw InputError("alpha_fair_residual: sizes of the Gram matrix and w disagree");
  if (alpha == 0) return 0;
  return alpha_fair::relative_residual(gram, 1 / alpha, w);
}

}  // namespace ps
