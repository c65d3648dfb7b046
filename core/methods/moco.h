#pragma once
// MoCo (Fernando et al., ICLR 2023, "Mitigating Gradient Bias in Multi-objective Learning: A
// Provably Convergent Approach"). Needs the gradients. State: tracked gradients Y (m x K), set to
// the first G, then y_i <- y_i - beta (y_i - g_i); simplex weights lambda, set to 1/K, then one
// projected-gradient step on the tracked MGDA problem per call:
//   lambda <- Proj_simplex(lambda - gamma (Y^T Y + rho I) lambda);   d = Y lambda.
// (Constant beta and gamma, no projection of Y onto a bounded set: the paper's decaying
// schedules and bounds serve its proof; the registry exposes the constants.) reset() or a change
// of m or K starts afresh.
//
// weights = lambda (d = Y lambda, not G lambda); rates = G^T d. iterations = steps since the
// state was started; residual = lambda^T M lambda - min_i (M lambda)_i with M = Y^T Y + rho I,
// the distance from the tracked MGDA optimum (0 there).
#include "core/method.h"

namespace ps {

class Moco final : public Method {
 public:
  Moco(double beta, double gamma, double rho) : beta_(beta), gamma_(gamma), rho_(rho) {}
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override;

 private:
  double beta_, gamma_, rho_;
  Eigen::MatrixXd y_;
  Eigen::VectorXd lambda_;
  Eigen::MatrixXd yty_;
  int steps_ = 0;
};

}  // namespace ps
