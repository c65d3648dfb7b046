#include "core/methods/graddrop.h"

#include <cmath>

#include "core/errors.h"
#include "core/methods/factories.h"

namespace ps {

void GradDrop::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  if (!in.has_grads())
    throw InputError("GradDrop needs the task gradients (it masks them by sign), not only "
                     "their Gram matrix");
  const Eigen::MatrixXd& g = in.grads;
  const Eigen::Index m = g.rows(), k = g.cols();
  out.direction.setZero(m);
  kept_sq_.setZero(k);
  for (Eigen::Index c = 0; c < m; ++c) {
    // Draw first, whatever the values, so that the stream depends on the sizes only.
    const double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
    double sum = 0, abs_sum = 0;
    for (Eigen::Index i = 0; i < k; ++i) {
      sum += g(c, i);
      abs_sum += std::abs(g(c, i));
    }
    if (abs_sum == 0) continue;
    const double purity = 0.5 * (1 + sum / abs_sum);
    const bool keep_pos = purity > u, keep_neg = purity < u;
    double dc = 0;
    for (Eigen::Index i = 0; i < k; ++i) {
      const double v = g(c, i);
      const bool kept = (v > 0 && keep_pos) || (v < 0 && keep_neg);
      dc += leak_ * v + (kept ? (1 - leak_) * v : 0.0);
      if (kept) kept_sq_[i] += v * v;
    }
    out.direction[c] = dc;
  }
  out.weights.resize(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    const double sq = g.col(i).squaredNorm();
    out.weights[i] = sq > 0 ? leak_ + (1 - leak_) * kept_sq_[i] / sq : 1.0;
  }
  out.rates.noalias() = g.transpose() * out.direction;
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
}

std::unique_ptr<Method> make_graddrop(const ParamValues& p) {
  return std::make_unique<GradDrop>(p.at("leak"), static_cast<std::uint64_t>(p.at("seed")));
}

}  // namespace ps
