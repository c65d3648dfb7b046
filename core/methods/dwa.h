#pragma once
// DWA, dynamic weight average (Liu, Johns & Davison, CVPR 2019):
//   w_i = K exp(r_i / T) / sum_j exp(r_j / T),  r_i = L_i(t-1) / L_i(t-2),
// so a task whose loss fell slower (larger ratio) gets more weight; large T gives equal weights.
// The paper uses epoch-average losses; here one update() plays the role of an epoch: the
// weights of a call come from the losses of the previous two calls, and the first two calls
// give w = 1. Ratios need positive losses, so DWA uses l - m (TaskInput::loss_floor).
#include <Eigen/Dense>

#include "core/method.h"

namespace ps {

class DynamicWeightAverage final : public Method {
 public:
  using Method::update;
  explicit DynamicWeightAverage(double temperature);
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override;

 private:
  double temperature_;
  int seen_ = 0;             // calls since reset, capped at 2
  Eigen::VectorXd prev1_;    // shifted losses of the previous call, l(t-1)
  Eigen::VectorXd prev2_;    // and of the one before, l(t-2)
  Eigen::VectorXd current_;  // this call's shifted losses
};

}  // namespace ps
