#pragma once
// CAGrad (Liu et al. 2021, "Conflict-Averse Gradient Descent for Multi-task Learning").
// Primal: maximise min_i g_i^T d over the ball |d - g0| <= c |g0|, g0 the mean gradient.
// Dual (the paper's eq. 4 and its code): MINIMISE over w in the simplex
//   F(w) = g_w^T g0 + c |g0| |g_w|,  g_w = G w,
// then d* = g0 + lambda g_w, lambda = c |g0| / |g_w|. The output follows the official code with
// its default rescale = 1: d = d* / (1 + c^2) (so the toy's factor K gives the reference's
// 2 (g0 + lambda g_w) / (1 + c^2)); c = 0 gives exactly the mean gradient. weights =
// (1/K + lambda w) / (1 + c^2), so d = G weights, and everything comes from the Gram matrix.
//
// Solver (exact up to rounding, unlike the reference's SLSQP): for mu >= 0 the min-norm point of
// the shifted gradients g_i + mu g0 gives g_w(mu), the projection of -mu g0 onto the gradients'
// hull; F's minimiser is g_w(mu*) at the root of phi(mu) = c |g0| mu - |g_w(mu)|, whose sign
// changes once (F is a partial minimum of a jointly convex function). Brent's method finds it.
// Diagnostics: iterations = min-norm solves; residual = the duality gap
// F(w) - min_i g_i^T d* (>= 0, 0 at the optimum; units of |g|^2). status near_stationary when
// the optimum has g_w = 0 (0 in the hull and c >= 1, or rounding there): then d = 0 is optimal
// and is returned with weights 0.
#include "core/method.h"

namespace ps {

class Cagrad final : public Method {
 public:
  explicit Cagrad(double c) : c_(c) {}
  void update(const TaskInput& in, MethodResult& out) override;

 private:
  double c_;
};

}  // namespace ps
