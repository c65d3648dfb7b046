#pragma once
// The alpha-fair loss transform (FairGrad paper, section 6, eq. 5): every task loss l_i is
// replaced by (l_i - m_i)^(1-a) / (1-a), a = loss_alpha < 1, a != 0, before a weighting method
// sees it. Task i's gradient becomes s_i g_i with s_i = (l_i - m_i)^(-a), so the wrapper hands
// the inner method G S (and the Gram matrix S A S), the transformed losses with floor 0 (they
// are positive for a < 1), and reports on the ORIGINAL gradients: weights w_i = s_i w'_i, the
// inner method's direction unchanged, rates g_i^T d. Needs losses above their floors.
#include <Eigen/Dense>
#include <memory>

#include "core/method.h"

namespace ps {

class AlphaFairLoss final : public Method {
 public:
  using Method::update;
  // Throws InputError unless loss_alpha is finite, < 1 and != 0.
  AlphaFairLoss(std::unique_ptr<Method> inner, double loss_alpha);
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override { inner_->reset(); }

 private:
  std::unique_ptr<Method> inner_;
  double alpha_;
  Eigen::VectorXd shifted_;  // l - m
  Eigen::VectorXd scale_;    // s_i = (l_i - m_i)^(-a)
  TaskInput scaled_;         // what the inner method sees; buffers reused across steps
  MethodResult inner_out_;
};

}  // namespace ps
