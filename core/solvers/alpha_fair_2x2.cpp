// K = 2 path of AlphaFairSolver: no allocation, a few elementary-function calls.
//
// With rho = b / sqrt(a c) and y = (w2 sqrt c) / (w1 sqrt a) (the ratio of the weighted gradient
// norms), dividing the two equations gives one increasing scalar equation in x = log y:
//   p x + log((rho + y) / (1 + rho y)) = log kappa,  log kappa = (1 - p)/2 log(a / c),
// and then w1 = (a (1 + rho y))^(-1/(1+p)), w2 = y w1 sqrt(a / c).
// - alpha = 1 (p = 1): the closed form y = 1.
// - alpha = 2 (p = 1/2, the default) needs no logarithm: with s = sqrt(y) and
//   kappa = (a / c)^(1/4) the equation is the cubic s^3 - kappa rho s^2 + rho s - kappa = 0,
//   solved by safeguarded Newton on the bracket (sqrt|rho|, 1/sqrt|rho|) for rho < 0,
//   (0, max(1, 2 kappa (1 + rho))) for rho >= 0, which holds its only admissible root. From a
//   warm start, Newton on the polynomial system in u = sqrt(w) (sqrt_newton) is cheaper still,
//   and falls back to the cubic when it struggles.
// - Other alpha: safeguarded Householder steps on the scalar equation in a variable without
//   cancellation (alpha_fair_2x2_scalar.cpp), from the previous roots or log(w2 / w1).
// Every path but the warm alpha = 2 one hands back w^p with w; the residual follows from them.
// Rounding (cancellation in the rates when rho < 0, the last bits of log w when |log w| is large)
// can leave it above what double precision allows: Newton steps on the 2 x 2 system itself, the
// rates in long double and w^p carried along, then polish the weights (polish).
#include <cmath>
#include <limits>

#include "core/solvers/alpha_fair_parts.h"

namespace ps::alpha_fair {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

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

// Task residuals from the powers pw_i = w_i^p, the rates in long double (b < 0 cancels).
double residual_2x2(double a, double b, double c, double p, double w1, double w2, double pw1,
                    double pw2) {
  const long double r1 = static_cast<long double>(a) * w1 + static_cast<long double>(b) * w2;
  const long double r2 = static_cast<long double>(b) * w1 + static_cast<long double>(c) * w2;
  return std::max(task_residual(r1, w1, p, pw1), task_residual(r2, w2, p, pw2));
}

// n^p from pw = w^p for n within 1e-6 of w: exact to ~(p e)^3, e = n / w - 1.
double power_at(double pw, double w, double n, double p) {
  if (p == 1) return n;
  if (p == 0.5) return std::sqrt(n);
  const double e = (n - w) / w;  // exact but for the division's rounding
  return pw * (1 + p * e * (1 + 0.5 * (p - 1) * e));
}

// The rounding floor of the residual at w: 1e-16 max_i (|A_i1 w1| + |A_i2 w2|) / |r_i|
// (cancellation in the rates r = A w).
double rounding_floor(double a, double b, double c, double w1, double w2, double r1, double r2) {
  return 1.1e-16 * std::max((a * w1 + std::abs(b * w2)) / std::abs(r1),
                            (c * w2 + std::abs(b * w1)) / std::abs(r2));
}

// Newton steps on f_i = r_i w_i^p - 1 (the task residuals themselves) in w, the rates in long
// double and w^p carried along, while the residual falls; none where it is within 4 times the
// rounding floor and at most 1e-11 (no step can do better). Where the floor is near the
// tolerance (near the Pareto set) and the residual above 1e-11, the weights up to two ulps
// away are tried too: the residual jumps by about the floor from one to the next, and one of
// them often lands well below it.
void polish(double a, double b, double c, double p, double& w1, double& w2, double& pw1,
            double& pw2, CoreResult& r) {
  double floor = 0;
  for (int step = 0; step < 3 && r.residual > 1e-13; ++step) {
    const long double r1 = static_cast<long double>(a) * w1 + static_cast<long double>(b) * w2;
    const long double r2 = static_cast<long double>(b) * w1 + static_cast<long double>(c) * w2;
    const double d1 = static_cast<double>(r1), d2 = static_cast<double>(r2);
    floor = rounding_floor(a, b, c, w1, w2, d1, d2);
    if (r.residual <= 4 * floor && r.residual <= 1e-11) return;
    const double f1 = static_cast<double>(r1 * pw1 - 1), f2 = static_cast<double>(r2 * pw2 - 1);
    // d f_i / d w_j = pw_i (A_ij + [i = j] p r_i / w_i)
    const double j11 = pw1 * (a + p * d1 / w1), j12 = pw1 * b;
    const double j22 = pw2 * (c + p * d2 / w2), j21 = pw2 * b;
    const double det = j11 * j22 - j12 * j21;
    const double s1 = -(j22 * f1 - j12 * f2) / det, s2 = -(j11 * f2 - j21 * f1) / det;
    if (!(std::abs(s1) <= 1e-6 * w1 && std::abs(s2) <= 1e-6 * w2)) break;  // a polish only
    const double n1 = w1 + s1, n2 = w2 + s2;
    const double q1 = power_at(pw1, w1, n1, p), q2 = power_at(pw2, w2, n2, p);
    const double res = residual_2x2(a, b, c, p, n1, n2, q1, q2);
    if (!(res < r.residual)) break;
    w1 = n1;
    w2 = n2;
    pw1 = q1;
    pw2 = q2;
    r.residual = res;
    ++r.iterations;
  }
  if (r.residual <= 1e-11 || !(floor <= 1e-10)) return;
  const double v1 = w1, v2 = w2, pv1 = pw1, pv2 = pw2;
  for (int k = -2; k <= 2; ++k) {
    for (int m = -2; m <= 2; ++m) {
      const double n1 = v1 * (1 + k * 0x1p-52), n2 = v2 * (1 + m * 0x1p-52);
      const double q1 = power_at(pv1, v1, n1, p), q2 = power_at(pv2, v2, n2, p);
      const double res = residual_2x2(a, b, c, p, n1, n2, q1, q2);
      if (res < r.residual) {
        r.residual = res;
        w1 = n1;
        w2 = n2;
        pw1 = q1;
        pw2 = q2;
      }
    }
  }
}

}  // namespace

CoreResult solve_2x2(double a, double b, double c, double p, double& w1, double& w2, bool warm,
                     Cache2x2& cache) {
  CoreResult r;
  // A saturated warm weight (0) is usable when the cache holds the log ratio it came with.
  const bool cached = warm && w1 == cache.w1 && w2 == cache.w2;
  warm = cached || (warm && w1 > 0 && w2 > 0 && std::isfinite(w1) && std::isfinite(w2));
  double pw1, pw2;  // w^p, for the residual
  if (p == 1) {
    const double sa = std::sqrt(a), sc = std::sqrt(c), inv = 1 / (sa * sc);
    const double e = std::sqrt(1 + std::min(1.0, std::max(-1.0, b * inv)));
    w1 = 1 / (sa * e);
    w2 = 1 / (sc * e);
    pw1 = w1;
    pw2 = w2;
    cache = {w1, w2};
  } else if (p == 0.5) {
    double u1 = 0, u2 = 0;
    if (warm && w1 > 0 && w2 > 0) {  // the cache saves two square roots when it holds this start
      u1 = cached ? cache.u1 : std::sqrt(w1);
      u2 = cached ? cache.u2 : std::sqrt(w2);
      if (sqrt_newton(a, b, c, u1, u2, r.iterations, r.residual)) {
        w1 = u1 * u1;
        w2 = u2 * u2;
        cache = {w1, w2, u1, u2};
        return r;
      }
    }
    // Cold, or the warm start was too far: the cubic in s = sqrt(y).
    const double inv = 1 / (std::sqrt(a) * std::sqrt(c));
    const double rho = std::min(1.0, std::max(-1.0, b * inv));
    const double ratio = a * inv, kappa = std::sqrt(ratio);  // sqrt(a / c), (a / c)^(1/4)
    const double s = cubic_root(rho, kappa, std::cbrt(kappa), r.iterations);  // rho = 0 root
    u1 = 1 / std::cbrt(a * std::fma(rho, s * s, 1.0));  // w1 = (a (1 + rho y))^(-2/3)
    u2 = s * kappa * u1;                                // w2 = y w1 sqrt(a / c)
    w1 = u1 * u1;
    w2 = u2 * u2;
    cache = {w1, w2, u1, u2};
    pw1 = std::sqrt(w1);
    pw2 = std::sqrt(w2);
  } else {
    double t0 = 0;
    if (cached) {
      t0 = cache.t;
    } else if (warm) {
      const double q = w2 / w1;
      t0 = q > 0 && q < kInf ? std::log(q) : std::log(w2) - std::log(w1);
    }
    Weights2 sol;
    r.iterations = solve_2x2_scalar(a, b, c, p, warm, cached, t0, cache, sol);
    w1 = cache.w1 = sol.w1;
    w2 = cache.w2 = sol.w2;
    pw1 = sol.pw1;
    pw2 = sol.pw2;
    cache.t = sol.t;
  }
  if (!std::isfinite(w1) || !std::isfinite(w2) || !(w1 >= 0) || !(w2 >= 0)) {
    // Cannot happen at a root inside the domain; keep the answer finite all the same.
    w1 = w1 >= 0 && w1 < kInf ? w1 : 1e300;
    w2 = w2 >= 0 && w2 < kInf ? w2 : 1e300;
    cache = {};
    r.residual = kResidualCap;
    return r;
  }
  r.residual = residual_2x2(a, b, c, p, w1, w2, pw1, pw2);
  if (r.residual > 1e-13 && w1 > 0 && w2 > 0) polish(a, b, c, p, w1, w2, pw1, pw2, r);
  if (w1 != cache.w1 || w2 != cache.w2) {  // polished: the cache follows
    cache.t += std::log1p((w2 - cache.w2) / cache.w2) - std::log1p((w1 - cache.w1) / cache.w1);
    cache.w1 = w1;
    cache.w2 = w2;
    cache.u1 = std::sqrt(w1);
    cache.u2 = std::sqrt(w2);
  }
  return r;
}

}  // namespace ps::alpha_fair
