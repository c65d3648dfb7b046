#pragma once
// A small smooth three-task problem on R^3 with analytic gradients and loss floors, for
// checking methods against finite differences of the objective they claim to minimize.
#include <Eigen/Dense>
#include <cmath>
#include <functional>

#include "core/task_input.h"

namespace ps::test {

struct SmoothTasks {
  static constexpr int k = 3;

  // l1 = |x - a|^2 / 2 + 1, l2 = exp(0.3 x0 - 0.2 x2) + x1^2, l3 = log(1 + x0^2 + x1^2) + x2 / 2
  static Eigen::Vector3d losses(const Eigen::Vector3d& x) {
    const Eigen::Vector3d a(1.0, -2.0, 0.5);
    return {0.5 * (x - a).squaredNorm() + 1, std::exp(0.3 * x[0] - 0.2 * x[2]) + x[1] * x[1],
            std::log(1 + x[0] * x[0] + x[1] * x[1]) + 0.5 * x[2]};
  }

  // Column i is the gradient of l_i.
  static Eigen::Matrix3d grads(const Eigen::Vector3d& x) {
    const Eigen::Vector3d a(1.0, -2.0, 0.5);
    const double e = std::exp(0.3 * x[0] - 0.2 * x[2]);
    const double r = 1 + x[0] * x[0] + x[1] * x[1];
    Eigen::Matrix3d g;
    g.col(0) = x - a;
    g.col(1) << 0.3 * e, 2 * x[1], -0.2 * e;
    g.col(2) << 2 * x[0] / r, 2 * x[1] / r, 0.5;
    return g;
  }

  // Floors below the losses near the test points (l3 can be negative there).
  static Eigen::Vector3d floor() { return {0.5, -1.0, -3.0}; }

  static TaskInput input(const Eigen::Vector3d& x) {
    TaskInput in = TaskInput::from_grads(grads(x), losses(x));
    in.loss_floor = floor();
    return in;
  }
};

// Central finite-difference gradient of f at x.
inline Eigen::Vector3d fd_gradient(const std::function<double(const Eigen::Vector3d&)>& f,
                                   const Eigen::Vector3d& x, double h = 1e-6) {
  Eigen::Vector3d g;
  for (int j = 0; j < 3; ++j) {
    Eigen::Vector3d xp = x, xm = x;
    xp[j] += h;
    xm[j] -= h;
    g[j] = (f(xp) - f(xm)) / (2 * h);
  }
  return g;
}

}  // namespace ps::test
