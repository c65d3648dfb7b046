#include "core/methods/alpha_fair_loss.h"

#include <cmath>
#include <string>

#include "core/errors.h"
#include "core/methods/factories.h"
#include "core/methods/shifted_losses.h"

namespace ps {

AlphaFairLoss::AlphaFairLoss(std::unique_ptr<Method> inner, double loss_alpha)
    : inner_(std::move(inner)), alpha_(loss_alpha) {
  if (!inner_) throw InputError("the alpha-fair loss transform needs a method to wrap");
  if (!std::isfinite(loss_alpha) || !(loss_alpha < 1) || loss_alpha == 0)
    throw InputError("loss_alpha must be finite, below 1 and not 0, got " +
                     std::to_string(loss_alpha));
}

void AlphaFairLoss::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  shift_losses(in, "loss_alpha (the alpha-fair loss transform)", shifted_);
  const double a = alpha_;
  scale_ = (-a * shifted_.array().log()).exp();
  scaled_.losses = shifted_.array().pow(1 - a) / (1 - a);
  if (!scale_.allFinite() || !scaled_.losses.allFinite())
    throw InputError("loss_alpha = " + std::to_string(a) +
                     ": (l - m)^(-a) overflows for these losses; use a smaller |loss_alpha|");
  scaled_.loss_floor.resize(0);  // the transformed losses are positive with floor 0
  if (in.has_grads())
    scaled_.grads = in.grads * scale_.asDiagonal();
  else
    scaled_.grads.resize(0, 0);
  // S A S, filled symmetrically so the inner method sees an exactly symmetric matrix.
  scaled_.gram.resize(k, k);
  for (int j = 0; j < k; ++j)
    for (int i = 0; i <= j; ++i)
      scaled_.gram(i, j) = scaled_.gram(j, i) = scale_[i] * in.gram(i, j) * scale_[j];

  inner_->update(scaled_, inner_out_);

  out.weights = scale_.cwiseProduct(inner_out_.weights);
  out.direction = inner_out_.direction;  // G S w' = G w: the same vector
  if (in.has_grads() && out.direction.size() == in.grads.rows())
    out.rates.noalias() = in.grads.transpose() * out.direction;
  else
    out.rates.noalias() = in.gram * out.weights;
  out.iterations = inner_out_.iterations;
  out.residual = inner_out_.residual;
  out.status = inner_out_.status;
  out.note = inner_out_.note;
}

std::unique_ptr<Method> wrap_alpha_fair_loss(std::unique_ptr<Method> inner, double loss_alpha) {
  return std::make_unique<AlphaFairLoss>(std::move(inner), loss_alpha);
}

}  // namespace ps
