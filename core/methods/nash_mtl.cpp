#include "core/methods/nash_mtl.h"

#include <string>

#include "core/errors.h"
#include "core/methods/factories.h"
#include "core/methods/fairgrad.h"

namespace ps {

NashMtl::NashMtl(int update_every, AlphaFairOptions options)
    : update_every_(update_every), solver_(options) {
  if (update_every < 1)
    throw InputError("Nash-MTL: update_every must be >= 1, got " + std::to_string(update_every));
}

void NashMtl::reset() {
  since_solve_ = 0;
  warm_ = false;
}

void NashMtl::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const bool solve = since_solve_ == 0 || w_.size() != in.num_tasks();
  if (solve) {
    last_ = solver_.solve(in.gram, 1.0, w_, warm_);
    warm_ = true;
    since_solve_ = 0;
  }
  since_solve_ = (since_solve_ + 1) % update_every_;
  out.weights = w_;
  finish_linear(in, out);
  copy_report(last_, out);
  if (!solve) out.iterations = 0;
}

std::unique_ptr<Method> make_nash_mtl(const ParamValues& p) {
  return std::make_unique<NashMtl>(static_cast<int>(p.at("update_every")));
}

}  // namespace ps
