// The toy problem against TOY.md's formulas, written out again here, central finite differences,
// and autograd's conventions at the kinks.
#include "toy/toy_problem.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "core/errors.h"

using ps::toy::ToyProblem;

namespace {

// TOY.md, transcribed literally.
Eigen::Vector2d reference_losses(double x1, double x2, double scale) {
  const double LOWER = 5e-6;
  const double u1 = 0.5 * (-x1 - 7) - std::tanh(-x2);
  const double u2 = 0.5 * (-x1 + 3) + std::tanh(-x2) + 2;
  const double f1 = std::log(std::max(std::abs(u1), LOWER)) + 6;
  const double f2 = std::log(std::max(std::abs(u2), LOWER)) + 6;
  const double h1 = (std::pow(-x1 + 7, 2) + 0.1 * std::pow(-x2 - 8, 2)) / 10 - 20;
  const double h2 = (std::pow(-x1 - 7, 2) + 0.1 * std::pow(-x2 - 8, 2)) / 10 - 20;
  const double c1 = std::max(std::tanh(0.5 * x2), 0.0);
  const double c2 = std::max(std::tanh(-0.5 * x2), 0.0);
  return {scale * (c1 * f1 + c2 * h1), c1 * f2 + c2 * h2};
}

Eigen::Matrix2d central_differences(const ToyProblem& p, const Eigen::Vector2d& x, double h) {
  Eigen::Matrix2d g;
  for (int j = 0; j < 2; ++j) {
    Eigen::Vector2d a = x, b = x;
    a[j] += h;
    b[j] -= h;
    g.row(j) = ((p.losses(a) - p.losses(b)) / (2 * h)).transpose();
  }
  return g;
}

}  // namespace

TEST_CASE("losses follow TOY.md's formulas", "[toy][losses]") {
  const Eigen::Vector2d points[] = {{-8.5, 7.5}, {0, 0},      {9, 9},      {-7.5, -0.5}, {9, -1},
                                    {1.3, -8.3}, {-4.2, 2.7}, {6.9, -0.2}, {-7, 0.4}};
  for (double scale : {0.1, 1.0}) {
    const ToyProblem p(scale);
    for (const auto& x : points) {
      INFO("scale " << scale << " x = (" << x[0] << ", " << x[1] << ")");
      const Eigen::Vector2d want = reference_losses(x[0], x[1], scale);
      const Eigen::Vector2d got = p.losses(x);
      CHECK(got[0] == Approx(want[0]).margin(1e-12));
      CHECK(got[1] == Approx(want[1]).margin(1e-12));
      CHECK(p.eval(x).losses == got);
    }
  }
  // Only L1 carries the scale.
  const Eigen::Vector2d x(2.0, -3.0);
  CHECK(ToyProblem(1.0).losses(x)[0] == Approx(10 * ToyProblem(0.1).losses(x)[0]));
  CHECK(ToyProblem(1.0).losses(x)[1] == ToyProblem(0.1).losses(x)[1]);
}

TEST_CASE("analytic gradients match central differences away from the kinks", "[toy][grads]") {
  std::mt19937 rng(12345);
  std::uniform_real_distribution<double> coord(-10, 10);
  for (double scale : {0.1, 1.0}) {
    const ToyProblem p(scale);
    int tested = 0;
    while (tested < 3000) {
      const Eigen::Vector2d x(coord(rng), coord(rng));
      // Stay away from the gates' switch at x2 = 0 and the log kinks at u = 0.
      const double u1 = 0.5 * (-x[0] - 7) + std::tanh(x[1]);
      const double u2 = 0.5 * (-x[0] + 3) - std::tanh(x[1]) + 2;
      if (std::abs(x[1]) < 1e-2 || std::abs(u1) < 5e-2 || std::abs(u2) < 5e-2) continue;
      ++tested;
      const Eigen::Matrix2d g = p.eval(x).grads;
      const Eigen::Matrix2d fd = central_differences(p, x, 1e-6);
      INFO("x = (" << x[0] << ", " << x[1] << ")\nanalytic\n" << g << "\nfd\n" << fd);
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
          REQUIRE(std::abs(g(i, j) - fd(i, j)) <= 1e-6 * (1 + std::abs(fd(i, j))));
    }
  }
}

TEST_CASE("at x2 = 0 both gates pass gradient, as autograd's clamp does", "[toy][kinks]") {
  const double s = 0.1;
  const ToyProblem p(s);
  for (double x1 : {0.0, -3.0, 4.5, 9.0}) {
    INFO("x1 = " << x1);
    const Eigen::Vector2d x(x1, 0.0);
    const auto e = p.eval(x);
    CHECK(e.losses[0] == 0.0);  // both gates are 0 there
    CHECK(e.losses[1] == 0.0);
    // Each gate contributes its one-sided slope: from above L_i ~ (x2/2) f_i, from below
    // L_i ~ (-x2/2) h_i, so the convention's x2-derivative is the sum of both one-sided ones.
    const double h = 1e-7;
    const Eigen::Vector2d up = (p.losses({x1, h}) - e.losses) / h;
    const Eigen::Vector2d down = (e.losses - p.losses({x1, -h})) / h;
    CHECK(e.grads(1, 0) == Approx(up[0] + down[0]).epsilon(1e-5));
    CHECK(e.grads(1, 1) == Approx(up[1] + down[1]).epsilon(1e-5));
    // No x1-dependence survives with both gates at 0.
    CHECK(e.grads(0, 0) == 0.0);
    CHECK(e.grads(0, 1) == 0.0);
  }
  // The start (0, 0) must move: both task gradients are non-zero there.
  const auto e = p.eval({0.0, 0.0});
  CHECK(e.grads.col(0).norm() > 0.1);
  CHECK(e.grads.col(1).norm() > 1.0);
}

TEST_CASE("log(max(|u|, LOWER)) passes no gradient where |u| < LOWER", "[toy][kinks]") {
  const double s = 0.1;
  const ToyProblem p(s);
  // u1 = 0.5 (-x1 - 7) + tanh(x2) = 0 at x1 = 2 tanh(x2) - 7; c1 > 0 there (x2 > 0).
  const double x2 = 1.0, x1 = 2 * std::tanh(x2) - 7;
  const auto e = p.eval({x1, x2});
  const double u1 = 0.5 * (-x1 - 7) + std::tanh(x2);
  REQUIRE(std::abs(u1) < 5e-6);
  // Only the gate's slope remains: dL1/dx = s * f1 * dc1/dx2 * e2, f1 = log(LOWER) + 6.
  const double dc1 = 0.5 * (1 - std::pow(std::tanh(0.5 * x2), 2));
  CHECK(e.grads(0, 0) == 0.0);
  CHECK(e.grads(1, 0) == Approx(s * (std::log(5e-6) + 6) * dc1).epsilon(1e-12));
  // Just outside the flat bit the log's slope is back, about 1 / |u| * 0.5 in x1.
  const auto e2 = p.eval({x1 - 1e-3, x2});
  CHECK(std::abs(e2.grads(0, 0)) > s * 100);
}

TEST_CASE("loss_floor is FAMO's m at scale 0.1, scales with L1 and lies below every loss",
          "[toy][floor]") {
  CHECK(ToyProblem(0.1).loss_floor()[0] == Approx(-2.1));
  CHECK(ToyProblem(0.1).loss_floor()[1] == -21.0);
  CHECK(ToyProblem(1.0).loss_floor()[0] == Approx(-21.0));
  for (double scale : {0.1, 1.0, 3.0}) {
    const ToyProblem p(scale);
    const Eigen::Vector2d m = p.loss_floor();
    Eigen::Vector2d lowest(INFINITY, INFINITY);
    for (int i = 0; i <= 400; ++i)
      for (int j = 0; j <= 400; ++j)
        lowest = lowest.cwiseMin(p.losses({-12 + 24.0 * i / 400, -12 + 24.0 * j / 400}));
    INFO("scale " << scale << " lowest " << lowest.transpose());
    CHECK((lowest - m).minCoeff() > 0.5 * std::min(1.0, scale));
    // ...and it is a near-tight bound: the minima reach within about one (scaled) unit of it.
    CHECK(lowest[0] - m[0] < 1.5 * scale);
    CHECK(lowest[1] - m[1] < 1.5);
  }
}

TEST_CASE("the paper's five starts and a rejected scale", "[toy]") {
  const auto& s = ps::toy::paper_starts();
  CHECK(s[0] == Eigen::Vector2d(-8.5, 7.5));
  CHECK(s[1] == Eigen::Vector2d(0, 0));
  CHECK(s[2] == Eigen::Vector2d(9, 9));
  CHECK(s[3] == Eigen::Vector2d(-7.5, -0.5));
  CHECK(s[4] == Eigen::Vector2d(9, -1));
  CHECK_THROWS_AS(ToyProblem(0.0), ps::InputError);
  CHECK_THROWS_AS(ToyProblem(-1.0), ps::InputError);
  CHECK_THROWS_AS(ToyProblem(NAN), ps::InputError);
}
