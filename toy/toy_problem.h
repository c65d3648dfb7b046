#pragma once
// The two-task toy problem of the FairGrad paper's Figure 1, exactly as ../shared/TOY.md gives it
// (the reference code's formulas, not the paper's two typos), with analytic gradients that follow
// PyTorch autograd's conventions at the kinks.
#include <Eigen/Dense>
#include <array>

namespace ps::toy {

struct ToyEval {
  Eigen::Vector2d losses;  // (L1, L2)
  Eigen::Matrix2d grads;   // column i = dL_i/dx
};

class ToyProblem {
 public:
  // `scale` multiplies L1: 0.1 in the Nash-MTL / FAMO / FairGrad figures, 1 in CAGrad's.
  // Throws InputError unless it is finite and > 0.
  explicit ToyProblem(double scale = 0.1);
  double scale() const { return scale_; }
  Eigen::Vector2d losses(const Eigen::Vector2d& x) const;
  ToyEval eval(const Eigen::Vector2d& x) const;
  // Known lower bounds of (L1, L2) that methods taking logs subtract: (-21 scale, -21), which is
  // FAMO's m = (-2.1, -21) at scale 0.1. L2 > -20 and L1 > -20 scale everywhere (see the .cpp).
  Eigen::Vector2d loss_floor() const;

 private:
  double scale_;
};

// The five start points of the reference figures.
const std::array<Eigen::Vector2d, 5>& paper_starts();

}  // namespace ps::toy
