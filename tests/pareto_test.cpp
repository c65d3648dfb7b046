// The toy's Pareto set and front: anti-parallel gradients on the set, no point of a dense grid
// dominating the front, and TOY.md's numbers for the bend of the set.
#include "toy/pareto.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/errors.h"
#include "toy/toy_problem.h"

using namespace ps::toy;

namespace {
// x2 of the set at the sample nearest to x1.
double set_x2_at(const ParetoCurve& c, double x1) {
  const Eigen::Vector2d* best = &c.set.front();
  for (const auto& p : c.set)
    if (std::abs(p[0] - x1) < std::abs((*best)[0] - x1)) best = &p;
  REQUIRE(std::abs((*best)[0] - x1) < 1e-9);
  return (*best)[1];
}
}  // namespace

TEST_CASE("the Pareto set has anti-parallel task gradients", "[pareto]") {
  const ParetoCurve c = pareto_curve(0.1, 201);
  REQUIRE(c.set.size() >= 195);
  REQUIRE(c.set.size() == c.front.size());
  const ToyProblem p(0.1);
  for (const auto& x : c.set) {
    INFO("x = (" << x[0] << ", " << x[1] << ")");
    CHECK(x[0] >= -7.0);
    CHECK(x[0] <= 7.0);
    const Eigen::Matrix2d g = p.eval(x).grads;
    const double n1 = g.col(0).norm(), n2 = g.col(1).norm();
    if (std::abs(std::abs(x[0]) - 7.0) < 1e-9) {
      // The ends are single-task minima: that task's gradient vanishes.
      CHECK(std::min(n1 / 0.1, n2) < 1e-9);
      continue;
    }
    const double cosine = g.col(0).dot(g.col(1)) / (n1 * n2);
    CHECK(cosine < -1 + 1e-12);
    // And nearby, off the set, they are not anti-parallel.
    const Eigen::Matrix2d off = p.eval(x + Eigen::Vector2d(0, 0.05)).grads;
    CHECK(off.col(0).dot(off.col(1)) / (off.col(0).norm() * off.col(1).norm()) > -1 + 1e-7);
  }
}

TEST_CASE("the set bends as TOY.md says and does not depend on the scale", "[pareto]") {
  const ParetoCurve c = pareto_curve(0.1, 15);
  CHECK(set_x2_at(c, 0.0) == Approx(-8.355).margin(1e-3));
  CHECK(set_x2_at(c, 7.0) == Approx(-8.434).margin(1e-3));
  CHECK(set_x2_at(c, -7.0) == Approx(-8.434).margin(1e-3));
  // The set is the curve of the reference's line x2 = -8.3552 only near x1 = 0.
  CHECK(std::abs(set_x2_at(c, 7.0) - -8.3552) > 0.05);
  // Mirror symmetry: x1 -> -x1 swaps h1 and h2, and scaling L1 keeps the gradients' directions.
  const ParetoCurve big = pareto_curve(1.0, 15);
  REQUIRE(big.set.size() == c.set.size());
  for (size_t i = 0; i < c.set.size(); ++i) {
    CHECK(c.set[i][1] == Approx(c.set[c.set.size() - 1 - i][1]).margin(1e-9));
    CHECK(big.set[i][1] == Approx(c.set[i][1]).margin(1e-9));
  }
}

TEST_CASE("the front is sorted, non-dominated, and at the set's losses", "[pareto]") {
  const ParetoCurve c = pareto_curve(0.1, 101);
  const ToyProblem p(0.1);
  const size_t n = c.front.size();
  for (size_t i = 0; i < n; ++i) {
    const Eigen::Vector2d l = p.losses(c.set[n - 1 - i]);
    CHECK(c.front[i][0] == l[0]);
    CHECK(c.front[i][1] == l[1]);
    if (i > 0) {
      CHECK(c.front[i][0] > c.front[i - 1][0]);
      CHECK(c.front[i][1] < c.front[i - 1][1]);
    }
  }
  // The front's ends are the single-task minima, about (-2, -0.4) and (-0.04, -20).
  CHECK(c.front.front()[0] == Approx(-2.0).margin(0.01));
  CHECK(c.front.back()[1] == Approx(-20.0).margin(0.02));
}

TEST_CASE("no point of a dense grid dominates a front point", "[pareto][slow]") {
  for (double scale : {0.1, 1.0}) {
    const ParetoCurve c = pareto_curve(scale, 60);
    const ToyProblem p(scale);
    const int n = 400;
    int dominated = 0;
    for (int i = 0; i <= n; ++i)
      for (int j = 0; j <= n; ++j) {
        const Eigen::Vector2d l = p.losses({-10 + 20.0 * i / n, -10 + 20.0 * j / n});
        for (const auto& f : c.front)
          if (l[0] < f[0] - 1e-12 && l[1] < f[1] - 1e-12) ++dominated;
      }
    INFO("scale " << scale);
    CHECK(dominated == 0);
    // The grid does dominate a point 3 above the set (the x1 trade-off is first order, so grid
    // points dominate only points well off the set).
    const Eigen::Vector2d off = p.losses(c.set[c.set.size() / 2] + Eigen::Vector2d(0, 3.0));
    bool beaten = false;
    for (int i = 0; i <= n && !beaten; ++i)
      for (int j = 0; j <= n && !beaten; ++j) {
        const Eigen::Vector2d l = p.losses({-10 + 20.0 * i / n, -10 + 20.0 * j / n});
        beaten = l[0] < off[0] && l[1] < off[1];
      }
    CHECK(beaten);
  }
}

TEST_CASE("pareto_curve rejects bad arguments", "[pareto]") {
  CHECK_THROWS_AS(pareto_curve(0.1, 1), ps::InputError);
  CHECK_THROWS_AS(pareto_curve(0.0, 50), ps::InputError);
  CHECK_THROWS_AS(pareto_curve(NAN, 50), ps::InputError);
}
