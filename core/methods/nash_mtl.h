#pragma once
// Nash-MTL (Navon et al. 2022): the Nash bargaining solution G^T G w = 1 / w, i.e. FairGrad with
// alpha = 1, solved exactly by AlphaFairSolver (the paper approximates it by a sequence of
// convex programs). Direction d = sum_i w_i g_i, unscaled. With update_every = N the weights
// are recomputed on steps 1, N + 1, 2N + 1, ... and reused in between (direction and rates are
// recomputed from the current gradients; iterations = 0 and the residual is that of the last
// solve). A change in the number of tasks forces a solve; reset() starts the count again.
#include "core/method.h"
#include "core/solvers/alpha_fair.h"

namespace ps {

class NashMtl final : public Method {
 public:
  // Throws InputError unless update_every >= 1.
  explicit NashMtl(int update_every = 1, AlphaFairOptions options = {});
  using Method::update;
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override;

 private:
  int update_every_;
  int since_solve_ = 0;  // steps since the last solve; 0 forces one
  AlphaFairSolver solver_;
  AlphaFairReport last_;
  Eigen::VectorXd w_;
  bool warm_ = false;
};

}  // namespace ps
