#pragma once
// RLW, random loss weighting (Lin et al. 2021): every step w = softmax(z) with fresh
// z ~ N(0, I), so the weights lie on the simplex and average 1/K.
// The stream is portable and deterministic per seed: std::mt19937_64 (fully specified by the
// standard) feeding our own Box-Muller transform (std::normal_distribution is
// implementation-defined). reset() restarts the stream from the seed.
#include <Eigen/Dense>
#include <cstdint>
#include <random>

#include "core/method.h"

namespace ps {

class RandomLossWeighting final : public Method {
 public:
  using Method::update;
  explicit RandomLossWeighting(std::uint64_t seed);
  void update(const TaskInput& in, MethodResult& out) override;
  void reset() override;

 private:
  double next_normal();
  double next_uniform();  // [0, 1), 53 random bits

  std::uint64_t seed_;
  std::mt19937_64 gen_;
  bool has_spare_ = false;  // Box-Muller makes normals in pairs
  double spare_ = 0;
};

}  // namespace ps
