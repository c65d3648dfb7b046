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
  ParamValues params;  // method parameters; defaults from the registry
  OptimizerKind optimizer = OptimizerKind::adam;
  double lr = 1e-3;
  int steps = 50000;                    // at most this many steps from each start
  bool stop_at_front = true;            // stop once Pareto-stationary in the band of the Pareto
                                        // set (toy/stopping.h)
  double stop_tol = 0;                  // <= 0: the default, kDefaultStopTol in toy/stopping.h
  bool reference_scaling = true;        // scale and clip the direction as the reference code does
                                        // (toy/reference_scaling.h); off: the method's direction
  double scale = 0.1;                   // ToyProblem scale
  std::vector<Eigen::Vector2d> starts;  // empty: the five paper starts
  int record_every = 1;                 // keep every N-th step (the final state is always kept)
};

struct StepRecord {
  int step = 0;  // 0 is the start point, before any update
  Eigen::Vector2d x;
  Eigen::Vector2d losses;
  Eigen::Vector2d weights;  // method weights at this point (of the direction taken from it),
                            // as the method reports them, before any reference scaling;
                            // 0 for a method that reports none
  Eigen::Vector2d rates;    // g_i^T d at this point, d the method's (unscaled) direction
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
  SimSettings settings;  // as run: starts, params and stop_tol filled in with their defaults
  std::vector<Trajectory> runs;
};

// Runs every start with its own method object (methods are stateful) and optimizer. At each step
// t it evaluates the losses and gradients at x_t, calls the method, records x_t (every
// record_every-th step, and always the last state), tests the stop rule, and steps the optimizer
// with the (reference-scaled) direction. A run ends at the front, after `steps` updates, when
// the method or x turns non-finite (the last finite state is the last point; records are always
// finite) or when cancelled. The starts run in parallel on up to hardware_concurrency threads;
// the result does not depend on that.
// Throws InputError for a bad method, parameter or setting. `cancel`, when set, is polled every
// 256 steps and ends every run with StopReason::cancelled.
SimResult simulate(const SimSettings& s, const std::atomic<bool>* cancel = nullptr);

}  // namespace ps::toy
