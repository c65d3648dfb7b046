#pragma once
// The toy's optimizers on a fixed-size 2-vector, allocation free: SGD (x -= lr g) and Adam with
// PyTorch's defaults and exactly torch.optim.Adam's update (no weight decay, no amsgrad):
//   m = lerp(m, g, 1 - b1);  v = b2 v + (1 - b2) g^2;  bc1 = 1 - b1^t;  bc2 = 1 - b2^t
//   x -= (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps)
#include <Eigen/Dense>

#include "toy/simulator.h"

namespace ps::toy {

struct AdamParams {
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
};

class Optimizer {
 public:
  // Throws InputError unless lr is finite and > 0 and Adam's betas lie in [0, 1), eps >= 0.
  Optimizer(OptimizerKind kind, double lr, AdamParams adam = {});

  // One step on x with gradient g.
  void step(Eigen::Vector2d& x, const Eigen::Vector2d& g) {
    if (kind_ == OptimizerKind::sgd) {
      x -= lr_ * g;
      return;
    }
    adam_step(x, g);
  }
  // Forgets the moments and the step count (a new run).
  void reset();

  OptimizerKind kind() const { return kind_; }
  double lr() const { return lr_; }
  int steps_taken() const { return t_; }

 private:
  void adam_step(Eigen::Vector2d& x, const Eigen::Vector2d& g);

  OptimizerKind kind_;
  double lr_;
  AdamParams adam_;
  Eigen::Vector2d m_ = Eigen::Vector2d::Zero();
  Eigen::Vector2d v_ = Eigen::Vector2d::Zero();
  int t_ = 0;
  double b1_pow_ = 1.0, b2_pow_ = 1.0;  // beta1^t, beta2^t
};

}  // namespace ps::toy
