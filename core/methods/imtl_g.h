#pragma once
// IMTL-G (Liu et al. 2021, "Towards Impartial Multi-task Learning", gradient part). With
// u_i = g_i / |g_i|, D = [g_1 - g_i]_{i>=2}, U = [u_1 - u_i]_{i>=2} (as columns), the paper's
// closed form alpha_{2..K} = g_1^T U (D^T U)^{-1}, alpha_1 = 1 - sum alpha_{2..K}, makes
// d = sum alpha_i g_i have equal projections d^T u_i on every task. Weights sum to 1 and may be
// negative. Every inner product comes from the Gram matrix.
//
// Degenerate input (status near_stationary, finite result): tasks with a zero gradient have no
// direction; they get weight 0 and the rest are solved (all zero: uniform weights, d = 0).
// A singular system (e.g. two tasks with the same direction) is solved in the least-squares,
// minimum-norm sense. Diagnostics: residual = max_i d^T u_i - min_i d^T u_i over the nonzero
// tasks (units of |g|; 0 when the projections are equal); iterations = 0.
#include "core/method.h"

namespace ps {

class ImtlG final : public Method {
 public:
  void update(const TaskInput& in, MethodResult& out) override;
};

}  // namespace ps
