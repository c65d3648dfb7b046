#pragma once
// Synthetic K-task regression in the spirit of QM9's targets: every task reads the same inputs
// through a shared nonlinear feature map, and the task scales spread over orders of magnitude
// (1e-2 .. 1e2 by default), so raw MSE losses differ by up to 1e8 and a plain sum of gradients
// serves the large tasks only.
#include <cstdint>
#include <string>
#include <vector>

namespace ps::train {

struct RegressionSet {
  int tasks = 0;
  int features = 0;
  std::size_t size = 0;
  std::vector<float> x;        // size x features, standard normal
  std::vector<float> y;        // size x tasks
  std::vector<double> scales;  // per task: y_k = scale_k * (f_k(x) + noise)
};

// Task k's scale: 10^(-2 + 4 k / (K - 1)).
std::vector<double> regression_scales(int tasks);
// Task names for the log: "t1 x0.01", ...
std::vector<std::string> regression_task_names(int tasks);

// n samples. `problem_seed` fixes the functions f_k (the same for train and test sets);
// `sample_seed` the inputs and noise.
RegressionSet make_regression(int tasks, std::size_t n, std::uint64_t problem_seed,
                              std::uint64_t sample_seed, int features = 16);

}  // namespace ps::train
