#include "core/methods/mgda.h"

#include "core/methods/factories.h"

namespace ps {

void Mgda::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  MinNormResult r = min_norm_simplex(in.gram);
  out.weights = std::move(r.weights);
  out.iterations = r.iterations;
  out.residual = r.kkt_residual;
  out.status = Status::ok;
  out.note.clear();
  if (!r.converged) {
    out.status = Status::max_iterations;
    out.note = "the min-norm solver stopped at its iteration cap";
  } else if (!(in.gram.diagonal().maxCoeff() > 0)) {
    out.status = Status::near_stationary;
    out.note = "every task gradient is zero; uniform weights";
  }
  finish_linear(in, out);
}

std::unique_ptr<Method> make_mgda(const ParamValues&) { return std::make_unique<Mgda>(); }

}  // namespace ps
