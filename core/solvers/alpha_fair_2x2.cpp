// K = 2 path of AlphaFairSolver: no allocation, a few elementary-function calls.
//
// With rho = b / sqrt(a c) and y = (w2 sqrt c) / (w1 sqrt a) (the ratio of the weighted gradient
// norms), dividing the two equations gives one increasing scalar equation in x = log y:
//   psi(x) = p x + L(x) - log kappa = 0,  L(x) = log((rho + y) / (1 + rho y)),
//   log kappa = (1 - p)/2 log(a / c),
// and then w1 = (a (1 + rho y))^(-1/(1+p)), w2 = y w1 sqrt(a / c).
// - alpha = 1 (p = 1): the closed form y = 1.
// - alpha = 2 (p = 1/2, the default and the toy's hot path) needs no logarithm: with
//   s = sqrt(y) and kappa = (a / c)^(1/4) the equation is the cubic
//   s^3 - kappa rho s^2 + rho s - kappa = 0, solved by safeguarded Newton on the bracket
//   (sqrt|rho|, 1/sqrt|rho|) for rho < 0, (0, max(1, 2 kappa (1 + rho))) for rho >= 0, which
//   holds its only admissible root. From a warm start, Newton on the polynomial system in
//   u = sqrt(w) (sqrt_newton) is cheaper still, and falls back to the cubic when it struggles.
// - Other alpha: safeguarded Newton on psi. L(-x) = -L(x), so everything is computed from
//   z = exp(-|x|) in (0, 1] and never overflows; psi' = p + z (1 - rho^2) / ((1 + rho z)(rho + z)).
// Cancellation in 1 + rho y (rho < 0, a tiny rate) can leave the weights short of what double
// precision allows; a few Newton steps on the 2 x 2 system itself then polish them.
#include <cmath>
#include <limits>

#include "core/solvers/alpha_fair_parts.h"

namespace ps::alpha_fair {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Relative residual of (w1, w2), the rates in long double (b < 0 cancels).
double residual_2x2(double a, double b, double c, double p, double w1, double w2) {
  const long double r1 = static_cast<long double>(a) * w1 + static_cast<long double>(b) * w2;
  const long double r2 = static_cast<long double>(b) * w1 + static_cast<long double>(c) * w2;
  return std::max(task_residual(r1, w1, p), task_residual(r2, w2, p));
}

// p = 1/2: the root s = sqrt(y) of the cubic; s0 is the start.
double cubic_root(double rho, double kappa, double s0, int& iterations) {
  double lo = 0, hi = std::max(1.0, 2 * kappa * (1 + rho));
  if (rho < 0) {
    lo = std::sqrt(-rho);
    hi = 1 / lo;
  }
  double s = s0 > lo && s0 < hi ? s0 : rho < 0 ? 1 : 0.5 * (lo + hi);
  for (int it = 0; it < 200; ++it) {
    const double s2 = s * s, h = (s - kappa * rho) * s2 + rho * s - kappa;
    // At the rounding noise of h the root is as good as double allows.
    if (std::abs(h) <= 1e-15 * (s2 * s + std::abs(kappa * rho) * s2 + std::abs(rho) * s + kappa))
      break;
    if (h < 0)
      lo = s;
    else
      hi = s;
    const double newton = s - h / ((3 * s - 2 * kappa * rho) * s + rho);
    const bool inside = newton > lo && newton < hi;
    const double next = inside ? newton : 0.5 * (lo + hi);
    ++iterations;
    // Quadratic convergence: after a Newton step of 1e-9 s the error is ~1e-18 s.
    if (inside && std::abs(next - s) <= 1e-9 * s) return next;
    s = next;
  }
  return s;
}

// alpha = 2 from a warm start: Newton on the polynomial system in u = sqrt(w),
//   f1 = u1 (a u1^2 + b u2^2) - 1 = 0,  f2 = u2 (b u1^2 + c u2^2) - 1 = 0,
// where f_i is exactly task i's relative residual: no root function at all, one division a
// step, the rates in long double when they cancel (conflicting gradients near the Pareto set).
// Quadratic from a close start. Stops at 1e-13, or when the residual stops falling (the
// rounding floor of an ill-conditioned system: the best iterate is kept). False (the caller
// takes the robust path) when u leaves u > 0 or it is not converging.
bool sqrt_newton(double a, double b, double c, double& u1, double& u2, int& iterations,
                 double& residual) {
  double best = kInf, best1 = u1, best2 = u2, previous = kInf;
  for (int it = 0; it < 8; ++it) {
    const double q1 = u1 * u1, q2 = u2 * u2;
    double r1 = a * q1 + b * q2, r2 = b * q1 + c * q2;  // the rates
    double f1 = u1 * r1 - 1, f2 = u2 * r2 - 1;
    if (b < 0 &&
        (std::abs(r1) < 0.5 * (a * q1 - b * q2) || std::abs(r2) < 0.5 * (c * q2 - b * q1))) {
      const long double v1 = u1, v2 = u2, p1 = v1 * v1, p2 = v2 * v2;
      const long double s1 = a * p1 + b * p2, s2 = b * p1 + c * p2;
      r1 = static_cast<double>(s1);
      r2 = static_cast<double>(s2);
      f1 = static_cast<double>(v1 * s1 - 1);
      f2 = static_cast<double>(v2 * s2 - 1);
    }
    const double res = std::max(std::abs(f1), std::abs(f2));
    if (res < best) {
      best = res;
      best1 = u1;
      best2 = u2;
    }
    if (res <= 1e-13 || (it > 0 && res > 0.5 * previous && best < 1e-6)) break;
    // Not converging from this start (not even a factor 2 in two steps): the robust path.
    if (it == 7 || !(res < kInf) || (it > 1 && res > 0.25 * previous)) return false;
    previous = res;
    const double j11 = r1 + 2 * a * q1, j22 = r2 + 2 * c * q2, j12 = 2 * b * u1 * u2;
    const double inv_det = 1 / (j11 * j22 - j12 * j12);
    u1 -= (j22 * f1 - j12 * f2) * inv_det;
    u2 -= (j11 * f2 - j12 * f1) * inv_det;
    ++iterations;
    if (!(u1 > 0 && u2 > 0 && u1 < kInf && u2 < kInf)) return false;
  }
  u1 = best1;
  u2 = best2;
  residual = best;
  return true;
}

// log(rho + z) for z in (0, 1], rho + z > 0, accurate when rho and z differ in size.
double log_sum(double rho, double z, double abs_x) {
  if (rho == 0) return -abs_x;
  if (std::abs(rho) < z) return -abs_x + std::log1p(rho / z);
  return std::log(rho + z);
}

struct Psi {
  double value, slope;
  double log1p_rho_z, log_rho_z;  // log(1 + rho z), log(rho + z): for the weights
};

Psi psi(double x, double p, double rho, double log_kappa) {
  const double ax = std::abs(x), z = std::exp(-ax);
  Psi e;
  e.log1p_rho_z = std::log1p(rho * z);
  e.log_rho_z = log_sum(rho, z, ax);
  e.value =
      p * x + (x >= 0 ? e.log1p_rho_z - e.log_rho_z : e.log_rho_z - e.log1p_rho_z) - log_kappa;
  const double den = (1 + rho * z) * (rho + z);
  e.slope = p + (den > 0 ? z * (1 - rho) * (1 + rho) / den : kInf);
  return e;
}

// Other p: the root x = log y of psi from x0; returns log(1 + rho y) in log_one_plus.
double log_root(double p, double rho, double log_kappa, double x0, double& log_one_plus,
                int& iterations) {
  // rho < 0: the domain is |x| < -log(-rho), psi -> -+inf at its ends. rho >= 0: psi' is in
  // [p, p + 1], which brackets the root from the first value.
  double lo = -kInf, hi = kInf;
  if (rho < 0) {
    hi = -std::log(-rho);
    lo = -hi;
  }
  double x = x0 > lo && x0 < hi ? x0 : 0;  // y = 1 is inside the domain
  Psi e{};
  for (int it = 0; it < 200; ++it) {
    e = psi(x, p, rho, log_kappa);
    if (e.value < 0)
      lo = x;
    else
      hi = x;
    if (rho >= 0 && it == 0) {
      const double near = x - e.value / (p + 1), far = x - e.value / p;
      const double margin = 1e-12 * (1 + std::abs(far));
      if (e.value < 0) {
        lo = std::min(near - margin, x);
        hi = far + margin;
      } else {
        hi = std::max(near + margin, x);
        lo = far - margin;
      }
    }
    // psi is accurate to a few ulps of its largest term.
    if (std::abs(e.value) <= 4e-16 * (1 + std::abs(p * x) + std::abs(log_kappa) + std::abs(x)))
      break;
    double next = x - e.value / e.slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    ++iterations;
    const bool done = std::abs(next - x) <= 1e-16 * (1 + std::abs(x));
    x = next;
    if (done) {
      e = psi(x, p, rho, log_kappa);
      break;
    }
  }
  // log(1 + rho y): y = 1/z when x >= 0, so 1 + rho y = (z + rho) / z.
  log_one_plus = x >= 0 ? e.log_rho_z + std::abs(x) : e.log1p_rho_z;
  return x;
}

}  // namespace

CoreResult solve_2x2(double a, double b, double c, double p, double& w1, double& w2, bool warm,
                     Cache2x2& cache) {
  CoreResult r;
  const double sa = std::sqrt(a), sc = std::sqrt(c), inv = 1 / (sa * sc);
  const double rho = std::min(1.0, std::max(-1.0, b * inv));
  warm = warm && w1 > 0 && w2 > 0 && std::isfinite(w1) && std::isfinite(w2);
  bool residual_known = false;
  if (p == 1) {
    const double e = std::sqrt(1 + rho);
    w1 = 1 / (sa * e);
    w2 = 1 / (sc * e);
  } else if (p == 0.5) {
    double u1 = 0, u2 = 0;
    if (warm) {  // the cache saves two square roots when it holds this start
      const bool cached = w1 == cache.w1 && w2 == cache.w2;
      u1 = cached ? cache.u1 : std::sqrt(w1);
      u2 = cached ? cache.u2 : std::sqrt(w2);
      residual_known = sqrt_newton(a, b, c, u1, u2, r.iterations, r.residual);
    }
    if (!residual_known) {  // cold, or the warm start was too far: the cubic in s = sqrt(y)
      const double ratio = a * inv, kappa = std::sqrt(ratio);  // sqrt(a / c), (a / c)^(1/4)
      const double s = cubic_root(rho, kappa, std::cbrt(kappa), r.iterations);  // rho = 0 root
      const double cb = std::cbrt(a * std::fma(rho, s * s, 1.0));
      u1 = 1 / cb;          // w1 = (a (1 + rho y))^(-2/3)
      u2 = s * kappa * u1;  // w2 = y w1 sqrt(a / c)
    }
    w1 = u1 * u1;
    w2 = u2 * u2;
    cache = {w1, w2, u1, u2};
  } else {
    const double la = std::log(a), lc = std::log(c);
    const double log_kappa = 0.5 * (1 - p) * (la - lc);
    const double x0 = warm ? std::log(w2 / w1) + 0.5 * (lc - la) : log_kappa / (1 + p);
    double log_one_plus;
    const double x = log_root(p, rho, log_kappa, x0, log_one_plus, r.iterations);
    const double lw1 = -(la + log_one_plus) / (1 + p);
    const double lw2 = x + lw1 + 0.5 * (la - lc);
    const double log_tiny = std::log(kTiny);
    w1 = lw1 < log_tiny ? 0 : std::exp(lw1);  // saturated weights are returned as 0
    w2 = lw2 < log_tiny ? 0 : std::exp(lw2);
  }
  if (!std::isfinite(w1) || !std::isfinite(w2) || !(w1 >= 0) || !(w2 >= 0)) {
    // Cannot happen at a root inside the domain; keep the answer finite all the same.
    w1 = w1 >= 0 && w1 < kInf ? w1 : 1e300;
    w2 = w2 >= 0 && w2 < kInf ? w2 : 1e300;
    r.residual = kResidualCap;
    return r;
  }
  if (residual_known) return r;
  r.residual = residual_2x2(a, b, c, p, w1, w2);
  for (int polish = 0; polish < 3 && r.residual > 1e-13 && w1 > 0 && w2 > 0; ++polish) {
    const long double r1 = static_cast<long double>(a) * w1 + static_cast<long double>(b) * w2;
    const long double r2 = static_cast<long double>(b) * w1 + static_cast<long double>(c) * w2;
    const double q1 = p == 0.5 ? 1 / std::sqrt(w1) : std::pow(w1, -p);
    const double q2 = p == 0.5 ? 1 / std::sqrt(w2) : std::pow(w2, -p);
    const double g1 = static_cast<double>(r1 - q1), g2 = static_cast<double>(r2 - q2);
    const double h11 = a + p * q1 / w1, h22 = c + p * q2 / w2, det = h11 * h22 - b * b;
    const double n1 = w1 - (h22 * g1 - b * g2) / det, n2 = w2 - (h11 * g2 - b * g1) / det;
    if (!(n1 > 0 && n2 > 0 && std::isfinite(n1) && std::isfinite(n2))) break;
    const double res = residual_2x2(a, b, c, p, n1, n2);
    if (!(res < r.residual)) break;
    w1 = n1;
    w2 = n2;
    r.residual = res;
    ++r.iterations;
  }
  return r;
}

}  // namespace ps::alpha_fair
