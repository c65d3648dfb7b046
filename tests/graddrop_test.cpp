#include <catch2/catch.hpp>
#include <limits>
#include <random>

#include "core/errors.h"
#include "core/registry.h"
#include "tests/random_grads.h"

using namespace ps;

namespace {

using ps::test::random_grads;

}  // namespace

TEST_CASE("GradDrop, leak 0: every coordinate is the sum of one sign's parts", "[graddrop]") {
  std::mt19937_64 rng(41);
  auto method = make_method("graddrop", {{"seed", 5}});
  int pos = 0, neg = 0;
  for (int step = 0; step < 20; ++step) {
    const Eigen::MatrixXd g = random_grads(rng, 50, 1 + step % 5);
    const MethodResult r = method->update(TaskInput::from_grads(g));
    REQUIRE(r.direction.size() == 50);
    Eigen::VectorXd kept_sq = Eigen::VectorXd::Zero(g.cols());
    for (int c = 0; c < g.rows(); ++c) {
      const double p = g.row(c).cwiseMax(0).sum(), n = g.row(c).cwiseMin(0).sum();
      const bool took_pos = r.direction[c] == Approx(p).margin(1e-14) && p > 0;
      const bool took_neg = r.direction[c] == Approx(n).margin(1e-14) && n < 0;
      CHECK((took_pos || took_neg));
      pos += took_pos;
      neg += took_neg;
      for (int i = 0; i < g.cols(); ++i)
        if ((took_pos && g(c, i) > 0) || (took_neg && g(c, i) < 0)) kept_sq[i] += g(c, i) * g(c, i);
    }
    // weights: the fraction of each gradient's squared norm that was kept.
    CHECK(r.weights.isApprox(kept_sq.cwiseQuotient(g.colwise().squaredNorm().transpose())));
    CHECK(r.rates.isApprox(g.transpose() * r.direction, 1e-12));
  }
  CHECK(pos > 100);
  CHECK(neg > 100);
}

TEST_CASE("GradDrop keeps the positive parts with probability P", "[graddrop][random]") {
  Eigen::MatrixXd g(1, 3);
  g << 3, 1, -1;  // P = (1 + 3/5) / 2 = 0.8
  auto method = make_method("graddrop", {{"seed", 9}});
  const int steps = 4000;
  int positive = 0;
  for (int s = 0; s < steps; ++s) positive += method->update(TaskInput::from_grads(g)).direction[0] > 0;
  CHECK(positive / double(steps) == Approx(0.8).margin(0.03));  // about 5 standard deviations
}

TEST_CASE("GradDrop: leak 1 is the plain sum, agreeing signs are never dropped", "[graddrop]") {
  std::mt19937_64 rng(42);
  const Eigen::MatrixXd g = random_grads(rng, 30, 4);
  const MethodResult r = make_method("graddrop", {{"leak", 1}})->update(TaskInput::from_grads(g));
  CHECK(r.direction.isApprox(g.rowwise().sum()));
  CHECK(r.weights.isApproxToConstant(1.0));
  const Eigen::MatrixXd same_sign = g.cwiseAbs();
  for (int seed = 0; seed < 5; ++seed) {
    const MethodResult s = make_method("graddrop", {{"seed", double(seed)}})
                               ->update(TaskInput::from_grads(-same_sign));
    CHECK(s.direction.isApprox(-same_sign.rowwise().sum()));
  }
  // Half leak: halfway between the masked sum and the plain sum, with the same draws.
  const MethodResult m0 = make_method("graddrop", {{"seed", 3}})->update(TaskInput::from_grads(g));
  const MethodResult mh =
      make_method("graddrop", {{"seed", 3}, {"leak", 0.5}})->update(TaskInput::from_grads(g));
  CHECK(mh.direction.isApprox(0.5 * (m0.direction + g.rowwise().sum())));
  CHECK(mh.weights.isApprox(0.5 * (m0.weights + Eigen::VectorXd::Ones(4))));
}

TEST_CASE("GradDrop: seeded stream, reset restarts, seeds differ", "[graddrop][random]") {
  std::mt19937_64 rng(43);
  const TaskInput in = TaskInput::from_grads(random_grads(rng, 40, 3));
  auto a = make_method("graddrop", {{"seed", 1}});
  auto b = make_method("graddrop", {{"seed", 1}});
  auto c = make_method("graddrop", {{"seed", 2}});
  const Eigen::VectorXd d1 = a->update(in).direction, d2 = a->update(in).direction;
  CHECK(b->update(in).direction == d1);
  CHECK(d2 != d1);
  CHECK(c->update(in).direction != d1);
  a->reset();
  CHECK(a->update(in).direction == d1);
}

TEST_CASE("GradDrop: Gram-only input and NaN throw InputError", "[graddrop]") {
  auto method = make_method("graddrop");
  CHECK_THROWS_AS(method->update(TaskInput::from_gram(Eigen::MatrixXd::Identity(2, 2))),
                  InputError);
  Eigen::MatrixXd g = Eigen::MatrixXd::Ones(3, 2);
  g(0, 1) = -std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(method->update(TaskInput::from_grads(g)), InputError);
}
