// Nash-MTL (core/methods/nash_mtl.h): the Nash bargaining solution G^T G w = 1 / w, checked
// through properties of the bargaining problem itself, and its update_every state.
#include "core/methods/nash_mtl.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "core/errors.h"
#include "core/methods/fairgrad.h"
#include "core/registry.h"
#include "tests/random_grads.h"

using namespace ps;

namespace {

using ps::test::random_grads;

// The bargaining objective: sum_i log(g_i^T d) - |d|^2 / 2 (-inf outside the rates > 0 cone).
double nash_objective(const Eigen::MatrixXd& g, const Eigen::VectorXd& d) {
  const Eigen::VectorXd rates = g.transpose() * d;
  if (rates.minCoeff() <= 0) return -std::numeric_limits<double>::infinity();
  return rates.array().log().sum() - 0.5 * d.squaredNorm();
}

}  // namespace

TEST_CASE("Nash-MTL solves G^T G w = 1/w, from the gradients", "[nash_mtl]") {
  std::mt19937_64 rng(21);
  for (int k : {2, 3, 5, 10, 30}) {
    const Eigen::MatrixXd g = random_grads(rng, k + 3, k, 1e-3, 1e3, 0.3);
    NashMtl method;
    const MethodResult out = method.update(TaskInput::from_grads(g));
    INFO("K " << k);
    REQUIRE(out.status == Status::ok);
    CHECK(out.residual <= 1e-10);
    const Eigen::VectorXd d = g * out.weights;
    CHECK((out.direction - d).norm() <= 1e-12 * d.norm());
    // g_i^T d w_i = 1 for every task, and so |d|^2 = sum_i w_i g_i^T d = K.
    const Eigen::VectorXd rates = g.transpose() * d;
    for (int i = 0; i < k; ++i) CHECK(rates[i] * out.weights[i] == Approx(1).epsilon(1e-9));
    CHECK(d.squaredNorm() == Approx(k).epsilon(1e-9));
  }
}

TEST_CASE("the Nash-MTL direction maximises the bargaining objective", "[nash_mtl]") {
  std::mt19937_64 rng(22);
  std::normal_distribution<double> n(0, 1);
  for (int k : {2, 4, 8}) {
    const Eigen::MatrixXd g = random_grads(rng, k + 2, k, 0.2, 5, 0.5);
    const Eigen::VectorXd d = NashMtl().update(TaskInput::from_grads(g)).direction;
    const double best = nash_objective(g, d);
    for (int trial = 0; trial < 200; ++trial) {
      Eigen::VectorXd v(g.rows());
      for (int i = 0; i < v.size(); ++i) v[i] = n(rng);
      v *= (trial % 4 == 0 ? 1e-3 : 0.1) * d.norm() / v.norm();
      CHECK(nash_objective(g, d + v) < best);
    }
  }
}

TEST_CASE("Nash-MTL is FairGrad with alpha = 1", "[nash_mtl][fairgrad]") {
  std::mt19937_64 rng(23);
  for (int k : {2, 3, 6, 20}) {
    const Eigen::MatrixXd g = random_grads(rng, k + 2, k, 0.1, 10, 0.4);
    const TaskInput in = TaskInput::from_grads(g);
    const MethodResult nash = NashMtl().update(in), fair = FairGrad(1).update(in);
    INFO("K " << k);
    // The same direction up to scale (here the scale is 1: both solve the same system).
    const double scale = nash.direction.norm() / fair.direction.norm();
    CHECK((nash.direction - scale * fair.direction).norm() <= 1e-10 * nash.direction.norm());
    CHECK(scale == Approx(1).epsilon(1e-10));
  }
}

TEST_CASE("scaling one task's gradient leaves the Nash-MTL direction unchanged", "[nash_mtl]") {
  // G^T G w = 1/w with g_i -> c_i g_i is solved by w_i -> w_i / c_i, so d = sum_i w_i g_i stays.
  std::mt19937_64 rng(24);
  for (int k : {2, 5}) {
    const Eigen::MatrixXd g = random_grads(rng, k + 2, k, 0.5, 2, 0.2);
    Eigen::VectorXd c(k);
    for (int i = 0; i < k; ++i) c[i] = std::pow(10.0, 4 * i - 2);
    const Eigen::MatrixXd gc = g * c.asDiagonal();
    const MethodResult a = NashMtl().update(TaskInput::from_grads(g));
    const MethodResult b = NashMtl().update(TaskInput::from_grads(gc));
    CHECK((a.direction - b.direction).norm() <= 1e-10 * a.direction.norm());
    for (int i = 0; i < k; ++i) CHECK(b.weights[i] * c[i] == Approx(a.weights[i]).epsilon(1e-10));
  }
}

TEST_CASE("update_every reuses the weights between solves, and reset restarts the count",
          "[nash_mtl][state]") {
  std::mt19937_64 rng(25);
  std::vector<TaskInput> steps;
  for (int s = 0; s < 8; ++s)
    steps.push_back(TaskInput::from_grads(random_grads(rng, 6, 3, 0.5, 2, 0.5)));
  NashMtl every3(3);
  MethodResult out;
  Eigen::VectorXd solved_at[8];
  for (int s = 0; s < 8; ++s) {
    every3.update(steps[s], out);
    const Eigen::VectorXd fresh = NashMtl().update(steps[s]).weights;
    const Eigen::VectorXd expected = (s % 3 == 0) ? fresh : solved_at[s - s % 3];
    solved_at[s] = out.weights;
    INFO("step " << s);
    CHECK(out.weights.isApprox(expected, 1e-12));
    CHECK((out.iterations > 0) == (s % 3 == 0));
    // Direction and rates always come from the current gradients.
    CHECK(out.direction.isApprox(steps[s].grads * out.weights, 1e-12));
    CHECK(out.rates.isApprox(steps[s].gram * out.weights, 1e-12));
    if (s % 3 != 0) CHECK(!out.weights.isApprox(fresh, 1e-6));
  }
  every3.reset();  // the next update solves again
  every3.update(steps[1], out);
  CHECK(out.weights.isApprox(NashMtl().update(steps[1]).weights, 1e-12));
  // A change in the number of tasks forces a solve.
  const TaskInput four = TaskInput::from_grads(random_grads(rng, 6, 4, 0.5, 2, 0.5));
  every3.update(four, out);
  CHECK(out.weights.size() == 4);
  CHECK(out.weights.isApprox(NashMtl().update(four).weights, 1e-12));
}

TEST_CASE("Nash-MTL at a Pareto-stationary point: finite, flagged, deterministic",
          "[nash_mtl][stationary]") {
  Eigen::MatrixXd g(3, 2);
  g << 1, -2, 2, -4, 0.5, -1;  // g2 = -2 g1
  const TaskInput in = TaskInput::from_grads(g);
  const MethodResult a = NashMtl().update(in), b = NashMtl().update(in);
  CHECK(a.status == Status::near_stationary);
  CHECK(a.weights.allFinite());
  CHECK(a.direction.allFinite());
  CHECK(a.weights == b.weights);
}

TEST_CASE("Nash-MTL input errors and the registry", "[nash_mtl][errors][registry]") {
  Eigen::MatrixXd g = Eigen::MatrixXd::Identity(2, 2);
  g(0, 0) = std::nan("");
  CHECK_THROWS_AS(NashMtl().update(TaskInput::from_grads(g)), InputError);
  CHECK_THROWS_AS(NashMtl(0), InputError);
  CHECK_THROWS_AS(make_method("nash_mtl", {{"update_every", 0}}), InputError);
  CHECK_THROWS_AS(make_method("nash_mtl", {{"update_every", 1.5}}), InputError);
  std::mt19937_64 rng(26);
  std::vector<TaskInput> steps;
  for (int s = 0; s < 3; ++s)
    steps.push_back(TaskInput::from_grads(random_grads(rng, 5, 3, 0.5, 2, 0.5)));
  auto by_name = make_method("nash_mtl", {{"update_every", 2}});
  NashMtl direct(2);
  for (const TaskInput& in : steps) CHECK(by_name->update(in).weights == direct.update(in).weights);
}
