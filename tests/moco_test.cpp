#include <catch2/catch.hpp>
#include <limits>
#include <random>

#include "core/errors.h"
#include "core/registry.h"
#include "core/solvers/min_norm.h"
#include "tests/random_grads.h"

using namespace ps;

namespace {

using ps::test::random_grads;

}  // namespace

TEST_CASE("MoCo with a fixed G converges to the MGDA weights", "[moco]") {
  std::mt19937_64 rng(51);
  for (int k : {2, 3, 5}) {
    for (double beta : {1.0, 0.3}) {
      Eigen::MatrixXd g = random_grads(rng, k + 3, k);
      const Eigen::MatrixXd a0 = g.transpose() * g;
      g /= std::sqrt(a0.eigenvalues().real().maxCoeff());  // largest eigenvalue of G^T G: 1
      const Eigen::MatrixXd a = g.transpose() * g;
      const TaskInput in = TaskInput::from_grads(g);
      auto method = make_method("moco", {{"beta", beta}, {"gamma", 0.5}});
      MethodResult r;
      for (int s = 0; s < 20000; ++s) method->update(in, r);
      const MinNormResult mgda = min_norm_simplex(a);
      INFO("K = " << k << ", beta = " << beta);
      CHECK((r.weights - mgda.weights).cwiseAbs().maxCoeff() <= 1e-6);
      CHECK(r.direction.isApprox(g * mgda.weights, 1e-5));
      CHECK(r.residual <= 1e-9);
      CHECK(r.iterations == 20000);
      CHECK(r.weights.sum() == Approx(1));
      CHECK(r.weights.minCoeff() >= 0);
    }
  }
}

TEST_CASE("MoCo tracks the gradients with rate beta", "[moco]") {
  std::mt19937_64 rng(52);
  const Eigen::MatrixXd g1 = random_grads(rng, 6, 3), g2 = random_grads(rng, 6, 3);
  auto method = make_method("moco", {{"beta", 0.25}});
  method->update(TaskInput::from_grads(g1));
  MethodResult r = method->update(TaskInput::from_grads(g2));
  const Eigen::MatrixXd y = 0.75 * g1 + 0.25 * g2;
  CHECK(r.direction.isApprox(y * r.weights, 1e-12));
  CHECK(r.rates.isApprox(g2.transpose() * r.direction, 1e-12));
  // The first step: lambda = Proj(1/K - gamma G^T G 1/K) with the default gamma.
  method->reset();
  r = method->update(TaskInput::from_grads(g2));
  const Eigen::VectorXd u = Eigen::VectorXd::Constant(3, 1.0 / 3);
  CHECK(r.weights.isApprox(project_to_simplex(u - 0.1 * (g2.transpose() * g2) * u), 1e-12));
  CHECK(r.iterations == 1);
}

TEST_CASE("MoCo: reset forgets the state, rho shifts the weights toward uniform", "[moco]") {
  std::mt19937_64 rng(53);
  const Eigen::MatrixXd g1 = random_grads(rng, 5, 3), g2 = random_grads(rng, 5, 3);
  auto a = make_method("moco");
  const Eigen::VectorXd first = a->update(TaskInput::from_grads(g1)).weights;
  a->update(TaskInput::from_grads(g2));
  a->reset();
  CHECK(a->update(TaskInput::from_grads(g1)).weights == first);
  // A large ridge makes the tracked problem nearly isotropic: its minimiser is near uniform.
  Eigen::MatrixXd g = random_grads(rng, 5, 3) * 0.01;
  auto ridge = make_method("moco", {{"rho", 1.0}, {"gamma", 0.5}});
  MethodResult r;
  for (int s = 0; s < 2000; ++s) ridge->update(TaskInput::from_grads(g), r);
  CHECK(r.weights.isApprox(Eigen::VectorXd::Constant(3, 1.0 / 3), 1e-3));
}

TEST_CASE("MoCo: Gram-only input and NaN throw InputError", "[moco]") {
  auto method = make_method("moco");
  CHECK_THROWS_AS(method->update(TaskInput::from_gram(Eigen::MatrixXd::Identity(2, 2))),
                  InputError);
  Eigen::MatrixXd g = Eigen::MatrixXd::Ones(3, 2);
  g(1, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(method->update(TaskInput::from_grads(g)), InputError);
}
