#include "core/methods/dwa.h"

#include <string>

#include "core/errors.h"
#include "core/methods/factories.h"
#include "core/methods/shifted_losses.h"

namespace ps {

DynamicWeightAverage::DynamicWeightAverage(double temperature) : temperature_(temperature) {}

void DynamicWeightAverage::reset() { seen_ = 0; }

void DynamicWeightAverage::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  if (seen_ > 0 && prev1_.size() != k)
    throw InputError("dwa: the number of tasks changed from " + std::to_string(prev1_.size()) +
                     " to " + std::to_string(k) + " without a reset");
  shift_losses(in, "dwa", current_);
  if (seen_ < 2) {
    out.weights.setOnes(k);
  } else {
    // r_i / T, then a softmax shifted by its max (small T must not overflow), times K.
    out.weights = prev1_.cwiseQuotient(prev2_) / temperature_;
    if (!out.weights.allFinite())
      throw InputError("dwa: a loss ratio l(t-1) / l(t-2) over T overflowed; the losses span "
                       "too many orders of magnitude for this T");
    out.weights = (out.weights.array() - out.weights.maxCoeff()).exp();
    out.weights *= k / out.weights.sum();
  }
  prev2_.swap(prev1_);
  prev1_ = current_;  // same size after the first call: no allocation
  if (seen_ < 2) ++seen_;
  finish_linear(in, out);
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
}

std::unique_ptr<Method> make_dwa(const ParamValues& p) {
  return std::make_unique<DynamicWeightAverage>(p.at("T"));
}

}  // namespace ps
