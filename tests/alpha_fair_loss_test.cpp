// The alpha-fair loss transform l -> (l - m)^(1-a) / (1-a) wrapped around a method.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/errors.h"
#include "core/methods/alpha_fair_loss.h"
#include "core/methods/factories.h"
#include "core/registry.h"
#include "smooth_tasks.h"

using namespace ps;
using ps::test::SmoothTasks;

namespace {

const Eigen::Vector3d kPoints[] = {{0.3, -0.7, 1.1}, {-1.0, 0.5, -2.0}, {2.0, 1.0, 0.0}};

// Records what it was given and answers with weights that depend on the Gram matrix, so the
// wrapper's bookkeeping can be checked against what the inner method saw.
struct SpyMethod : Method {
  TaskInput seen;
  int resets = 0;
  void update(const TaskInput& in, MethodResult& out) override {
    seen = in;
    out.weights = in.gram.diagonal().cwiseSqrt().cwiseInverse();  // normalized-gradient sum
    finish_linear(in, out);
    out.iterations = 7;
    out.status = Status::near_stationary;
    out.note = "spy";
  }
  void reset() override { ++resets; }
};

}  // namespace

TEST_CASE("loss_alpha on LS follows the gradient of sum_i (l_i - m_i)^(1-a)/(1-a)",
          "[alpha_fair_loss]") {
  const Eigen::Vector3d m = SmoothTasks::floor();
  for (double a : {0.5, -1.0, 0.9, -3.0}) {
    auto method = make_method("ls", {{"loss_alpha", a}});
    const auto objective = [&m, a](const Eigen::Vector3d& x) {
      return ((SmoothTasks::losses(x) - m).array().pow(1 - a) / (1 - a)).sum();
    };
    for (const auto& x : kPoints) {
      const TaskInput in = SmoothTasks::input(x);
      const MethodResult r = method->update(in);
      const Eigen::Vector3d fd = ps::test::fd_gradient(objective, x);
      INFO("a = " << a << ", x = " << x.transpose() << ", d = " << r.direction.transpose()
                  << ", fd = " << fd.transpose());
      CHECK((r.direction - fd).norm() <= 1e-6 * (1 + fd.norm()));
      CHECK(r.direction.isApprox(in.grads * r.weights, 1e-12));
      CHECK(r.rates.isApprox(in.grads.transpose() * r.direction, 1e-12));
      // Not the plain sum: the transform changed the direction.
      CHECK_FALSE(r.direction.isApprox(in.grads.rowwise().sum(), 1e-3));
    }
  }
}

TEST_CASE("the wrapper hands the inner method scaled gradients and transformed losses, and "
          "reports on the original gradients", "[alpha_fair_loss]") {
  const double a = 0.6;
  auto spy_owner = std::make_unique<SpyMethod>();
  SpyMethod& spy = *spy_owner;
  AlphaFairLoss wrapper(std::move(spy_owner), a);
  const TaskInput in = SmoothTasks::input(kPoints[1]);
  const MethodResult r = wrapper.update(in);

  const Eigen::Vector3d shifted = in.losses - in.loss_floor;
  for (int i = 0; i < 3; ++i) {
    const double s = std::pow(shifted[i], -a);
    CHECK(spy.seen.grads.col(i).isApprox(s * in.grads.col(i), 1e-14));
    CHECK(spy.seen.losses[i] == Approx(std::pow(shifted[i], 1 - a) / (1 - a)));
  }
  CHECK((spy.seen.loss_floor.size() == 0 || spy.seen.loss_floor.isZero()));
  CHECK(spy.seen.gram.isApprox(spy.seen.grads.transpose() * spy.seen.grads, 1e-12));
  CHECK(spy.seen.gram == spy.seen.gram.transpose());

  // The inner direction on the scaled gradients, and the weights that give it from the originals.
  const Eigen::Vector3d inner_w = spy.seen.gram.diagonal().cwiseSqrt().cwiseInverse();
  const Eigen::Vector3d inner_d = spy.seen.grads * inner_w;
  CHECK(r.direction.isApprox(inner_d, 1e-14));
  CHECK(r.weights.isApprox(in.grads.colPivHouseholderQr().solve(inner_d), 1e-10));
  CHECK(r.rates.isApprox(in.grads.transpose() * inner_d, 1e-12));
  CHECK(r.iterations == 7);
  CHECK(r.status == Status::near_stationary);
  CHECK(r.note == "spy");
  wrapper.reset();
  CHECK(spy.resets == 1);

  // The Gram matrix alone gives the same weights and rates, and no direction.
  TaskInput gram_only = TaskInput::from_gram(in.gram, in.losses);
  gram_only.loss_floor = in.loss_floor;
  const MethodResult g = wrapper.update(gram_only);
  CHECK(spy.seen.grads.size() == 0);
  CHECK(g.direction.size() == 0);
  CHECK(g.weights.isApprox(r.weights, 1e-12));
  CHECK(g.rates.isApprox(r.rates, 1e-10));
}

TEST_CASE("loss_alpha on SI scales SI by (1 - a): log of a power is a multiple of the log",
          "[alpha_fair_loss]") {
  auto si = make_method("si");
  for (double a : {0.5, -2.0}) {
    auto wrapped = make_method("si", {{"loss_alpha", a}});
    const TaskInput in = SmoothTasks::input(kPoints[2]);
    CHECK(wrapped->update(in).weights.isApprox((1 - a) * si->update(in).weights, 1e-12));
  }
}

TEST_CASE("loss_alpha needs losses above their floors and a valid alpha",
          "[alpha_fair_loss][errors]") {
  auto method = make_method("ls", {{"loss_alpha", 0.5}});
  TaskInput in = SmoothTasks::input(kPoints[0]);
  // LS alone ignores losses; wrapped it must refuse to run without them.
  CHECK_THROWS_AS(method->update(TaskInput::from_grads(in.grads)), InputError);
  in.losses[2] = in.loss_floor[2] - 0.5;
  try {
    method->update(in);
    FAIL("no error for a loss below its floor");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("task 3") != std::string::npos);
    CHECK(std::string(e.what()).find("loss_alpha") != std::string::npos);
  }
  CHECK_THROWS_AS(wrap_alpha_fair_loss(make_method("ls"), 0.0), InputError);
  CHECK_THROWS_AS(wrap_alpha_fair_loss(make_method("ls"), 1.0), InputError);
  CHECK_THROWS_AS(wrap_alpha_fair_loss(make_method("ls"), std::nan("")), InputError);
  CHECK_THROWS_AS(make_method("ls", {{"loss_alpha", 1.5}}), InputError);
}

TEST_CASE("the wrapper passes reset to a stateful, seeded inner method", "[alpha_fair_loss]") {
  auto method = make_method("rlw", {{"seed", 3}, {"loss_alpha", -1}});
  const TaskInput in = SmoothTasks::input(kPoints[0]);
  const Eigen::VectorXd first = method->update(in).weights;
  CHECK_FALSE(method->update(in).weights.isApprox(first));
  method->reset();
  CHECK(method->update(in).weights == first);
}
