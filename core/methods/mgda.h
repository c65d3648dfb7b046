#pragma once
// MGDA (Desideri 2012; Sener & Koltun 2018): w = argmin over the probability simplex of
// w^T (G^T G) w, the min-norm point of the task gradients' convex hull; d = G w (no factor 2:
// the toy applies the reference scaling). Works from the Gram matrix alone.
//
// Diagnostics: iterations = Wolfe's cycles (0 for K <= 2, a closed form); residual = the KKT
// residual of MinNormResult (units of |g|^2; 0 at the exact solution); status max_iterations if
// the solver hit its cap, near_stationary when every gradient is zero (uniform weights, d = 0).
#include "core/method.h"
#include "core/solvers/min_norm.h"

namespace ps {

class Mgda final : public Method {
 public:
  void update(const TaskInput& in, MethodResult& out) override;
};

}  // namespace ps
