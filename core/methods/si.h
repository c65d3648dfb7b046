#pragma once
// SI, scale-invariant: minimizes sum_i log(l_i - m_i), whose gradient is
// sum_i g_i / (l_i - m_i), so w_i = 1 / (l_i - m_i). Rescaling a loss leaves the direction
// unchanged. Needs losses above their floors (TaskInput::loss_floor); otherwise InputError.
#include <Eigen/Dense>

#include "core/method.h"

namespace ps {

class ScaleInvariant final : public Method {
 public:
  using Method::update;
  void update(const TaskInput& in, MethodResult& out) override;
};

}  // namespace ps
