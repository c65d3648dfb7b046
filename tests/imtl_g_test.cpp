#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>
#include <random>

#include "core/errors.h"
#include "core/registry.h"

using namespace ps;

namespace {

Eigen::MatrixXd random_grads(std::mt19937_64& rng, int m, int k) {
  std::normal_distribution<double> n(0, 1);
  std::uniform_real_distribution<double> len(0.1, 5);
  Eigen::MatrixXd g(m, k);
  for (int j = 0; j < k; ++j) {
    for (int i = 0; i < m; ++i) g(i, j) = n(rng);
    g.col(j) *= len(rng);  // unequal norms, so that equal projections are not trivial
  }
  return g;
}

// d^T g_i / |g_i| for every task with a nonzero gradient.
Eigen::VectorXd projections(const Eigen::MatrixXd& g, const Eigen::VectorXd& d) {
  return (g.transpose() * d).cwiseQuotient(g.colwise().norm().transpose());
}

}  // namespace

TEST_CASE("IMTL-G: equal projections on every unit gradient, weights sum to 1", "[imtl_g]") {
  std::mt19937_64 rng(31);
  auto method = make_method("imtl_g");
  for (int k = 2; k <= 6; ++k) {
    for (int trial = 0; trial < 10; ++trial) {
      const Eigen::MatrixXd g = random_grads(rng, k + 2 + trial, k);
      const MethodResult r = method->update(TaskInput::from_grads(g));
      INFO("K = " << k << " trial " << trial);
      CHECK(r.status == Status::ok);
      CHECK(r.weights.sum() == Approx(1));
      const Eigen::VectorXd p = projections(g, r.direction);
      const double scale = g.colwise().norm().maxCoeff();
      CHECK(p.maxCoeff() - p.minCoeff() <= 1e-9 * scale);
      CHECK(r.residual <= 1e-9 * scale);
      // The direction is a genuine combination, not the trivial d = 0 (m > K: independent).
      CHECK(r.direction.norm() > 1e-6 * scale);
    }
  }
}

TEST_CASE("IMTL-G, K = 2: d bisects the angle, alpha_1 = |g_2| / (|g_1| + |g_2|)", "[imtl_g]") {
  std::mt19937_64 rng(32);
  for (int trial = 0; trial < 20; ++trial) {
    const Eigen::MatrixXd g = random_grads(rng, 3, 2);
    const MethodResult r = make_method("imtl_g")->update(TaskInput::from_grads(g));
    const double n1 = g.col(0).norm(), n2 = g.col(1).norm();
    CHECK(r.weights[0] == Approx(n2 / (n1 + n2)));
    const Eigen::VectorXd bisector = g.col(0) / n1 + g.col(1) / n2;
    CHECK(std::abs(r.direction.normalized().dot(bisector.normalized())) == Approx(1));
  }
}

TEST_CASE("IMTL-G: Gram-only equals grads, tasks permute", "[imtl_g]") {
  std::mt19937_64 rng(33);
  auto method = make_method("imtl_g");
  for (int k : {2, 3, 4, 6}) {
    const Eigen::MatrixXd g = random_grads(rng, k + 4, k);
    const MethodResult rg = method->update(TaskInput::from_grads(g));
    const MethodResult ra = method->update(TaskInput::from_gram(g.transpose() * g));
    CHECK(rg.weights.isApprox(ra.weights, 1e-10));
    CHECK(rg.direction.isApprox(g * rg.weights, 1e-12));
    CHECK(ra.rates.isApprox(g.transpose() * rg.direction, 1e-9));
    Eigen::VectorXi idx = Eigen::VectorXi::LinSpaced(k, 0, k - 1);
    std::shuffle(idx.data(), idx.data() + k, rng);
    Eigen::MatrixXd gp(g.rows(), k);
    for (int j = 0; j < k; ++j) gp.col(j) = g.col(idx[j]);
    const Eigen::VectorXd wp = method->update(TaskInput::from_grads(gp)).weights;
    for (int j = 0; j < k; ++j) CHECK(wp[j] == Approx(rg.weights[idx[j]]).margin(1e-9));
  }
}

TEST_CASE("IMTL-G: singular systems and zero gradients give finite, flagged results",
          "[imtl_g]") {
  std::mt19937_64 rng(34);
  Eigen::MatrixXd g = random_grads(rng, 6, 4);
  g.col(3) = 2.5 * g.col(1);  // same direction as task 2: a redundant equation
  MethodResult r = make_method("imtl_g")->update(TaskInput::from_grads(g));
  CHECK(r.status == Status::near_stationary);
  CHECK_FALSE(r.note.empty());
  CHECK(r.weights.allFinite());
  CHECK(r.weights.sum() == Approx(1));
  Eigen::VectorXd p = projections(g, r.direction);
  CHECK(p.maxCoeff() - p.minCoeff() <= 1e-9 * g.colwise().norm().maxCoeff());

  g.col(2).setZero();
  r = make_method("imtl_g")->update(TaskInput::from_grads(g));
  CHECK(r.status == Status::near_stationary);
  CHECK(r.weights.allFinite());
  CHECK(r.weights[2] == 0);
  CHECK(r.direction.allFinite());

  r = make_method("imtl_g")->update(TaskInput::from_gram(Eigen::MatrixXd::Zero(3, 3)));
  CHECK(r.status == Status::near_stationary);
  CHECK(r.weights.isApproxToConstant(1.0 / 3));
}

TEST_CASE("IMTL-G: NaN input throws InputError", "[imtl_g]") {
  Eigen::MatrixXd g = Eigen::MatrixXd::Ones(3, 2);
  g(2, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(make_method("imtl_g")->update(TaskInput::from_grads(g)), InputError);
}
