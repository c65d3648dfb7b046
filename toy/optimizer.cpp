#include "toy/optimizer.h"

#include <cmath>
#include <string>

#include "core/errors.h"

namespace ps::toy {

Optimizer::Optimizer(OptimizerKind kind, double lr, AdamParams adam)
    : kind_(kind), lr_(lr), adam_(adam) {
  if (!std::isfinite(lr) || !(lr > 0))
    throw InputError("the learning rate must be a finite number > 0, got " + std::to_string(lr));
  if (kind == OptimizerKind::adam && !(adam.beta1 >= 0 && adam.beta1 < 1 && adam.beta2 >= 0 &&
                                       adam.beta2 < 1 && adam.eps >= 0 && std::isfinite(adam.eps)))
    throw InputError("Adam needs betas in [0, 1) and a finite eps >= 0");
}

void Optimizer::reset() {
  m_.setZero();
  v_.setZero();
  t_ = 0;
  b1_pow_ = b2_pow_ = 1.0;
}

void Optimizer::adam_step(Eigen::Vector2d& x, const Eigen::Vector2d& g) {
  ++t_;
  const double b1 = adam_.beta1, b2 = adam_.beta2;
  // torch: exp_avg.lerp_(grad, 1 - beta1), i.e. m + (1 - b1) (g - m).
  m_ += (1.0 - b1) * (g - m_);
  // torch: exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2).
  v_ = b2 * v_ + (1.0 - b2) * g.cwiseProduct(g);
  // beta^t as running products (within t ulps of std::pow, which costs as much as the rest).
  b1_pow_ *= b1;
  b2_pow_ *= b2;
  const double bc1 = 1.0 - b1_pow_;
  const double bc2_sqrt = std::sqrt(1.0 - b2_pow_);
  const double step_size = lr_ / bc1;
  // denom = sqrt(v) / sqrt(bc2) + eps; x -= step_size * (m / denom) (addcdiv_), both coordinates
  // at once.
  const Eigen::Array2d denom = v_.array().sqrt() / bc2_sqrt + adam_.eps;
  x.array() -= step_size * (m_.array() / denom);
}

}  // namespace ps::toy
