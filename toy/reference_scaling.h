#pragma once
// What the reference toy code writes into x's gradient for each method before the optimizer
// steps (../shared/TOY.md's table): a factor on the method's direction d and an optional
// PyTorch clip_grad_norm_(max_norm = 1).
//   ls: d (= g1 + g2)          mgda: 2 d            pcgrad: d, clipped
//   cagrad: 2 d, clipped       nash_mtl: d, clipped  fairgrad: 2 d, clipped
// Methods the reference toy never ran (si, rlw, dwa, uw, imtl_g, famo, graddrop, moco, ...) get
// d as is, unclipped. With reference scaling off every method gets d as is.
#include <Eigen/Dense>
#include <string_view>

namespace ps::toy {

struct ReferenceScaling {
  double factor = 1.0;
  bool clip = false;  // clip_grad_norm_ with max_norm = 1
};

// The rule for a registry method name (identity for names not in the table).
ReferenceScaling reference_scaling_for(std::string_view method);

// PyTorch's clip_grad_norm_(max_norm = 1): d * min(1, 1 / (||d|| + 1e-6)).
inline Eigen::Vector2d clip_unit_norm(const Eigen::Vector2d& d) {
  const double coef = 1.0 / (d.norm() + 1e-6);
  return coef < 1.0 ? Eigen::Vector2d(d * coef) : d;
}

// factor * d, then clipped when the rule says so.
inline Eigen::Vector2d apply(const ReferenceScaling& r, const Eigen::Vector2d& d) {
  const Eigen::Vector2d s = r.factor * d;
  return r.clip ? clip_unit_norm(s) : s;
}

}  // namespace ps::toy
