#pragma once
// Runs a weighting method on the toy problem from several start points and records every step.
#include <Eigen/Dense>
#include <atomic>
#include <string>
#include <vector>

#include "core/registry.h"

namespace ps::toy {

enum class OptimizerKind { adam, sgd };

struct SimSettings {
  std::string method = "fairgrad";
  ParamValues params;                  // method parameters; defaults from the registry
  OptimizerKind optimizer = OptimizerKind::adam;
  double lr = 1e-3;
  int steps = 50000;                   // at most this many steps from each start
  bool stop_at_front = true;           // stop once Pareto-stationary (see stop_tol)
  double stop_tol = 0;                 // <= 0: the documented default
  bool reference_scaling = true;       // scale and clip the direction as the reference code does
  double scale = 0.1;                  // ToyProblem scale
  std::vector<Eigen::Vector2d> starts; // empty: the five paper starts
  int record_every = 1;                // keep every N-th step (the final state is always kept)
};

struct StepRecord {
  int step = 0;               // 0 is the start point, before any update
  Eigen::Vector2d x;
  Eigen::Vector2d losses;
  Eigen::Vector2d weights;    // method weights at this point (of the direction taken from it)
  Eigen::Vector2d rates;      // g_i^T d at this point
};

enum class StopReason { front, steps, non_finite, cancelled };
const char* to_string(StopReason r);

struct StopInfo {
  StopReason reason = StopReason::steps;
  int step = 0;        // the step at which it stopped
  std::string detail;  // for people: why, with the numbers
};

struct Trajectory {
  Eigen::Vector2d start;
  std::vector<StepRecord> points;
  StopInfo stop;
};

struct SimResult {
  SimSettings settings;
  std::vector<Trajectory> runs;
};

// Throws InputError for a bad method, parameter or setting. `cancel`, when set, is polled and
// ends every run with StopReason::cancelled.
SimResult simulate(const SimSettings& s, const std::atomic<bool>* cancel = nullptr);

}  // namespace ps::toy
