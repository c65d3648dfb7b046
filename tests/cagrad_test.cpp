#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "core/errors.h"
#include "core/registry.h"
#include "tests/random_grads.h"

using namespace ps;

namespace {

using ps::test::random_grads;

double worst_rate(const Eigen::MatrixXd& g, const Eigen::VectorXd& d) {
  return (g.transpose() * d).minCoeff();
}

// CAGrad's primal by brute force in 2-D or 3-D: the best worst-rate over points of the ball
// |d - g0| <= r (its optimum lies on the sphere unless 0 is in the hull; sample both).
double brute_force_primal(const Eigen::MatrixXd& g, double c) {
  const Eigen::VectorXd g0 = g.rowwise().mean();
  const double r = c * g0.norm();
  double best = -std::numeric_limits<double>::infinity();
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    Eigen::VectorXd u(g.rows());
    if (g.rows() == 2) {
      const double t = 2 * M_PI * i / n;
      u << std::cos(t), std::sin(t);
    } else {  // Fibonacci sphere
      const double z = 1 - 2 * (i + 0.5) / n, t = M_PI * (3 - std::sqrt(5.0)) * i;
      u << std::sqrt(1 - z * z) * std::cos(t), std::sqrt(1 - z * z) * std::sin(t), z;
    }
    for (double f : {1.0, 0.5, 0.0}) best = std::max(best, worst_rate(g, g0 + f * r * u));
  }
  return best;
}

}  // namespace

TEST_CASE("CAGrad with c = 0 is exactly the mean gradient", "[cagrad]") {
  std::mt19937_64 rng(21);
  auto method = make_method("cagrad", {{"c", 0}});
  for (int k = 1; k <= 6; ++k) {
    const Eigen::MatrixXd g = random_grads(rng, 4, k);
    const MethodResult r = method->update(TaskInput::from_grads(g));
    CHECK(r.weights.isApproxToConstant(1.0 / k));
    CHECK(r.direction.isApprox(g.rowwise().mean()));
    CHECK(r.status == Status::ok);
  }
}

TEST_CASE("CAGrad's direction solves its max-min problem (brute force, 2-D and 3-D)",
          "[cagrad]") {
  std::mt19937_64 rng(22);
  for (int trial = 0; trial < 12; ++trial) {
    const int m = 2 + trial % 2, k = 2 + trial % 3;
    const double c = std::array<double, 4>{0.2, 0.4, 0.5, 0.9}[trial % 4];
    const Eigen::MatrixXd g = random_grads(rng, m, k);
    const MethodResult r = make_method("cagrad", {{"c", c}})->update(TaskInput::from_grads(g));
    const Eigen::VectorXd d = (1 + c * c) * r.direction;  // undo the code's rescale
    const Eigen::VectorXd g0 = g.rowwise().mean();
    const double scale = g.colwise().squaredNorm().maxCoeff();
    INFO("trial " << trial << " status " << to_string(r.status));
    CHECK((d - g0).norm() <= c * g0.norm() * (1 + 1e-9));
    const double brute = brute_force_primal(g, c);
    CHECK(worst_rate(g, d) >= brute - 1e-9 * scale);
    CHECK(worst_rate(g, d) <= brute + 1e-3 * scale);  // the sampling is only so fine
    CHECK(r.residual <= 1e-9 * scale);
  }
}

TEST_CASE("CAGrad raises the worst task's rate over the mean gradient under conflict",
          "[cagrad]") {
  std::mt19937_64 rng(23);
  int conflicted = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const int k = 2 + trial % 6;
    const Eigen::MatrixXd g = random_grads(rng, 3 + trial % 20, k);
    const Eigen::MatrixXd a = g.transpose() * g;
    const MethodResult r = make_method("cagrad")->update(TaskInput::from_gram(a));
    REQUIRE(r.direction.size() == 0);
    const double c = 0.4;
    const Eigen::VectorXd rates = (1 + c * c) * r.rates;  // g_i^T d*
    const Eigen::VectorXd mean_rates = a.rowwise().mean();
    const double scale = a.diagonal().maxCoeff();
    CHECK(rates.minCoeff() >= mean_rates.minCoeff() - 1e-12 * scale);
    if (mean_rates.minCoeff() < 0) {  // some task is hurt by the mean gradient
      ++conflicted;
      CHECK(rates.minCoeff() > mean_rates.minCoeff() + 1e-6 * scale);
    }
    CHECK(r.residual <= 1e-9 * scale);
    CHECK(r.iterations > 0);
  }
  CHECK(conflicted >= 5);
}

TEST_CASE("CAGrad: Gram-only equals grads, d = G w, tasks permute", "[cagrad]") {
  std::mt19937_64 rng(24);
  for (int k : {2, 3, 5, 8}) {
    const Eigen::MatrixXd g = random_grads(rng, k + 3, k);
    auto method = make_method("cagrad", {{"c", 0.5}});
    const MethodResult rg = method->update(TaskInput::from_grads(g));
    const MethodResult ra = method->update(TaskInput::from_gram(g.transpose() * g));
    CHECK(rg.weights.isApprox(ra.weights, 1e-10));
    CHECK(rg.direction.isApprox(g * rg.weights, 1e-12));
    CHECK(rg.rates.isApprox(g.transpose() * rg.direction, 1e-10));
    Eigen::VectorXi idx = Eigen::VectorXi::LinSpaced(k, 0, k - 1);
    std::shuffle(idx.data(), idx.data() + k, rng);
    Eigen::MatrixXd gp(g.rows(), k);
    for (int j = 0; j < k; ++j) gp.col(j) = g.col(idx[j]);
    const Eigen::VectorXd wp = method->update(TaskInput::from_grads(gp)).weights;
    for (int j = 0; j < k; ++j) CHECK(wp[j] == Approx(rg.weights[idx[j]]).margin(1e-8));
  }
}

TEST_CASE("CAGrad at a Pareto-stationary point stays finite", "[cagrad]") {
  Eigen::MatrixXd g(2, 2);
  g << 1, -2, 0, 0;  // opposite: 0 in the hull, g0 = (-0.5, 0)
  for (double c : {0.4, 0.9, 1.0, 2.0}) {
    const MethodResult r = make_method("cagrad", {{"c", c}})->update(TaskInput::from_grads(g));
    INFO("c = " << c);
    CHECK(r.weights.allFinite());
    CHECK(r.direction.allFinite());
    // Best worst rate over the ball: max over d_x in [-0.5 - 0.5c, -0.5 + 0.5c] of
    // min(d_x, -2 d_x), which is 0 once the ball reaches 0.
    const double expected = std::min(0.0, -0.5 + 0.5 * c);
    CHECK((1 + c * c) * r.rates.minCoeff() == Approx(expected).margin(1e-9));
    if (c > 1) CHECK(r.status == Status::near_stationary);
  }
}

TEST_CASE("CAGrad: NaN input throws InputError", "[cagrad]") {
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(2, 2);
  a(1, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(make_method("cagrad")->update(TaskInput::from_gram(a)), InputError);
}
