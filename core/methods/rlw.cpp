#include "core/methods/rlw.h"

#include <cmath>
#include <numbers>

#include "core/methods/factories.h"

namespace ps {

RandomLossWeighting::RandomLossWeighting(std::uint64_t seed) : seed_(seed), gen_(seed) {}

void RandomLossWeighting::reset() {
  gen_.seed(seed_);
  has_spare_ = false;
}

double RandomLossWeighting::next_uniform() {
  return static_cast<double>(gen_() >> 11) * 0x1.0p-53;
}

double RandomLossWeighting::next_normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const double u1 = 1 - next_uniform();  // (0, 1]: the log stays finite
  const double u2 = next_uniform();
  const double r = std::sqrt(-2 * std::log(u1));
  const double t = 2 * std::numbers::pi * u2;
  spare_ = r * std::sin(t);
  has_spare_ = true;
  return r * std::cos(t);
}

void RandomLossWeighting::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  out.weights.resize(k);
  for (int i = 0; i < k; ++i) out.weights[i] = next_normal();
  // Softmax, shifted by the max so no exp overflows.
  out.weights = (out.weights.array() - out.weights.maxCoeff()).exp();
  out.weights /= out.weights.sum();
  finish_linear(in, out);
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
}

std::unique_ptr<Method> make_rlw(const ParamValues& p) {
  return std::make_unique<RandomLossWeighting>(static_cast<std::uint64_t>(p.at("seed")));
}

}  // namespace ps
