#pragma once
// GradDrop (Chen et al. 2020, "Just Pick a Sign: Optimizing Deep Multitask Models with Gradient
// Sign Dropout"). Needs the gradients. Per coordinate c: the sign purity
// P = (1 + sum_i g_ic / sum_i |g_ic|) / 2 and a draw U ~ uniform[0, 1); task i keeps its part
// g_ic when it is positive and P > U, or negative and P < U (f = identity). With leak in [0, 1]
// every task keeps leak g_i whatever the sign:  m_i = leak g_i + (1 - leak) mask_i * g_i,
// d = sum_i m_i. One U per coordinate per step from a 64-bit Mersenne Twister seeded by "seed".
//
// d is not a combination of the task gradients, so weights are a diagnostic: the fraction of
// each gradient kept along itself, w_i = g_i^T m_i / |g_i|^2 (1 for a zero gradient: nothing is
// removed); rates = G^T d computed directly. iterations = 0, residual = 0.
#include <cstdint>
#include <random>

#include "core/method.h"

namespace ps {

class GradDrop final : public Method {
 public:
  GradDrop(double leak, std::uint64_t seed) : leak_(leak), seed_(seed), rng_(seed) {}
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override { rng_.seed(seed_); }

 private:
  double leak_;
  std::uint64_t seed_;
  std::mt19937_64 rng_;
  Eigen::VectorXd kept_sq_;  // per task: sum of the squares of the kept coordinates
};

}  // namespace ps
