// The toy's optimizers, the reference scaling, the stop rule and the simulator.
#include "toy/simulator.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <thread>

#include "core/errors.h"
#include "core/registry.h"
#include "toy/optimizer.h"
#include "toy/pareto.h"
#include "toy/reference_scaling.h"
#include "toy/stopping.h"
#include "toy/toy_problem.h"

using namespace ps::toy;

namespace {

// x2 of the Pareto set at x1 (linear interpolation of a fine curve); NaN outside [-7, 7].
double set_x2(double x1) {
  static const ParetoCurve c = pareto_curve(0.1, 1401);
  if (x1 < -7 || x1 > 7) return NAN;
  const double pos = (x1 + 7) / 14 * 1400;
  const int i = std::min(1399, static_cast<int>(pos));
  const double f = pos - i;
  return (1 - f) * c.set[i][1] + f * c.set[i + 1][1];
}

SimSettings quick(const std::string& method, std::vector<Eigen::Vector2d> starts, int steps) {
  SimSettings s;
  s.method = method;
  s.starts = std::move(starts);
  s.steps = steps;
  return s;
}

// The method's own direction at x, computed apart from the simulator.
Eigen::Vector2d direction_at(const std::string& method, const Eigen::Vector2d& x, double scale) {
  const ToyProblem p(scale);
  const ToyEval e = p.eval(x);
  ps::TaskInput in = ps::TaskInput::from_grads(e.grads, e.losses);
  in.loss_floor = p.loss_floor();
  return ps::make_method(method)->update(in).direction;
}

void check_records(const Trajectory& t, int record_every) {
  REQUIRE_FALSE(t.points.empty());
  CHECK(t.points.front().step == 0);
  CHECK(t.points.front().x == t.start);
  CHECK(t.points.back().step == t.stop.step);
  CHECK_FALSE(t.stop.detail.empty());
  for (size_t i = 0; i < t.points.size(); ++i) {
    const StepRecord& r = t.points[i];
    INFO("step " << r.step);
    REQUIRE(r.x.allFinite());
    REQUIRE(r.losses.allFinite());
    REQUIRE(r.weights.allFinite());
    REQUIRE(r.rates.allFinite());
    if (i > 0) CHECK(r.step > t.points[i - 1].step);
    if (i + 1 < t.points.size()) CHECK(r.step % record_every == 0);
  }
}

}  // namespace

TEST_CASE("Adam's first steps follow torch.optim.Adam's formula", "[toy][optimizer]") {
  const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  Optimizer adam(OptimizerKind::adam, lr);
  const Eigen::Vector2d grads[] = {{0.3, -2.0}, {0.1, 0.5}, {-1.0, 4e-9}, {2.5, 0.0}};
  Eigen::Vector2d x(1.0, -2.0), want = x;
  double m[2] = {0, 0}, v[2] = {0, 0};
  for (int t = 1; t <= 4; ++t) {
    const Eigen::Vector2d& g = grads[t - 1];
    for (int i = 0; i < 2; ++i) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      const double m_hat = m[i] / (1 - std::pow(b1, t));
      const double v_hat = v[i] / (1 - std::pow(b2, t));
      want[i] -= lr * m_hat / (std::sqrt(v_hat) + eps);
    }
    adam.step(x, g);
    INFO("t = " << t);
    CHECK(x[0] == Approx(want[0]).epsilon(1e-13));
    CHECK(x[1] == Approx(want[1]).epsilon(1e-13));
  }
  CHECK(adam.steps_taken() == 4);
  // The first step is lr * g / (|g| + eps) per coordinate: eps sits outside the bias-corrected
  // root, so a gradient of 1e-8 moves x by lr / 2.
  adam.reset();
  Eigen::Vector2d y(0, 0);
  adam.step(y, Eigen::Vector2d(1e-8, -5.0));
  CHECK(y[0] == Approx(-lr / 2).epsilon(1e-9));
  CHECK(y[1] == Approx(lr * 5 / (5 + eps)).epsilon(1e-12));
}

TEST_CASE("SGD steps by lr times the gradient, bad learning rates are refused",
          "[toy][optimizer]") {
  Optimizer sgd(OptimizerKind::sgd, 0.5);
  Eigen::Vector2d x(1, 1);
  sgd.step(x, Eigen::Vector2d(2, -4));
  CHECK(x == Eigen::Vector2d(0, 3));
  CHECK_THROWS_AS(Optimizer(OptimizerKind::sgd, 0.0), ps::InputError);
  CHECK_THROWS_AS(Optimizer(OptimizerKind::adam, NAN), ps::InputError);
}

TEST_CASE("clip_grad_norm_(max_norm = 1) and the reference table", "[toy][scaling]") {
  // Short vectors pass unchanged; long ones get 1 / (||d|| + 1e-6).
  CHECK(clip_unit_norm({0.3, 0.4}) == Eigen::Vector2d(0.3, 0.4));
  CHECK(clip_unit_norm({0, 0}) == Eigen::Vector2d(0, 0));
  const Eigen::Vector2d c = clip_unit_norm({3, 4});
  CHECK(c[0] == Approx(3 / (5 + 1e-6)).epsilon(1e-15));
  CHECK(c[1] == Approx(4 / (5 + 1e-6)).epsilon(1e-15));
  // At norm exactly 1 the factor 1 / (1 + 1e-6) is below 1, so torch still scales.
  CHECK(clip_unit_norm({1, 0})[0] == Approx(1 / (1 + 1e-6)).epsilon(1e-15));
  CHECK(clip_unit_norm({1, 0})[0] < 1.0);

  struct Row {
    const char* name;
    double factor;
    bool clip;
  };
  for (const Row& r : {Row{"ls", 1, false}, Row{"mgda", 2, false}, Row{"pcgrad", 1, true},
                       Row{"cagrad", 2, true}, Row{"nash_mtl", 1, true}, Row{"fairgrad", 2, true},
                       Row{"si", 1, false}, Row{"famo", 1, false}}) {
    INFO(r.name);
    CHECK(reference_scaling_for(r.name).factor == r.factor);
    CHECK(reference_scaling_for(r.name).clip == r.clip);
  }
  CHECK(apply({2, true}, {0.2, 0.1}) == Eigen::Vector2d(0.4, 0.2));
  CHECK(apply({2, true}, {3, 4}).norm() == Approx(5 / (5 + 1e-6)));
  CHECK(apply({2, false}, {3, 4}) == Eigen::Vector2d(6, 8));
}

TEST_CASE("the simulator feeds the optimizer the reference-scaled direction", "[toy][scaling]") {
  const double lr = 0.01, scale = 1.0;  // CAGrad's scale: MGDA's min-norm point is long enough
  for (const char* name : {"ls", "mgda", "fairgrad", "nash_mtl", "pcgrad", "cagrad"}) {
    INFO(name);
    const ReferenceScaling rule = reference_scaling_for(name);
    // A start where the scaled direction is longer than 1, so that a clip would show.
    Eigen::Vector2d x0(0, 0), d(0, 0);
    for (const Eigen::Vector2d& c :
         {Eigen::Vector2d(-7.5, -0.5), Eigen::Vector2d(9, -1), Eigen::Vector2d(3, -3),
          Eigen::Vector2d(-3, -5), Eigen::Vector2d(9, 9)}) {
      x0 = c;
      d = direction_at(name, x0, scale);
      if (rule.factor * d.norm() > 1.2) break;
    }
    REQUIRE(rule.factor * d.norm() > 1.2);
    for (bool on : {true, false}) {
      SimSettings s = quick(name, {x0}, 1);
      s.optimizer = OptimizerKind::sgd;
      s.lr = lr;
      s.stop_at_front = false;
      s.reference_scaling = on;
      s.scale = scale;
      const Trajectory t = simulate(s).runs.at(0);
      REQUIRE(t.points.size() == 2);
      const Eigen::Vector2d step = (x0 - t.points[1].x) / lr;
      const Eigen::Vector2d want = on ? apply(rule, d) : d;
      CHECK((step - want).norm() < 1e-9 * (1 + want.norm()));
      if (on && rule.clip) CHECK(step.norm() < 1.0);
      if (on && !rule.clip) CHECK(step.norm() > 1.0);
      // Weights and rates are the method's own, before scaling.
      CHECK((t.points[0].rates - ToyProblem(scale).eval(x0).grads.transpose() * d).norm() <
            1e-9 * (1 + t.points[0].rates.norm()));
    }
  }
}

TEST_CASE("the paper's methods reach the Pareto set from the paper's starts",
          "[toy][sim][methods]") {
  struct Case {
    const char* method;
    ps::ParamValues params;
    bool all_reach;
  };
  const Case cases[] = {{"fairgrad", {}, true},
                        {"fairgrad", {{"alpha", 1}}, true},
                        {"fairgrad", {{"alpha", 5}}, true},
                        {"nash_mtl", {}, true},
                        {"mgda", {}, true},
                        {"ls", {}, false},
                        {"pcgrad", {}, false},
                        {"cagrad", {}, false}};
  for (const Case& c : cases) {
    SimSettings s;
    s.method = c.method;
    s.params = c.params;
    s.record_every = 10;
    int reached = 0;
    for (const Trajectory& t : simulate(s).runs) {
      INFO(c.method << " from (" << t.start[0] << ", " << t.start[1] << "): " << t.stop.detail);
      check_records(t, 10);
      CHECK((t.stop.reason == StopReason::front || t.stop.reason == StopReason::steps));
      if (t.stop.reason != StopReason::front) continue;
      ++reached;
      const Eigen::Vector2d x = t.points.back().x;
      CHECK(std::abs(x[1] - set_x2(x[0])) < 0.06);
    }
    INFO(c.method);
    if (c.all_reach) CHECK(reached == 5);
    CHECK(reached >= 3);
  }
}

TEST_CASE("Nash-MTL and FairGrad with alpha = 1 feed Adam the same unit vector",
          "[toy][sim][methods]") {
  SimSettings s;
  s.method = "nash_mtl";
  const SimResult nash = simulate(s);
  s.method = "fairgrad";
  s.params = {{"alpha", 1}};
  const SimResult fair = simulate(s);
  for (size_t i = 0; i < nash.runs.size(); ++i) {
    const Trajectory &a = nash.runs[i], &b = fair.runs[i];
    INFO("start " << i);
    CHECK(a.stop.reason == b.stop.reason);
    CHECK(std::abs(a.stop.step - b.stop.step) <= 10);
    const size_t n = std::min(a.points.size(), b.points.size());
    // Equal up to the solvers' tolerances, which chaotic stretches (the kink at (0, 0)) amplify to
    // below one Adam step (lr = 1e-3).
    for (size_t k = 0; k < n; k += 97) CHECK((a.points[k].x - b.points[k].x).norm() < 1e-3);
  }
}

TEST_CASE("the start (0, 0) moves under LS: both gates pass gradient", "[toy][kinks]") {
  SimSettings s = quick("ls", {{0, 0}}, 1);
  s.stop_at_front = false;
  const Trajectory t = simulate(s).runs.at(0);
  REQUIRE(t.points.size() == 2);
  // g1 + g2 = (0, positive) there, so Adam's first step is (0, -lr).
  CHECK(t.points[1].x[0] == 0.0);
  CHECK(t.points[1].x[1] == Approx(-1e-3).epsilon(1e-6));
}

TEST_CASE("the stationarity measure is half the angle off anti-parallel", "[toy][stop]") {
  Eigen::Matrix2d g;
  g << 1, -3, 0, 0;
  CHECK(pareto_stationarity(g).measure == 0.0);
  g << 1, 2, 0, 0;
  CHECK(pareto_stationarity(g).measure == Approx(1.0));
  for (double eps : {1e-1, 1e-3, 1e-6}) {
    g << 1, -3 * std::cos(eps), 0, -3 * std::sin(eps);
    CHECK(pareto_stationarity(g).measure == Approx(std::sin(eps / 2)).epsilon(1e-6));
    // Scale-free: it does not care which gradient is larger.
    g.col(1) *= 1e5;
    CHECK(pareto_stationarity(g).measure == Approx(std::sin(eps / 2)).epsilon(1e-6));
  }
  g << 0, 1, 0, 1;
  CHECK(pareto_stationarity(g).measure == 0.0);  // a vanishing gradient is stationary
}

TEST_CASE("the stop rule holds near the Pareto set and nowhere far from it", "[toy][stop]") {
  const ToyProblem p(0.1);
  const double tol = kDefaultStopTol;
  for (double x1 = -6.9; x1 <= 6.9; x1 += 0.3) {
    for (double dx : {-1e-3, 0.0, 1e-3}) {
      const Eigen::Vector2d x(x1, set_x2(x1) + dx);
      INFO("x = (" << x[0] << ", " << x[1] << ")");
      CHECK(in_front_band(x));
      CHECK(pareto_stationarity(p.eval(x).grads).measure < tol);
    }
  }
  int far = 0;
  for (int i = 0; i <= 400; ++i)
    for (int j = 0; j <= 400; ++j) {
      const Eigen::Vector2d x(-10 + 20.0 * i / 400, -10 + 20.0 * j / 400);
      const double sx = set_x2(x[0]);
      if (!std::isnan(sx) && std::abs(x[1] - sx) < 0.2) continue;
      if (std::abs(x[0]) <= 7.2 && std::abs(x[0]) >= 6.8 && std::abs(x[1] + 8.43) < 0.2) continue;
      ++far;
      INFO("x = (" << x[0] << ", " << x[1] << ")");
      REQUIRE_FALSE((in_front_band(x) && pareto_stationarity(p.eval(x).grads).measure < tol));
    }
  CHECK(far > 150000);
}

TEST_CASE("runs stop at the front, near the computed Pareto set", "[toy][sim]") {
  SimSettings s = quick("ls", {{0, 0}, {-7.5, -0.5}}, 50000);
  const SimResult r = simulate(s);
  CHECK(r.settings.stop_tol == kDefaultStopTol);
  for (const Trajectory& t : r.runs) {
    INFO(t.stop.detail);
    check_records(t, 1);
    REQUIRE(t.stop.reason == StopReason::front);
    CHECK(t.stop.step < 50000);
    const Eigen::Vector2d x = t.points.back().x;
    CHECK(std::abs(x[1] - set_x2(x[0])) < 0.06);
    CHECK(t.stop.detail.find("front") != std::string::npos);
  }
  // A tighter tolerance stops later and closer.
  s.stop_tol = 1e-5;
  const SimResult tight = simulate(s);
  for (size_t i = 0; i < r.runs.size(); ++i) {
    const Trajectory& t = tight.runs[i];
    REQUIRE(t.stop.reason == StopReason::front);
    CHECK(t.stop.step > r.runs[i].stop.step);
    const Eigen::Vector2d x = t.points.back().x;
    CHECK(std::abs(x[1] - set_x2(x[0])) < 1e-3);
  }
}

TEST_CASE("with the stop off a run takes exactly `steps` steps", "[toy][sim]") {
  SimSettings s = quick("ls", {{0, 0}, {9, 9}}, 3001);
  s.stop_at_front = false;
  s.record_every = 100;
  for (const Trajectory& t : simulate(s).runs) {
    check_records(t, 100);
    CHECK(t.stop.reason == StopReason::steps);
    CHECK(t.stop.step == 3001);
    CHECK(t.points.size() == 32);  // 0, 100, ..., 3000 and the final 3001
  }
  // The last point is always kept, even when it falls on the grid.
  s.steps = 3000;
  for (const Trajectory& t : simulate(s).runs) CHECK(t.points.size() == 31);
}

TEST_CASE("runs are reproducible and independent of the thread schedule", "[toy][sim]") {
  SimSettings s;
  s.method = "pcgrad";  // randomized: each start gets its own seeded object
  s.steps = 4000;
  const SimResult a = simulate(s), b = simulate(s);
  REQUIRE(a.runs.size() == 5);
  for (size_t i = 0; i < 5; ++i) {
    CHECK(a.runs[i].start == ps::toy::paper_starts()[i]);
    REQUIRE(a.runs[i].points.size() == b.runs[i].points.size());
    for (size_t k = 0; k < a.runs[i].points.size(); ++k) {
      CHECK(a.runs[i].points[k].x == b.runs[i].points[k].x);
      CHECK(a.runs[i].points[k].weights == b.runs[i].points[k].weights);
    }
  }
  // Alone, a start runs as it does among others.
  s.starts = {ps::toy::paper_starts()[3]};
  const SimResult one = simulate(s);
  CHECK(one.runs[0].points.back().x == a.runs[3].points.back().x);
}

TEST_CASE("a run that overflows ends non-finite with finite records", "[toy][sim]") {
  SimSettings s = quick("ls", {{9, 9}, {-8.5, 7.5}}, 100);
  s.optimizer = OptimizerKind::sgd;
  s.lr = 1e308;
  for (const Trajectory& t : simulate(s).runs) {
    INFO(t.stop.detail);
    check_records(t, 1);
    CHECK(t.stop.reason == StopReason::non_finite);
    CHECK(t.stop.step < 5);
  }
}

TEST_CASE("FairGrad's growing weights near the front stay finite", "[toy][sim][fairgrad]") {
  SimSettings s = quick("fairgrad", {}, 50000);
  s.stop_at_front = false;
  s.record_every = 50;
  for (const Trajectory& t : simulate(s).runs) {
    INFO(t.stop.detail);
    check_records(t, 50);
    CHECK(t.stop.reason != StopReason::cancelled);
  }
}

TEST_CASE("cancellation ends every run promptly", "[toy][sim][cancel]") {
  std::atomic<bool> cancel{true};
  for (const Trajectory& t : simulate(quick("ls", {}, 50000), &cancel).runs) {
    CHECK(t.stop.reason == StopReason::cancelled);
    CHECK(t.stop.step == 0);
    check_records(t, 1);
  }
  // Set while running: a run far longer than the wait stops early.
  cancel = false;
  SimSettings s = quick("ls", {{9, 9}, {0, 0}}, 400000000);
  s.stop_at_front = false;
  s.record_every = 1000000;
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    cancel = true;
  });
  const SimResult r = simulate(s, &cancel);
  setter.join();
  for (const Trajectory& t : r.runs) {
    CHECK(t.stop.reason == StopReason::cancelled);
    CHECK(t.stop.step < 40000000);
    check_records(t, 1000000);
  }
}

TEST_CASE("bad settings throw InputError", "[toy][sim][errors]") {
  auto bad = [](auto change) {
    SimSettings s = quick("ls", {}, 10);
    change(s);
    return s;
  };
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.lr = 0; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.lr = -1e-3; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.lr = INFINITY; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.steps = 0; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.record_every = 0; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.stop_tol = NAN; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.scale = 0; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.starts = {{0, NAN}}; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.method = "nope"; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) { s.params = {{"alpha", 1}}; })), ps::InputError);
  CHECK_THROWS_AS(simulate(bad([](SimSettings& s) {
                    s.method = "fairgrad";
                    s.params = {{"alpha", -1}};
                  })),
                  ps::InputError);
}
