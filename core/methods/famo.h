#pragma once
// FAMO, fast adaptive multitask optimization (Liu, Feng, Stone & Liu, NeurIPS 2023), as its
// official code does it. Task logits xi (init 0), z = softmax(xi); the model minimizes
// sum_i (z_i / c) log(l_i - m_i) with c = sum_j z_j / (l_j - m_j) held constant, so the
// gradient weights are w_i = z_i / (c (l_i - m_i)) = softmax(xi - log(l - m))_i (they sum to 1).
// After a step, with delta_i = log(l_i,prev - m_i) - log(l_i,now - m_i), the logits take one
// Adam step (lr, L2 weight decay gamma; torch.optim.Adam) along J_softmax(xi)^T delta: a task
// whose log-loss fell less gains weight. Each update() receives the current losses, so it first
// applies the logit update from (previous call's losses, these), then computes the weights.
// Uses l - m (TaskInput::loss_floor; FAMO's toy code uses m = (-2.1, -21)). Unlike that code we
// add no 1e-8 to l - m: non-positive shifted losses are refused instead.
#include <Eigen/Dense>

#include "core/method.h"
#include "core/methods/adam_vector.h"

namespace ps {

class Famo final : public Method {
 public:
  using Method::update;
  Famo(double lr, double gamma);
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override;

  // xi, empty before the first update.
  const Eigen::VectorXd& logits() const { return xi_; }

 private:
  AdamVector adam_;
  Eigen::VectorXd xi_;
  Eigen::VectorXd log_prev_;  // log(l - m) of the previous call
  Eigen::VectorXd log_now_;   // log(l - m) of this call
  Eigen::VectorXd z_, grad_;  // scratch
};

}  // namespace ps
