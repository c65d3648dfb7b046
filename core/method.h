#pragma once
// A weighting method: a small stateful object that turns task gradients (or their Gram matrix)
// and losses into weights w, the shared direction d = G w, and diagnostics.
#include <Eigen/Dense>
#include <memory>
#include <string>

#include "core/task_input.h"

namespace ps {

enum class Status {
  ok,               // converged / exact
  max_iterations,   // iterative solver stopped at its cap; the result is the best iterate
  near_stationary,  // at or near a Pareto-stationary point; a documented fallback was returned
};
const char* to_string(Status s);

struct MethodResult {
  Eigen::VectorXd weights;    // K: d = G w for every method whose direction is a combination
  Eigen::VectorXd direction;  // m: d; empty when only the Gram matrix was given
  Eigen::VectorXd rates;      // K: g_i^T d, each task's loss-decrease rate
  int iterations = 0;         // solver iterations (0 for closed forms)
  double residual = 0;        // solver residual (method-specific, documented in its header)
  Status status = Status::ok;
  std::string note;           // why, when status != ok
};

class Method {
 public:
  virtual ~Method() = default;
  // One step. Throws InputError on bad input (after validate()). Reuses out's buffers.
  virtual void update(const TaskInput& in, MethodResult& out) = 0;
  MethodResult update(const TaskInput& in) {
    MethodResult r;
    update(in, r);
    return r;
  }
  // Forgets state kept across steps (a new run); random methods restart their seeded stream.
  virtual void reset() {}
};

// Fills direction = G w (when grads are known) and rates = gram w from out.weights.
// Methods whose direction is a combination of the task gradients end with it.
void finish_linear(const TaskInput& in, MethodResult& out);

}  // namespace ps
