#include "app/train/regression_data.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "app/train/det_random.h"

namespace ps::train {

std::vector<double> regression_scales(int tasks) {
  std::vector<double> s(static_cast<std::size_t>(tasks), 1.0);
  for (int k = 0; k < tasks && tasks > 1; ++k) s[k] = std::pow(10.0, -2.0 + 4.0 * k / (tasks - 1));
  return s;
}

std::vector<std::string> regression_task_names(int tasks) {
  std::vector<std::string> names;
  const auto scales = regression_scales(tasks);
  for (int k = 0; k < tasks; ++k) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, scales[k], std::chars_format::general, 2);
    std::string name = "t";  // built piecewise: GCC 12 warns falsely on "lit" + string&&
    name += std::to_string(k + 1);
    name += " x";
    name.append(buf, r.ptr);
    names.push_back(std::move(name));
  }
  return names;
}

RegressionSet make_regression(int tasks, std::size_t n, std::uint64_t problem_seed,
                              std::uint64_t sample_seed, int features) {
  if (tasks < 1 || tasks > 64) throw std::runtime_error("regression: tasks must be 1..64");
  constexpr int H = 32;  // hidden features shared by every task
  const int F = features;
  // The problem: W (H x F), b (H), per task u_k (H) and v_k (F).
  DetRandom prng(problem_seed);
  std::vector<double> W(static_cast<std::size_t>(H) * F), b(H),
      U(static_cast<std::size_t>(tasks) * H), V(static_cast<std::size_t>(tasks) * F);
  for (auto& w : W) w = prng.normal() / std::sqrt(static_cast<double>(F));
  for (auto& x : b) x = 0.5 * prng.normal();
  for (auto& u : U) u = prng.normal() / std::sqrt(static_cast<double>(H));
  for (auto& v : V) v = prng.normal() / std::sqrt(static_cast<double>(F));

  RegressionSet set;
  set.tasks = tasks;
  set.features = F;
  set.size = n;
  set.scales = regression_scales(tasks);
  set.x.resize(n * F);
  set.y.resize(n * tasks);
  DetRandom srng(sample_seed ^ 0xA5A5A5A5DEADBEEFull);
  std::vector<double> x(F), h(H);
  for (std::size_t i = 0; i < n; ++i) {
    for (int f = 0; f < F; ++f) x[f] = srng.normal();
    for (int j = 0; j < H; ++j) {
      double a = b[j];
      for (int f = 0; f < F; ++f) a += W[j * F + f] * x[f];
      h[j] = std::tanh(a);
    }
    for (int k = 0; k < tasks; ++k) {
      double lin = 0, proj = 0;
      for (int j = 0; j < H; ++j) lin += U[k * H + j] * h[j];
      for (int f = 0; f < F; ++f) proj += V[k * F + f] * x[f];
      const double fk = lin + 0.5 * std::sin(2.0 * proj);
      set.y[i * tasks + k] = static_cast<float>(set.scales[k] * (fk + 0.1 * srng.normal()));
    }
    for (int f = 0; f < F; ++f) set.x[i * F + f] = static_cast<float>(x[f]);
  }
  return set;
}

}  // namespace ps::train
