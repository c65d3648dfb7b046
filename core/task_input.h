#pragma once
// What a weighting method sees at one step: the task gradients (or only their Gram matrix) and
// the per-task losses.
#include <Eigen/Dense>

namespace ps {

struct TaskInput {
  Eigen::MatrixXd grads;       // m x K, column i is task i's gradient; 0 x 0 when only gram is known
  Eigen::MatrixXd gram;        // K x K, G^T G; always set
  Eigen::VectorXd losses;      // K, or empty when unknown
  Eigen::VectorXd loss_floor;  // K known lower bounds m_i; methods that take logs use l_i - m_i.
                               // Empty means 0.

  static TaskInput from_grads(Eigen::MatrixXd grads, Eigen::VectorXd losses = {});
  static TaskInput from_gram(Eigen::MatrixXd gram, Eigen::VectorXd losses = {});

  // Refills gram = grads^T grads in place (no allocation when the size is unchanged).
  void update_gram();

  int num_tasks() const { return static_cast<int>(gram.rows()); }
  bool has_grads() const { return grads.cols() > 0; }
  bool has_losses() const { return losses.size() > 0; }

  // l_i - m_i (losses minus loss_floor). Throws InputError naming the task if one is <= 0 or
  // losses are missing; `who` names the method in the message.
  Eigen::VectorXd shifted_losses(const char* who) const;
};

// Throws InputError with a clear message on NaN or infinite values, a non-square or
// non-symmetric Gram matrix, or sizes that disagree. Methods call it first.
void validate(const TaskInput& in);

}  // namespace ps
