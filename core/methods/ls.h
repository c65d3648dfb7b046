#pragma once
// LS, linear scalarization: minimizes the plain sum of the task losses, so w_i = 1 and
// d = sum_i g_i. Works from the Gram matrix alone; ignores losses.
#include "core/method.h"

namespace ps {

class LinearScalarization final : public Method {
 public:
  using Method::update;
  void update(const TaskInput& in, MethodResult& out) override;
};

}  // namespace ps
