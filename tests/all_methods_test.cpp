// Properties that hold across the whole registry: every method answers finite results of the
// right shapes, and deterministic methods are equivariant under a permutation of the tasks.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "core/errors.h"
#include "core/registry.h"

using namespace ps;

namespace {

Eigen::MatrixXd random_grads(int m, int k, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> n(0, 1);
  Eigen::MatrixXd g(m, k);
  for (int j = 0; j < k; ++j)
    for (int i = 0; i < m; ++i) g(i, j) = n(rng);
  // A shared component keeps the tasks away from Pareto stationarity.
  for (int j = 0; j < k; ++j) g.col(j) += Eigen::VectorXd::Constant(m, 1.5);
  return g;
}

TaskInput input_for(const Eigen::MatrixXd& g, const Eigen::VectorXd& losses) {
  TaskInput in = TaskInput::from_grads(g, losses);
  in.loss_floor = Eigen::VectorXd::Zero(g.cols());
  return in;
}

}  // namespace

TEST_CASE("every registry method answers finite weights, rates and direction", "[registry]") {
  const int m = 12, k = 4;
  const Eigen::MatrixXd g = random_grads(m, k, 7);
  const Eigen::VectorXd losses = (Eigen::VectorXd(k) << 0.5, 1.0, 2.0, 4.0).finished();
  for (const auto& info : methods()) {
    INFO(info.name);
    auto method = make_method(info.name);
    TaskInput in = input_for(g, losses);
    // Two steps, so stateful methods use their state at least once.
    MethodResult r = method->update(in);
    r = method->update(in);
    REQUIRE(r.weights.size() == k);
    REQUIRE(r.rates.size() == k);
    REQUIRE(r.direction.size() == m);
    CHECK(r.weights.allFinite());
    CHECK(r.rates.allFinite());
    CHECK(r.direction.allFinite());
    // rates are g_i^T d by definition.
    CHECK((g.transpose() * r.direction - r.rates).norm() <= 1e-9 * (1 + r.rates.norm()));
  }
}

TEST_CASE("permuting the tasks permutes the weights of every deterministic method",
          "[registry]") {
  const int m = 9, k = 5;
  const Eigen::MatrixXd g = random_grads(m, k, 11);
  const Eigen::VectorXd losses = (Eigen::VectorXd(k) << 0.3, 0.9, 1.7, 2.2, 5.0).finished();
  Eigen::VectorXi perm(k);
  perm << 3, 0, 4, 1, 2;
  // Each task's loss falls at its own rate, so history-driven methods (DWA, UW, FAMO) get
  // well-conditioned updates rather than rounding noise.
  const Eigen::VectorXd rate = (Eigen::VectorXd(k) << 0.05, 0.2, 0.1, 0.3, 0.15).finished();
  auto losses_at = [&](int step, bool permuted) {
    Eigen::VectorXd l(k);
    for (int j = 0; j < k; ++j) {
      const int src = permuted ? perm[j] : j;
      l[j] = losses[src] * std::exp(-rate[src] * step);
    }
    return l;
  };
  Eigen::MatrixXd gp(m, k);
  for (int j = 0; j < k; ++j) gp.col(j) = g.col(perm[j]);
  for (const auto& info : methods()) {
    if (info.randomized) continue;  // their draws depend on task order by design
    INFO(info.name);
    auto a = make_method(info.name);
    auto b = make_method(info.name);
    MethodResult ra, rb;
    // Stateful methods see the same history in both orders.
    for (int step = 0; step < 3; ++step) {
      ra = a->update(input_for(g * (1.0 + 0.1 * step), losses_at(step, false)));
      rb = b->update(input_for(gp * (1.0 + 0.1 * step), losses_at(step, true)));
    }
    for (int j = 0; j < k; ++j)
      CHECK(rb.weights[j] == Approx(ra.weights[perm[j]]).epsilon(1e-7).margin(1e-12));
    CHECK((rb.direction - ra.direction).norm() <= 1e-7 * (1 + ra.direction.norm()));
  }
}

TEST_CASE("a NaN gradient is an InputError for every method", "[registry]") {
  Eigen::MatrixXd g = random_grads(6, 3, 5);
  g(2, 1) = std::numeric_limits<double>::quiet_NaN();
  const Eigen::VectorXd losses = Eigen::VectorXd::Constant(3, 1.0);
  for (const auto& info : methods()) {
    INFO(info.name);
    auto method = make_method(info.name);
    TaskInput in;
    in.grads = g;
    in.update_gram();
    in.losses = losses;
    CHECK_THROWS_AS(method->update(in), InputError);
  }
}
