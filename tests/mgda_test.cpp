#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "core/errors.h"
#include "core/registry.h"
#include "core/solvers/min_norm.h"
#include "tests/random_grads.h"

using namespace ps;

namespace {

using ps::test::random_grads;

double quad(const Eigen::MatrixXd& a, const Eigen::VectorXd& w) { return w.dot(a * w); }

// Checks simplex membership and the KKT conditions of min w^T A w over the simplex.
void check_kkt(const Eigen::MatrixXd& a, const Eigen::VectorXd& w, double tol) {
  REQUIRE(w.size() == a.rows());
  CHECK(w.minCoeff() >= 0);
  CHECK(w.sum() == Approx(1).epsilon(1e-12));
  const Eigen::VectorXd aw = a * w;
  const double v = w.dot(aw);
  const double scale = a.diagonal().maxCoeff();
  for (int i = 0; i < w.size(); ++i) {
    CHECK(aw[i] >= v - tol * scale);
    if (w[i] > 1e-9) CHECK(std::abs(aw[i] - v) <= tol * scale);
  }
}

// Minimises w^T A w by many projected-gradient steps: an independent, slow reference.
Eigen::VectorXd projected_gradient(const Eigen::MatrixXd& a, int steps) {
  const int k = static_cast<int>(a.rows());
  const double lip = 2 * a.eigenvalues().real().maxCoeff();
  Eigen::VectorXd w = Eigen::VectorXd::Constant(k, 1.0 / k), y = w;
  double t = 1;
  for (int s = 0; s < steps; ++s) {  // FISTA
    const Eigen::VectorXd next = project_to_simplex(y - (2 / lip) * (a * y));
    const double tn = (1 + std::sqrt(1 + 4 * t * t)) / 2;
    y = next + ((t - 1) / tn) * (next - w);
    w = next;
    t = tn;
  }
  return w;
}

}  // namespace

TEST_CASE("min-norm point beats a dense grid over the simplex, K = 2", "[mgda][min_norm]") {
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 50; ++trial) {
    const Eigen::MatrixXd g = random_grads(rng, 1 + trial % 4, 2);
    const Eigen::MatrixXd a = g.transpose() * g;
    const MinNormResult r = min_norm_simplex(a);
    double grid_min = std::numeric_limits<double>::infinity();
    for (int i = 0; i <= 20000; ++i) {
      Eigen::Vector2d w(i / 20000.0, 1 - i / 20000.0);
      grid_min = std::min(grid_min, quad(a, w));
    }
    INFO("trial " << trial);
    CHECK(r.value <= grid_min + 1e-12);
    CHECK(grid_min - r.value <= 1e-6 * a.diagonal().maxCoeff());
    CHECK(r.value == Approx(quad(a, r.weights)).margin(1e-14));
    check_kkt(a, r.weights, 1e-12);
  }
}

TEST_CASE("min-norm point beats a dense grid over the simplex, K = 3", "[mgda][min_norm]") {
  std::mt19937_64 rng(2);
  const int n = 300;
  for (int trial = 0; trial < 20; ++trial) {
    const Eigen::MatrixXd g = random_grads(rng, 2 + trial % 3, 3);
    const Eigen::MatrixXd a = g.transpose() * g;
    const MinNormResult r = min_norm_simplex(a);
    double grid_min = std::numeric_limits<double>::infinity();
    for (int i = 0; i <= n; ++i)
      for (int j = 0; i + j <= n; ++j) {
        Eigen::Vector3d w(i, j, n - i - j);
        grid_min = std::min(grid_min, quad(a, w / n));
      }
    INFO("trial " << trial);
    CHECK(r.converged);
    CHECK(r.value <= grid_min + 1e-12);
    CHECK(grid_min - r.value <= 1e-3 * a.diagonal().maxCoeff());
    check_kkt(a, r.weights, 1e-10);
  }
}

TEST_CASE("min-norm solver meets KKT and a slow reference for K up to 64", "[mgda][min_norm]") {
  std::mt19937_64 rng(3);
  for (int k : {3, 5, 8, 16, 33, 64}) {
    for (int m : {2, k / 2 + 1, k + 3, 3 * k}) {
      const Eigen::MatrixXd g = random_grads(rng, m, k);
      const Eigen::MatrixXd a = g.transpose() * g;
      const MinNormResult r = min_norm_simplex(a);
      INFO("K = " << k << ", m = " << m << ", iterations " << r.iterations);
      CHECK(r.converged);
      check_kkt(a, r.weights, 1e-10);
      CHECK(r.kkt_residual <= 1e-10 * a.diagonal().maxCoeff());
      const Eigen::VectorXd ref = projected_gradient(a, 20000);
      CHECK(r.value <= quad(a, ref) + 1e-12 * a.diagonal().maxCoeff());
    }
  }
}

TEST_CASE("min-norm solver handles duplicated and collinear gradients", "[mgda][min_norm]") {
  std::mt19937_64 rng(4);
  Eigen::MatrixXd g = random_grads(rng, 3, 8);
  g.col(5) = g.col(1);                            // a duplicate
  g.col(6) = 0.3 * g.col(2) + 0.7 * g.col(3);     // on a segment: affinely dependent
  g.col(7) = 2.0 * g.col(0);                      // parallel
  const Eigen::MatrixXd a = g.transpose() * g;
  const MinNormResult r = min_norm_simplex(a);
  CHECK(r.converged);
  check_kkt(a, r.weights, 1e-10);
  // Many tasks in two dimensions: the hull of 40 random points almost surely holds 0.
  const Eigen::MatrixXd g2 = random_grads(rng, 2, 40);
  const Eigen::MatrixXd a2 = g2.transpose() * g2;
  const MinNormResult r2 = min_norm_simplex(a2);
  CHECK(r2.value <= 1e-12 * a2.diagonal().maxCoeff());
  CHECK(pareto_stationarity(a2) <= 1e-6);
}

TEST_CASE("min-norm of known configurations", "[mgda][min_norm]") {
  // Two opposite gradients: 0 is in the hull at weights inversely proportional to the norms.
  Eigen::MatrixXd g(2, 2);
  g << 1, -3, 0, 0;
  Eigen::MatrixXd a = g.transpose() * g;
  MinNormResult r = min_norm_simplex(a);
  CHECK(r.weights[0] == Approx(0.75));
  CHECK(r.value == Approx(0).margin(1e-15));
  // Acute pair where the shorter one is the answer (a vertex).
  g << 1, 2, 0, 1;
  a = g.transpose() * g;
  r = min_norm_simplex(a);
  CHECK(r.weights[0] == 1.0);
  CHECK(pareto_stationarity(a) == Approx(1 / std::sqrt(5.0)));
  // Orthogonal unit vectors: the midpoint.
  a = Eigen::MatrixXd::Identity(3, 3);
  r = min_norm_simplex(a);
  for (int i = 0; i < 3; ++i) CHECK(r.weights[i] == Approx(1.0 / 3));
  // All zero: uniform weights, value 0.
  r = min_norm_simplex(Eigen::MatrixXd::Zero(4, 4));
  CHECK(r.weights.isApproxToConstant(0.25));
  CHECK(r.value == 0);
}

TEST_CASE("project_to_simplex is the Euclidean projection", "[min_norm]") {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> n(0, 2);
  for (int trial = 0; trial < 100; ++trial) {
    Eigen::VectorXd v(1 + trial % 7);
    for (auto& x : v) x = n(rng);
    const Eigen::VectorXd p = project_to_simplex(v);
    CHECK(p.minCoeff() >= 0);
    CHECK(p.sum() == Approx(1));
    // Variational inequality (v - p)^T (q - p) <= 0 for every vertex q.
    for (int i = 0; i < v.size(); ++i) {
      Eigen::VectorXd q = Eigen::VectorXd::Unit(v.size(), i);
      CHECK((v - p).dot(q - p) <= 1e-12);
    }
  }
  Eigen::Vector3d inside(0.2, 0.3, 0.5);
  CHECK(project_to_simplex(inside).isApprox(inside));
}

TEST_CASE("MGDA: direction is the min-norm point, Gram-only equals grads", "[mgda]") {
  std::mt19937_64 rng(6);
  auto method = make_method("mgda");
  for (int k = 2; k <= 6; ++k) {
    const Eigen::MatrixXd g = random_grads(rng, 7, k);
    const MethodResult rg = method->update(TaskInput::from_grads(g));
    const MethodResult ra = method->update(TaskInput::from_gram(g.transpose() * g));
    INFO("K = " << k);
    CHECK(rg.status == Status::ok);
    CHECK(rg.weights.isApprox(ra.weights, 1e-12));
    CHECK(ra.direction.size() == 0);
    CHECK(rg.direction.isApprox(g * rg.weights, 1e-12));
    CHECK(rg.rates.isApprox(g.transpose() * rg.direction, 1e-10));
    // The min-norm point: every task's rate is at least |d|^2 (equality on the support).
    CHECK(rg.rates.minCoeff() >= rg.direction.squaredNorm() * (1 - 1e-9));
    check_kkt(g.transpose() * g, rg.weights, 1e-10);
  }
}

TEST_CASE("MGDA: permuting tasks permutes the weights", "[mgda]") {
  std::mt19937_64 rng(7);
  auto method = make_method("mgda");
  for (int k : {2, 3, 5, 9}) {
    const Eigen::MatrixXd g = random_grads(rng, k + 2, k);  // A positive definite: unique w
    Eigen::VectorXi idx = Eigen::VectorXi::LinSpaced(k, 0, k - 1);
    std::shuffle(idx.data(), idx.data() + k, rng);
    Eigen::MatrixXd gp(g.rows(), k);
    for (int j = 0; j < k; ++j) gp.col(j) = g.col(idx[j]);
    const Eigen::VectorXd w = method->update(TaskInput::from_grads(g)).weights;
    const Eigen::VectorXd wp = method->update(TaskInput::from_grads(gp)).weights;
    for (int j = 0; j < k; ++j) CHECK(wp[j] == Approx(w[idx[j]]).margin(1e-9));
  }
}

TEST_CASE("MGDA: bad input throws InputError", "[mgda]") {
  auto method = make_method("mgda");
  Eigen::MatrixXd g = Eigen::MatrixXd::Ones(3, 2);
  g(1, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(method->update(TaskInput::from_grads(g)), InputError);
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(2, 2);
  a(0, 1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(method->update(TaskInput::from_gram(a)), InputError);
  CHECK_THROWS_AS(min_norm_simplex(Eigen::MatrixXd(0, 0)), InputError);
}

TEST_CASE("min-norm solver tolerates a Gram matrix rounded to float", "[mgda][min_norm]") {
  // The training job computes G^T G in single precision: slightly indefinite when K > m.
  std::mt19937_64 rng(8);
  for (int k : {8, 32, 64}) {
    for (int m : {3, k / 2, 2 * k}) {
      const Eigen::MatrixXd g = random_grads(rng, m, k) * 1e3;
      const Eigen::MatrixXd exact = g.transpose() * g;
      const Eigen::MatrixXd a = (g.cast<float>().transpose() * g.cast<float>()).cast<double>();
      const Eigen::MatrixXd sym = 0.5 * (a + a.transpose());
      const MinNormResult r = min_norm_simplex(sym);
      const MinNormResult ref = min_norm_simplex(exact);
      const double scale = exact.diagonal().maxCoeff();
      INFO("K = " << k << ", m = " << m);
      CHECK(r.weights.allFinite());
      CHECK(r.weights.minCoeff() >= 0);
      CHECK(r.weights.sum() == Approx(1));
      CHECK(quad(exact, r.weights) <= ref.value + 1e-5 * scale);
      CHECK(r.kkt_residual <= 1e-5 * scale);
    }
  }
}
