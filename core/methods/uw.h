#pragma once
// UW, uncertainty weighting (Kendall, Gal & Cipolla, CVPR 2018): minimizes
//   sum_i (exp(-s_i) l_i + s_i) / 2
// over the model and learned log-variances s_i (init 0), so the gradient weights are
// w_i = exp(-s_i) / 2. For fixed losses the s-objective is minimized at s_i = log l_i.
// Each update() first takes one Adam step on s (torch.optim.Adam defaults, as the Nash-MTL and
// FAMO code train s alongside the model), with learning rate lr and the current losses, then
// reports the weights. The objective only makes sense for positive losses, so UW uses the
// shifted losses l - m (TaskInput::loss_floor).
#include <Eigen/Dense>

#include "core/method.h"
#include "core/methods/adam_vector.h"

namespace ps {

class UncertaintyWeighting final : public Method {
 public:
  using Method::update;
  explicit UncertaintyWeighting(double lr);
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override;

  // s_i, empty before the first update.
  const Eigen::VectorXd& log_variances() const { return s_; }

 private:
  AdamVector adam_;
  Eigen::VectorXd s_;
  Eigen::VectorXd shifted_;  // l - m of this call
  Eigen::VectorXd grad_;     // d/ds of the objective
};

}  // namespace ps
