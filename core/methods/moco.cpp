#include "core/methods/moco.h"

#include <algorithm>

#include "core/errors.h"
#include "core/methods/factories.h"
#include "core/solvers/min_norm.h"

namespace ps {

void Moco::reset() {
  y_.resize(0, 0);
  lambda_.resize(0);
  steps_ = 0;
}

void Moco::update(const TaskInput& in, MethodResult& out) {
  validate(in);
  if (!in.has_grads())
    throw InputError("MoCo needs the task gradients (it tracks them), not only their Gram matrix");
  const Eigen::MatrixXd& g = in.grads;
  const Eigen::Index k = g.cols();
  if (y_.rows() != g.rows() || y_.cols() != k) {
    y_ = g;
    lambda_ = Eigen::VectorXd::Constant(k, 1.0 / k);
    steps_ = 0;
  } else {
    y_ -= beta_ * (y_ - g);
  }
  ++steps_;
  yty_.noalias() = y_.transpose() * y_;
  yty_.diagonal().array() += rho_;
  lambda_ = project_to_simplex(lambda_ - gamma_ * (yty_ * lambda_));
  out.weights = lambda_;
  out.direction.noalias() = y_ * lambda_;
  out.rates.noalias() = g.transpose() * out.direction;
  const Eigen::VectorXd ml = yty_ * lambda_;
  out.residual = std::max(0.0, lambda_.dot(ml) - ml.minCoeff());
  out.iterations = steps_;
  out.status = Status::ok;
  out.note.clear();
}

std::unique_ptr<Method> make_moco(const ParamValues& p) {
  return std::make_unique<Moco>(p.at("beta"), p.at("gamma"), p.at("rho"));
}

}  // namespace ps
