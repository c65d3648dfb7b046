#include <catch2/catch.hpp>
#include <limits>
#include <numeric>
#include <random>
#include <set>

#include "core/errors.h"
#include "core/methods/pcgrad.h"
#include "core/registry.h"
#include "tests/random_grads.h"

using namespace ps;

namespace {

using ps::test::random_grads;

// The paper's code on explicit vectors: for each g_i, project off the original g_j in order.
Eigen::MatrixXd projected_directly(const Eigen::MatrixXd& g,
                                   const std::vector<std::vector<int>>& orders) {
  Eigen::MatrixXd pc = g;
  for (int i = 0; i < g.cols(); ++i)
    for (int j : orders[i]) {
      const double dot = pc.col(i).dot(g.col(j));
      if (dot < 0) pc.col(i) -= dot / g.col(j).squaredNorm() * g.col(j);
    }
  return pc;
}

}  // namespace

TEST_CASE("PCGrad coefficients reproduce the paper's vector algorithm", "[pcgrad]") {
  std::mt19937_64 rng(11);
  for (int k = 2; k <= 7; ++k) {
    const Eigen::MatrixXd g = random_grads(rng, 4, k);
    std::vector<std::vector<int>> orders(k, std::vector<int>(k));
    for (auto& o : orders) {
      std::iota(o.begin(), o.end(), 0);
      std::shuffle(o.begin(), o.end(), rng);
    }
    int projections = 0;
    const Eigen::MatrixXd c = pcgrad_coefficients(g.transpose() * g, orders, &projections);
    INFO("K = " << k);
    CHECK((g * c).isApprox(projected_directly(g, orders), 1e-10));
    CHECK(projections >= 0);
  }
}

TEST_CASE("PCGrad, K = 2: the projected gradients no longer conflict", "[pcgrad]") {
  std::mt19937_64 rng(12);
  int conflicting = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::MatrixXd g = random_grads(rng, 3, 2);
    const std::vector<std::vector<int>> orders = {{0, 1}, {1, 0}};
    const Eigen::MatrixXd pc = g * pcgrad_coefficients(g.transpose() * g, orders);
    const double scale = g.col(0).squaredNorm() + g.col(1).squaredNorm();
    CHECK(pc.col(0).dot(pc.col(1)) >= -1e-12 * scale);
    CHECK(pc.col(0).dot(g.col(1)) >= -1e-12 * scale);
    CHECK(pc.col(1).dot(g.col(0)) >= -1e-12 * scale);
    if (g.col(0).dot(g.col(1)) < 0) {
      ++conflicting;
      // A conflicting pair is projected onto each other's normal plane.
      CHECK(std::abs(pc.col(0).dot(g.col(1))) <= 1e-12 * scale);
    } else {
      CHECK(pc.isApprox(g));  // no conflict: untouched
    }
  }
  CHECK(conflicting > 50);
}

TEST_CASE("PCGrad: Gram-only equals grads, d = G w, no conflict means the plain sum",
          "[pcgrad]") {
  std::mt19937_64 rng(13);
  for (int k = 2; k <= 6; ++k) {
    const Eigen::MatrixXd g = random_grads(rng, 5, k);
    auto a = make_method("pcgrad", {{"seed", 3}});
    auto b = make_method("pcgrad", {{"seed", 3}});
    const MethodResult rg = a->update(TaskInput::from_grads(g));
    const MethodResult ra = b->update(TaskInput::from_gram(g.transpose() * g));
    CHECK(rg.weights.isApprox(ra.weights, 1e-12));
    CHECK(rg.direction.isApprox(g * rg.weights, 1e-12));
    CHECK(rg.rates.isApprox(g.transpose() * rg.direction, 1e-10));
    CHECK(ra.direction.size() == 0);
  }
  Eigen::MatrixXd g(2, 3);
  g << 1, 2, 0.5, 0, 1, 3;  // pairwise non-negative inner products
  const MethodResult r = make_method("pcgrad")->update(TaskInput::from_grads(g));
  CHECK(r.weights.isApproxToConstant(1.0));
  CHECK(r.iterations == 0);
}

TEST_CASE("PCGrad: same seed same stream, other seeds other orders, reset restarts",
          "[pcgrad][random]") {
  std::mt19937_64 rng(14);
  const Eigen::MatrixXd g = random_grads(rng, 3, 6);  // many conflicts in 3-D
  const TaskInput in = TaskInput::from_gram(g.transpose() * g);
  auto a = make_method("pcgrad", {{"seed", 7}});
  auto b = make_method("pcgrad", {{"seed", 7}});
  std::vector<Eigen::VectorXd> first;
  for (int s = 0; s < 5; ++s) {
    first.push_back(a->update(in).weights);
    CHECK(b->update(in).weights == first.back());
  }
  a->reset();
  for (int s = 0; s < 5; ++s) CHECK(a->update(in).weights == first[s]);
  // The stream moves on: not every step draws the same orders.
  bool changes = false;
  for (int s = 1; s < 5; ++s) changes |= !first[s].isApprox(first[0], 1e-12);
  CHECK(changes);
  std::set<std::vector<double>> distinct;
  for (int seed = 0; seed < 10; ++seed) {
    const Eigen::VectorXd w = make_method("pcgrad", {{"seed", double(seed)}})->update(in).weights;
    distinct.insert(std::vector<double>(w.data(), w.data() + w.size()));
  }
  CHECK(distinct.size() >= 3);
}

TEST_CASE("PCGrad: NaN input throws InputError", "[pcgrad]") {
  Eigen::MatrixXd g = Eigen::MatrixXd::Ones(2, 2);
  g(0, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(make_method("pcgrad")->update(TaskInput::from_grads(g)), InputError);
}
