// LS, SI, RLW, DWA and UW: the loss-weighting methods.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/errors.h"
#include "core/methods/dwa.h"
#include "core/methods/uw.h"
#include "core/registry.h"
#include "smooth_tasks.h"

using namespace ps;
using ps::test::SmoothTasks;

namespace {

TaskInput with_losses(Eigen::MatrixXd grads, Eigen::VectorXd losses, Eigen::VectorXd floor = {}) {
  TaskInput in = TaskInput::from_grads(std::move(grads), std::move(losses));
  in.loss_floor = std::move(floor);
  return in;
}

std::string error_of(Method& m, const TaskInput& in) {
  try {
    m.update(in);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const Eigen::Vector3d kPoints[] = {{0.3, -0.7, 1.1}, {-1.0, 0.5, -2.0}, {2.0, 1.0, 0.0}};

}  // namespace

TEST_CASE("LS weights are ones and its direction is the sum of the gradients", "[ls]") {
  auto ls = make_method("ls");
  for (const auto& x : kPoints) {
    const TaskInput in = SmoothTasks::input(x);
    const MethodResult r = ls->update(in);
    CHECK(r.weights.isApprox(Eigen::Vector3d::Ones()));
    CHECK(r.direction.isApprox(in.grads.rowwise().sum(), 1e-14));
    CHECK(r.rates.isApprox(in.grads.transpose() * in.grads.rowwise().sum(), 1e-12));
  }
  // From the Gram matrix alone: no direction, the same rates.
  const TaskInput full = SmoothTasks::input(kPoints[0]);
  const MethodResult g = ls->update(TaskInput::from_gram(full.gram));
  CHECK(g.direction.size() == 0);
  CHECK(g.rates.isApprox(full.gram * Eigen::Vector3d::Ones()));
}

TEST_CASE("SI's direction is the gradient of sum_i log(l_i - m_i)", "[si]") {
  auto si = make_method("si");
  const Eigen::Vector3d m = SmoothTasks::floor();
  const auto objective = [&m](const Eigen::Vector3d& x) {
    return (SmoothTasks::losses(x) - m).array().log().sum();
  };
  for (const auto& x : kPoints) {
    const MethodResult r = si->update(SmoothTasks::input(x));
    const Eigen::Vector3d fd = ps::test::fd_gradient(objective, x);
    INFO("x = " << x.transpose() << ", d = " << r.direction.transpose()
                << ", fd = " << fd.transpose());
    CHECK((r.direction - fd).norm() <= 1e-7 * (1 + fd.norm()));
  }
}

TEST_CASE("SI is invariant to rescaling a loss about its floor", "[si]") {
  auto si = make_method("si");
  TaskInput in = SmoothTasks::input(kPoints[1]);
  const Eigen::Vector3d d0 = si->update(in).direction;
  // l2 -> 5 (l2 - m2) + m2, so g2 -> 5 g2: same log objective up to a constant.
  in.losses[1] = 5 * (in.losses[1] - in.loss_floor[1]) + in.loss_floor[1];
  in.grads.col(1) *= 5;
  in.update_gram();
  CHECK(si->update(in).direction.isApprox(d0, 1e-12));
}

TEST_CASE("SI refuses losses at or below the floor, naming the task", "[si][errors]") {
  auto si = make_method("si");
  TaskInput in = SmoothTasks::input(kPoints[0]);
  in.losses[1] = in.loss_floor[1];
  const std::string msg = error_of(*si, in);
  CHECK(msg.find("task 2") != std::string::npos);
  CHECK_THROWS_AS(si->update(TaskInput::from_grads(in.grads)), InputError);
}

TEST_CASE("RLW weights lie on the simplex and follow a seeded normal stream", "[rlw]") {
  const TaskInput in = SmoothTasks::input(kPoints[0]);
  auto a = make_method("rlw", {{"seed", 7}});
  auto b = make_method("rlw", {{"seed", 7}});
  auto c = make_method("rlw", {{"seed", 8}});
  bool any_differs = false;
  Eigen::VectorXd first;
  for (int t = 0; t < 50; ++t) {
    const MethodResult ra = a->update(in), rb = b->update(in), rc = c->update(in);
    if (t == 0) first = ra.weights;
    CHECK((ra.weights.array() > 0).all());
    CHECK(ra.weights.sum() == Approx(1.0).epsilon(1e-14));
    CHECK(ra.weights == rb.weights);  // same seed, same stream, bit for bit
    if (!ra.weights.isApprox(rc.weights, 1e-6)) any_differs = true;
    CHECK(ra.direction.isApprox(in.grads * ra.weights));
  }
  CHECK(any_differs);
  a->reset();  // restarts the stream
  CHECK(a->update(in).weights == first);
}

TEST_CASE("RLW draws are softmaxed standard normals: mean weight 1/K", "[rlw][statistics]") {
  const int k = 3, n = 20000;
  auto rlw = make_method("rlw", {{"seed", 1}});
  const TaskInput in = TaskInput::from_gram(Eigen::Matrix3d::Identity());
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  double log_ratio_mean = 0, log_ratio_sq = 0;
  for (int t = 0; t < n; ++t) {
    const Eigen::VectorXd w = rlw->update(in).weights;
    mean += w;
    // log(w1 / w2) = z1 - z2 ~ N(0, 2).
    const double lr = std::log(w[0] / w[1]);
    log_ratio_mean += lr;
    log_ratio_sq += lr * lr;
  }
  mean /= n;
  log_ratio_mean /= n;
  const double var = log_ratio_sq / n - log_ratio_mean * log_ratio_mean;
  for (int i = 0; i < k; ++i) CHECK(mean[i] == Approx(1.0 / k).margin(0.01));
  CHECK(log_ratio_mean == Approx(0).margin(0.05));
  CHECK(var == Approx(2.0).margin(0.1));
}

TEST_CASE("DWA gives w = 1 for two calls, then K softmax of loss ratios over T", "[dwa]") {
  const Eigen::Matrix3d g = SmoothTasks::grads(kPoints[0]);
  const Eigen::Vector3d floor(-1, -1, -1);
  auto dwa = make_method("dwa", {{"T", 2.0}});
  // Shifted losses (l - m): (2, 2, 2) then (1, 1.5, 1): ratios (0.5, 0.75, 0.5).
  CHECK(dwa->update(with_losses(g, Eigen::Vector3d(1, 1, 1), floor)).weights.isApprox(
      Eigen::Vector3d::Ones()));
  CHECK(dwa->update(with_losses(g, Eigen::Vector3d(0, 0.5, 0), floor)).weights.isApprox(
      Eigen::Vector3d::Ones()));
  const MethodResult r = dwa->update(with_losses(g, Eigen::Vector3d(-0.5, 0, -0.5), floor));
  // The task whose loss fell slower (task 2) gets more weight; weights sum to K.
  CHECK(r.weights[1] > r.weights[0]);
  CHECK(r.weights[0] == Approx(r.weights[2]));
  CHECK(r.weights.sum() == Approx(3.0));
  const double e1 = std::exp(0.5 / 2), e2 = std::exp(0.75 / 2);
  CHECK(r.weights[1] == Approx(3 * e2 / (2 * e1 + e2)));
  CHECK(r.direction.isApprox(g * r.weights));
}

TEST_CASE("DWA: equal loss ratios give w = 1 and a large T gives equal weights", "[dwa]") {
  const Eigen::Matrix3d g = SmoothTasks::grads(kPoints[1]);
  auto dwa = make_method("dwa");
  Eigen::Vector3d l(3, 0.2, 40);
  for (int t = 0; t < 6; ++t, l *= 0.7) {
    const Eigen::VectorXd w = dwa->update(with_losses(g, l)).weights;
    CHECK(w.isApprox(Eigen::Vector3d::Ones(), 1e-12));
  }
  auto hot = make_method("dwa", {{"T", 1e6}});
  hot->update(with_losses(g, Eigen::Vector3d(1, 1, 1)));
  hot->update(with_losses(g, Eigen::Vector3d(0.1, 0.9, 0.5)));
  const Eigen::VectorXd w = hot->update(with_losses(g, Eigen::Vector3d(1, 1, 1))).weights;
  CHECK((w.array() - 1).abs().maxCoeff() < 1e-5);
  CHECK(w[1] > w[2]);
  CHECK(w[2] > w[0]);
}

TEST_CASE("DWA reset forgets the loss history, bad losses throw", "[dwa][errors]") {
  const Eigen::Matrix3d g = SmoothTasks::grads(kPoints[2]);
  DynamicWeightAverage dwa(2.0);
  dwa.update(with_losses(g, Eigen::Vector3d(1, 2, 3)));
  dwa.update(with_losses(g, Eigen::Vector3d(0.5, 2, 1)));
  CHECK_FALSE(dwa.update(with_losses(g, Eigen::Vector3d(1, 1, 1))).weights.isApprox(
      Eigen::Vector3d::Ones()));
  dwa.reset();
  CHECK(dwa.update(with_losses(g, Eigen::Vector3d(1, 2, 3))).weights.isApprox(
      Eigen::Vector3d::Ones()));
  CHECK(dwa.update(with_losses(g, Eigen::Vector3d(0.5, 2, 1))).weights.isApprox(
      Eigen::Vector3d::Ones()));
  // Raw losses of -1 are fine above a floor of -2 and refused without one.
  CHECK_NOTHROW(dwa.update(with_losses(g, Eigen::Vector3d(-1, 1, 1), Eigen::Vector3d(-2, 0, 0))));
  CHECK(error_of(dwa, with_losses(g, Eigen::Vector3d(1, 1, -1))).find("task 3") !=
        std::string::npos);
  CHECK_THROWS_AS(dwa.update(TaskInput::from_grads(g)), InputError);
}

TEST_CASE("UW's first Adam step moves each s_i by lr towards log(l_i - m_i)", "[uw]") {
  const double lr = 0.01;
  UncertaintyWeighting uw(lr);
  const Eigen::Matrix3d g = SmoothTasks::grads(kPoints[0]);
  // Shifted losses (0.2, 1, 8): s_1 goes down, s_2 stays (zero gradient), s_3 goes up.
  const MethodResult r =
      uw.update(with_losses(g, Eigen::Vector3d(-1.8, -1, 6), Eigen::Vector3d(-2, -2, -2)));
  CHECK(uw.log_variances()[0] == Approx(-lr).epsilon(1e-6));
  CHECK(uw.log_variances()[1] == 0.0);
  CHECK(uw.log_variances()[2] == Approx(lr).epsilon(1e-6));
  CHECK(r.weights.isApprox((-uw.log_variances().array()).exp().matrix() / 2));
}

TEST_CASE("UW with constant losses converges to s_i = log l_i, so w_i = 1/(2 l_i)", "[uw]") {
  auto uw = make_method("uw", {{"lr", 0.01}});
  const Eigen::Matrix3d g = SmoothTasks::grads(kPoints[1]);
  const Eigen::Vector3d floor(-2, -2, -2), shifted(0.2, 1.5, 8);
  const TaskInput in = with_losses(g, shifted + floor, floor);
  MethodResult r;
  for (int t = 0; t < 20000; ++t) uw->update(in, r);
  for (int i = 0; i < 3; ++i) CHECK(r.weights[i] == Approx(0.5 / shifted[i]).epsilon(0.01));
  CHECK(r.direction.isApprox(g * r.weights));
  uw->reset();
  CHECK(uw->update(in).weights.isApprox(
      Eigen::Vector3d(std::exp(0.01), std::exp(-0.01), std::exp(-0.01)) / 2, 1e-6));
  CHECK_THROWS_AS(uw->update(TaskInput::from_grads(g)), InputError);
}
