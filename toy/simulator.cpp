#include "toy/simulator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <memory>
#include <numbers>
#include <string>
#include <thread>

#include "core/errors.h"
#include "toy/optimizer.h"
#include "toy/reference_scaling.h"
#include "toy/stopping.h"
#include "toy/toy_problem.h"

namespace ps::toy {

const char* to_string(StopReason r) {
  switch (r) {
    case StopReason::front:
      return "front";
    case StopReason::steps:
      return "steps";
    case StopReason::non_finite:
      return "non_finite";
    case StopReason::cancelled:
      return "cancelled";
  }
  return "unknown";
}

namespace {

constexpr int kCancelPollEvery = 256;  // steps between polls of the cancel flag

std::string vec(const Eigen::Vector2d& v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%.6g, %.6g)", v[0], v[1]);
  return buf;
}
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// "the gradients are 0.11 degrees from anti-parallel", or why there is no angle.
std::string angle_text(const Stationarity& st) {
  if (st.measure == 0 && st.cosine == 0) return "a task gradient vanishes";
  const double off = 180.0 - std::acos(st.cosine) * 180.0 / std::numbers::pi;
  return "the gradients are " + num(off) + " degrees from anti-parallel";
}

// Everything one start needs that does not change during the run.
struct RunContext {
  const SimSettings* s;
  ToyProblem problem;
  ReferenceScaling scaling;
  double stop_tol;
  const std::atomic<bool>* cancel;
};

// Runs one start with its own method object; fills `tr`.
void run_start(const RunContext& ctx, Method& method, const Eigen::Vector2d& x0, Trajectory& tr) {
  const SimSettings& s = *ctx.s;
  tr.start = x0;
  tr.points.clear();
  // Room for every record up front: pages are only touched as records arrive, and the vector
  // does not reallocate (copying) as a run of up to 131,070 kept steps goes on.
  tr.points.reserve(static_cast<size_t>(std::min(s.steps / s.record_every + 2, 1 << 17)));

  Optimizer opt(s.optimizer, s.lr);
  TaskInput in;
  in.grads.resize(2, 2);
  in.gram.resize(2, 2);
  in.losses.resize(2);
  in.loss_floor = ctx.problem.loss_floor();
  MethodResult res;

  Eigen::Vector2d x = x0;
  StepRecord prev;  // the last finite state, kept for a run that turns non-finite
  bool have_prev = false;
  auto finish = [&](const StepRecord& last, StopReason why, std::string detail) {
    if (tr.points.empty() || tr.points.back().step != last.step) tr.points.push_back(last);
    tr.stop = {why, last.step, std::move(detail)};
  };

  for (int t = 0;; ++t) {
    const ToyEval e = ctx.problem.eval(x);
    if (!e.losses.allFinite() || !e.grads.allFinite()) {
      // Only when x is astronomically far out (h1, h2 overflow); x itself is finite here.
      StepRecord r{t, x, Eigen::Vector2d::Zero(), Eigen::Vector2d::Zero(), Eigen::Vector2d::Zero()};
      finish(have_prev ? prev : r, StopReason::non_finite,
             "step " + std::to_string(t) + ": the losses or gradients overflow at x = " + vec(x));
      return;
    }
    // In place, sizes fixed: no allocation. The Gram matrix by hand (Eigen's dynamic product
    // costs more than the whole 2 x 2 sum).
    in.grads = e.grads;
    const double g11 = e.grads.col(0).squaredNorm(), g22 = e.grads.col(1).squaredNorm();
    const double g12 = e.grads.col(0).dot(e.grads.col(1));
    in.gram(0, 0) = g11;
    in.gram(1, 1) = g22;
    in.gram(0, 1) = in.gram(1, 0) = g12;
    in.losses = e.losses;
    try {
      method.update(in, res);
    } catch (const InputError& err) {
      throw InputError(s.method + " at start " + vec(x0) + ", step " + std::to_string(t) + ": " +
                       err.what());
    }
    if (res.direction.size() != 2)
      throw std::logic_error(s.method + " returned a direction of size " +
                             std::to_string(res.direction.size()) + " for 2 parameters");

    StepRecord rec;
    rec.step = t;
    rec.x = x;
    rec.losses = e.losses;
    rec.weights = res.weights.size() == 2 ? Eigen::Vector2d(res.weights) : Eigen::Vector2d::Zero();
    rec.rates = res.rates.size() == 2 ? Eigen::Vector2d(res.rates)
                                      : Eigen::Vector2d(e.grads.transpose() * res.direction);
    if (!rec.weights.allFinite() || !rec.rates.allFinite() || !res.direction.allFinite()) {
      std::string d = "step " + std::to_string(t) + ": " + s.method +
                      " returned non-finite weights or direction, w = " + vec(rec.weights) +
                      " at x = " + vec(x) + " (" + res.note + "); ";
      if (have_prev) {
        finish(prev, StopReason::non_finite, d + "the run ends at the last finite state");
      } else {
        rec.weights.setZero();
        rec.rates.setZero();
        finish(rec, StopReason::non_finite, d + "the start is kept with zero weights and rates");
      }
      return;
    }
    if (t % s.record_every == 0) tr.points.push_back(rec);
    prev = rec;
    have_prev = true;

    if (s.stop_at_front && in_front_band(x)) {
      const Stationarity st = pareto_stationarity(e.grads);
      if (st.measure < ctx.stop_tol) {
        finish(rec, StopReason::front,
               "reached the Pareto front at step " + std::to_string(t) + ": x = " + vec(x) +
                   ", losses " + vec(e.losses) + "; stationarity " + num(st.measure) +
                   " < stop_tol " + num(ctx.stop_tol) + " (" + angle_text(st) + ")");
        return;
      }
    }

    if (t == s.steps) {
      const Stationarity st = pareto_stationarity(e.grads);
      finish(
          rec, StopReason::steps,
          "ran all " + std::to_string(s.steps) + " steps; ends at x = " + vec(x) + ", losses " +
              vec(e.losses) + "; stationarity " + num(st.measure) + " (" + angle_text(st) + "; " +
              (s.stop_at_front ? "stop_tol " + num(ctx.stop_tol) : "stop at the front off") + ")");
      return;
    }
    if (ctx.cancel && t % kCancelPollEvery == 0 && ctx.cancel->load(std::memory_order_relaxed)) {
      finish(rec, StopReason::cancelled,
             "cancelled at step " + std::to_string(t) + ", x = " + vec(x));
      return;
    }
    const Eigen::Vector2d d = ctx.s->reference_scaling ? apply(ctx.scaling, res.direction)
                                                       : Eigen::Vector2d(res.direction);
    opt.step(x, d);
    if (!x.allFinite()) {
      finish(rec, StopReason::non_finite,
             "step " + std::to_string(t) + ": the optimizer step from x = " + vec(rec.x) +
                 " along " + vec(d) + " left x non-finite; the run ends at the last finite state");
      return;
    }
  }
}

void validate_settings(const SimSettings& s, const std::vector<Eigen::Vector2d>& starts) {
  if (!std::isfinite(s.lr) || !(s.lr > 0))
    throw InputError("the learning rate must be a finite number > 0, got " + num(s.lr));
  if (s.steps < 1) throw InputError("steps must be >= 1, got " + std::to_string(s.steps));
  if (s.record_every < 1)
    throw InputError("record_every must be >= 1, got " + std::to_string(s.record_every));
  if (std::isnan(s.stop_tol) || std::isinf(s.stop_tol))
    throw InputError("stop_tol must be a finite number (<= 0 for the default), got " +
                     num(s.stop_tol));
  if (s.optimizer != OptimizerKind::adam && s.optimizer != OptimizerKind::sgd)
    throw InputError("unknown optimizer kind " + std::to_string(static_cast<int>(s.optimizer)));
  for (size_t i = 0; i < starts.size(); ++i)
    if (!starts[i].allFinite())
      throw InputError("start point " + std::to_string(i + 1) +
                       " is not finite: " + vec(starts[i]));
}

}  // namespace

SimResult simulate(const SimSettings& settings, const std::atomic<bool>* cancel) {
  SimResult out;
  out.settings = settings;
  SimSettings& s = out.settings;
  if (s.starts.empty()) s.starts.assign(paper_starts().begin(), paper_starts().end());
  validate_settings(s, s.starts);
  s.params = resolve_params(find_method(s.method), s.params);  // InputError on bad names/values
  if (s.stop_tol <= 0) s.stop_tol = kDefaultStopTol;
  const RunContext ctx{&s, ToyProblem(s.scale), reference_scaling_for(s.method), s.stop_tol,
                       cancel};

  // Methods are stateful: one object per start, all built (and so checked) before any run.
  const size_t n = s.starts.size();
  std::vector<std::unique_ptr<Method>> methods;
  methods.reserve(n);
  for (size_t i = 0; i < n; ++i) methods.push_back(make_method(s.method, s.params));

  // The starts are independent, so they run on up to hardware_concurrency threads taking the next
  // start from a counter; each writes only its own Trajectory with its own method, so the result
  // does not depend on the scheduling.
  out.runs.resize(n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        run_start(ctx, *methods[i], s.starts[i], out.runs[i]);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const size_t threads = std::min<size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (size_t k = 1; k < threads; ++k) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  return out;
}

}  // namespace ps::toy
