// General-K path of AlphaFairSolver: damped Newton on the strictly convex
// F(w) = 1/2 w^T A w - sum_i phi(w_i), phi'(w) = w^(-p). Allocation-free once NewtonWork has
// the size.
//
// - Far from the solution each step first tries the Newton direction of the log-log system
//   log(A w) + p log w = 0 (when every rate is positive), taken only if it decreases F; else
//   the Newton direction of F itself. Near it (residual <= 1e-4) full Newton steps, reusing the
//   factorisation (chord steps) while each gains a factor of 10.
// - The step follows the curve w_i(t) = w_i exp(t u_i) for falling weights and w_i (1 + t u_i)
//   for rising ones (u = dw / w, dw the Newton step): its derivative at t = 0 is the Newton
//   direction, so Armijo backtracking on F stays globally convergent, and a weight that must
//   fall by many orders of magnitude (large alpha) gets there at once instead of creeping
//   towards 0 under a fraction-to-the-boundary rule.
// - Weights are kept as w and x = log w. Below kTiny a weight is saturated: w = 0, x alone
//   holds it, and it no longer affects any rate. A weight whose own term in its rate is
//   negligible (saturated or not) is set by exact minimisation of F along it (detach): then
//   r_i = exp(-p x_i) with r_i nearly independent of x_i, so x_i ~ -log(r_i) / p.
// - The Newton system is Jacobi-scaled before its Cholesky factorisation (gradient norms from
//   1e-6 to 1e6 give A_ii over 24 orders of magnitude); F's change along the curve is computed
//   from the changes of w (no cancellation between two values of F); once the residual is
//   below 1e-6 the rates A w are accumulated in long double.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/solvers/alpha_fair_parts.h"

namespace ps::alpha_fair {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kStop = 1e-13;     // relative residual at which we stop (tolerance is 1e-10)
constexpr double kAccurate = 1e-6;  // below this residual, rates go to long double
const double kLogTiny = std::log(kTiny);

// w^(-p) with the common exponents done without pow (the toy and Nash-MTL use them).
inline double neg_pow(double w, double p) {
  if (p == 1) return 1 / w;
  if (p == 0.5) return 1 / std::sqrt(w);
  return std::pow(w, -p);
}

// Fills pt.r (rates) and ws.q (w^(-p), from x when saturated) and returns the max relative
// residual |r_i / q_i - 1|.
double evaluate(const Eigen::MatrixXd& a, double p, Point& pt, NewtonWork& ws, bool accurate) {
  const Eigen::Index k = a.rows();
  if (!accurate) pt.r.noalias() = a * pt.w;
  double worst = 0;
  for (Eigen::Index i = 0; i < k; ++i) {
    long double ri = pt.r[i];
    if (accurate) {
      const double* col = a.col(i).data();  // A is symmetric: column i is row i
      ri = 0;
      for (Eigen::Index j = 0; j < k; ++j) ri += static_cast<long double>(col[j]) * pt.w[j];
      pt.r[i] = static_cast<double>(ri);
    }
    ws.q[i] = pt.w[i] > 0 ? neg_pow(pt.w[i], p) : std::exp(-p * pt.x[i]);
    double rel;
    if (ws.q[i] > 0 && ws.q[i] < kInf)
      rel = static_cast<double>(ri / ws.q[i] - 1);
    else  // w^(-p) out of range: compare in logs
      rel = ri > 0 ? std::expm1(std::min(std::log(pt.r[i]) + p * pt.x[i], 700.0)) : -1;
    rel = std::abs(rel);
    worst = std::max(worst, rel <= kResidualCap ? rel : kResidualCap);
  }
  return worst;
}

// The log-weight x minimising F along one weight with the others fixed: a e^x + c = e^(-p x),
// a = A_ii > 0, c = the other tasks' share of the rate. h(x) = log(a e^x + c) + p x is
// increasing on its domain; safeguarded Newton on it from x0.
double solve_log_weight(double a, double c, double p, double x0) {
  if (c > 0) {  // own term small: from the root without it, -log(c) / p, Newton converges fast
    const double lc = std::log(c);
    double x = -lc / p;
    for (int it = 0; it < 4 && x < 700; ++it) {
      const double ratio = a * std::exp(x) / c;  // own term / others'
      if (ratio <= 1e-17) return x;
      if (ratio > 1e-3) break;  // not small: the safeguarded iteration below
      // h(x) = log c + p x + log1p(ratio), h' = p + ratio / (1 + ratio)
      const double step = (lc + p * x + std::log1p(ratio)) / (p + ratio / (1 + ratio));
      x -= step;
      if (std::abs(step) <= 1e-15 * (1 + std::abs(x))) return x;
    }
  }
  auto h = [&](double x, double& slope) {
    const double ax = a * std::exp(x), s = ax + c;
    slope = s > 0 ? ax / s + p : kInf;
    return s > 0 ? std::log(s) + p * x : -kInf;
  };
  double slope, lo, hi;
  if (c > 0) {
    hi = std::min(-std::log(c) / p, -std::log(a) / (1 + p));  // h(hi) >= 0
    lo = hi - 1;
    for (double gap = 1; h(lo, slope) >= 0 && gap < 1e6; gap *= 2) lo = hi - 2 * gap;
  } else {
    lo = std::log(-c / a);  // h = -inf there
    hi = std::max(lo, -std::log(a) / (1 + p)) + 1;
    for (double gap = 1; h(hi, slope) <= 0 && gap < 1e6; gap *= 2) hi = lo + 2 * gap;
  }
  double x = x0 > lo && x0 < hi ? x0 : 0.5 * (lo + hi);
  for (int it = 0; it < 100; ++it) {
    const double v = h(x, slope);
    if (v < 0)
      lo = x;
    else
      hi = x;
    double next = x - v / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::abs(next - x) <= 1e-15 * (1 + std::abs(x))) return next;
    x = next;
  }
  return x;
}

// Cholesky factor L of the lower triangle of h, in place. Eigen's in-place kernel directly:
// Eigen::LLT also computes an L1 norm (for rcond) we do not use, 6% of a K = 40 solve.
bool factor(Eigen::MatrixXd& h) {
  return Eigen::internal::llt_inplace<double, Eigen::Lower>::blocked(h) == -1;
}

// How a step is taken: with backtracking on F (trying the log-log direction first); the full
// Newton step (residual already small: the quadratic region); or the full step with the
// previous factorisation (a chord step, when the iterate has barely moved since).
enum class Mode { search, full, chord };

// Weights whose own term in their rate is negligible (saturated, or tiny): the Newton model of
// w^(-p) is useless there, so F is minimised exactly along each of them. True if any moved.
bool detach(const Eigen::MatrixXd& a, double p, Point& pt, NewtonWork& ws) {
  const Eigen::Index k = a.rows();
  bool moved = false;
  for (Eigen::Index i = 0; i < k; ++i) {
    if (pt.w[i] > 0 && a(i, i) * pt.w[i] > 1e-6 * std::abs(pt.r[i])) continue;
    const double x = solve_log_weight(a(i, i), pt.r[i] - a(i, i) * pt.w[i], p, pt.x[i]);
    const double w = x < kLogTiny ? 0 : std::exp(x);
    if (w != pt.w[i]) pt.r += a.col(i) * (w - pt.w[i]);
    moved |= x != pt.x[i];
    pt.x[i] = x;
    pt.w[i] = w;
  }
  if (moved)
    for (Eigen::Index i = 0; i < k; ++i) ws.q[i] = pt.w[i] > 0 ? neg_pow(pt.w[i], p) : 0;
  return moved;
}

// Newton direction of F as relative steps u = dw / w into ws.u (0 for saturated weights);
// refactor = false reuses the factorisation in ws.H (a chord step). Returns the decrement
// lambda^2 = -g^T dw, <= 0 when there is no usable direction.
double primal_direction(const Eigen::MatrixXd& a, double p, const Point& pt, NewtonWork& ws,
                        bool refactor) {
  const Eigen::Index k = a.rows();
  if (refactor) {  // A + diag(p q / w) on the unsaturated weights, Jacobi-scaled
    for (Eigen::Index i = 0; i < k; ++i) {
      const double hii = a(i, i) + p * ws.q[i] / pt.w[i];
      ws.scale[i] = pt.w[i] > 0 && hii < kInf ? 1 / std::sqrt(hii) : 0;
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      ws.H.col(j).tail(k - j) =
          a.col(j).tail(k - j).cwiseProduct(ws.scale.tail(k - j)) * ws.scale[j];
      ws.H(j, j) =
          ws.scale[j] > 0 ? (a(j, j) + p * ws.q[j] / pt.w[j]) * ws.scale[j] * ws.scale[j] : 1;
    }
    if (!factor(ws.H)) return 0;
  }
  // The factor L of the scaled matrix sits in H's lower triangle.
  ws.u = -ws.scale.cwiseProduct(ws.g);
  ws.H.triangularView<Eigen::Lower>().solveInPlace(ws.u);
  ws.H.triangularView<Eigen::Lower>().adjoint().solveInPlace(ws.u);
  ws.u.array() *= ws.scale.array();
  const double lambda2 = -ws.g.dot(ws.u);
  for (Eigen::Index i = 0; i < k; ++i) ws.u[i] = pt.w[i] > 0 ? ws.u[i] / pt.w[i] : 0;
  return std::isfinite(lambda2) ? lambda2 : 0;
}

// Newton direction of the log-log system log(A w) + p log w = 0 (every rate positive, no
// saturated weight) as log-steps into ws.u. Its Jacobian R^-1 A W + p I is similar to
// B + p I, B = S A S, S = diag(sqrt(w / r)): one Cholesky of a well-scaled matrix. Both ends
// of each equation are linear in logs, so it converges in far fewer steps than the Newton
// direction of F when weights or rates span orders of magnitude. Returns the decrease rate of
// F along w o exp(t u), <= 0 when u is no descent direction of F.
double loglog_direction(const Eigen::MatrixXd& a, double p, const Point& pt, NewtonWork& ws) {
  const Eigen::Index k = a.rows();
  for (Eigen::Index i = 0; i < k; ++i) ws.scale[i] = std::sqrt(pt.w[i] / pt.r[i]);
  for (Eigen::Index j = 0; j < k; ++j) {
    ws.H.col(j).tail(k - j) = a.col(j).tail(k - j).cwiseProduct(ws.scale.tail(k - j)) * ws.scale[j];
    ws.H(j, j) += p;
  }
  if (!factor(ws.H)) return 0;
  // J u = -e  <=>  (B + p I) y = -sqrt(w r) e,  u = y / sqrt(w r);  e = log(r / q).
  for (Eigen::Index i = 0; i < k; ++i)
    ws.u[i] = -std::sqrt(pt.w[i] * pt.r[i]) * std::log(pt.r[i] / ws.q[i]);
  ws.H.triangularView<Eigen::Lower>().solveInPlace(ws.u);
  ws.H.triangularView<Eigen::Lower>().adjoint().solveInPlace(ws.u);
  double rate = 0;
  for (Eigen::Index i = 0; i < k; ++i) {
    ws.u[i] /= std::sqrt(pt.w[i] * pt.r[i]);
    rate -= pt.w[i] * ws.g[i] * ws.u[i];
  }
  return std::isfinite(rate) ? rate : 0;
}

// Moves along w_i(t) = w_i exp(t u_i) (all weights when `exponential`, else the falling ones)
// and w_i (1 + t u_i) (the rising ones otherwise); its derivative at 0 is the direction. With
// `check`, backtracks (at most `halvings` times) until F falls by the Armijo rule, its change
// computed from delta = w(t) - w without cancellation. False when no step was taken.
bool move(const Eigen::MatrixXd& a, double p, Point& pt, NewtonWork& ws, double decrease,
          bool exponential, bool check, int halvings) {
  const Eigen::Index k = a.rows();
  double t = 1;
  for (int h = 0; h <= halvings; ++h, t *= 0.5) {
    double barrier = 0;
    for (Eigen::Index i = 0; i < k; ++i) {
      const double s = t * ws.u[i];
      const bool ex = exponential || s < 0;
      ws.log_step[i] = ex ? s : std::log1p(s);  // log(w_i(t) / w_i)
      ws.delta[i] = pt.w[i] * (ex ? std::expm1(s) : s);
      if (check && pt.w[i] > 0)  // phi(w) = log w (p = 1) or w^(1-p) / (1-p), w^(1-p) = w q
        barrier += p == 1 ? ws.log_step[i]
                          : pt.w[i] * ws.q[i] * std::expm1((1 - p) * ws.log_step[i]) / (1 - p);
    }
    if (check) {
      ws.a_delta.noalias() = a * ws.delta;
      const double df = ws.delta.dot(pt.r) + 0.5 * ws.delta.dot(ws.a_delta) - barrier;
      if (!(df <= -1e-4 * t * decrease) && decrease > 1e-20) continue;  // tiny: step is exact
    }
    for (Eigen::Index i = 0; i < k; ++i) {
      if (!(pt.w[i] > 0)) continue;
      pt.x[i] += ws.log_step[i];
      pt.w[i] = pt.x[i] < kLogTiny ? 0 : pt.w[i] + ws.delta[i];
    }
    return true;
  }
  return false;
}

// One step from pt; false when none decreases F (the rounding floor, or no progress).
// `factored`: whether ws.H now holds a fresh factorisation of F's Newton matrix at pt.
bool step(const Eigen::MatrixXd& a, double p, Point& pt, NewtonWork& ws, Mode mode,
          bool& factored) {
  const Eigen::Index k = a.rows();
  const bool moved = detach(a, p, pt, ws);
  for (Eigen::Index i = 0; i < k; ++i) ws.g[i] = pt.w[i] > 0 ? pt.r[i] - ws.q[i] : 0;
  factored = false;
  if (mode == Mode::search) {
    bool loglog = !moved;
    for (Eigen::Index i = 0; i < k && loglog; ++i) loglog = pt.w[i] > 0 && pt.r[i] > 0;
    if (loglog) {
      const double rate = loglog_direction(a, p, pt, ws);
      if (rate > 0 && move(a, p, pt, ws, rate, true, true, 1)) return true;
    }
    const double lambda2 = primal_direction(a, p, pt, ws, true);
    factored = lambda2 > 0;
    return (lambda2 > 0 && move(a, p, pt, ws, lambda2, false, true, 60)) || moved;
  }
  const bool refactor = mode == Mode::full || moved;
  const double lambda2 = primal_direction(a, p, pt, ws, refactor);
  factored = refactor && lambda2 > 0;
  return (lambda2 > 0 && move(a, p, pt, ws, lambda2, false, false, 0)) || moved;
}

}  // namespace

void Point::resize(Eigen::Index k) {
  for (Eigen::VectorXd* v : {&w, &x, &r}) v->resize(k);
}

void NewtonWork::resize(Eigen::Index k) {
  H.resize(k, k);
  for (Eigen::VectorXd* v : {&q, &g, &u, &delta, &a_delta, &log_step, &scale, &best, &start_x})
    v->resize(k);
  cur.resize(k);
}

void cold_start(const Eigen::MatrixXd& a, double p, Eigen::VectorXd& w) {
  const Eigen::Index k = a.rows();
  w.resize(k);
  double b = 0;  // sum_i d_i^(1-p) = sum_i A_ii d_i^2, since A_ii d_i^(1+p) = 1
  for (Eigen::Index i = 0; i < k; ++i) {
    w[i] = std::exp(-std::log(a(i, i)) / (1 + p));
    b += a(i, i) * w[i] * w[i];
  }
  // On the ray c d: F = c^2/2 d^T A d - c^(1-p)/(1-p) b, minimal at c^(1+p) = b / d^T A d.
  double dad = 0;  // without a temporary vector: no allocation
  for (Eigen::Index j = 0; j < k; ++j) dad += w[j] * a.col(j).dot(w);
  if (dad > 0 && std::isfinite(dad)) {
    const double c = std::exp(std::log(b / dad) / (1 + p));
    if (c > 0 && std::isfinite(c)) w *= c;
  }
}

CoreResult newton(const Eigen::MatrixXd& a, double p, Eigen::VectorXd& w, NewtonWork& ws,
                  int max_iterations, double guard) {
  const Eigen::Index k = a.rows();
  ws.resize(k);
  Point& cur = ws.cur;
  for (Eigen::Index i = 0; i < k; ++i) {
    cur.w[i] = w[i] >= kTiny ? w[i] : 0;
    cur.x[i] = w[i] >= kTiny ? std::log(w[i]) : kLogTiny - 1;
  }
  ws.start_x = cur.x;  // for the divergence guard
  const double log_guard = std::log(guard);
  CoreResult r;
  bool accurate = false, chord_ok = false, best_accurate = false;
  double best = kInf, previous = kInf;
  int stalls = 0, no_gain = 0;
  for (int it = 0;; ++it) {
    double res = evaluate(a, p, cur, ws, accurate);
    if (!accurate && res < kAccurate) {
      accurate = true;
      res = evaluate(a, p, cur, ws, true);
    }
    if (res < best) {
      no_gain = res < 0.9 * best ? 0 : no_gain + 1;
      best = res;
      best_accurate = accurate;
      ws.best = cur.w;
    } else {
      ++no_gain;
    }
    // No progress in 10 steps: a floor above 1e-6 (tiny alpha, where w^(1/alpha) magnifies
    // the rounding of w, or a solution out of the double range).
    if (res <= kStop || it >= max_iterations || no_gain >= 10) break;
    if (accurate) {  // at the rounding floor the residual stops shrinking quadratically
      stalls = res > 0.5 * previous ? stalls + 1 : 0;
      if (stalls >= 2) break;
    }
    // A chord step contracts the residual by about the residual at its factorisation; refactor
    // when one did not gain a factor of 10.
    if (res > 0.1 * previous) chord_ok = false;
    previous = res;
    const Mode mode = res > 1e-4 ? Mode::search : chord_ok ? Mode::chord : Mode::full;
    bool factored = false;
    if (!step(a, p, cur, ws, mode, factored)) break;
    if (mode != Mode::chord) chord_ok = factored && res <= 1e-2;
    ++r.iterations;
    for (Eigen::Index i = 0; i < k; ++i)
      if (cur.x[i] > ws.start_x[i] + log_guard) r.diverged = true;
    if (r.diverged) break;
  }
  w = ws.best;
  // The last accurate evaluation is the documented residual unless a weight is saturated.
  r.residual = best_accurate && w.minCoeff() > 0 ? best : relative_residual(a, p, w);
  return r;
}

double relative_residual(const Eigen::MatrixXd& a, double p, const Eigen::VectorXd& w) {
  const Eigen::Index k = a.rows();
  double worst = 0;
  for (Eigen::Index i = 0; i < k; ++i) {
    if (!(w[i] >= 0)) return kResidualCap;
    const double* col = a.col(i).data();
    long double s = 0;
    for (Eigen::Index j = 0; j < k; ++j) s += static_cast<long double>(col[j]) * w[j];
    worst = std::max(worst, task_residual(s, w[i], p));
  }
  return worst;
}

}  // namespace ps::alpha_fair
