#include "core/methods/uw.h"

#include <cmath>
#include <string>

#include "core/errors.h"
#include "core/methods/factories.h"
#include "core/methods/shifted_losses.h"

namespace ps {

UncertaintyWeighting::UncertaintyWeighting(double lr) { adam_.lr = lr; }

void UncertaintyWeighting::reset() { s_.resize(0); }

void UncertaintyWeighting::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  if (s_.size() != 0 && s_.size() != k)
    throw InputError("uw: the number of tasks changed from " + std::to_string(s_.size()) +
                     " to " + std::to_string(k) + " without a reset");
  shift_losses(in, "uw", shifted_);
  if (s_.size() == 0) {
    s_.setZero(k);
    adam_.reset(k);
  }
  // d/ds_i of (exp(-s_i) l_i + s_i) / 2.
  grad_ = (1 - (-s_.array()).exp() * shifted_.array()) / 2;
  if (!grad_.allFinite())
    throw InputError("uw: the uncertainty gradient overflowed; a loss minus its floor is too "
                     "large");
  adam_.step(s_, grad_);
  out.weights = (-s_.array()).exp() / 2;
  if (!out.weights.allFinite() || !(out.weights.array() > 0).all())
    throw InputError("uw: exp(-s) left the finite positive range; lower lr");
  finish_linear(in, out);
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
}

std::unique_ptr<Method> make_uw(const ParamValues& p) {
  return std::make_unique<UncertaintyWeighting>(p.at("lr"));
}

}  // namespace ps
