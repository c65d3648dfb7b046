#include "core/method.h"

namespace ps {

const char* to_string(Status s) {
  switch (s) {
    case Status::ok: return "ok";
    case Status::max_iterations: return "max_iterations";
    case Status::near_stationary: return "near_stationary";
  }
  return "unknown";
}

void finish_linear(const TaskInput& in, MethodResult& out) {
  if (in.has_grads())
    out.direction.noalias() = in.grads * out.weights;
  else
    out.direction.resize(0);
  out.rates.noalias() = in.gram * out.weights;
}

}  // namespace ps
