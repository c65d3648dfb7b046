// FairGrad's alpha-fair solve (core/solvers/alpha_fair.h) on realistic random Gram matrices:
// K = 2, 5, 10, 40 task gradients in 4K dimensions sharing a common component (cosines around
// 0.3, as in multi-task training), norms log-uniform in [0.1, 10]; alpha = 2 unless named.
// Each iteration solves one of 64 pre-built matrices cold (no warm start), so the medians are
// per solve. Newton vs Ceres; the "warm" case solves a slowly drifting sequence from the
// previous weights, as a training run or the toy simulator does. fairgrad2_*: K = 2 cold and
// warm at alphas of the GUI slider.
// Run: ps_bench --benchmark_filter=fairgrad (medians of 10 repetitions are reported).
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/method.h"
#include "core/methods/fairgrad.h"
#include "core/solvers/alpha_fair.h"

namespace {

Eigen::MatrixXd random_grads(std::mt19937_64& rng, int k) {
  const int m = 4 * k;
  std::normal_distribution<double> n(0, 1);
  std::uniform_real_distribution<double> u(std::log(0.1), std::log(10.0));
  Eigen::VectorXd common(m);
  for (int i = 0; i < m; ++i) common[i] = n(rng);
  Eigen::MatrixXd g(m, k);
  for (int j = 0; j < k; ++j) {
    for (int i = 0; i < m; ++i) g(i, j) = n(rng) + 0.7 * common[i];
    g.col(j) *= std::exp(u(rng)) / g.col(j).norm();
  }
  return g;
}

std::vector<Eigen::MatrixXd> grams(int k) {
  std::mt19937_64 rng(1234 + k);
  std::vector<Eigen::MatrixXd> out;
  for (int i = 0; i < 64; ++i) {
    const Eigen::MatrixXd g = random_grads(rng, k);
    out.push_back(g.transpose() * g);
  }
  return out;
}

void solve(benchmark::State& state, ps::AlphaFairBackend backend, double alpha) {
  const int k = static_cast<int>(state.range(0));
  const auto a = grams(k);
  ps::AlphaFairOptions o;
  o.backend = backend;
  ps::AlphaFairSolver solver(o);
  Eigen::VectorXd w;
  std::size_t i = 0;
  double iterations = 0, worst = 0;
  for (auto _ : state) {
    const ps::AlphaFairReport r = solver.solve(a[i++ % a.size()], alpha, w);
    benchmark::DoNotOptimize(w.data());
    iterations += r.iterations;
    worst = std::max(worst, r.residual);
  }
  state.counters["iterations"] = iterations / static_cast<double>(state.iterations());
  state.counters["max_residual"] = worst;
}

void fairgrad_newton(benchmark::State& state) { solve(state, ps::AlphaFairBackend::newton, 2); }
void fairgrad_ceres(benchmark::State& state) { solve(state, ps::AlphaFairBackend::ceres, 2); }
void fairgrad_newton_alpha1(benchmark::State& state) {
  solve(state, ps::AlphaFairBackend::newton, 1);
}
void fairgrad_newton_alpha10(benchmark::State& state) {
  solve(state, ps::AlphaFairBackend::newton, 10);
}

// The method object with its warm start, on a Gram matrix that drifts a little each step.
void method_warm(benchmark::State& state, int k, double alpha) {
  std::mt19937_64 rng(99 + k);
  const Eigen::MatrixXd g0 = random_grads(rng, k), g1 = random_grads(rng, k);
  std::vector<ps::TaskInput> steps;
  for (int s = 0; s < 256; ++s) {
    const double t = 0.5 + 0.5 * std::sin(0.01 * s);
    steps.push_back(ps::TaskInput::from_grads((1 - 0.05 * t) * g0 + 0.05 * t * g1));
  }
  ps::FairGrad method(alpha);
  ps::MethodResult out;
  std::size_t i = 0;
  double iterations = 0;
  for (auto _ : state) {
    method.update(steps[i++ % steps.size()], out);
    benchmark::DoNotOptimize(out.direction.data());
    iterations += out.iterations;
  }
  state.counters["iterations"] = iterations / static_cast<double>(state.iterations());
}

void fairgrad_method_warm(benchmark::State& state) {
  method_warm(state, static_cast<int>(state.range(0)), 2);
}

// K = 2 at the alphas of the GUI slider other than 1 and 2 (no closed form or cubic there):
// cold solves and warm method updates, as the toy simulator makes them.
void fairgrad2_cold(benchmark::State& state, double alpha) {
  solve(state, ps::AlphaFairBackend::newton, alpha);  // K = state.range(0) = 2
}
void fairgrad2_warm(benchmark::State& state, double alpha) { method_warm(state, 2, alpha); }

#define PS_FAIRGRAD_BENCH(fn) \
  BENCHMARK(fn)->Arg(2)->Arg(5)->Arg(10)->Arg(40)->Repetitions(10)->ReportAggregatesOnly(true)

PS_FAIRGRAD_BENCH(fairgrad_newton)->Unit(benchmark::kNanosecond);
PS_FAIRGRAD_BENCH(fairgrad_ceres)->Unit(benchmark::kMicrosecond);
PS_FAIRGRAD_BENCH(fairgrad_newton_alpha1)->Unit(benchmark::kNanosecond);
PS_FAIRGRAD_BENCH(fairgrad_newton_alpha10)->Unit(benchmark::kNanosecond);
PS_FAIRGRAD_BENCH(fairgrad_method_warm)->Unit(benchmark::kNanosecond);

#define PS_FAIRGRAD2_BENCH(alpha, name)          \
  BENCHMARK_CAPTURE(fairgrad2_cold, name, alpha) \
      ->Arg(2)                                   \
      ->Repetitions(10)                          \
      ->ReportAggregatesOnly(true);              \
  BENCHMARK_CAPTURE(fairgrad2_warm, name, alpha)->Repetitions(10)->ReportAggregatesOnly(true)
PS_FAIRGRAD2_BENCH(0.5, alpha0_5);
PS_FAIRGRAD2_BENCH(2.0, alpha2);
PS_FAIRGRAD2_BENCH(3.7, alpha3_7);
PS_FAIRGRAD2_BENCH(5.0, alpha5);
PS_FAIRGRAD2_BENCH(10.0, alpha10);
PS_FAIRGRAD2_BENCH(1000.0, alpha1000);

}  // namespace
