#pragma once
// PCGrad (Yu et al. 2020, "Gradient Surgery for Multi-Task Learning"). Each task's gradient g_i
// is projected, for every task j in a random order (j = i included, as in the paper's code),
// off the ORIGINAL g_j whenever the current projected g_i' conflicts with it (g_i'^T g_j < 0):
// g_i' <- g_i' - (g_i'^T g_j / |g_j|^2) g_j. d = sum_i g_i'.
//
// Every g_i' is kept as coefficients over the original gradients, so the method works from the
// Gram matrix alone; weights = the summed coefficients, so d = G w exactly. The order of the
// outer loop over i does not matter (each g_i' only reads the originals); one shuffle per task
// is drawn from a 64-bit Mersenne Twister seeded by "seed" (portable, unlike std::shuffle).
// Diagnostics: iterations = number of projections made; residual = 0.
#include <cstdint>
#include <random>
#include <vector>

#include "core/method.h"

namespace ps {

// Column i of the result holds the coefficients of g_i' over the original gradients, for the
// given visiting orders (orders[i] is a permutation of 0..K-1). `projections` counts them.
Eigen::MatrixXd pcgrad_coefficients(const Eigen::MatrixXd& gram,
                                    const std::vector<std::vector<int>>& orders,
                                    int* projections = nullptr);

class Pcgrad final : public Method {
 public:
  explicit Pcgrad(std::uint64_t seed) : seed_(seed), rng_(seed) {}
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override { rng_.seed(seed_); }

 private:
  std::uint64_t seed_;
  std::mt19937_64 rng_;
  std::vector<std::vector<int>> orders_;
};

}  // namespace ps
