#include "core/methods/si.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/errors.h"
#include "core/methods/factories.h"
#include "core/methods/shifted_losses.h"

namespace ps {

void ScaleInvariant::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  shift_losses(in, "si", out.weights);
  for (Eigen::Index i = 0; i < out.weights.size(); ++i) {
    const double d = out.weights[i];
    out.weights[i] = 1 / d;
    // Only a subnormal l - m overflows; refuse rather than return inf.
    if (!std::isfinite(out.weights[i])) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", d);
      throw InputError("si: task " + std::to_string(i + 1) + "'s loss minus its floor (" + buf +
                       ") is too small for a finite 1 / (l - m)");
    }
  }
  finish_linear(in, out);
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
}

std::unique_ptr<Method> make_si(const ParamValues&) { return std::make_unique<ScaleInvariant>(); }

}  // namespace ps
