// FAMO: weights on the log-losses from learned logits, and the logit update.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/errors.h"
#include "core/methods/famo.h"
#include "core/registry.h"

using namespace ps;

namespace {

TaskInput input(const Eigen::MatrixXd& grads, const Eigen::VectorXd& losses,
                const Eigen::VectorXd& floor = {}) {
  TaskInput in = TaskInput::from_grads(grads, losses);
  in.loss_floor = floor;
  return in;
}

Eigen::VectorXd softmax(const Eigen::VectorXd& x) {
  Eigen::VectorXd e = (x.array() - x.maxCoeff()).exp();
  return e / e.sum();
}

// Two conflicting quadratic tasks on R^2 with different curvatures and offsets:
// l_i = (x - c_i)^T H_i (x - c_i) / 2 + b_i, floors 0.
struct Quadratics {
  Eigen::Matrix2d h1{{10, 0}, {0, 1}}, h2{{1, 0}, {0, 0.2}};
  Eigen::Vector2d c1{1, 1}, c2{-1, 0.5};
  double b1 = 0.05, b2 = 2;
  Eigen::Vector2d losses(const Eigen::Vector2d& x) const {
    return {0.5 * (x - c1).dot(h1 * (x - c1)) + b1, 0.5 * (x - c2).dot(h2 * (x - c2)) + b2};
  }
  Eigen::Matrix2d grads(const Eigen::Vector2d& x) const {
    Eigen::Matrix2d g;
    g.col(0) = h1 * (x - c1);
    g.col(1) = h2 * (x - c2);
    return g;
  }
};

}  // namespace

TEST_CASE("FAMO's first weights are the normalized 1/(l - m): logits start at 0", "[famo]") {
  auto famo = make_method("famo");
  const Eigen::Matrix3d g = Eigen::Matrix3d::Random();
  const Eigen::Vector3d floor(-2.1, -21, 0), losses(-1.6, 3, 0.25);
  const MethodResult r = famo->update(input(g, losses, floor));
  const Eigen::Vector3d inv = (losses - floor).cwiseInverse();
  CHECK(r.weights.isApprox(inv / inv.sum(), 1e-14));
  CHECK(r.direction.isApprox(g * r.weights, 1e-14));
}

TEST_CASE("FAMO's weights are softmax(xi)_i / (c (l_i - m_i)), c normalizing them", "[famo]") {
  Famo famo(0.025, 1e-3);
  const Eigen::Matrix2d g{{1, -0.5}, {0.2, 1}};
  const Eigen::Vector2d floor(-2.1, -21);
  Eigen::Vector2d l(1.0, 5.0);
  for (int t = 0; t < 30; ++t, l = l.cwiseProduct(Eigen::Vector2d(0.95, 0.99))) {
    const MethodResult r = famo.update(input(g, l, floor));
    const Eigen::VectorXd z = softmax(famo.logits());
    const Eigen::VectorXd zd = z.cwiseQuotient(l - floor);
    CHECK(r.weights.isApprox(zd / zd.sum(), 1e-12));
    CHECK((r.weights.array() > 0).all());
  }
}

TEST_CASE("FAMO's first logit update is one Adam step along J_softmax^T delta", "[famo]") {
  const double lr = 0.025;
  Famo famo(lr, 0.5);  // weight decay acts on xi, which is still 0 here
  const Eigen::Matrix2d g = Eigen::Matrix2d::Identity();
  famo.update(input(g, Eigen::Vector2d(4, 4)));
  CHECK(famo.logits().isZero());
  // Task 1's log-loss falls by log 2, task 2's by log(4/3): task 2 fell less, gains weight.
  famo.update(input(g, Eigen::Vector2d(2, 3)));
  // Adam's first step moves each coordinate by lr against the gradient's sign.
  CHECK(famo.logits()[0] == Approx(-lr).epsilon(1e-6));
  CHECK(famo.logits()[1] == Approx(lr).epsilon(1e-6));
}

TEST_CASE("FAMO: the task whose log-loss keeps falling less keeps gaining weight", "[famo]") {
  auto famo = make_method("famo", {{"gamma", 0}});
  Famo* f = dynamic_cast<Famo*>(famo.get());
  REQUIRE(f);
  const Eigen::Matrix3d g = Eigen::Matrix3d::Identity();
  double prev_z3 = 1.0 / 3;
  for (int t = 0; t < 40; ++t) {
    // Log-losses fall by 0.02, 0.01 and 0.005 per step.
    const Eigen::Vector3d l(std::exp(-0.02 * t), std::exp(-0.01 * t), std::exp(-0.005 * t));
    famo->update(input(g, l));
    if (t == 0) continue;
    const Eigen::VectorXd z = softmax(f->logits());
    CHECK(z[2] > prev_z3);
    CHECK(z[2] > z[1]);
    CHECK(z[1] > z[0]);
    prev_z3 = z[2];
  }
}

TEST_CASE("FAMO on two quadratics: weights stay positive and finite, z favours the task "
          "whose log-loss fell less", "[famo]") {
  const Quadratics q;
  auto famo = make_method("famo", {{"gamma", 0}});
  Famo* f = dynamic_cast<Famo*>(famo.get());
  REQUIRE(f);
  Eigen::Vector2d x(3, -2);
  const Eigen::Vector2d start = q.losses(x).array().log();
  MethodResult r;
  for (int t = 0; t < 300; ++t) {
    famo->update(TaskInput::from_grads(q.grads(x), q.losses(x)), r);
    REQUIRE(r.weights.allFinite());
    REQUIRE((r.weights.array() > 0).all());
    x -= 0.02 * r.direction;
  }
  const Eigen::Vector2d fell = start - q.losses(x).array().log().matrix();
  const Eigen::VectorXd z = softmax(f->logits());
  INFO("log-loss decreases " << fell.transpose() << ", z " << z.transpose());
  CHECK((fell.array() > 0).all());
  CHECK((fell[0] < fell[1]) == (z[0] > z[1]));
}

TEST_CASE("FAMO's weight decay gamma pulls the logits back towards 0", "[famo]") {
  Famo plain(0.025, 0), decayed(0.025, 0.5);
  const Eigen::Matrix2d g = Eigen::Matrix2d::Identity();
  for (Famo* f : {&plain, &decayed}) {
    for (int t = 0; t < 20; ++t) f->update(input(g, Eigen::Vector2d(std::exp(-0.1 * t), 1)));
    for (int t = 0; t < 200; ++t) f->update(input(g, Eigen::Vector2d(std::exp(-1.9), 1)));
  }
  CHECK(std::abs(decayed.logits()[0]) < 0.5 * std::abs(plain.logits()[0]));
}

TEST_CASE("FAMO reset forgets the logits and the previous losses, bad input throws",
          "[famo][errors]") {
  auto famo = make_method("famo");
  const Eigen::Matrix2d g = Eigen::Matrix2d::Identity();
  const MethodResult first = famo->update(input(g, Eigen::Vector2d(1, 2)));
  famo->update(input(g, Eigen::Vector2d(0.5, 1.9)));
  CHECK_FALSE(famo->update(input(g, Eigen::Vector2d(1, 2))).weights.isApprox(first.weights));
  famo->reset();
  CHECK(famo->update(input(g, Eigen::Vector2d(1, 2))).weights.isApprox(first.weights, 1e-15));
  CHECK_THROWS_AS(famo->update(TaskInput::from_grads(g)), InputError);
  try {
    famo->update(input(g, Eigen::Vector2d(1, -20), Eigen::Vector2d(0, -20)));
    FAIL("no error for a loss at its floor");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("task 2") != std::string::npos);
  }
}
