#pragma once
// Adam on a small parameter vector (a method's own learned state: UW's log-variances, FAMO's
// logits), step for step what torch.optim.Adam does with its defaults: betas (0.9, 0.999),
// eps 1e-8, bias correction, and weight_decay as L2 added to the gradient (not AdamW).
#include <Eigen/Dense>
#include <cmath>

namespace ps {

struct AdamVector {
  double lr = 1e-3;
  double weight_decay = 0;
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  Eigen::VectorXd m, v;  // first and second moment estimates
  long long t = 0;       // steps taken

  void reset(Eigen::Index n) {
    m.setZero(n);
    v.setZero(n);
    t = 0;
  }

  // x -= lr * mhat / (sqrt(vhat) + eps), with g = grad + weight_decay * x.
  void step(Eigen::VectorXd& x, const Eigen::VectorXd& grad) {
    ++t;
    const double c1 = 1 - std::pow(beta1, static_cast<double>(t));
    const double c2 = 1 - std::pow(beta2, static_cast<double>(t));
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double g = grad[i] + weight_decay * x[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      x[i] -= (lr / c1) * m[i] / (std::sqrt(v[i]) / std::sqrt(c2) + eps);
    }
  }
};

}  // namespace ps
