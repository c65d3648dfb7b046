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
  finish_linear(in, out);
  copy_report(rep, out);
}

std::unique_ptr<Method> make_fairgrad(const ParamValues& p) {
  return std::make_unique<FairGrad>(p.at("alpha"));
}

}  // namespace ps
