#include "core/methods/famo.h"

#include <string>

#include "core/errors.h"
#include "core/methods/factories.h"
#include "core/methods/shifted_losses.h"

namespace ps {
namespace {
// out = softmax(x), shifted by the max so no exp overflows.
void softmax(const Eigen::VectorXd& x, Eigen::VectorXd& out) {
  out = (x.array() - x.maxCoeff()).exp();
  out /= out.sum();
}
}  // namespace

Famo::Famo(double lr, double gamma) {
  adam_.lr = lr;
  adam_.weight_decay = gamma;
}

void Famo::reset() {
  xi_.resize(0);
  log_prev_.resize(0);
}

void Famo::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  const int k = in.num_tasks();
  if (xi_.size() != 0 && xi_.size() != k)
    throw InputError("famo: the number of tasks changed from " + std::to_string(xi_.size()) +
                     " to " + std::to_string(k) + " without a reset");
  shift_losses(in, "famo", log_now_);
  log_now_ = log_now_.array().log();
  if (xi_.size() == 0) {
    xi_.setZero(k);
    adam_.reset(k);
  }
  if (log_prev_.size() == k) {
    // Gradient of z(xi) against grad_outputs delta: J^T delta = z .* (delta - z.delta), J the
    // (symmetric) softmax Jacobian diag(z) - z z^T.
    softmax(xi_, z_);
    grad_ = log_prev_ - log_now_;
    const double mean = z_.dot(grad_);
    grad_ = z_.array() * (grad_.array() - mean);
    adam_.step(xi_, grad_);
  }
  log_prev_ = log_now_;
  // w = softmax(xi - log(l - m)): the same as z_i / (c (l_i - m_i)), without overflow.
  grad_ = xi_ - log_now_;
  softmax(grad_, out.weights);
  if (!out.weights.allFinite())
    throw InputError("famo: the task logits left the finite range; lower lr");
  finish_linear(in, out);
  out.iterations = 0;
  out.residual = 0;
  out.status = Status::ok;
  out.note.clear();
}

std::unique_ptr<Method> make_famo(const ParamValues& p) {
  return std::make_unique<Famo>(p.at("lr"), p.at("gamma"));
}

}  // namespace ps
