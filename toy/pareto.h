#pragma once
// The toy problem's Pareto set (in x) and Pareto front (in loss space), computed numerically.
#include <Eigen/Dense>
#include <vector>

namespace ps::toy {

struct ParetoCurve {
  std::vector<Eigen::Vector2d> set;    // points x on the Pareto set, ordered by x1
  std::vector<Eigen::Vector2d> front;  // (L1, L2) at those points, ordered by L1
};

// `samples` points along the set; `scale` as in ToyProblem.
ParetoCurve pareto_curve(double scale = 0.1, int samples = 200);

}  // namespace ps::toy
