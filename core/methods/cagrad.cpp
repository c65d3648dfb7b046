#include "core/methods/cagrad.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/methods/factories.h"
#include "core/solvers/min_norm.h"

namespace ps {
namespace {

// Brent's root finder (zeroin) on [a, b] with fa, fb of opposite signs (or one zero).
template <class F>
double brent_root(F&& f, double a, double b, double fa, double fb, double tol, int max_it) {
  constexpr double eps = std::numeric_limits<double>::epsilon();
  double c = a, fc = fa, d = b - a, e = d;
  for (int it = 0; it < max_it; ++it) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (std::abs(fc) < std::abs(fb)) {
      a = b, b = c, c = a;
      fa = fb, fb = fc, fc = fa;
    }
    const double tol1 = 2 * eps * std::abs(b) + 0.5 * tol;
    const double xm = 0.5 * (c - b);
    if (std::abs(xm) <= tol1 || fb == 0) return b;
    if (std::abs(e) >= tol1 && std::abs(fa) > std::abs(fb)) {
      const double s = fb / fa;
      double p, q;
      if (a == c) {  // secant
        p = 2 * xm * s;
        q = 1 - s;
      } else {  // inverse quadratic interpolation
        const double qa = fa / fc, r = fb / fc;
        p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = std::abs(p);
      if (2 * p < std::min(3 * xm * q - std::abs(tol1 * q), std::abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = e = xm;
      }
    } else {
      d = e = xm;
    }
    a = b;
    fa = fb;
    b += std::abs(d) > tol1 ? d : std::copysign(tol1, xm);
    fb = f(b);
  }
  return b;
}

}  // namespace

void Cagrad::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  const Eigen::MatrixXd& a = in.gram;
  const Eigen::VectorXd ag0 = a * Eigen::VectorXd::Constant(k, 1.0 / k);  // G^T g0
  const double g0_sq = std::max(0.0, ag0.mean());                         // |g0|^2
  const double radius = c_ * std::sqrt(g0_sq);                            // c |g0|
  const double scale = 1 / (1 + c_ * c_);
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
  out.weights = Eigen::VectorXd::Constant(k, scale / k);
  if (!(radius > 0)) {  // c = 0 or g0 = 0: the ball is the point g0
    finish_linear(in, out);
    return;
  }

  // phi(mu) = radius mu - |g_w(mu)|, g_w(mu) the min-norm point of the hull of g_i + mu g0.
  Eigen::VectorXd w(k);
  Eigen::MatrixXd shifted(k, k);
  int solves = 0;
  auto solve = [&](double mu) {
    shifted = a;
    shifted.colwise() += mu * ag0;
    shifted.rowwise() += mu * ag0.transpose();
    shifted.array() += mu * mu * g0_sq;
    w = min_norm_simplex(shifted).weights;
    ++solves;
    return std::sqrt(std::max(0.0, w.dot(a * w)));
  };
  auto phi = [&](double mu) { return radius * mu - solve(mu); };

  const double gmax = std::sqrt(a.diagonal().maxCoeff());
  const double hi = gmax / radius;  // |g_w| <= gmax, so phi(hi) >= 0
  double lo = 0, phi_lo = phi(0);
  if (!(phi_lo < -1e-12 * gmax)) {
    // 0 is (numerically) in the hull; phi's sign is monotone, so look for where it is negative.
    phi_lo = 0;
    for (double mu = 0.1 * hi; mu > 1e-15 * hi; mu *= 0.1) {
      const double p = phi(mu);
      if (p < 0) {
        lo = mu;
        phi_lo = p;
        break;
      }
    }
  }
  double mu = 0;
  if (phi_lo < 0) {
    const double phi_hi = phi(hi);
    mu = phi_hi <= 0 ? hi : brent_root(phi, lo, hi, phi_lo, phi_hi, 1e-15 * hi, 200);
  }
  const double gw_norm = mu > 0 ? solve(mu) : 0;  // leaves w = w(mu)
  out.iterations = solves;
  if (!(gw_norm > 1e-12 * gmax)) {
    out.weights.setZero(k);
    out.status = Status::near_stationary;
    out.note = "0 is in the gradients' hull and the optimal g_w is 0: d = 0 is optimal";
    finish_linear(in, out);
    return;
  }
  const double lambda = radius / gw_norm;
  const Eigen::VectorXd aw = a * w;
  // Duality gap: F(w) - min_i g_i^T d*, d* = g0 + lambda g_w.
  const double dual = w.dot(ag0) + radius * gw_norm;
  const double primal = (ag0 + lambda * aw).minCoeff();
  out.residual = std::abs(dual - primal);
  out.weights = scale * (Eigen::VectorXd::Constant(k, 1.0 / k) + lambda * w);
  finish_linear(in, out);
}

std::unique_ptr<Method> make_cagrad(const ParamValues& p) {
  return std::make_unique<Cagrad>(p.at("c"));
}

}  // namespace ps
