#include "core/methods/fairgrad.h"

#include <cmath>
#include <string>

#include "core/errors.h"
#include "core/methods/factories.h"

namespace ps {

void copy_report(const AlphaFairReport& rep, MethodResult& out) {
  out.iterations = rep.iterations;
  out.residual = rep.residual;
  out.status = rep.status;
  out.note.assign(rep.note);  // static text: no allocation once the string has the capacity
}

FairGrad::FairGrad(double alpha, AlphaFairOptions options) : alpha_(alpha), solver_(options) {
  if (!std::isfinite(alpha) || alpha < 0)
    throw InputError("FairGrad: alpha must be finite and >= 0, got " + std::to_string(alpha));
}

void FairGrad::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const AlphaFairReport rep = solver_.solve(in.gram, alpha_, w_, warm_);
  warm_ = true;
  out.weights = w_;
  if (w_.size() == 2 && in.has_grads()) {  // finish_linear by hand: the toy's hot path
    out.direction = in.grads.col(0) * w_[0] + in.grads.col(1) * w_[1];
    out.rates.resize(2);
    out.rates[0] = in.gram(0, 0) * w_[0] + in.gram(0, 1) * w_[1];
    out.rates[1] = in.gram(1, 0) * w_[0] + in.gram(1, 1) * w_[1];
  } else {
    finish_linear(in, out);
  }
  copy_report(rep, out);
}

std::unique_ptr<Method> make_fairgrad(const ParamValues& p) {
  return std::make_unique<FairGrad>(p.at("alpha"));
}

}  // namespace ps
