#pragma once
// l - m for the methods that take logs, ratios or powers of losses, written into a buffer the
// method keeps, so the per-step path does not allocate.
#include <Eigen/Dense>

#include "core/task_input.h"

namespace ps {

// out = in.losses - in.loss_floor. Missing losses or a shifted loss <= 0 defer to
// TaskInput::shifted_losses, which throws the shared InputError naming the task and `who`.
inline void shift_losses(const TaskInput& in, const char* who, Eigen::VectorXd& out) {
  if (!in.has_losses()) (void)in.shifted_losses(who);
  out = in.losses;
  if (in.loss_floor.size() == out.size()) out -= in.loss_floor;
  for (Eigen::Index i = 0; i < out.size(); ++i)
    if (!(out[i] > 0)) (void)in.shifted_losses(who);
}

}  // namespace ps
