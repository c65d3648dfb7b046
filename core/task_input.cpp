#include "core/task_input.h"

#include <cmath>
#include <string>

#include "core/errors.h"

namespace ps {

TaskInput TaskInput::from_grads(Eigen::MatrixXd grads, Eigen::VectorXd losses) {
  TaskInput in;
  in.grads = std::move(grads);
  in.losses = std::move(losses);
  in.update_gram();
  return in;
}

TaskInput TaskInput::from_gram(Eigen::MatrixXd gram, Eigen::VectorXd losses) {
  TaskInput in;
  in.gram = std::move(gram);
  in.losses = std::move(losses);
  return in;
}

void TaskInput::update_gram() { gram.noalias() = grads.transpose() * grads; }

Eigen::VectorXd TaskInput::shifted_losses(const char* who) const {
  if (!has_losses())
    throw InputError(std::string(who) + " needs the per-task losses");
  Eigen::VectorXd l = losses;
  if (loss_floor.size() == l.size()) l -= loss_floor;
  for (int i = 0; i < l.size(); ++i) {
    if (!(l[i] > 0))
      throw InputError(std::string(who) + " takes logs or powers of losses, but task " +
                       std::to_string(i + 1) + "'s loss minus its floor is " +
                       std::to_string(l[i]) + " (not > 0); give a loss floor below the loss");
  }
  return l;
}

namespace {
void check_finite(const Eigen::MatrixXd& m, const char* what) {
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (!std::isfinite(m(i, j)))
        throw InputError(std::string(what) + " has a non-finite value (" +
                         std::to_string(m(i, j)) + ") at row " + std::to_string(i + 1) +
                         ", column " + std::to_string(j + 1));
}
}  // namespace

void validate(const TaskInput& in) {
  const auto k = in.gram.rows();
  if (k < 1) throw InputError("no tasks: the Gram matrix is empty");
  if (in.gram.cols() != k)
    throw InputError("the Gram matrix must be square, got " + std::to_string(k) + " x " +
                     std::to_string(in.gram.cols()));
  if (in.has_grads()) {
    if (in.grads.cols() != k)
      throw InputError("grads has " + std::to_string(in.grads.cols()) + " tasks but gram has " +
                       std::to_string(k));
    check_finite(in.grads, "a task gradient");
  }
  check_finite(in.gram, "the Gram matrix");
  for (Eigen::Index i = 0; i < k; ++i) {
    if (in.gram(i, i) < 0)
      throw InputError("the Gram matrix has a negative diagonal entry at " + std::to_string(i + 1));
    for (Eigen::Index j = 0; j < i; ++j) {
      const double a = in.gram(i, j), b = in.gram(j, i);
      if (std::abs(a - b) > 1e-9 * (std::abs(a) + std::abs(b)) + 1e-300)
        throw InputError("the Gram matrix is not symmetric at (" + std::to_string(i + 1) + ", " +
                         std::to_string(j + 1) + ")");
    }
  }
  if (in.has_losses()) {
    if (in.losses.size() != k)
      throw InputError("losses has " + std::to_string(in.losses.size()) + " entries for " +
                       std::to_string(k) + " tasks");
    check_finite(in.losses, "losses");
  }
  if (in.loss_floor.size() != 0 && in.loss_floor.size() != k)
    throw InputError("loss_floor has " + std::to_string(in.loss_floor.size()) + " entries for " +
                     std::to_string(k) + " tasks");
}

}  // namespace ps
