// K = 2 path of AlphaFairSolver for alpha other than 1 and 2: one scalar equation, in a
// variable chosen so that it has no cancellation and stays well conditioned, solved by
// safeguarded Householder (order 3) steps at one exp and one log each; along a sequence of
// solves (the toy, a training run) usually one step from a start extrapolated from the two
// previous roots.
//
// With rho = b / sqrt(a c) and y = (w2 sqrt c) / (w1 sqrt a), dividing the two equations gives
//   p x + L_rho(x) = log kappa,  x = log y,  log kappa = (1 - p)/2 log(a / c),
//   L_r(u) = log((r + e^u) / (1 + r e^u)),
// and then w1 = G^(-1/(1+p)) with G = a (1 + rho y), w2 = y w1 sqrt(a / c).
// - rho >= 0 (aligned gradients): unknown u = x. L_rho is odd, increasing, with slope at most
//   (1 - rho)/(1 + rho) and |L_rho| < log(1/rho): the equation is a line plus a sigmoid.
// - rho < 0 (conflicting gradients): x is confined to |x| < log(1/|rho|), where L_rho has
//   logarithmic poles and 1 + rho y cancels, both worse near the Pareto set (rho -> -1).
//   Unknown u = L_rho(x) = log m instead, m = (rho + y)/(1 + rho y) (sqrt(a / c) times the rate
//   ratio r2 / r1). Then x = L_|rho|(u), 1 + rho y = (1 - rho^2)/(1 + |rho| m), and the equation
//   reads u + p L_|rho|(u) = log kappa: the same form, nearly linear as rho -> -1; with
//   1 - rho^2 = (a c - b^2)/(a c) from a determinant in long double, nothing cancels.
// Both are Phi(u) = c1 u + c2 L_r(u) - k = 0, c1, c2 > 0, 0 <= r <= 1, defined on all of R and
// increasing; L_r's bounds bracket the root. With z = exp(-|u|),
// L_r(u) = sign(u) log((1 + r z)/(r + z)), and everything else (derivatives, G, y) is rational
// in z.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/solvers/alpha_fair_parts.h"

namespace ps::alpha_fair {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kExtrapolate = 0.05;  // largest relative change of u that is extrapolated

struct Scalar {
  double c1, c2, r, omr2, k;  // omr2 = 1 - r^2, accurate
};

// Phi at u and the pieces the weights need.
struct Sample {
  double u, z, one, rz, L, phi;  // z = exp(-|u|), one = 1 + r z, rz = r + z, L = L_r(u)
};

Sample at(const Scalar& s, double u, double z, double L) {
  return {u, z, 1 + s.r * z, s.r + z, L, s.c1 * u + s.c2 * L - s.k};
}

Sample evaluate(const Scalar& s, double u) {
  const double au = std::abs(u), z = std::exp(-au);
  const double ratio = (1 + s.r * z) / (s.r + z);
  // (r + z underflows only for r = 0, where L = u, or for a subnormal r.)
  const double l = ratio < kInf ? std::log(ratio) : std::min(au, -std::log(s.r));
  return at(s, u, z, u >= 0 ? l : -l);
}

// L's derivatives at e. With N = (1 + r z)(r + z): L' = (1 - r^2) z / N, L'' = L' E,
// L''' = L' (E^2 + E'), E = -sign(u) r (1 - z^2) / N, E' = -r z (2 z N + (1 - z^2)(1 + r^2 +
// 2 r z)) / N^2.
void derivatives(const Scalar& s, const Sample& e, double& d1, double& d2, double& d3) {
  const double inv = e.z > 0 ? 1 / (e.one * e.rz) : 0;
  d1 = s.omr2 * e.z * inv;
  const double v = 1 - e.z * e.z, bend = s.r * v * inv;
  const double E = e.u >= 0 ? -bend : bend;
  const double dE = -s.r * e.z * inv * (2 * e.z + v * (1 + s.r * (s.r + 2 * e.z)) * inv);
  d2 = d1 * E;
  d3 = d1 * (E * E + dE);
}

// The point u + h, L to third order (|L''''| <= L', so the error is below L' h^4 / 24), z to
// third order when |h| <= 3e-5 (relative error below 4e-20), else exactly.
Sample extrapolate(const Scalar& s, const Sample& e, double h, double d1, double d2, double d3) {
  const double u = e.u + h, h2 = h * h / 2, h3 = h2 * h / 3;
  double z;
  if (std::abs(h) > 3e-5) {
    z = std::exp(-std::abs(u));
  } else if ((u >= 0) == (e.u >= 0)) {  // z = exp(-|u|) is multiplied by exp(-+h)
    z = e.u >= 0 ? e.z * (1 - h + h2 - h3) : e.z * (1 + h + h2 + h3);
  } else {  // across 0
    const double a = std::abs(u);
    z = 1 - a * (1 - a * (0.5 - a / 6));
  }
  return at(s, u, z, e.L + d1 * h + d2 * h2 + d3 * h3);
}

// Bounds on the root: L_r(u)/u is in (0, d0], d0 = (1 - r)/(1 + r), and
// |L_r| < log(1/r) <= (1 - r)/r.
void bracket(const Scalar& s, double& lo, double& hi) {
  const double d0 = s.omr2 / ((1 + s.r) * (1 + s.r));
  const double bound = s.r > 0 ? s.omr2 / ((1 + s.r) * s.r) : kInf;
  const double b1 = s.k / s.c1, b2 = s.k / (s.c1 + s.c2 * d0);
  const double l = std::max(std::min(b1, b2), (s.k - s.c2 * bound) / s.c1);
  const double h = std::min(std::max(b1, b2), (s.k + s.c2 * bound) / s.c1);
  lo = std::max(lo, l - 1e-12 * (1 + std::abs(l)));  // with a rounding margin
  hi = std::min(hi, h + 1e-12 * (1 + std::abs(h)));
}

// Safeguarded Householder steps from u; returns the root. A start from the history is used as
// it is; any other is first put inside the bracket.
Sample find_root(const Scalar& s, double u, bool extrapolated, int& evaluations) {
  double lo = -kInf, hi = kInf;
  bool bounded = !extrapolated;
  if (bounded) {
    bracket(s, lo, hi);
    u = std::max(lo, std::min(hi, u));
  }
  for (int it = 0;; ++it) {
    const Sample e = evaluate(s, u);
    ++evaluations;
    if (e.phi == 0) return e;
    (e.phi < 0 ? lo : hi) = u;
    double d1, d2, d3;
    derivatives(s, e, d1, d2, d3);
    // Householder's order-3 step (quartic convergence) where it is within a factor 2 of Newton's.
    const double f = e.phi, f1 = s.c1 + s.c2 * d1, f2 = s.c2 * d2, f3 = s.c2 * d3;
    const double inv1 = 1 / f1, newton = -f * inv1;
    const double quartic =
        -f * (f1 * f1 - 0.5 * f * f2) / (f1 * (f1 * f1 - f * f2) + f * f * f3 / 6);
    const double an = std::abs(newton), aq = std::abs(quartic);
    const bool high = quartic * newton > 0 && aq > 0.5 * an && aq < 2 * an;
    double step = high ? quartic : newton;
    // Done when the step leaves an error below rounding. Phi's nonlinear part is c2 L, and
    // |L^(k)| <= L' for k = 2..5, so L' changes by at most a factor e^|step| over the step: the
    // error after a step of at most 1 is below ~3 c2 L' / Phi' step^4 (quartic; step^2 after
    // Newton), that of L's extrapolation below ~3 L' step^4.
    const double h2 = step * step, h4 = h2 * h2;
    const double err = 3 * std::max(s.c2 * d1 * inv1 * (high ? h4 : h2), d1 * h4);
    if (std::abs(step) <= 1 && err <= 5e-18 * std::max(1.0, std::abs(u)))
      return extrapolate(s, e, step, d1, d2, d3);
    // Phi at its rounding noise (a flat Phi, alpha >~ 1e6): no step can do better.
    const double noise = 4e-16 * (1 + std::abs(s.c1 * u) + std::abs(s.k) + std::abs(s.c2 * e.L));
    if (std::abs(e.phi) <= noise || it == 200) return e;
    if (!(u + step > lo && u + step < hi) || std::abs(step) > 1) {
      if (!bounded) bracket(s, lo, hi);
      bounded = true;
      if (!(u + step > lo && u + step < hi)) step = newton;
      if (!(u + step > lo && u + step < hi)) step = 0.5 * (lo + hi) - u;
    }
    u += step;
  }
}

}  // namespace

int solve_2x2_scalar(double a, double b, double c, double p, bool warm, bool cached, double t0,
                     Cache2x2& cache, Weights2& out) {
  // log(a / c); a / c leaves the double range only for gradient norms 1e150 apart.
  const double ratio = a / c;
  const double half =
      ratio > 1e-300 && ratio < 1e300 ? 0.5 * std::log(ratio) : 0.5 * (std::log(a) - std::log(c));
  // rho and 1 - rho^2 = det / (a c), det = a c - b^2 in long double: its error, 1e-19 a c, is
  // far below the rounding floor 1e-16 a c / det that the weights' own rounding sets anyway.
  const double ac = a * c;
  double rho, omr2;
  if (ac > 1e-300 && ac < 1e300) {
    const long double det = static_cast<long double>(a) * c - static_cast<long double>(b) * b;
    rho = b / std::sqrt(ac);
    omr2 = static_cast<double>(det / ac);
  } else {
    rho = b / (std::sqrt(a) * std::sqrt(c));
    omr2 = (1 - rho) * (1 + rho);
  }
  rho = std::max(-1.0, std::min(1.0, rho));
  omr2 = std::max(0.0, std::min(1.0, omr2));
  const double log_kappa = (1 - p) * half;
  const bool dual = rho < 0;
  const Scalar s = dual ? Scalar{1, p, -rho, omr2, log_kappa} : Scalar{p, 1, rho, omr2, log_kappa};
  // Start: along a sequence, the two previous roots extrapolated while they move smoothly;
  // else the start's x = t0 - half (rho >= 0) or its rate ratio, log m = half - p t0 (rho < 0,
  // as r_i = w_i^(-p) held for it); cold, the solution for rho = 0 (x = log m).
  const int mode = dual ? 2 : 1;
  const bool continued = cached && cache.mode == mode && cache.p == p;
  const bool extrapolated = warm && continued && cache.depth >= 2 &&
                            std::abs(cache.du) <= kExtrapolate * std::max(1.0, std::abs(cache.u));
  const double u0 = extrapolated ? cache.u + cache.du
                    : !warm      ? log_kappa / (1 + p)
                    : dual       ? half - p * t0
                                 : t0 - half;
  int evaluations = 0;
  const Sample e = find_root(s, u0, extrapolated, evaluations);
  cache.du = continued ? e.u - cache.u : 0;
  cache.depth = continued ? std::min(cache.depth + 1, 2) : 1;
  cache.u = e.u;
  cache.mode = mode;
  cache.p = p;
  // From z: rho >= 0: y = e^u; rho < 0: m = e^u, y = (m + r)/(1 + r m). G = a (1 + rho y);
  // Y = y sqrt(a / c) = w2 / w1; Y^p = sqrt(a / c) E e^Phi by the equation, E = e^-L (rho >= 0)
  // or e^-u (rho < 0).
  const bool pos = e.u >= 0;
  double g, x, y, ey;
  if (dual) {
    g = a * omr2 * (pos ? e.z / e.rz : 1 / e.one);
    x = e.L;
    y = pos ? e.one / e.rz : e.rz / e.one;
    ey = pos ? e.z : 1 / e.z;
  } else {
    g = a * (pos ? e.rz / e.z : e.one);
    x = e.u;
    y = pos ? 1 / e.z : e.z;
    ey = pos ? e.rz / e.one : e.one / e.rz;
  }
  const bool normal = g > 1e-300 && g < 1e300;
  double lg;
  if (normal) {
    lg = std::log(g);
  } else {  // extreme weights: the same in logs
    const double lz = -std::abs(e.u);
    lg = std::log(a) + (dual ? std::log(omr2) + (pos ? lz - std::log(e.rz) : -std::log(e.one))
                             : (pos ? std::log(e.rz) - lz : std::log(e.one)));
  }
  out.t = x + half;
  const double lw1 = -lg / (1 + p);
  const double log_tiny = std::log(kTiny);
  out.w1 = lw1 < log_tiny ? 0 : std::exp(lw1);  // saturated weights are returned as 0
  // w1^p = 1 / (w1 G) and w2^p = w1^p Y^p, off from the powers of the rounded weights by the
  // rounding of the logarithms behind them (log G, Phi's terms, log kappa), so only where that
  // stays below 1e-14; else w^p = exp(p log w), the rounding of p log w put back, off by p ulps,
  // or pow for large p.
  const double sq = std::sqrt(ratio), wy = y * sq;
  const double drift = 1.2e-16 * (4 + p + 2 * std::abs(lg) + std::abs(s.c1 * e.u) +
                                  std::abs(s.c2 * e.L) + (1 + p) * std::abs(half));
  if (normal && drift <= 1e-14 && wy > 1e-100 && wy < 1e100) {
    out.pw1 = 1 / (out.w1 * g);
    out.w2 = out.w1 * wy;
    out.pw2 = out.pw1 * sq * ey * (1 + e.phi);
    if (out.pw2 > 1e-300 && out.pw2 < 1e300) return evaluations;
  }
  const double lw2 = lw1 + out.t;
  out.w2 = lw2 < log_tiny ? 0 : std::exp(lw2);
  auto power = [p](double w, double lw) {
    if (p > 4 || !(w > 0)) return std::pow(w, p);
    const double pl = p * lw;
    return std::exp(pl) * (1 + static_cast<double>(static_cast<long double>(p) * lw - pl));
  };
  out.pw1 = power(out.w1, lw1);
  out.pw2 = power(out.w2, lw2);
  return evaluations;
}

}  // namespace ps::alpha_fair
