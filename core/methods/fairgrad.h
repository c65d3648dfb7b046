#pragma once
// FairGrad (Ban and Ji 2024, eq. 4): weights w > 0 with G^T G w = w^(-1/alpha), direction
// d = G w, so every task's rate is g_i^T d = w_i^(-1/alpha). alpha = 0 is LS, 1 Nash-MTL,
// large alpha tends to max-min fairness. Works from the Gram matrix alone.
//
// Solved by AlphaFairSolver (core/solvers/alpha_fair.h; its header documents the algorithm,
// tolerances, the stationarity rule and the ridge fallback). MethodResult::residual is the
// solver's max relative residual max_i |(G^T G w)_i w_i^(1/alpha) - 1|, iterations its Newton
// steps; near a Pareto-stationary point the status is near_stationary with finite weights.
// The last weights warm-start the next solve (same result within the tolerance); reset()
// forgets them.
#include "core/method.h"
#include "core/solvers/alpha_fair.h"

namespace ps {

class FairGrad final : public Method {
 public:
  // Throws InputError unless alpha is finite and >= 0.
  explicit FairGrad(double alpha, AlphaFairOptions options = {});
  using Method::update;
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override { warm_ = false; }

  double alpha() const { return alpha_; }

 private:
  double alpha_;
  AlphaFairSolver solver_;
  Eigen::VectorXd w_;  // the last weights, the next warm start
  bool warm_ = false;
};

// Copies a solver report into a method result (weights and rates are filled separately).
void copy_report(const AlphaFairReport& rep, MethodResult& out);

}  // namespace ps
